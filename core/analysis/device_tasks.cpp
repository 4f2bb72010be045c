// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/device_tasks.h"

#include "analysis/slice_kind.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace lanescope::analysis {

namespace {

// (file, has a device id, device id or process index): what makes two lanes one device.
using DeviceKey = std::tuple<std::uint32_t, bool, std::int64_t>;

DeviceKey keyOf(const Trace& trace, std::uint32_t process) {
    const Process& p = trace.processes[process];
    if (p.deviceId)
        return {p.sourceFile, true, *p.deviceId};
    return {p.sourceFile, false, process};
}

std::string deviceName(const Trace& trace, std::uint32_t process) {
    const Process& p = trace.processes[process];
    std::string name;
    for (StringId label : p.labels) {
        const std::string_view text = trace.str(label);
        if (text.starts_with("GPU ") || text.starts_with("NPU "))
            name = text;
    }
    if (name.empty() && p.deviceId)
        name = (trace.format == "ascend" ? "NPU " : "GPU ") + std::to_string(*p.deviceId);
    if (name.empty())
        name = std::string(trace.str(p.name)) + " (pid " + toString(p.pid, trace.strings) + ")";
    if (trace.files.size() > 1) {
        const auto& rank = trace.files[p.sourceFile].rank;
        name = (rank ? "rank " + std::to_string(*rank) : "file " + std::to_string(p.sourceFile)) +
               " " + name;
    }
    return name;
}

std::vector<bool> tracksWithTasks(const Trace& trace) {
    std::vector<bool> has(trace.sliceTracks.size(), false);
    for (const TaskLink& link : trace.taskLinks)
        if (link.task.track < has.size())
            has[link.task.track] = true;
    return has;
}

} // namespace

std::vector<Interval> mergeIntervals(std::vector<Interval> intervals) {
    std::sort(intervals.begin(), intervals.end());
    std::vector<Interval> merged;
    for (const Interval& i : intervals) {
        if (i.second <= i.first)
            continue;
        if (!merged.empty() && i.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, i.second);
        else
            merged.push_back(i);
    }
    return merged;
}

TimeNs overlapLength(const std::vector<Interval>& merged, TimeNs t0, TimeNs t1) {
    // The first interval that ends after t0; the union is disjoint and sorted.
    auto it = std::upper_bound(merged.begin(), merged.end(), t0,
                               [](TimeNs t, const Interval& i) { return t < i.second; });
    TimeNs total = 0;
    for (; it != merged.end() && it->first < t1; ++it)
        total += std::min(it->second, t1) - std::max(it->first, t0);
    return total;
}

bool isDeviceWorkName(std::string_view name) {
    return classifySliceName(name) != SliceKind::Sync && !name.starts_with("PROFILING_");
}

TimeNs DeviceActivity::workSpanNs() const {
    return working.empty() ? 0 : working.back().second - working.front().first;
}

void DeviceActivity::setWorking(std::vector<Interval> merged) {
    working = std::move(merged);
    workingBefore.clear();
    workingBefore.reserve(working.size());
    TimeNs total = 0;
    for (const Interval& i : working) {
        workingBefore.push_back(total);
        total += i.second - i.first;
    }
}

TimeNs DeviceActivity::workingWithin(TimeNs t0, TimeNs t1) const {
    // Time working before t: the intervals ending by t, plus the part of the one around t.
    const auto before = [this](TimeNs t) {
        const auto it = std::upper_bound(working.begin(), working.end(), t,
                                         [](TimeNs x, const Interval& i) { return x < i.second; });
        const std::size_t k = static_cast<std::size_t>(it - working.begin());
        if (k == working.size())
            return workingBefore.empty()
                       ? TimeNs{0}
                       : workingBefore.back() + (working.back().second - working.back().first);
        return workingBefore[k] + std::max<TimeNs>(0, t - working[k].first);
    };
    return t1 > t0 ? before(t1) - before(t0) : 0;
}

TimeNs DeviceActivity::workingNs() const {
    TimeNs total = 0;
    for (const Interval& i : working)
        total += i.second - i.first;
    return total;
}

TimeNs DeviceActivity::busyNs() const {
    TimeNs total = 0;
    for (const Interval& i : busy)
        total += i.second - i.first;
    return total;
}

DeviceMap mapDevices(const Trace& trace) {
    DeviceMap map;
    map.deviceOfTrack.assign(trace.sliceTracks.size(), kNoIndex);
    const std::vector<bool> hasTasks = tracksWithTasks(trace);
    std::map<DeviceKey, std::uint32_t> indexOf;
    for (std::uint32_t p = 0; p < trace.processes.size(); ++p) {
        for (std::uint32_t t : trace.processes[p].threads) {
            const std::uint32_t track = trace.threads[t].sliceTrack;
            if (track == kNoIndex || !hasTasks[track])
                continue;
            const auto [it, added] = indexOf.emplace(keyOf(trace, p), map.devices.size());
            if (added) {
                map.devices.emplace_back();
                map.devices.back().name = deviceName(trace, p);
                map.devices.back().file = trace.processes[p].sourceFile;
            }
            DeviceActivity& device = map.devices[it->second];
            device.tracks.push_back(track);
            if (device.processes.empty() || device.processes.back() != p)
                device.processes.push_back(p);
            map.deviceOfTrack[track] = it->second;
        }
    }
    std::vector<std::vector<Interval>> intervals(map.devices.size());
    std::vector<std::vector<Interval>> work(map.devices.size());
    std::unordered_map<StringId, bool> isWork; // classifying a name once, not once per task
    for (const TaskLink& link : trace.taskLinks) {
        const std::uint32_t device = map.deviceOfTrack[link.task.track];
        if (device == kNoIndex)
            continue;
        const SliceTrack& track = trace.sliceTracks[link.task.track];
        const Interval extent{track.start(link.task.slice), track.end(link.task.slice)};
        intervals[device].push_back(extent);
        const StringId name = track.name(link.task.slice);
        const auto [it, added] = isWork.try_emplace(name, false);
        if (added)
            it->second = isDeviceWorkName(trace.str(name));
        if (it->second)
            work[device].push_back(extent);
        ++map.devices[device].taskCount;
    }
    for (std::size_t d = 0; d < map.devices.size(); ++d) {
        map.devices[d].busy = mergeIntervals(std::move(intervals[d]));
        map.devices[d].setWorking(mergeIntervals(std::move(work[d])));
    }
    return map;
}

std::string deviceWord(const Trace& trace) {
    if (trace.format == "ascend")
        return "NPU";
    return trace.format == "kineto" ? "GPU" : "device";
}

} // namespace lanescope::analysis
