// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/insight.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <memory>
#include <optional>
#include <vector>

namespace lanescope::widgets {

// The ranked findings as a table: Kind (icon), Severity, At stake, Finding. Rows keep the
// ranking; SortRole orders each column by value rather than by its text.
class InsightsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Kind, Severity, AtStake, Finding, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int KindRole = Qt::UserRole + 2; // analysis::InsightKind as int

    explicit InsightsModel(QObject* parent = nullptr);

    void setInsights(std::shared_ptr<const std::vector<analysis::Insight>> insights);
    const analysis::Insight* insightAt(int row) const;
    // The row of the insight with that id, or -1.
    int rowOf(const std::string& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const std::vector<analysis::Insight>> insights_;
};

// Keeps the findings of one kind (or all), of at least a severity, whose finding or suggestion
// contains a text (case-insensitive).
class InsightsFilter : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit InsightsFilter(QObject* parent = nullptr);

    void setKind(std::optional<analysis::InsightKind> kind);
    void setMinimumSeverity(analysis::Severity severity);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<analysis::InsightKind> kind_;
    analysis::Severity minimum_ = analysis::Severity::Low;
    QString text_;
};

} // namespace lanescope::widgets
