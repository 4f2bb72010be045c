// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lanescope::analysis {

using Interval = std::pair<TimeNs, TimeNs>; // [first, second)

// Sorts and merges intervals into a disjoint union; touching intervals merge (as HTA's
// merge_kernel_intervals does) and empty ones vanish.
std::vector<Interval> mergeIntervals(std::vector<Interval> intervals);
// Length of [t0, t1) covered by a merged union.
TimeNs overlapLength(const std::vector<Interval>& merged, TimeNs t0, TimeNs t1);

// One GPU or NPU of one file (rank): the lanes of its device tasks (every slice with a
// Trace::taskLinks entry: kernels, copies, memsets, NPU tasks, HCCL ops; not Kineto's cuda_sync or
// gpu_user_annotation rows) and when at least one of them ran.
struct DeviceActivity {
    std::string name; // "GPU 0", "NPU 0"; prefixed "rank 1 " when the trace has several files
    std::uint32_t file = 0;
    std::vector<std::uint32_t> tracks;
    std::vector<std::uint32_t> processes; // the processes of those lanes (Ascend: Hardware, HCCL)
    std::uint64_t taskCount = 0;
    // Merged union of all its tasks, waits included: what a host call that synchronizes with
    // the device waits for.
    std::vector<Interval> busy;
    // Merged union of its work tasks (isDeviceWorkName): when it computed, copied or
    // communicated. What busy/idle summaries and the busy strip show.
    std::vector<Interval> working;
    // workingBefore[i]: time working before working[i] starts, for O(log n) coverage queries.
    std::vector<TimeNs> workingBefore;

    TimeNs firstStart() const { return busy.empty() ? 0 : busy.front().first; }
    TimeNs lastEnd() const { return busy.empty() ? 0 : busy.back().second; }
    TimeNs spanNs() const { return lastEnd() - firstStart(); }
    TimeNs busyNs() const;
    TimeNs idleNs() const { return spanNs() - busyNs(); }
    // The same for the work tasks: first to last work, time working, time idle in between.
    TimeNs workSpanNs() const;
    TimeNs workingNs() const;
    TimeNs workIdleNs() const { return workSpanNs() - workingNs(); }
    // Sets `working` (a merged union) and its index.
    void setWorking(std::vector<Interval> merged);
    // Time working in [t0, t1), in O(log n) (the busy strip asks once per pixel column).
    TimeNs workingWithin(TimeNs t0, TimeNs t1) const;
};

// Whether a device task does work. Not work: waits and signals on device streams (Ascend
// EVENT_WAIT, Notify Wait, EVENT_RECORD: classifySliceName's Sync kind), during which a stream
// only waits and which msprof counts as Free, and the profiler's own markers (Ascend
// PROFILING_ENABLE / PROFILING_DISABLE), which msprof leaves out of the device's window.
bool isDeviceWorkName(std::string_view name);

struct DeviceMap {
    std::vector<DeviceActivity> devices;      // in the display order of their first lane
    std::vector<std::uint32_t> deviceOfTrack; // per slice track; kNoIndex when it has no tasks
};

// A device is a process's Process::deviceId within its file (Ascend: "Ascend Hardware" and
// "HCCL" of one NPU together) or, without one, the process itself (Kineto: one pid per GPU).
DeviceMap mapDevices(const Trace& trace);

// What findings call the trace's devices: "NPU" (Ascend), "GPU" (Kineto), else "device".
std::string deviceWord(const Trace& trace);

} // namespace lanescope::analysis
