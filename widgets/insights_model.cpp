// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "insights_model.h"

#include "insight_style.h"
#include "time_format.h"

namespace lanescope::widgets {

using analysis::Insight;

InsightsModel::InsightsModel(QObject* parent) : QAbstractTableModel(parent) {}

void InsightsModel::setInsights(std::shared_ptr<const std::vector<Insight>> insights) {
    beginResetModel();
    insights_ = std::move(insights);
    endResetModel();
}

const Insight* InsightsModel::insightAt(int row) const {
    if (!insights_ || row < 0 || row >= static_cast<int>(insights_->size()))
        return nullptr;
    return &(*insights_)[static_cast<std::size_t>(row)];
}

int InsightsModel::rowOf(const std::string& id) const {
    if (!insights_)
        return -1;
    for (std::size_t i = 0; i < insights_->size(); ++i)
        if ((*insights_)[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int InsightsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !insights_ ? 0 : static_cast<int>(insights_->size());
}

int InsightsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InsightsModel::data(const QModelIndex& index, int role) const {
    const Insight* insight = insightAt(index.row());
    if (!insight)
        return {};
    if (role == KindRole)
        return static_cast<int>(insight->kind);
    switch (index.column()) {
    case Kind:
        if (role == Qt::DecorationRole)
            return kindIcon(insight->kind);
        if (role == Qt::ToolTipRole)
            return kindLabel(insight->kind);
        if (role == SortRole)
            return static_cast<int>(insight->kind);
        break;
    case Severity:
        if (role == Qt::DisplayRole)
            return severityLabel(insight->severity);
        if (role == Qt::ForegroundRole)
            return severityColor(insight->severity);
        if (role == SortRole) // high first when ascending
            return static_cast<int>(insight->severity);
        break;
    case AtStake:
        if (role == Qt::DisplayRole)
            return formatDuration(insight->timeAtStake);
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (role == SortRole)
            return static_cast<qlonglong>(insight->timeAtStake);
        break;
    case Finding:
        if (role == Qt::DisplayRole || role == SortRole)
            return QString::fromStdString(insight->title);
        if (role == Qt::ToolTipRole)
            return QString::fromStdString(insight->title + "\n\n" + insight->suggestion);
        break;
    default:
        break;
    }
    return {};
}

QVariant InsightsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Kind:
        return tr("Kind");
    case Severity:
        return tr("Severity");
    case AtStake:
        return tr("At stake");
    case Finding:
        return tr("Finding");
    default:
        return {};
    }
}

InsightsFilter::InsightsFilter(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(InsightsModel::SortRole);
}

void InsightsFilter::setKind(std::optional<analysis::InsightKind> kind) {
    kind_ = kind;
    invalidateFilter();
}

void InsightsFilter::setMinimumSeverity(analysis::Severity severity) {
    minimum_ = severity;
    invalidateFilter();
}

void InsightsFilter::setText(const QString& text) {
    text_ = text.trimmed();
    invalidateFilter();
}

bool InsightsFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    const auto* model = static_cast<const InsightsModel*>(sourceModel());
    const Insight* insight = model ? model->insightAt(sourceRow) : nullptr;
    if (!insight)
        return false;
    if (kind_ && insight->kind != *kind_)
        return false;
    // Severity enumerators run from High (0) to Low: a larger value is less severe.
    if (insight->severity > minimum_)
        return false;
    if (text_.isEmpty())
        return true;
    return QString::fromStdString(insight->title).contains(text_, Qt::CaseInsensitive) ||
           QString::fromStdString(insight->suggestion).contains(text_, Qt::CaseInsensitive) ||
           QString::fromStdString(insight->id).contains(text_, Qt::CaseInsensitive);
}

} // namespace lanescope::widgets
