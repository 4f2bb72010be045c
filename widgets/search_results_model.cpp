// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "search_results_model.h"

#include "analysis/slice_info.h"
#include "time_format.h"

namespace lanescope::widgets {

namespace {

QString textOf(const Trace& trace, StringId id) {
    const std::string_view text = trace.str(id);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString idText(const Trace& trace, const IdToken& id) {
    return QString::fromStdString(toString(id, trace.strings));
}

QString processName(const Trace& trace, std::uint32_t process) {
    const Process& p = trace.processes[process];
    return p.name != 0 ? textOf(trace, p.name) : QStringLiteral("pid ") + idText(trace, p.pid);
}

QString threadName(const Trace& trace, const analysis::TrackOwner& owner) {
    if (owner.thread != kNoIndex) {
        const Thread& t = trace.threads[owner.thread];
        return t.name != 0 ? textOf(trace, t.name) : QStringLiteral("tid ") + idText(trace, t.tid);
    }
    if (owner.asyncTrack != kNoIndex)
        return textOf(trace, trace.asyncTracks[owner.asyncTrack].name);
    return {};
}

} // namespace

QString laneNameOf(const Trace& trace, std::uint32_t track) {
    const analysis::TrackOwner owner = analysis::ownerOf(trace, track);
    if (owner.process == kNoIndex)
        return QStringLiteral("track %1").arg(track);
    const QString thread = threadName(trace, owner);
    const QString process = processName(trace, owner.process);
    return thread.isEmpty() ? process : process + QStringLiteral(" · ") + thread;
}

SearchResultsModel::SearchResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

void SearchResultsModel::setMatches(std::shared_ptr<const Trace> trace,
                                    std::span<const SliceRef> matches) {
    beginResetModel();
    if (trace != trace_)
        laneNames_.clear();
    trace_ = std::move(trace);
    matches_ = trace_ ? matches : std::span<const SliceRef>();
    laneNames_.resize(trace_ ? trace_->sliceTracks.size() : 0);
    endResetModel();
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(matches_.size());
}

int SearchResultsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || static_cast<std::size_t>(index.row()) >= matches_.size())
        return {};
    const SliceRef ref = matches_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(ref, index.column());
    case Qt::ToolTipRole:
        // Kernel names run to hundreds of characters; the cell shows only their start.
        return index.column() == Name || index.column() == Lane ? displayText(ref, index.column())
                                                                : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == Start || index.column() == Duration)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QString SearchResultsModel::displayText(SliceRef ref, int column) const {
    const SliceTrack& track = trace_->sliceTracks[ref.track];
    switch (column) {
    case Name:
        return textOf(*trace_, track.name(ref.slice));
    case Lane:
        return laneName(ref.track);
    case Start:
        return formatDuration(track.start(ref.slice) - trace_->spanStart);
    case Duration:
        return formatDuration(track.duration(ref.slice));
    default:
        return {};
    }
}

const QString& SearchResultsModel::laneName(std::uint32_t track) const {
    QString& name = laneNames_[track];
    if (name.isNull())
        name = laneNameOf(*trace_, track);
    return name;
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Lane:
        return tr("Lane");
    case Start:
        return tr("Start");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace lanescope::widgets
