// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::analysis {

// torch_npu's task queue as a device's bottleneck. With the task queue on, the Python thread
// only enqueues each op ("Enqueue", category enqueue) and a dequeue thread launches it on the NPU
// ("Dequeue@aclnnAdd", category dequeue); an async_task_queue flow links the two. When the
// dequeue thread is busy while the NPU idles, the device is waiting for dispatch; when the tasks
// it dequeues then had sat in the queue for long, the host was ahead and the dispatch stage alone
// held the device back.
//
// Rules, per device, with the task queue of its file (every dequeue thread of the file):
//  - a dispatch: an async_task_queue flow from an Enqueue slice to a dequeue slice; its queue
//    latency = the Dequeue's start - the Enqueue's end (0 when the dequeue started first), the
//    time the task waited in the queue.
//  - idle: the gaps in the device's busy union (DeviceActivity::busy) inside its active span.
//  - idle while dispatching: length of idle ∩ the union of the file's dequeue slices.
//  - stalled dequeues: dequeue slices that overlap idle time; their latencies are the waits of
//    the tasks the device was waiting for.
//  - percentiles are nearest-rank (p50 of 4 values is the 2nd smallest).
struct TaskQueueDispatch {
    std::uint32_t device = 0;                 // into DeviceMap::devices
    std::vector<std::uint32_t> dequeueTracks; // the file's dequeue threads
    std::uint64_t dispatches = 0;
    TimeNs latencyMedianNs = 0; // over all dispatches
    TimeNs latencyP90Ns = 0;
    TimeNs latencyMaxNs = 0;
    std::vector<SliceRef> stalledDequeues; // most idle time covered first, then by start
    TimeNs stalledLatencyMedianNs = 0;     // over the stalled dequeues that are dispatches
    TimeNs idleWhileDispatchingNs = 0;
    TimeNs deviceIdleNs = 0;
    TimeNs deviceSpanNs = 0;
    TimeNs start = 0; // first stalled dequeue's start to the last one's end
    TimeNs end = 0;

    double idleShare() const; // idle while dispatching / device span
};

// One entry per device whose file has at least one dispatch, in DeviceMap order.
std::vector<TaskQueueDispatch> measureTaskQueueDispatch(const Trace& trace,
                                                        const DeviceMap& devices);

// The devices that dispatch holds back, as insights of kind DispatchBound ("dispatch_bound:<n>",
// n = the device's index): the stalled dequeues' median latency is at least
// dispatch.min_queue_latency_us and idle while dispatching is at least dispatch.min_idle_share of
// the device's span. Time at stake is the idle time while dispatching; severity is msprof-analyze's
// priority of that time against the device's span (advisorSeverity).
std::vector<Insight> detectDispatchBound(const Trace& trace, const DeviceMap& devices,
                                         const Thresholds& thresholds);

} // namespace lanescope::analysis
