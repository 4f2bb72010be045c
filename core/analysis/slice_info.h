// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lanescope::analysis {

// Where a slice track lives: its process and, for thread tracks, its thread (kNoIndex for an
// async track). Used to name a slice's lane and to find the file its events came from.
struct TrackOwner {
    std::uint32_t process = kNoIndex;
    std::uint32_t thread = kNoIndex;
    std::uint32_t asyncTrack = kNoIndex;
};
TrackOwner ownerOf(const Trace& trace, std::uint32_t track);
// A device lane's name as findings write it: its thread's name ("Stream 2", Kineto's "stream 7"
// without its trailing space), else "stream <tid>", else "track <index>".
std::string streamName(const Trace& trace, std::uint32_t track);

// Duration minus the time covered by its direct children (the slices one row deeper that lie
// inside it; their union, so overlapping children are not counted twice). Async slices have no
// children and their self time is their duration.
TimeNs selfTime(const Trace& trace, SliceRef slice);

// The slice on `row` of `track` nearest to `time` within `tolerance` ns (one containing `time`
// wins; otherwise the closest edge). Invalid ref when none: this is what a click hits.
// Distances are measured to the nearest nanosecond a slice covers ([s, e) covers s .. e-1, a
// zero-length slice covers s), as the interval index does; on a tie the earlier slice wins.
SliceRef sliceNear(const Trace& trace, std::uint32_t track, std::uint16_t row, TimeNs time,
                   TimeNs tolerance);

// The device task link (launch, torch op) of a slice when it is a device task.
const TaskLink* taskLinkOf(const Trace& trace, SliceRef task);

// The torch ops that launched `tasks` (their TaskLink::hostOp) by name with how many tasks
// each launched: most tasks first, then by name.
std::vector<std::pair<StringId, std::uint32_t>> launcherCounts(const Trace& trace,
                                                               const std::vector<SliceRef>& tasks);

// The first three launchers' names for a title: "aten::mul, aten::add, aten::pow, …".
std::string launcherList(const Trace& trace,
                         const std::vector<std::pair<StringId, std::uint32_t>>& launchers);

// " on rank 3" (or " on file 2" without a rank) for a finding about one file, when the trace
// has several files; "" otherwise.
std::string onFileLabel(const Trace& trace, std::uint32_t file);

} // namespace lanescope::analysis
