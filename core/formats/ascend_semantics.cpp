// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/ascend_semantics.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

namespace lanescope::formats {

namespace {

constexpr std::int64_t kHostDevice = 31;

enum class LaneRole { Framework, Cann, Hardware, Communication, OverlapAnalysis, Unknown };

LaneRole roleOf(std::string_view processName) {
    if (processName == "Python" || processName == "Python GC")
        return LaneRole::Framework;
    if (processName == "CANN")
        return LaneRole::Cann;
    if (processName == "Ascend Hardware")
        return LaneRole::Hardware;
    if (processName == "HCCL" || processName == "Communication")
        return LaneRole::Communication;
    if (processName == "Overlap Analysis")
        return LaneRole::OverlapAnalysis;
    return LaneRole::Unknown;
}

// Newer CANN labels device processes "NPU 3"; older ones just "NPU".
std::optional<std::int64_t> deviceFromLabels(const Trace& trace, const Process& process) {
    for (StringId label : process.labels) {
        const std::string_view text = trace.str(label);
        if (text.substr(0, 4) != "NPU ")
            continue;
        const std::string_view digits = text.substr(4);
        std::int64_t id = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
        if (ec == std::errc() && end == digits.data() + digits.size())
            return id;
    }
    return std::nullopt;
}

// The real host pids of each file: the "Python" process is the only one CANN does not encode.
std::set<std::pair<std::uint32_t, std::int64_t>> hostPids(const Trace& trace) {
    std::set<std::pair<std::uint32_t, std::int64_t>> pids;
    for (const Process& p : trace.processes)
        if (!p.pid.isText && roleOf(trace.str(p.name)) == LaneRole::Framework)
            pids.insert({p.sourceFile, p.pid.number});
    return pids;
}

void decodeDevicesAndNames(Trace& trace) {
    const auto hosts = hostPids(trace);
    for (Process& p : trace.processes) {
        const bool synthetic =
            !p.pid.isText && p.pid.number > 0 &&
            hosts.count({p.sourceFile, decodeCannPid(p.pid.number).hostPid}) != 0;
        if (synthetic && decodeCannPid(p.pid.number).deviceId != kHostDevice &&
            roleOf(trace.str(p.name)) != LaneRole::Cann)
            p.deviceId = decodeCannPid(p.pid.number).deviceId;
        if (auto labelled = deviceFromLabels(trace, p))
            p.deviceId = labelled;
        if (p.name != 0)
            continue;
        // Level0 prunes the CANN process_name but keeps its threads and flow starts.
        std::string name = "Unnamed process " + std::to_string(p.pid.number);
        if (synthetic)
            name += " (host pid " + std::to_string(decodeCannPid(p.pid.number).hostPid) + ")";
        p.name = trace.strings.intern(name);
    }
}

TrackKind kindFor(LaneRole role, TrackKind current) {
    switch (role) {
    case LaneRole::Framework:
    case LaneRole::Cann:
        return TrackKind::Host;
    case LaneRole::Hardware:
    case LaneRole::Communication:
        return TrackKind::Device;
    case LaneRole::OverlapAnalysis:
        return TrackKind::Derived;
    case LaneRole::Unknown:
        return current;
    }
    return current;
}

void classifyLanes(Trace& trace) {
    for (Thread& thread : trace.threads) {
        const LaneRole role = roleOf(trace.str(trace.processes[thread.process].name));
        thread.kind = thread.sliceTrack == kNoIndex ? TrackKind::Other : kindFor(role, thread.kind);
    }
}

// Device work a host call can launch: Ascend Hardware streams and HCCL "Group" lanes (the
// "Plane" lanes hold the steps of a communication op, not launched work).
bool isTaskLane(const Trace& trace, const Thread& thread) {
    const LaneRole role = roleOf(trace.str(trace.processes[thread.process].name));
    if (role == LaneRole::Hardware)
        return true;
    return role == LaneRole::Communication && trace.str(thread.name).substr(0, 5) == "Group";
}

class TaskLinker {
public:
    TaskLinker(Trace& trace, const std::vector<TraceBuilder::Correlated>& joinKeys)
        : trace_(trace) {
        for (std::uint32_t t = 0; t < trace.threads.size(); ++t)
            if (trace.threads[t].sliceTrack != kNoIndex)
                threadOfTrack_[trace.threads[t].sliceTrack] = t;
        indexFlows();
        indexJoinKeys(joinKeys);
        indexPythonThreads();
    }

    void run() {
        for (std::uint32_t t = 0; t < trace_.threads.size(); ++t) {
            const Thread& thread = trace_.threads[t];
            if (thread.sliceTrack == kNoIndex || !isTaskLane(trace_, thread))
                continue;
            const SliceTrack& track = trace_.sliceTracks[thread.sliceTrack];
            for (std::uint32_t i = 0; i < track.size(); ++i)
                link({thread.sliceTrack, i});
        }
    }

private:
    void indexFlows() {
        for (const Flow& flow : trace_.flows) {
            if (!flow.bound())
                continue;
            const std::string_view category = trace_.str(flow.category);
            if (category == "HostToDevice")
                launchByFlow_.emplace(flow.to.key(), flow.from);
            else if (category == "async_npu")
                opByFlow_.emplace(flow.to.key(), flow.from);
            else if (category == "async_task_queue")
                enqueueOf_.emplace(flow.to.key(), flow.from);
        }
    }

    void indexJoinKeys(const std::vector<TraceBuilder::Correlated>& joinKeys) {
        for (const auto& k : joinKeys) {
            if (k.key != JoinKey::ConnectionId || !k.slice.valid())
                continue;
            const Thread& thread = trace_.threads[threadOfTrack_.at(k.slice.track)];
            if (roleOf(trace_.str(trace_.processes[thread.process].name)) == LaneRole::Cann)
                cannCallByConnection_.emplace(std::make_pair(k.file, k.correlation), k.slice);
            else
                connectionOfTask_.emplace(k.slice.key(), std::make_pair(k.file, k.correlation));
        }
    }

    void link(SliceRef task) {
        TaskLink result{task, {}, {}};
        if (auto it = launchByFlow_.find(task.key()); it != launchByFlow_.end())
            result.launch = it->second;
        else if (auto c = connectionOfTask_.find(task.key()); c != connectionOfTask_.end())
            if (auto call = cannCallByConnection_.find(c->second);
                call != cannCallByConnection_.end())
                result.launch = call->second;
        if (auto it = opByFlow_.find(task.key()); it != opByFlow_.end())
            result.hostOp = it->second;
        else if (result.launch.valid())
            result.hostOp = opOfCannCall(result.launch);
        trace_.taskLinks.push_back(result);
    }

    // The CANN call runs on the host thread with the same tid: the dequeue thread when the task
    // queue is on (follow Dequeue -> Enqueue to the op that queued it), else the op's own thread.
    SliceRef opOfCannCall(SliceRef call) {
        const Thread& cannThread = trace_.threads[threadOfTrack_.at(call.track)];
        const TimeNs at = trace_.sliceTracks[call.track].start(call.slice);
        const std::uint32_t hostThread = frameworkThread(cannThread);
        if (hostThread == kNoIndex)
            return {};
        const SliceRef inner = innermost(trace_.threads[hostThread].sliceTrack, at, "");
        if (!inner.valid())
            return {};
        if (trace_.str(trace_.sliceTracks[inner.track].category(inner.slice)) != "dequeue")
            return innermost(inner.track, at, "cpu_op");
        const SliceRef dequeue = innermost(inner.track, at, "dequeue");
        const auto enqueue = enqueueOf_.find(dequeue.key());
        if (enqueue == enqueueOf_.end())
            return {};
        const SliceRef queued = enqueue->second;
        return innermost(queued.track, trace_.sliceTracks[queued.track].start(queued.slice),
                         "cpu_op");
    }

    std::uint32_t frameworkThread(const Thread& cannThread) const {
        const auto it = pythonThreads_.find(
            {trace_.processes[cannThread.process].sourceFile, cannThread.tid.number});
        return it == pythonThreads_.end() ? kNoIndex : it->second;
    }

    // The "Python" threads with slices, by (file, tid): where a CANN call's torch op lives.
    void indexPythonThreads() {
        for (std::uint32_t t = 0; t < trace_.threads.size(); ++t) {
            const Thread& thread = trace_.threads[t];
            const Process& process = trace_.processes[thread.process];
            if (trace_.str(process.name) == "Python" && thread.sliceTrack != kNoIndex &&
                !thread.tid.isText)
                pythonThreads_.emplace(std::make_pair(process.sourceFile, thread.tid.number), t);
        }
    }

    // The innermost slice containing `at` on a track, optionally of one category: the one that
    // started last (then ended first). Not the one on the deepest row: a ProfilerStep that
    // partially overlaps the Python stack around it is drawn below the ops it contains (the DB
    // export's step rows do), yet an op inside it is still the innermost.
    SliceRef innermost(std::uint32_t track, TimeNs at, std::string_view category) const {
        if (track == kNoIndex)
            return {};
        const SliceTrack& slices = trace_.sliceTracks[track];
        SliceRef best;
        slices.forEachContaining(at, [&](std::uint32_t i) {
            if (!category.empty() && trace_.str(slices.category(i)) != category)
                return;
            if (!best.valid() ||
                std::make_tuple(slices.start(i), -slices.end(i), slices.row(i)) >=
                    std::make_tuple(slices.start(best.slice), -slices.end(best.slice),
                                    slices.row(best.slice)))
                best = {track, i};
        });
        return best;
    }

    Trace& trace_;
    std::unordered_map<std::uint32_t, std::uint32_t> threadOfTrack_;
    std::unordered_map<std::uint64_t, SliceRef> launchByFlow_;
    std::unordered_map<std::uint64_t, SliceRef> opByFlow_;
    std::unordered_map<std::uint64_t, SliceRef> enqueueOf_;
    std::map<std::pair<std::uint32_t, std::int64_t>, SliceRef> cannCallByConnection_;
    std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::int64_t>> connectionOfTask_;
    std::map<std::pair<std::uint32_t, std::int64_t>, std::uint32_t> pythonThreads_;
};

} // namespace

CannPid decodeCannPid(std::int64_t pid) {
    return {pid >> 10, pid & 31};
}

bool looksLikeAscend(const Trace& trace) {
    for (const Process& p : trace.processes) {
        const LaneRole role = roleOf(trace.str(p.name));
        if (role == LaneRole::Hardware || role == LaneRole::Cann)
            return true;
    }
    return false;
}

void applyAscendSemantics(Trace& trace, const std::vector<TraceBuilder::Correlated>& joinKeys) {
    decodeDevicesAndNames(trace);
    classifyLanes(trace);
    TaskLinker(trace, joinKeys).run();
    std::sort(
        trace.taskLinks.begin(), trace.taskLinks.end(), [](const TaskLink& a, const TaskLink& b) {
            return std::tie(a.task.track, a.task.slice) < std::tie(b.task.track, b.task.slice);
        });
    trace.format = "ascend";
}

AscendLinkStats ascendLinkStats(const Trace& trace) {
    AscendLinkStats stats;
    for (const TaskLink& link : trace.taskLinks) {
        ++stats.deviceTasks;
        stats.withLaunch += link.launch.valid() ? 1 : 0;
        stats.withHostOp += link.hostOp.valid() ? 1 : 0;
    }
    return stats;
}

} // namespace lanescope::formats
