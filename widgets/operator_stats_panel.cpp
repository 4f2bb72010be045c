// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "operator_stats_panel.h"

#include "operator_stats_model.h"
#include "time_format.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lanescope::widgets {

namespace {

constexpr int kWholeTrace = 0;
constexpr int kSelectedRange = 1;
constexpr int kFirstStep = 2;

} // namespace

OperatorStatsPanel::OperatorStatsPanel(QWidget* parent)
    : QWidget(parent), scope_(new QComboBox(this)), grouping_(new QComboBox(this)),
      filter_(new QLineEdit(this)), caption_(new QLabel(this)), table_(new QTableView(this)),
      model_(new OperatorStatsModel(this)), proxy_(new QSortFilterProxyModel(this)) {
    grouping_->addItems({tr("Operators"), tr("Kernel types")});
    filter_->setPlaceholderText(tr("Filter"));
    filter_->setClearButtonEnabled(true);
    auto* copy = new QToolButton(this);
    copy->setText(tr("Copy CSV"));
    copy->setToolTip(tr("Copy the table as CSV, in the current order (Ctrl+C)"));
    connect(copy, &QToolButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(toCsv()); });
    auto* shortcut = new QShortcut(QKeySequence::Copy, this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this,
            [this] { QGuiApplication::clipboard()->setText(toCsv()); });

    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    proxy_->setFilterKeyColumn(0);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    QHeaderView* header = table_->horizontalHeader();
    // Numbers fit their contents and the name takes the rest: a long kernel name must not push
    // the numbers out of sight.
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(0, QHeaderView::Stretch);
    header->setMinimumSectionSize(48);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit nameActivated(model_->name(proxy_->mapToSource(index).row()));
    });

    auto* top = new QHBoxLayout;
    top->addWidget(scope_, 1);
    top->addWidget(grouping_);
    top->addWidget(filter_, 1);
    top->addWidget(copy);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(caption_);
    layout->addWidget(table_, 1);

    connect(scope_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(grouping_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    setOps(nullptr, nullptr);
}

void OperatorStatsPanel::setOps(std::shared_ptr<const Trace> trace,
                                std::shared_ptr<const analysis::OpIndex> ops) {
    trace_ = std::move(trace);
    ops_ = std::move(ops);
    range_.reset();
    steps_.clear();
    const QSignalBlocker quiet(scope_);
    scope_->clear();
    scope_->addItem(tr("Whole trace"));
    scope_->addItem(tr("Selected range"));
    if (trace_) {
        for (const compare::RunStep& step : compare::runSteps(*trace_))
            if (step.number)
                steps_.push_back(step);
        for (const compare::RunStep& step : steps_)
            scope_->addItem(tr("%1 (%2)").arg(QString::fromStdString(step.name),
                                              formatDuration(step.durationNs())));
    }
    setSelectedRange(std::nullopt);
    refresh();
}

void OperatorStatsPanel::setSelectedRange(std::optional<analysis::Interval> range) {
    range_ = range;
    if (auto* items = qobject_cast<QStandardItemModel*>(scope_->model()))
        if (QStandardItem* item = items->item(kSelectedRange)) {
            item->setEnabled(range.has_value());
            item->setText(
                range ? tr("Selected range (%1)").arg(formatDuration(range->second - range->first))
                      : tr("Selected range (none: Shift+drag on the timeline)"));
        }
    if (scope_->currentIndex() == kSelectedRange) {
        if (range)
            refresh();
        else
            scope_->setCurrentIndex(kWholeTrace);
    }
}

void OperatorStatsPanel::setScope(int entry) {
    scope_->setCurrentIndex(entry);
}

void OperatorStatsPanel::setKernelTypes(bool kernelTypes) {
    grouping_->setCurrentIndex(kernelTypes ? 1 : 0);
}

void OperatorStatsPanel::refresh() {
    if (!ops_) {
        model_->setOperators({});
        caption_->setText(trace_ ? tr("Finding the operators…") : tr("No trace"));
        return;
    }
    analysis::OpScope scope;
    const int entry = scope_->currentIndex();
    QString where = tr("the whole trace");
    if (entry == kSelectedRange && range_) {
        scope.push_back(*range_);
        where = tr("the selected range");
    } else if (entry >= kFirstStep && entry - kFirstStep < static_cast<int>(steps_.size())) {
        const compare::RunStep& step = steps_[static_cast<std::size_t>(entry - kFirstStep)];
        scope.push_back({step.start, step.end});
        where = QString::fromStdString(step.name);
    }
    if (grouping_->currentIndex() == 1) {
        auto kernels = analysis::kernelTypeStats(*ops_, scope);
        TimeNs device = 0;
        std::uint64_t count = 0;
        for (const auto& k : kernels) {
            device += k.deviceNs;
            count += k.count;
        }
        caption_->setText(tr("%1 kernel types · %2 kernels · %3 on the device · in %4")
                              .arg(kernels.size())
                              .arg(count)
                              .arg(formatDuration(device), where));
        model_->setKernelTypes(std::move(kernels));
        table_->sortByColumn(OperatorStatsModel::KernelDevice, Qt::DescendingOrder);
    } else {
        auto ops = analysis::operatorStats(*ops_, scope);
        TimeNs device = 0;
        std::uint64_t calls = 0;
        for (const auto& o : ops) {
            device += o.deviceNs;
            calls += o.count;
        }
        caption_->setText(tr("%1 top-level ops · %2 calls · %3 on the device · in %4")
                              .arg(ops.size())
                              .arg(calls)
                              .arg(formatDuration(device), where));
        model_->setOperators(std::move(ops));
        table_->sortByColumn(OperatorStatsModel::OpDevice, Qt::DescendingOrder);
    }
}

QString OperatorStatsPanel::toCsv() const {
    std::vector<int> rows;
    for (int r = 0; r < proxy_->rowCount(); ++r)
        rows.push_back(proxy_->mapToSource(proxy_->index(r, 0)).row());
    return model_->csv(rows);
}

} // namespace lanescope::widgets
