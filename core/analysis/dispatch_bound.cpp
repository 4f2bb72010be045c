// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/dispatch_bound.h"

#include "analysis/advice.h"
#include "analysis/advisor_priority.h"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace lanescope::analysis {

namespace {

// One file's task queue: its dequeue slices, each with its queue latency when a flow ties it to
// its Enqueue.
struct TaskQueue {
    std::vector<std::uint32_t> tracks;
    std::vector<SliceRef> dequeues;
    std::vector<std::optional<TimeNs>> latencies; // parallel to dequeues
    std::vector<Interval> busy;                   // union of the dequeues
    std::vector<TimeNs> sortedLatencies;
};

// Queue latency of every Enqueue -> Dequeue flow, keyed by its dequeue slice.
std::unordered_map<std::uint64_t, TimeNs> latencyByDequeue(const Trace& trace) {
    std::unordered_map<std::uint64_t, TimeNs> latency;
    StringId category = 0;
    if (!trace.strings.find("async_task_queue", category))
        return latency;
    for (const Flow& flow : trace.flows) {
        if (flow.category != category || !flow.bound())
            continue;
        const TimeNs enqueued = trace.sliceTracks[flow.from.track].end(flow.from.slice);
        const TimeNs dequeued = trace.sliceTracks[flow.to.track].start(flow.to.slice);
        latency.emplace(flow.to.key(), std::max<TimeNs>(0, dequeued - enqueued));
    }
    return latency;
}

// Appends a host thread's dequeue slices (category `dequeue`) to its file's queue.
void addDequeues(const Trace& trace, const Thread& thread, StringId dequeue,
                 const std::unordered_map<std::uint64_t, TimeNs>& latency, TaskQueue& queue) {
    const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
    const std::size_t before = queue.dequeues.size();
    for (std::uint32_t i = 0; i < track.size(); ++i) {
        if (track.category(i) != dequeue)
            continue;
        const SliceRef ref{thread.sliceTrack, i};
        const auto it = latency.find(ref.key());
        queue.dequeues.push_back(ref);
        queue.latencies.push_back(it == latency.end() ? std::nullopt
                                                      : std::optional<TimeNs>(it->second));
        queue.busy.emplace_back(track.start(i), track.end(i));
    }
    if (queue.dequeues.size() > before)
        queue.tracks.push_back(thread.sliceTrack);
}

std::vector<TaskQueue> taskQueuesByFile(const Trace& trace) {
    std::vector<TaskQueue> queues(trace.files.size());
    StringId dequeue = 0;
    if (!trace.strings.find("dequeue", dequeue))
        return queues;
    const auto latency = latencyByDequeue(trace);
    for (const Thread& thread : trace.threads)
        if (thread.kind == TrackKind::Host && thread.sliceTrack != kNoIndex)
            addDequeues(trace, thread, dequeue, latency,
                        queues[trace.processes[thread.process].sourceFile]);
    for (TaskQueue& queue : queues) {
        queue.busy = mergeIntervals(std::move(queue.busy));
        for (const auto& l : queue.latencies)
            if (l)
                queue.sortedLatencies.push_back(*l);
        std::sort(queue.sortedLatencies.begin(), queue.sortedLatencies.end());
    }
    return queues;
}

// Nearest-rank percentile of sorted values: the ceil(percent/100 * n)-th smallest (0 when there
// are none). Integer arithmetic, so p90 of 10 values is exactly the 9th.
TimeNs percentile(const std::vector<TimeNs>& sorted, std::size_t percent) {
    if (sorted.empty())
        return 0;
    const std::size_t rank = (percent * sorted.size() + 99) / 100;
    return sorted[std::max<std::size_t>(rank, 1) - 1];
}

std::vector<Interval> idleGaps(const DeviceActivity& device) {
    std::vector<Interval> gaps;
    for (std::size_t i = 0; i + 1 < device.busy.size(); ++i)
        gaps.emplace_back(device.busy[i].second, device.busy[i + 1].first);
    return gaps;
}

// Idle time of the device inside [t0, t1), within its active span.
TimeNs idleWithin(const DeviceActivity& device, TimeNs t0, TimeNs t1) {
    t0 = std::max(t0, device.firstStart());
    t1 = std::min(t1, device.lastEnd());
    return t1 > t0 ? (t1 - t0) - overlapLength(device.busy, t0, t1) : 0;
}

void findStalledDequeues(const Trace& trace, const DeviceActivity& device, const TaskQueue& queue,
                         TaskQueueDispatch& out) {
    const auto startOf = [&](SliceRef r) { return trace.sliceTracks[r.track].start(r.slice); };
    const auto endOf = [&](SliceRef r) { return trace.sliceTracks[r.track].end(r.slice); };
    std::vector<std::pair<TimeNs, std::size_t>> stalled; // (idle covered, dequeue)
    for (std::size_t i = 0; i < queue.dequeues.size(); ++i)
        if (const TimeNs idle =
                idleWithin(device, startOf(queue.dequeues[i]), endOf(queue.dequeues[i]));
            idle > 0)
            stalled.emplace_back(idle, i);
    if (stalled.empty())
        return;
    // Dequeues are in start order per thread, not across threads: take the extremes.
    out.start = kTimeMax;
    out.end = kTimeMin;
    std::vector<TimeNs> latencies;
    for (const auto& [idle, i] : stalled) {
        out.start = std::min(out.start, startOf(queue.dequeues[i]));
        out.end = std::max(out.end, endOf(queue.dequeues[i]));
        if (queue.latencies[i])
            latencies.push_back(*queue.latencies[i]);
    }
    std::sort(latencies.begin(), latencies.end());
    out.stalledLatencyMedianNs = percentile(latencies, 50);
    // Most idle covered first; equal ones in dequeue order.
    std::sort(stalled.begin(), stalled.end(), [](const auto& a, const auto& b) {
        return std::tie(b.first, a.second) < std::tie(a.first, b.second);
    });
    for (const auto& [idle, i] : stalled)
        out.stalledDequeues.push_back(queue.dequeues[i]);
}

TaskQueueDispatch measure(const Trace& trace, const DeviceMap& devices, std::uint32_t d,
                          const TaskQueue& queue) {
    const DeviceActivity& device = devices.devices[d];
    TaskQueueDispatch out;
    out.device = d;
    out.dequeueTracks = queue.tracks;
    out.dispatches = queue.sortedLatencies.size();
    out.latencyMedianNs = percentile(queue.sortedLatencies, 50);
    out.latencyP90Ns = percentile(queue.sortedLatencies, 90);
    out.latencyMaxNs = queue.sortedLatencies.back();
    out.deviceIdleNs = device.idleNs();
    out.deviceSpanNs = device.spanNs();
    for (const Interval& gap : idleGaps(device))
        out.idleWhileDispatchingNs += overlapLength(queue.busy, gap.first, gap.second);
    findStalledDequeues(trace, device, queue, out);
    return out;
}

std::string titleOf(const Trace& trace, const DeviceMap& devices, const TaskQueueDispatch& q) {
    return devices.devices[q.device].name + " sat idle " +
           formatTitleDuration(q.idleWhileDispatchingNs) + " (" +
           formatTitlePercent(q.idleShare()) + " of " + formatTitleDuration(q.deviceSpanNs) +
           ") while torch_npu's task queue was still dispatching; the " +
           std::to_string(q.stalledDequeues.size()) + " " + deviceWord(trace) +
           " ops dequeued then had waited a median " +
           formatTitleDuration(q.stalledLatencyMedianNs) + " in the queue (all " +
           std::to_string(q.dispatches) + ": median " + formatTitleDuration(q.latencyMedianNs) +
           ", p90 " + formatTitleDuration(q.latencyP90Ns) + ", max " +
           formatTitleDuration(q.latencyMaxNs) + ")";
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const TaskQueueDispatch& q,
                  const Thresholds& th) {
    Insight insight = makeInsight(InsightKind::DispatchBound, q.device);
    insight.aggregate = true;
    insight.severity = advisorSeverity(q.idleWhileDispatchingNs, q.deviceSpanNs, th);
    insight.start = q.start;
    insight.end = q.end;
    insight.tracks = q.dequeueTracks;
    const auto& deviceTracks = devices.devices[q.device].tracks;
    insight.tracks.insert(insight.tracks.end(), deviceTracks.begin(), deviceTracks.end());
    insight.events = q.stalledDequeues;
    insight.numbers = {
        {Number::IdleWhileDispatchingNs, static_cast<double>(q.idleWhileDispatchingNs)},
        {Number::IdleShare, q.idleShare()},
        {Number::DeviceIdleNs, static_cast<double>(q.deviceIdleNs)},
        {Number::DeviceSpanNs, static_cast<double>(q.deviceSpanNs)},
        {Number::StalledDispatches, static_cast<double>(q.stalledDequeues.size())},
        {Number::StalledLatencyMedianNs, static_cast<double>(q.stalledLatencyMedianNs)},
        {Number::Dispatches, static_cast<double>(q.dispatches)},
        {Number::QueueLatencyMedianNs, static_cast<double>(q.latencyMedianNs)},
        {Number::QueueLatencyP90Ns, static_cast<double>(q.latencyP90Ns)},
        {Number::QueueLatencyMaxNs, static_cast<double>(q.latencyMaxNs)},
    };
    insight.title = titleOf(trace, devices, q);
    insight.suggestion = adviceFor(insight.kind, "", platformOf(trace));
    insight.timeAtStake = q.idleWhileDispatchingNs;
    return insight;
}

} // namespace

double TaskQueueDispatch::idleShare() const {
    return deviceSpanNs > 0
               ? static_cast<double>(idleWhileDispatchingNs) / static_cast<double>(deviceSpanNs)
               : 0;
}

std::vector<TaskQueueDispatch> measureTaskQueueDispatch(const Trace& trace,
                                                        const DeviceMap& devices) {
    const std::vector<TaskQueue> queues = taskQueuesByFile(trace);
    std::vector<TaskQueueDispatch> out;
    for (std::uint32_t d = 0; d < devices.devices.size(); ++d) {
        const TaskQueue& queue = queues[devices.devices[d].file];
        if (!queue.sortedLatencies.empty())
            out.push_back(measure(trace, devices, d, queue));
    }
    return out;
}

std::vector<Insight> detectDispatchBound(const Trace& trace, const DeviceMap& devices,
                                         const Thresholds& thresholds) {
    const auto minLatency = static_cast<TimeNs>(thresholds["dispatch.min_queue_latency_us"] * 1e3);
    const double minShare = thresholds["dispatch.min_idle_share"];
    std::vector<Insight> insights;
    for (const TaskQueueDispatch& q : measureTaskQueueDispatch(trace, devices))
        if (!q.stalledDequeues.empty() && q.stalledLatencyMedianNs >= minLatency &&
            q.idleShare() >= minShare)
            insights.push_back(insightOf(trace, devices, q, thresholds));
    return insights;
}

} // namespace lanescope::analysis
