// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "range_summary_panel.h"

#include "csv_text.h"
#include "range_summary_model.h"
#include "time_format.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lanescope::widgets {

namespace {

QString plural(std::uint64_t n, const char* one, const char* many) {
    return QLocale(QLocale::English).toString(static_cast<qulonglong>(n)) + QLatin1Char(' ') +
           QLatin1String(n == 1 ? one : many);
}

QString captionText(const Trace& trace, const std::vector<analysis::NameSummary>& rows,
                    TimeNs start, TimeNs end, int laneCount) {
    std::uint64_t slices = 0;
    for (const analysis::NameSummary& row : rows)
        slices += row.count;
    return QStringLiteral("%1 selected (%2 … %3) · %4 · %5 · %6")
        .arg(formatDuration(end - start), formatDuration(start - trace.spanStart),
             formatDuration(end - trace.spanStart),
             plural(static_cast<std::uint64_t>(std::max(laneCount, 0)), "lane", "lanes"),
             plural(slices, "slice", "slices"), plural(rows.size(), "name", "names"));
}

} // namespace

RangeSummaryPanel::RangeSummaryPanel(QWidget* parent)
    : QWidget(parent), caption_(new QLabel(this)), table_(new QTableView(this)),
      model_(new RangeSummaryModel(this)), proxy_(new QSortFilterProxyModel(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    setupTable();

    caption_->setWordWrap(true);
    caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* copy = new QToolButton(this);
    copy->setText(tr("Copy CSV"));
    copy->setToolTip(tr("Copy the table as CSV, in the current order (Ctrl+C)"));
    connect(copy, &QToolButton::clicked, this, [this] { copyCsv(); });
    auto* shortcut = new QShortcut(QKeySequence::Copy, this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, [this] { copyCsv(); });

    auto* top = new QHBoxLayout;
    top->addWidget(caption_, 1);
    top->addWidget(copy, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(table_, 1);
    clear();
}

void RangeSummaryPanel::setupTable() {
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RangeSummaryModel::Total, Qt::DescendingOrder);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideRight);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    // Numbers fit their contents and the name takes the rest: a thousand-character kernel name
    // must not push the numbers out of sight.
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RangeSummaryModel::Name, QHeaderView::Stretch);
    header->setMinimumSectionSize(48);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit nameActivated(model_->name(proxy_->mapToSource(index).row()));
    });
}

void RangeSummaryPanel::setSummary(std::shared_ptr<const Trace> trace,
                                   std::vector<analysis::NameSummary> rows, TimeNs start,
                                   TimeNs end, int laneCount) {
    if (!trace) {
        clear();
        return;
    }
    caption_->setText(captionText(*trace, rows, start, end, laneCount));
    model_->setRows(std::move(trace), std::move(rows));
}

void RangeSummaryPanel::clear() {
    model_->clear();
    caption_->setText(tr("Drag on the timeline with Shift held to summarise a range"));
}

QString RangeSummaryPanel::toCsv() const {
    QString csv = QStringLiteral("name,count,total_ns,avg_ns,min_ns,max_ns\n");
    for (int row = 0; row < proxy_->rowCount(); ++row) {
        const int source = proxy_->mapToSource(proxy_->index(row, 0)).row();
        const analysis::NameSummary& s = model_->summary(source);
        csv += csvField(model_->name(source)) + QLatin1Char(',') +
               QString::number(static_cast<qulonglong>(s.count)) + QLatin1Char(',') +
               QString::number(s.total) + QLatin1Char(',') + QString::number(s.average(), 'f', 1) +
               QLatin1Char(',') + QString::number(s.min) + QLatin1Char(',') +
               QString::number(s.max) + QLatin1Char('\n');
    }
    return csv;
}

void RangeSummaryPanel::copyCsv() const {
    QGuiApplication::clipboard()->setText(toCsv());
}

} // namespace lanescope::widgets
