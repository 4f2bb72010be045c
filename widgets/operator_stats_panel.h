// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/op_stats.h"
#include "compare/step_choice.h"

#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace lanescope::widgets {

class OperatorStatsModel;

// The Operators dock: the operator details list users compare before and after a change. Per
// top-level op (or per kernel type) over the whole trace, one ProfilerStep, or the range selected
// on the timeline; sortable by any column, filtered by name, Copy CSV (Ctrl+C); double-clicking a
// row searches for it on the timeline.
class OperatorStatsPanel : public QWidget {
    Q_OBJECT

public:
    explicit OperatorStatsPanel(QWidget* parent = nullptr);

    // The ops of the trace shown (null clears the table).
    void setOps(std::shared_ptr<const Trace> trace, std::shared_ptr<const analysis::OpIndex> ops);
    // The timeline's selected range, offered as a scope (nullopt: none selected).
    void setSelectedRange(std::optional<analysis::Interval> range);
    // Scope entries: 0 whole trace, 1 the selected range, then one per step in start order.
    void setScope(int entry);
    void setKernelTypes(bool kernelTypes);
    QString toCsv() const;
    QTableView* table() const { return table_; }
    QLabel* caption() const { return caption_; }

signals:
    void nameActivated(const QString& name);

private:
    void refresh();

    QComboBox* scope_;
    QComboBox* grouping_;
    QLineEdit* filter_;
    QLabel* caption_;
    QTableView* table_;
    OperatorStatsModel* model_;
    QSortFilterProxyModel* proxy_;
    std::shared_ptr<const Trace> trace_;
    std::shared_ptr<const analysis::OpIndex> ops_;
    std::vector<compare::RunStep> steps_;
    std::optional<analysis::Interval> range_;
};

} // namespace lanescope::widgets
