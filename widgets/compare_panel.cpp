#include "compare_panel.h"

#include "op_diff_model.h"
#include "step_chart.h"
#include "time_format.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace lanescope::widgets {

ComparePanel::ComparePanel(QWidget* parent)
    : QWidget(parent), chart_(new StepChart(this)), filter_(new QLineEdit(this)),
      noiseMs_(new QDoubleSpinBox(this)), noisePct_(new QDoubleSpinBox(this)),
      model_(new OpDiffModel(this)), proxy_(new QSortFilterProxyModel(this)),
      table_(new QTableView(this)), findings_(new QListWidget(this)) {
    filter_->setPlaceholderText(tr("Filter operators"));
    filter_->setClearButtonEnabled(true);
    noiseMs_->setRange(0, 1e6);
    noiseMs_->setDecimals(3);
    noiseMs_->setSuffix(tr(" ms"));
    noiseMs_->setValue(double(model_->noise().minNs) / 1e6);
    noiseMs_->setToolTip(tr("Differences smaller than this are not coloured"));
    noisePct_->setRange(0, 1000);
    noisePct_->setDecimals(1);
    noisePct_->setSuffix(tr(" %"));
    noisePct_->setValue(model_->noise().minShare * 100);
    noisePct_->setToolTip(
        tr("Differences smaller than this share of the baseline are not coloured"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(filter_, 1);
    controls->addWidget(new QLabel(tr("Noise below"), this));
    controls->addWidget(noiseMs_);
    controls->addWidget(new QLabel(tr("and"), this));
    controls->addWidget(noisePct_);

    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    proxy_->setFilterKeyColumn(OpDiffModel::Name);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(OpDiffModel::Diff, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(OpDiffModel::Name, QHeaderView::Interactive);
    table_->setColumnWidth(OpDiffModel::Name, 200);
    table_->setWordWrap(false);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(chart_);
    topLayout->addLayout(controls);
    topLayout->addWidget(table_, 1);
    splitter->addWidget(top);
    splitter->addWidget(findings_);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    connect(noiseMs_, &QDoubleSpinBox::valueChanged, this, &ComparePanel::applyNoise);
    connect(noisePct_, &QDoubleSpinBox::valueChanged, this, &ComparePanel::applyNoise);
    const auto activate = [this](const QModelIndex& index) {
        if (index.isValid())
            emit opActivated(opAt(index.row()));
    };
    connect(table_, &QTableView::clicked, this, activate);
    connect(table_, &QTableView::activated, this, activate);
}

void ComparePanel::applyNoise() {
    model_->setNoise({static_cast<TimeNs>(noiseMs_->value() * 1e6), noisePct_->value() / 100.0});
}

QString ComparePanel::opAt(int viewRow) const {
    const QModelIndex source = proxy_->mapToSource(proxy_->index(viewRow, 0));
    return source.isValid() ? QString::fromStdString(model_->diff(source.row()).name) : QString();
}

void ComparePanel::setComparison(std::shared_ptr<const compare::Comparison> comparison,
                                 const QString& baseLabel, const QString& compLabel) {
    comparison_ = comparison;
    chart_->setComparison(comparison, baseLabel, compLabel);
    model_->setComparison(comparison);
    table_->sortByColumn(OpDiffModel::Diff, Qt::DescendingOrder);
    fillFindings();
}

void ComparePanel::fillFindings() {
    findings_->clear();
    if (!comparison_)
        return;
    const compare::InsightDiff& d = comparison_->insights;
    for (const auto& g : d.onlyBaseline)
        findings_->addItem(tr("Gone: %1").arg(QString::fromStdString(g.baseTitle)));
    for (const auto& g : d.onlyComparison)
        findings_->addItem(tr("New: %1").arg(QString::fromStdString(g.compTitle)));
    for (const auto& g : d.changed)
        findings_->addItem(tr("Changed: %1 — %2 → %3 at stake")
                               .arg(QString::fromStdString(g.subject),
                                    formatDuration(g.baseAtStakeNs),
                                    formatDuration(g.compAtStakeNs)));
    if (findings_->count() == 0)
        findings_->addItem(tr("The findings of both runs are the same"));
    for (int i = 0; i < findings_->count(); ++i)
        findings_->item(i)->setToolTip(findings_->item(i)->text());
}

} // namespace lanescope::widgets
