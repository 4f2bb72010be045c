// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/host_lanes.h"

#include <map>
#include <tuple>

namespace lanescope::analysis {

HostLanes mapHostLanes(const Trace& trace) {
    HostLanes lanes;
    lanes.laneOfTrack.assign(trace.sliceTracks.size(), kNoIndex);
    std::map<std::tuple<std::uint32_t, bool, std::int64_t>, std::uint32_t> laneOf;
    for (const Thread& thread : trace.threads) {
        if (thread.kind != TrackKind::Host || thread.sliceTrack == kNoIndex)
            continue;
        const std::uint32_t file = trace.processes[thread.process].sourceFile;
        const std::int64_t tid = thread.tid.isText ? thread.tid.text : thread.tid.number;
        const auto [it, added] =
            laneOf.emplace(std::make_tuple(file, thread.tid.isText, tid), lanes.fileOfLane.size());
        if (added) {
            lanes.fileOfLane.push_back(file);
            lanes.tracksOfLane.emplace_back();
        }
        lanes.tracksOfLane[it->second].push_back(thread.sliceTrack);
        lanes.laneOfTrack[thread.sliceTrack] = it->second;
    }
    return lanes;
}

} // namespace lanescope::analysis
