// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "insights_panel.h"

#include "insight_style.h"
#include "insights_model.h"
#include "time_format.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>
#include <map>

namespace lanescope::widgets {

using analysis::Insight;
using analysis::InsightKind;

namespace {

constexpr int kAllKinds = -1;

QString numberText(analysis::Number name, double value) {
    switch (analysis::unitOf(name)) {
    case analysis::NumberUnit::Ns:
        return formatDuration(static_cast<TimeNs>(value));
    case analysis::NumberUnit::Share:
        return QString::fromStdString(analysis::formatTitlePercent(value));
    case analysis::NumberUnit::Count:
        break;
    }
    return QLocale().toString(value, 'g', 8);
}

} // namespace

InsightsPanel::InsightsPanel(QWidget* parent)
    : QWidget(parent), model_(new InsightsModel(this)), filter_(new InsightsFilter(this)),
      text_(new QLineEdit(this)), kind_(new QComboBox(this)), severity_(new QComboBox(this)),
      count_(new QLabel(this)), table_(new QTableView(this)), details_(new QTextBrowser(this)) {
    filter_->setSourceModel(model_);
    table_->setModel(filter_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1,
                         Qt::AscendingOrder); // the detectors' ranking until a header is clicked
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(22);
    table_->setIconSize(QSize(16, 16));
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideRight);
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(InsightsModel::Kind, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(InsightsModel::Severity, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(InsightsModel::AtStake, QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    text_->setPlaceholderText(tr("Filter findings"));
    text_->setClearButtonEnabled(true);
    severity_->addItem(tr("Any severity"), static_cast<int>(analysis::Severity::Low));
    severity_->addItem(tr("Medium and high"), static_cast<int>(analysis::Severity::Medium));
    severity_->addItem(tr("High"), static_cast<int>(analysis::Severity::High));
    details_->setOpenLinks(false);
    layOut();
    rebuildKindChoices();
    updateCount();

    connect(text_, &QLineEdit::textChanged, this, [this](const QString& text) {
        filter_->setText(text);
        updateCount();
    });
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        const int kind = kind_->currentData().toInt();
        filter_->setKind(kind == kAllKinds ? std::nullopt
                                           : std::optional(static_cast<InsightKind>(kind)));
        updateCount();
    });
    connect(severity_, &QComboBox::currentIndexChanged, this, [this] {
        filter_->setMinimumSeverity(
            static_cast<analysis::Severity>(severity_->currentData().toInt()));
        updateCount();
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InsightsPanel::onCurrentRowChanged);
    connect(table_, &QTableView::activated, this, [this](const QModelIndex& index) {
        // Return or a double-click shows the current finding again (the user may have panned).
        if (const Insight* insight = model_->insightAt(filter_->mapToSource(index).row()))
            emit insightActivated(QString::fromStdString(insight->id));
    });
}

void InsightsPanel::layOut() {
    auto* thresholds = new QToolButton(this);
    thresholds->setText(tr("Thresholds…"));
    thresholds->setToolTip(tr("Change what the detectors report"));
    connect(thresholds, &QToolButton::clicked, this, &InsightsPanel::thresholdsRequested);
    auto* annotate = new QToolButton(this);
    annotate->setText(tr("Annotate"));
    annotate->setToolTip(tr("Keep the chosen finding as an annotation (it is saved with the "
                            "trace and goes into exports and reports)"));
    connect(annotate, &QToolButton::clicked, this, [this] {
        if (!currentId().isEmpty())
            emit annotateRequested(currentId());
    });
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(text_, 1);
    bar->addWidget(kind_);
    bar->addWidget(severity_);
    auto* status = new QHBoxLayout;
    status->setContentsMargins(0, 0, 0, 0);
    status->addWidget(count_, 1);
    status->addWidget(annotate);
    status->addWidget(thresholds);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(table_);
    split->addWidget(details_);
    // The chosen finding's sentence and suggestion need room to be read whole.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(status);
    layout->addWidget(split, 1);
}

void InsightsPanel::setInsights(std::shared_ptr<const std::vector<Insight>> insights) {
    insights_ = std::move(insights);
    model_->setInsights(insights_);
    rebuildKindChoices();
    showDetails(nullptr);
    updateCount();
}

void InsightsPanel::setAnalysing(bool analysing) {
    analysing_ = analysing;
    updateCount();
}

bool InsightsPanel::selectInsight(const std::string& id) {
    const QModelIndex index = filter_->mapFromSource(model_->index(model_->rowOf(id), 0));
    if (!index.isValid())
        return false;
    table_->scrollTo(index);
    if (table_->currentIndex().row() == index.row())
        emit insightActivated(QString::fromStdString(id));
    else
        table_->setCurrentIndex(index); // onCurrentRowChanged announces it
    return true;
}

void InsightsPanel::showCurrent(const std::string& id) {
    QModelIndex index = filter_->mapFromSource(model_->index(model_->rowOf(id), 0));
    if (!index.isValid() && model_->rowOf(id) >= 0) {
        setKindFilter(std::nullopt);
        severity_->setCurrentIndex(0);
        text_->clear();
        index = filter_->mapFromSource(model_->index(model_->rowOf(id), 0));
    }
    if (!index.isValid())
        return;
    quiet_ = true;
    table_->setCurrentIndex(index);
    quiet_ = false;
    table_->scrollTo(index);
}

void InsightsPanel::setKindFilter(std::optional<InsightKind> kind) {
    kind_->setCurrentIndex(
        std::max(0, kind_->findData(kind ? static_cast<int>(*kind) : kAllKinds)));
}

void InsightsPanel::setTextFilter(const QString& text) {
    text_->setText(text);
}

int InsightsPanel::shownCount() const {
    return filter_->rowCount();
}

QString InsightsPanel::currentId() const {
    const QModelIndex current = table_->currentIndex();
    const Insight* insight =
        current.isValid() ? model_->insightAt(filter_->mapToSource(current).row()) : nullptr;
    return insight ? QString::fromStdString(insight->id) : QString();
}

QString InsightsPanel::detailsText() const {
    return details_->toPlainText();
}

// "All kinds (12)", then each kind present with its count, in the kinds' order.
void InsightsPanel::rebuildKindChoices() {
    const int previous = kind_->currentData().isValid() ? kind_->currentData().toInt() : kAllKinds;
    std::map<int, int> counts;
    if (insights_)
        for (const Insight& insight : *insights_)
            ++counts[static_cast<int>(insight.kind)];
    const QSignalBlocker block(kind_);
    kind_->clear();
    kind_->addItem(tr("All kinds (%1)").arg(insights_ ? insights_->size() : 0), kAllKinds);
    for (const auto& [kind, n] : counts)
        kind_->addItem(kindIcon(static_cast<InsightKind>(kind)),
                       tr("%1 (%2)").arg(kindLabel(static_cast<InsightKind>(kind))).arg(n), kind);
    const int keep = kind_->findData(previous);
    kind_->setCurrentIndex(std::max(0, keep));
    if (keep < 0)
        filter_->setKind(std::nullopt);
}

void InsightsPanel::updateCount() {
    const int total = model_->rowCount();
    if (analysing_)
        count_->setText(tr("Analysing…"));
    else if (!insights_)
        count_->setText(tr("No trace"));
    else if (total == 0)
        count_->setText(tr("Nothing found at these thresholds"));
    else if (shownCount() == total)
        count_->setText(tr("%n finding(s), most time at stake first", nullptr, total));
    else
        count_->setText(tr("%1 of %2 findings").arg(shownCount()).arg(total));
}

void InsightsPanel::onCurrentRowChanged() {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    const Insight* insight =
        current.isValid() ? model_->insightAt(filter_->mapToSource(current).row()) : nullptr;
    showDetails(insight);
    if (insight && !quiet_)
        emit insightActivated(QString::fromStdString(insight->id));
}

void InsightsPanel::showDetails(const Insight* insight) {
    if (!insight) {
        details_->setHtml(tr("<p style='color:gray'>Choose a finding to see it on the timeline "
                             "with what to try.</p>"));
        return;
    }
    QString html = QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                       .arg(QString::fromStdString(insight->title).toHtmlEscaped(),
                            QString::fromStdString(insight->suggestion).toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='1'>");
    const auto row = [&html](const QString& name, const QString& value) {
        html += QStringLiteral("<tr><td style='color:gray;padding-right:12px'>%1</td><td>%2</td>"
                               "</tr>")
                    .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(tr("id"), QString::fromStdString(insight->id));
    row(tr("kind"), kindLabel(insight->kind) + " · " + severityLabel(insight->severity));
    row(tr("at stake"), formatDuration(insight->timeAtStake));
    row(tr("region"), formatDuration(insight->end - insight->start));
    for (const auto& [name, value] : insight->numbers)
        row(QString::fromLatin1(analysis::toString(name)), numberText(name, value));
    html += QStringLiteral("</table>");
    details_->setHtml(html);
}

} // namespace lanescope::widgets
