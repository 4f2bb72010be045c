// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/hta_breakdown.h"

#include "analysis/device_idle_gap.h"
#include "analysis/slice_info.h"
#include "analysis/slice_kind.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace lanescope::analysis {

namespace {

template <std::size_t N>
bool startsWithAny(std::string_view text, const std::array<std::string_view, N>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return text.starts_with(p); });
}

template <std::size_t N>
bool containsAny(std::string_view text, const std::array<std::string_view, N>& parts) {
    return std::any_of(parts.begin(), parts.end(),
                       [&](std::string_view p) { return text.find(p) != std::string_view::npos; });
}

// HTA's "cuda.*LaunchKernel".
bool isCudaLaunchName(std::string_view name) {
    return name.starts_with("cuda") && name.find("LaunchKernel", 4) != std::string_view::npos;
}

TimeNs lengthOf(const std::vector<Interval>& merged) {
    TimeNs total = 0;
    for (const Interval& i : merged)
        total += i.second - i.first;
    return total;
}

HtaKernelType typeFromKind(SliceKind kind) {
    switch (kind) {
    case SliceKind::Copy:
        return HtaKernelType::Memory;
    case SliceKind::Communication:
        return HtaKernelType::Communication;
    case SliceKind::Compute:
    case SliceKind::Sync:
    case SliceKind::Idle:
    case SliceKind::Other:
        break;
    }
    return HtaKernelType::Computation;
}

// Kernel types by name, each name classified once.
class KernelTypes {
public:
    explicit KernelTypes(const Trace& trace) : trace_(trace), ascend_(trace.format == "ascend") {}

    HtaKernelType of(SliceRef task) {
        const StringId name = trace_.sliceTracks[task.track].name(task.slice);
        const auto [it, added] = types_.try_emplace(name, HtaKernelType::Other);
        if (added)
            it->second = ascend_ ? typeFromKind(classifySliceName(trace_.str(name)))
                                 : htaKernelType(trace_.str(name));
        return it->second;
    }

private:
    const Trace& trace_;
    bool ascend_;
    std::unordered_map<StringId, HtaKernelType> types_;
};

std::vector<std::uint32_t> fileOfTracks(const Trace& trace) {
    std::vector<std::uint32_t> files(trace.sliceTracks.size(), kNoIndex);
    for (const Thread& thread : trace.threads)
        if (thread.sliceTrack != kNoIndex)
            files[thread.sliceTrack] = trace.processes[thread.process].sourceFile;
    for (const AsyncTrack& async : trace.asyncTracks)
        if (async.sliceTrack != kNoIndex)
            files[async.sliceTrack] = trace.processes[async.process].sourceFile;
    return files;
}

// Per file: where HTA's last-iteration filter cuts (the last step's start), when the file has at
// least two step numbers.
std::map<std::uint32_t, TimeNs> lastStepCuts(const Trace& trace) {
    const std::vector<std::uint32_t> files = fileOfTracks(trace);
    std::map<std::uint32_t, std::set<std::int64_t>> numbers;
    std::map<std::uint32_t, TimeNs> lastStart;
    for (const Step& step : trace.steps) {
        const std::uint32_t file = files[step.slice.track];
        numbers[file].insert(step.number);
        const auto [it, added] = lastStart.emplace(file, step.start);
        if (!added)
            it->second = std::max(it->second, step.start);
    }
    std::map<std::uint32_t, TimeNs> cuts;
    for (const auto& [file, steps] : numbers)
        if (steps.size() >= 2)
            cuts[file] = lastStart[file];
    return cuts;
}

struct CountedTasks {
    std::vector<WorkTask> tasks; // by (start, end, track, slice)
    bool lastStepExcluded = false;
};

// Each device's work tasks that HTA would count.
std::vector<CountedTasks> countedTasks(const Trace& trace, const DeviceMap& devices) {
    const std::map<std::uint32_t, TimeNs> cuts = lastStepCuts(trace);
    std::vector<std::vector<WorkTask>> work = workTasksByDevice(trace, devices);
    std::vector<CountedTasks> counted(work.size());
    for (std::uint32_t d = 0; d < work.size(); ++d) {
        const auto cut = cuts.find(devices.devices[d].file);
        if (cut == cuts.end()) {
            counted[d].tasks = std::move(work[d]);
            continue;
        }
        counted[d].lastStepExcluded = true;
        for (const WorkTask& task : work[d]) {
            const TaskLink* link = taskLinkOf(trace, task.task);
            if (link && link->launch.valid() &&
                trace.sliceTracks[link->launch.track].start(link->launch.slice) < cut->second)
                counted[d].tasks.push_back(task);
        }
    }
    return counted;
}

// HTA's per-stream gap rules over one stream's tasks (by start).
void measureStream(const Trace& trace, const std::vector<const WorkTask*>& tasks, double delayNs,
                   HtaIdle& idle) {
    TimeNs previousEnd = tasks.front()->end;
    for (std::size_t i = 1; i < tasks.size(); ++i) {
        const WorkTask& task = *tasks[i];
        const TimeNs gap = std::max<TimeNs>(0, task.start - previousEnd);
        const TaskLink* link = taskLinkOf(trace, task.task);
        const bool launchedLate =
            link && link->launch.valid() &&
            trace.sliceTracks[link->launch.track].start(link->launch.slice) > previousEnd;
        if (launchedLate)
            idle.hostWaitNs += gap;
        else if (static_cast<double>(gap) < delayNs)
            idle.kernelWaitNs += gap;
        else
            idle.otherWaitNs += gap;
        ++idle.gaps;
        previousEnd = std::max(previousEnd, task.end);
    }
}

} // namespace

const char* toString(HtaKernelType type) {
    switch (type) {
    case HtaKernelType::Computation:
        return "computation";
    case HtaKernelType::Communication:
        return "communication";
    case HtaKernelType::Memory:
        return "memory";
    case HtaKernelType::Other:
        return "other";
    }
    return "other";
}

HtaKernelType htaKernelType(std::string_view name) {
    static constexpr std::array<std::string_view, 3> kCommunicationPrefixes = {"nccl", "hip",
                                                                               "hccl"};
    static constexpr std::array<std::string_view, 5> kMemoryPrefixes = {
        "Memcpy", "Memset", "hipMemcpy", "hipMemset", "dma"};
    static constexpr std::array<std::string_view, 10> kNonComputePrefixes = {
        "nccl",
        "hip",
        "hccl",
        "runFunction",
        "job_exe",
        "packet",
        "pe_exe",
        "Stream Wait Event",
        "cpum_exe_subgraph",
        "collective_subgraph_execution"};
    static constexpr std::array<std::string_view, 4> kNonComputeParts = {"Memcpy", "Memset", "dma",
                                                                         "Sync"};
    if (startsWithAny(name, kCommunicationPrefixes) ||
        name.find("ncclKernel") != std::string_view::npos)
        return HtaKernelType::Communication;
    if (startsWithAny(name, kMemoryPrefixes))
        return HtaKernelType::Memory;
    const bool nonCompute = startsWithAny(name, kNonComputePrefixes) ||
                            containsAny(name, kNonComputeParts) || isCudaLaunchName(name);
    return nonCompute ? HtaKernelType::Other : HtaKernelType::Computation;
}

std::vector<HtaTemporal> htaTemporalBreakdown(const Trace& trace, const DeviceMap& devices) {
    KernelTypes types(trace);
    std::vector<HtaTemporal> rows;
    const std::vector<CountedTasks> counted = countedTasks(trace, devices);
    for (std::uint32_t d = 0; d < counted.size(); ++d) {
        std::vector<Interval> all, compute;
        for (const WorkTask& task : counted[d].tasks) {
            all.emplace_back(task.start, task.end);
            if (types.of(task.task) == HtaKernelType::Computation)
                compute.emplace_back(task.start, task.end);
        }
        const std::vector<Interval> busy = mergeIntervals(std::move(all));
        if (busy.empty())
            continue;
        HtaTemporal row;
        row.device = devices.devices[d].name;
        row.deviceIndex = d;
        row.spanNs = busy.back().second - busy.front().first;
        row.idleNs = row.spanNs - lengthOf(busy);
        row.computeNs = lengthOf(mergeIntervals(std::move(compute)));
        row.nonComputeNs = row.spanNs - row.idleNs - row.computeNs;
        row.tasks = counted[d].tasks.size();
        row.lastStepExcluded = counted[d].lastStepExcluded;
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<HtaIdle> htaIdleBreakdown(const Trace& trace, const DeviceMap& devices,
                                      const Thresholds& thresholds) {
    const double delayNs = thresholds["hta.consecutive_kernel_delay_us"] * 1e3;
    std::vector<HtaIdle> rows;
    const std::vector<CountedTasks> counted = countedTasks(trace, devices);
    for (std::uint32_t d = 0; d < counted.size(); ++d) {
        std::map<std::uint32_t, std::vector<const WorkTask*>> byTrack;
        for (const WorkTask& task : counted[d].tasks)
            byTrack[task.task.track].push_back(&task);
        for (std::uint32_t track : devices.devices[d].tracks) {
            const auto it = byTrack.find(track);
            if (it == byTrack.end())
                continue;
            HtaIdle row;
            row.device = devices.devices[d].name;
            row.stream = streamName(trace, track);
            row.deviceIndex = d;
            row.track = track;
            row.lastStepExcluded = counted[d].lastStepExcluded;
            measureStream(trace, it->second, delayNs, row);
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

} // namespace lanescope::analysis
