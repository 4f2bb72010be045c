// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster_rank_model.h"

#include "time_format.h"

#include <QFileInfo>

namespace lanescope::widgets {

namespace {

struct Header {
    const char* name;
    const char* tip;
};

// In Column order.
const Header kHeaders[ClusterRankModel::Columns] = {
    {"Rank", "The rank's number (profiler_info), else its folder"},
    {"Steps", "Steps the rank's trace holds"},
    {"Step", "Mean step time: the host's ProfilerStep, start to end"},
    {"Max step", "The rank's longest step"},
    {"Computing", "Mean device computing time per step"},
    {"Comm. not overlapped", "Mean communication time per step not hidden under computing"},
    {"Free", "Mean device time per step neither computing nor communicating"},
    {"Preparing", "Mean time per step from the host's step start to the device's first task"},
    {"Wait", "Mean time per step the rank's communication ops waited for their peers"},
    {"Transit", "Mean time per step the rank's communication ops moved data"},
    {"Link GB/s", "Bytes the rank's communication moved between chips (HCCS, PCIe, RDMA, SIO) "
                  "over the time its transfer tasks took: a slow link shows as a low one"},
    {"Held up", "Steps in which the others waited for this rank, and its largest excess over "
                "the median rank (computing, preparing or transit)"},
    {"Folder", "What was summarised; double-click a row to open its timeline"}};

QVariant duration(TimeNs ns, bool display) {
    return display ? QVariant(formatDuration(ns)) : QVariant(qlonglong(ns));
}

} // namespace

QString rankTitle(const cluster::RankSummary& rank) {
    return rank.rank ? QObject::tr("rank %1").arg(*rank.rank)
                     : QFileInfo(QString::fromStdString(rank.source)).fileName();
}

QString slowText(const cluster::SlowRank& slow) {
    return QObject::tr("%1 +%2 over the median")
        .arg(QString::fromUtf8(cluster::toString(slow.cause)), formatDuration(slow.excessNs));
}

ClusterRankModel::ClusterRankModel(QObject* parent) : QAbstractTableModel(parent) {}

void ClusterRankModel::setView(std::shared_ptr<const cluster::ClusterView> view) {
    beginResetModel();
    view_ = std::move(view);
    overviews_ = view_ ? cluster::rankOverviews(*view_) : std::vector<cluster::RankOverview>{};
    endResetModel();
}

const cluster::RankOverview& ClusterRankModel::overview(int row) const {
    return overviews_.at(static_cast<std::size_t>(row));
}

QString ClusterRankModel::folder(int row) const {
    return QString::fromStdString(view_->ranks.at(static_cast<std::size_t>(row)).source);
}

int ClusterRankModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(overviews_.size());
}

int ClusterRankModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Columns);
}

QVariant ClusterRankModel::value(int row, int column, bool display) const {
    const cluster::RankSummary& rank = view_->ranks[static_cast<std::size_t>(row)];
    const cluster::RankOverview& o = overview(row);
    switch (column) {
    case Rank:
        if (display)
            return rankTitle(rank);
        return qlonglong(rank.rank ? *rank.rank : (std::int64_t{1} << 40) + row); // unknown last
    case Steps:
        return qulonglong(o.steps);
    case StepTime:
        return duration(o.meanStepNs, display);
    case MaxStepTime:
        return duration(o.maxStepNs, display);
    case Computing:
        return duration(o.meanComputingNs, display);
    case CommunicationNotOverlapped:
        return duration(o.meanCommunicationNotOverlappedNs, display);
    case Free:
        return duration(o.meanFreeNs, display);
    case Preparing:
        return duration(o.meanPreparingNs, display);
    case Wait:
        return duration(o.meanWaitNs, display);
    case Transit:
        return duration(o.meanTransitNs, display);
    case LinkBandwidth:
        if (!display)
            return o.linkNs ? o.linkBandwidthGBps() : -1.0;
        return o.linkNs ? QString::number(o.linkBandwidthGBps(), 'f', 1) : QStringLiteral("—");
    case Slow:
        if (!display) // steps first, then the excess
            return double(o.slowSteps) * 1e15 + (o.worst ? double(o.worst->excessNs) : 0.0);
        if (!o.worst)
            return QString();
        return tr("%1 of %2 · %3").arg(o.slowSteps).arg(o.steps).arg(slowText(*o.worst));
    case Folder:
        return QString::fromStdString(rank.source);
    }
    return {};
}

QVariant ClusterRankModel::data(const QModelIndex& index, int role) const {
    if (!view_ || !index.isValid())
        return {};
    if (role == Qt::DisplayRole || role == Qt::UserRole)
        return value(index.row(), index.column(), role == Qt::DisplayRole);
    if (role == Qt::TextAlignmentRole && index.column() != Rank && index.column() != Slow &&
        index.column() != Folder)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Folder)
        return value(index.row(), index.column(), true);
    return {};
}

QVariant ClusterRankModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= Columns)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return tr(kHeaders[section].name);
    if (role == Qt::ToolTipRole)
        return tr(kHeaders[section].tip);
    return {};
}

} // namespace lanescope::widgets
