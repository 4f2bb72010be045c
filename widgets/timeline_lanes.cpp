// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "timeline_lanes.h"

#include <algorithm>
#include <map>

namespace lanescope::widgets {

namespace {

// The area chart draws the first series, scaled to its largest value.
double counterMaximum(const CounterTrack& counter) {
    if (counter.series.empty() || counter.series.front().values.empty())
        return 0;
    const auto& values = counter.series.front().values;
    return *std::max_element(values.begin(), values.end());
}

bool hasLanes(const Process& process) {
    return !process.threads.empty() || !process.asyncTracks.empty() || !process.counters.empty();
}

// Rank groups only help when a job's ranks were loaded together.
bool groupsByRank(const Trace& trace) {
    return trace.files.size() > 1 &&
           std::any_of(trace.files.begin(), trace.files.end(),
                       [](const SourceFile& file) { return file.rank.has_value(); });
}

} // namespace

struct TimelineLanes::Builder {
    const Trace& trace;
    const LaneState& state;
    TimelineLanes& out;
    std::map<LaneKey, Lane> pinned;
    std::uint32_t foldedInto = kNoIndex; // header lane of the folded group being walked

    void addHeader(Lane lane) {
        lane.height = out.metrics_.headerHeight;
        lane.collapsed = state.collapsed.contains(lane.key);
        place(lane);
        if (lane.collapsed && foldedInto == kNoIndex)
            foldedInto = static_cast<std::uint32_t>(out.lanes_.size() - 1);
    }

    void addChild(Lane lane, std::uint32_t track) {
        if (state.hidden.contains(lane.key)) {
            ++out.hiddenCount_;
            return;
        }
        if (state.isPinned(lane.key)) { // stays in view when its group folds
            lane.pinned = true;
            pinned.emplace(lane.key, lane);
            return;
        }
        if (foldedInto != kNoIndex) {
            mapTrack(track, foldedInto);
            return;
        }
        place(lane);
        mapTrack(track, static_cast<std::uint32_t>(out.lanes_.size() - 1));
    }

    void place(Lane& lane) {
        lane.y = out.scrolledHeight_;
        out.scrolledHeight_ += lane.height + (lane.isHeader() ? 0 : out.metrics_.laneGap);
        out.lanes_.push_back(lane);
    }

    void mapTrack(std::uint32_t track, std::uint32_t lane) {
        if (track != kNoIndex)
            out.trackLane_[track] = lane;
    }

    void addSliceLane(std::uint32_t process, std::uint32_t track, std::uint32_t thread,
                      std::uint8_t depth) {
        Lane lane{
            Lane::Type::Slices, {LaneKey::Kind::Slices, process, track}, process, track, thread};
        lane.rows = std::max<std::uint16_t>(1, trace.sliceTracks[track].rowCount());
        lane.height = lane.rows * out.metrics_.rowHeight;
        lane.depth = depth;
        addChild(lane, track);
    }

    void addProcess(std::uint32_t p, std::uint8_t depth) {
        const Process& process = trace.processes[p];
        const std::uint32_t outerFold = foldedInto;
        if (foldedInto == kNoIndex) {
            Lane header{Lane::Type::ProcessHeader, {LaneKey::Kind::Process, p, 0}, p};
            header.depth = depth;
            addHeader(header);
        }
        const auto childDepth = static_cast<std::uint8_t>(depth + 1);
        for (std::uint32_t t : process.threads)
            if (trace.threads[t].sliceTrack != kNoIndex)
                addSliceLane(p, trace.threads[t].sliceTrack, t, childDepth);
        for (std::uint32_t a : process.asyncTracks)
            addSliceLane(p, trace.asyncTracks[a].sliceTrack, kNoIndex, childDepth);
        for (std::uint32_t c : process.counters) {
            Lane lane{Lane::Type::Counter, {LaneKey::Kind::Counter, p, c}, p, c};
            lane.height = out.metrics_.counterHeight;
            lane.counterMax = counterMaximum(trace.counters[c]);
            lane.depth = childDepth;
            addChild(lane, kNoIndex);
        }
        foldedInto = outerFold;
    }

    void run() {
        const bool ranks = groupsByRank(trace);
        std::uint32_t file = kNoIndex;
        for (std::uint32_t p = 0; p < trace.processes.size(); ++p) {
            const Process& process = trace.processes[p];
            if (!hasLanes(process))
                continue;
            if (ranks && process.sourceFile != file) {
                file = process.sourceFile;
                foldedInto = kNoIndex;
                addHeader(Lane{Lane::Type::RankHeader, {LaneKey::Kind::Rank, file, 0}, p});
            }
            addProcess(p, ranks ? 1 : 0);
        }
        placePinned();
    }

    // Pinned lanes stack in the order the user pinned them.
    void placePinned() {
        for (const LaneKey& key : state.pinned) {
            const auto it = pinned.find(key);
            if (it == pinned.end())
                continue;
            Lane lane = it->second;
            lane.y = out.pinnedHeight_;
            out.pinnedHeight_ += lane.height + out.metrics_.laneGap;
            out.lanes_.push_back(lane);
            mapTrack(lane.type == Lane::Type::Slices ? lane.index : kNoIndex,
                     static_cast<std::uint32_t>(out.lanes_.size() - 1));
        }
    }
};

TimelineLanes::TimelineLanes(const Trace& trace, const LaneState& state, const LaneMetrics& metrics)
    : metrics_(metrics), trackLane_(trace.sliceTracks.size(), kNoIndex) {
    Builder{trace, state, *this, {}}.run();
}

int TimelineLanes::screenTop(const Lane& lane, int areaTop, int scrollY) const {
    return lane.pinned ? areaTop + lane.y : areaTop + pinnedHeight_ + lane.y - scrollY;
}

const Lane* TimelineLanes::laneOfTrack(std::uint32_t track) const {
    if (track >= trackLane_.size() || trackLane_[track] == kNoIndex)
        return nullptr;
    return &lanes_[trackLane_[track]];
}

} // namespace lanescope::widgets
