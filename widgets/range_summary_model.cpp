// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "range_summary_model.h"

#include "time_format.h"

#include <QLocale>

namespace lanescope::widgets {

RangeSummaryModel::RangeSummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

void RangeSummaryModel::setRows(std::shared_ptr<const Trace> trace,
                                std::vector<analysis::NameSummary> rows) {
    beginResetModel();
    trace_ = std::move(trace);
    rows_ = trace_ ? std::move(rows) : std::vector<analysis::NameSummary>();
    endResetModel();
}

void RangeSummaryModel::clear() {
    setRows(nullptr, {});
}

QString RangeSummaryModel::name(int row) const {
    const std::string_view text = trace_->str(summary(row).name);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

int RangeSummaryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RangeSummaryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RangeSummaryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || static_cast<std::size_t>(index.row()) >= rows_.size())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(index.row(), index.column());
    case Qt::UserRole:
        return sortValue(index.row(), index.column());
    case Qt::ToolTipRole:
        return toolTip(index.row(), index.column());
    case Qt::TextAlignmentRole:
        if (index.column() != Name)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant RangeSummaryModel::displayValue(int index, int column) const {
    const analysis::NameSummary& row = summary(index);
    switch (column) {
    case Name:
        return name(index);
    case Count:
        return QLocale(QLocale::English).toString(static_cast<qulonglong>(row.count));
    case Total:
        return formatDuration(row.total);
    case Average:
        return formatDuration(static_cast<TimeNs>(row.average() + 0.5));
    case Min:
        return formatDuration(row.min);
    case Max:
        return formatDuration(row.max);
    default:
        return {};
    }
}

QVariant RangeSummaryModel::sortValue(int index, int column) const {
    const analysis::NameSummary& row = summary(index);
    switch (column) {
    case Name:
        return name(index);
    case Count:
        return static_cast<qint64>(row.count);
    case Total:
        return static_cast<qint64>(row.total);
    case Average:
        return row.average();
    case Min:
        return static_cast<qint64>(row.min);
    case Max:
        return static_cast<qint64>(row.max);
    default:
        return {};
    }
}

// Names are often too long for the column; durations are rounded for display.
QVariant RangeSummaryModel::toolTip(int index, int column) const {
    if (column == Name)
        return name(index);
    if (column == Count)
        return {};
    const QLocale english(QLocale::English);
    const QVariant value = sortValue(index, column);
    const QString ns = column == Average ? english.toString(value.toDouble(), 'f', 1)
                                         : english.toString(value.toLongLong());
    return ns + QStringLiteral(" ns");
}

QVariant RangeSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    // Biggest first is what a profile is read for, so a first click on a number sorts down.
    if (role == Qt::InitialSortOrderRole)
        return static_cast<int>(section == Name ? Qt::AscendingOrder : Qt::DescendingOrder);
    if (role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char* const titles[] = {"Name", "Count", "Total", "Average", "Min", "Max"};
    return QString::fromLatin1(titles[section]);
}

} // namespace lanescope::widgets
