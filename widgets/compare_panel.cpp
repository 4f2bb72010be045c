// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "compare_panel.h"

#include "op_diff_model.h"
#include "step_chart.h"
#include "time_format.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace lanescope::widgets {

ComparePanel::ComparePanel(QWidget* parent)
    : QWidget(parent), chart_(new StepChart(this)), filter_(new QLineEdit(this)),
      grouping_(new QComboBox(this)), baseSteps_(new QLineEdit(this)),
      compSteps_(new QLineEdit(this)), noiseMs_(new QDoubleSpinBox(this)),
      noisePct_(new QDoubleSpinBox(this)), model_(new OpDiffModel(this)),
      proxy_(new QSortFilterProxyModel(this)), table_(new QTableView(this)),
      findings_(new QListWidget(this)) {
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
    grouping_->addItems({tr("Operators"), tr("Kernel types")});
    for (QLineEdit* steps : {baseSteps_, compSteps_}) {
        steps->setPlaceholderText(tr("after the first"));
        steps->setToolTip(tr("Steps to compare, by their numbers as in ProfilerStep#N: 6, 5-7, "
                             "all; empty: every step after the first (warm-up). Steps pair by "
                             "position. Return applies."));
        steps->setMaximumWidth(120);
        connect(steps, &QLineEdit::returnPressed, this,
                [this] { emit stepsChosen(baseSteps_->text(), compSteps_->text()); });
    }
    auto* stepRow = new QHBoxLayout;
    stepRow->addWidget(new QLabel(tr("Steps: baseline"), this));
    stepRow->addWidget(baseSteps_);
    stepRow->addWidget(new QLabel(tr("comparison"), this));
    stepRow->addWidget(compSteps_);
    stepRow->addStretch(1);
    auto* controls = new QHBoxLayout;
    controls->addWidget(grouping_);
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
    topLayout->addLayout(stepRow);
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
    connect(grouping_, &QComboBox::currentIndexChanged, this,
            [this](int index) { showKernelTypes(index == 1); });
    const auto activate = [this](const QModelIndex& index) {
        if (index.isValid() && !model_->showsKernels())
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
    const bool sameVendor = comparison && comparison->sameVendor;
    if (auto* items = qobject_cast<QStandardItemModel*>(grouping_->model()))
        if (QStandardItem* item = items->item(1)) {
            item->setEnabled(sameVendor);
            item->setToolTip(sameVendor ? QString()
                                        : tr("Kernels compare by type only between runs on the "
                                             "same vendor; across GPU and NPU compare the ops"));
        }
    showKernelTypes(sameVendor && grouping_->currentIndex() == 1);
    fillFindings();
}

void ComparePanel::showKernelTypes(bool kernels) {
    const bool allowed = kernels && comparison_ && comparison_->sameVendor;
    {
        const QSignalBlocker quiet(grouping_);
        grouping_->setCurrentIndex(allowed ? 1 : 0);
    }
    model_->setComparison(comparison_, allowed);
    table_->sortByColumn(OpDiffModel::Diff, Qt::DescendingOrder);
}

void ComparePanel::setStepsText(const QString& base, const QString& comp) {
    baseSteps_->setText(base);
    compSteps_->setText(comp);
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
        findings_->addItem(tr("Changed (%1 → %2 at stake): %3")
                               .arg(formatDuration(g.baseAtStakeNs),
                                    formatDuration(g.compAtStakeNs),
                                    QString::fromStdString(g.compTitle)));
    if (findings_->count() == 0)
        findings_->addItem(tr("The findings of both runs are the same"));
    for (int i = 0; i < findings_->count(); ++i)
        findings_->item(i)->setToolTip(findings_->item(i)->text());
}

} // namespace lanescope::widgets
