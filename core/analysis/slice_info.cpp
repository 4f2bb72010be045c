// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/slice_info.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace lanescope::analysis {

namespace {

bool validRef(const Trace& trace, SliceRef ref) {
    return ref.track < trace.sliceTracks.size() && ref.slice < trace.sliceTracks[ref.track].size();
}

// Distance from `time` to the nearest integer point the slice covers ([s, e) covers s .. e-1;
// a zero-length slice covers s), matching the interval index's notion of intersection.
TimeNs distanceTo(const SliceTrack& track, std::uint32_t i, TimeNs time) {
    const TimeNs start = track.start(i);
    const TimeNs last = track.end(i) == start ? start : track.end(i) - 1;
    if (time < start)
        return start - time;
    return time > last ? time - last : 0;
}

} // namespace

TrackOwner ownerOf(const Trace& trace, std::uint32_t track) {
    TrackOwner owner;
    if (track == kNoIndex)
        return owner;
    for (std::uint32_t t = 0; t < trace.threads.size(); ++t) {
        if (trace.threads[t].sliceTrack == track) {
            owner.process = trace.threads[t].process;
            owner.thread = t;
            return owner;
        }
    }
    for (std::uint32_t a = 0; a < trace.asyncTracks.size(); ++a) {
        if (trace.asyncTracks[a].sliceTrack == track) {
            owner.process = trace.asyncTracks[a].process;
            owner.asyncTrack = a;
            return owner;
        }
    }
    return owner;
}

std::string streamName(const Trace& trace, std::uint32_t track) {
    const TrackOwner owner = ownerOf(trace, track);
    if (owner.thread == kNoIndex)
        return "track " + std::to_string(track);
    const Thread& thread = trace.threads[owner.thread];
    std::string_view name = trace.str(thread.name);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    if (!name.empty())
        return std::string(name);
    const std::string tid = toString(thread.tid, trace.strings);
    return thread.tid.isText ? tid : "stream " + tid;
}

TimeNs selfTime(const Trace& trace, SliceRef ref) {
    if (!validRef(trace, ref))
        return 0;
    const SliceTrack& track = trace.sliceTracks[ref.track];
    const TimeNs start = track.start(ref.slice);
    const TimeNs end = track.end(ref.slice);
    if ((track.flags(ref.slice) & kSliceAsync) != 0 || end <= start)
        return end - start;
    const auto childRow = static_cast<std::uint16_t>(track.row(ref.slice) + 1);
    // Visits come in start order, so the union of the children is one sweep.
    TimeNs covered = 0;
    TimeNs coveredUntil = start;
    track.forEachIntersecting(start, end, [&](std::uint32_t i) {
        if (track.row(i) != childRow || track.start(i) < start || track.end(i) > end)
            return;
        const TimeNs from = std::max(track.start(i), coveredUntil);
        if (track.end(i) > from) {
            covered += track.end(i) - from;
            coveredUntil = track.end(i);
        }
    });
    return end - start - covered;
}

SliceRef sliceNear(const Trace& trace, std::uint32_t trackIndex, std::uint16_t row, TimeNs time,
                   TimeNs tolerance) {
    if (trackIndex >= trace.sliceTracks.size())
        return {};
    const SliceTrack& track = trace.sliceTracks[trackIndex];
    tolerance = std::max<TimeNs>(tolerance, 0);
    SliceRef best;
    TimeNs bestDistance = std::numeric_limits<TimeNs>::max();
    // The query's end is exclusive: +1 keeps a slice starting exactly `tolerance` away.
    const TimeNs from = saturatingAdd(time, -tolerance);
    const TimeNs to = saturatingAdd(saturatingAdd(time, tolerance), 1);
    track.forEachIntersecting(from, to, [&](std::uint32_t i) {
        if (track.row(i) != row)
            return;
        const TimeNs distance = distanceTo(track, i, time);
        if (distance <= tolerance && distance < bestDistance) {
            bestDistance = distance;
            best = {trackIndex, i};
        }
    });
    return best;
}

const TaskLink* taskLinkOf(const Trace& trace, SliceRef task) {
    const auto key = [](const SliceRef& r) { return std::tie(r.track, r.slice); };
    auto it = std::lower_bound(
        trace.taskLinks.begin(), trace.taskLinks.end(), task,
        [&](const TaskLink& link, const SliceRef& ref) { return key(link.task) < key(ref); });
    if (it == trace.taskLinks.end() || !(it->task == task))
        return nullptr;
    return &*it;
}

std::vector<std::pair<StringId, std::uint32_t>> launcherCounts(const Trace& trace,
                                                               const std::vector<SliceRef>& tasks) {
    std::map<StringId, std::uint32_t> counts;
    for (SliceRef task : tasks)
        if (const TaskLink* link = taskLinkOf(trace, task); link && link->hostOp.valid())
            ++counts[trace.sliceTracks[link->hostOp.track].name(link->hostOp.slice)];
    std::vector<std::pair<StringId, std::uint32_t>> launchers(counts.begin(), counts.end());
    std::sort(launchers.begin(), launchers.end(), [&](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : trace.str(a.first) < trace.str(b.first);
    });
    return launchers;
}

std::string launcherList(const Trace& trace,
                         const std::vector<std::pair<StringId, std::uint32_t>>& launchers) {
    constexpr std::size_t kShown = 3;
    std::string text;
    for (std::size_t i = 0; i < launchers.size() && i < kShown; ++i)
        text += (i ? ", " : "") + std::string(trace.str(launchers[i].first));
    if (launchers.size() > kShown)
        text += ", …";
    return text;
}

std::string onFileLabel(const Trace& trace, std::uint32_t file) {
    if (trace.files.size() < 2)
        return "";
    const auto& rank = trace.files[file].rank;
    return " on " + (rank ? "rank " + std::to_string(*rank) : "file " + std::to_string(file));
}

} // namespace lanescope::analysis
