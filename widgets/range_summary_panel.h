// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/range_summary.h"
#include "model/trace.h"

#include <QWidget>
#include <memory>
#include <vector>

class QLabel;
class QTableView;
class QSortFilterProxyModel;

namespace lanescope::widgets {

class RangeSummaryModel;

// The table a box selection fills: one row per slice name with count, total, average, min and
// max (sortable by any column), a caption with the range and its duration, and Copy as CSV.
class RangeSummaryPanel : public QWidget {
    Q_OBJECT

public:
    explicit RangeSummaryPanel(QWidget* parent = nullptr);

    void setSummary(std::shared_ptr<const Trace> trace, std::vector<analysis::NameSummary> rows,
                    TimeNs start, TimeNs end, int laneCount);
    void clear();
    // The table as CSV in the current sort order (header line first; times in ns).
    QString toCsv() const;
    QTableView* table() const { return table_; }

signals:
    // A row was double-clicked: search for this name.
    void nameActivated(const QString& name);

private:
    void setupTable();
    void copyCsv() const;

    QLabel* caption_;
    QTableView* table_;
    RangeSummaryModel* model_;
    QSortFilterProxyModel* proxy_;
};

} // namespace lanescope::widgets
