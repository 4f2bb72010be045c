#pragma once

#include "model/trace.h"

#include <cstdint>
#include <string>
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
    std::uint64_t taskCount = 0;
    std::vector<Interval> busy; // merged union of its tasks

    TimeNs firstStart() const { return busy.empty() ? 0 : busy.front().first; }
    TimeNs lastEnd() const { return busy.empty() ? 0 : busy.back().second; }
    TimeNs spanNs() const { return lastEnd() - firstStart(); }
    TimeNs busyNs() const;
    TimeNs idleNs() const { return spanNs() - busyNs(); }
};

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
