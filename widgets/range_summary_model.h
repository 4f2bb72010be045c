// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/range_summary.h"
#include "model/trace.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace lanescope::widgets {

// Per-name statistics of a range as a table. Qt::DisplayRole shows durations in readable units;
// Qt::UserRole holds the raw numbers (ns, counts) so a proxy sorting on it orders numerically.
class RangeSummaryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Count, Total, Average, Min, Max, ColumnCount };

    explicit RangeSummaryModel(QObject* parent = nullptr);

    void setRows(std::shared_ptr<const Trace> trace, std::vector<analysis::NameSummary> rows);
    void clear();
    const analysis::NameSummary& summary(int row) const { return rows_[static_cast<size_t>(row)]; }
    QString name(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayValue(int row, int column) const;
    QVariant sortValue(int row, int column) const;
    QVariant toolTip(int row, int column) const;

    std::shared_ptr<const Trace> trace_;
    std::vector<analysis::NameSummary> rows_;
};

} // namespace lanescope::widgets
