// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace lanescope::analysis {

// A run of tiny device tasks on one stream (device lane): launch-bound work that fusing could
// collapse into fewer, larger tasks.
//
// Rules. A stream's tasks are the slices of one device track that are device tasks (a
// Trace::taskLinks entry), by start. A task is tiny when it lasts less than
// small_op.max_task_us, or when it is shorter than its launch call (TaskLink::launch) and that
// call took at most small_op.max_launch_us (HTA's short-kernel rule: the device finished before
// the host could launch the next task). A run is a maximal sequence of consecutive tiny tasks
// of a stream: a task that is not tiny ends it, and so does a gap of more than
// small_op.max_gap_us before the next task (a host stall, not launch overhead: it belongs to
// the device idle gap detector, so a streak's time at stake never counts it). A run is a streak
// when it has at least small_op.min_streak_tasks tasks and is launch-bound: busy / wall <
// small_op.max_busy_share, i.e. the gaps between the tasks are comparable to or larger than
// the tasks.
//  - wall: first task's start to the last task's end.
//  - busy: length of the union of the tasks (their sum, as tasks of one stream do not overlap).
//  - launchers: the tasks' torch ops (TaskLink::hostOp) by name and count.
struct SmallOpStreak {
    std::uint32_t track = 0;     // the stream's slice track
    std::uint32_t ordinal = 0;   // position among all runs of the trace by start: the id's number
    std::vector<SliceRef> tasks; // by start
    TimeNs start = 0;
    TimeNs end = 0;
    TimeNs busyNs = 0;
    std::vector<std::pair<StringId, std::uint32_t>> launchers; // most tasks first, then by name

    TimeNs wallNs() const { return end - start; }
    double busyShare() const;
};

// Every streak of the trace, by start (then track).
std::vector<SmallOpStreak> findSmallOpStreaks(const Trace& trace, const DeviceMap& devices,
                                              const Thresholds& thresholds);

// The streaks as insights: time at stake is wall - busy (the gaps fusing could remove); severity
// from that time (small_op.medium_stake_us, small_op.high_stake_us).
std::vector<Insight> detectSmallOpStreaks(const Trace& trace, const DeviceMap& devices,
                                          const Thresholds& thresholds);

} // namespace lanescope::analysis
