// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/ai_cpu_op.h"

#include "analysis/advice.h"
#include "analysis/advisor_priority.h"
#include "analysis/slice_info.h"
#include "analysis/task_role.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

namespace lanescope::analysis {

namespace {

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// "FLOAT;INT64;DT_DOUBLE" -> the 64-bit ones.
void addWideTypes(std::string_view types, std::set<std::string>& wide) {
    static constexpr std::array<std::string_view, 5> kWide = {"INT64", "UINT64", "DOUBLE",
                                                              "FLOAT64", "COMPLEX"};
    while (!types.empty()) {
        const std::size_t cut = types.find(';');
        const std::string token = upper(types.substr(0, cut));
        for (std::string_view w : kWide)
            if (token.find(w) != std::string::npos)
                wide.insert(token);
        types = cut == std::string_view::npos ? std::string_view() : types.substr(cut + 1);
    }
}

struct GroupKey {
    std::uint32_t device;
    StringId op;
    friend bool operator<(const GroupKey& a, const GroupKey& b) {
        return std::tie(a.device, a.op) < std::tie(b.device, b.op);
    }
};

struct Collected {
    AiCpuGroup group;
    TimeNs firstStart = 0; // of any task of the group: what orders the ids
    std::set<std::string> wide;
};

void addTask(const Trace& trace, const RoledTask& task, TimeNs minTaskNs, Collected& c) {
    const SliceTrack& track = trace.sliceTracks[task.task.track];
    const TimeNs start = track.start(task.task.slice);
    const TimeNs duration = track.duration(task.task.slice);
    c.firstStart = c.group.allTasks++ == 0 ? start : std::min(c.firstStart, start);
    if (duration < minTaskNs)
        return;
    c.group.start = c.group.tasks.empty() ? start : std::min(c.group.start, start);
    c.group.end = std::max(c.group.end, track.end(task.task.slice));
    c.group.tasks.push_back(task.task);
    c.group.busyNs += duration;
    c.group.longestNs = std::max(c.group.longestNs, duration);
    addWideTypes(trace.str(task.detail->inputDataTypes), c.wide);
}

std::string hintFor(std::string_view opType) {
    const std::string op = upper(opType);
    if (op == "INDEX")
        return "Advanced indexing (tensor[index_tensor]) runs as Index on the AI CPU: use "
               "torch.index_select or torch.gather. ";
    if (op == "INDEXPUT" || op == "INDEXPUTV2")
        return "Index assignment (tensor[mask] = value, index_put_) runs on the AI CPU: use "
               "torch.where, masked_fill_ or scatter_ instead. ";
    if (op == "NONZERO")
        return "torch.nonzero and boolean-mask indexing have a data-dependent output shape and "
               "run on the AI CPU: keep shapes fixed with torch.where or masked ops. ";
    if (op == "ARGMIN")
        return "ArgMin runs on the AI CPU before CANN 7.0.RC1: update the CANN toolkit. ";
    return "";
}

std::string listOf(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i)
        text += (i ? ", " : "") + items[i];
    return text;
}

std::string titleOf(const Trace& trace, const DeviceMap& devices, const AiCpuGroup& g) {
    std::string title = std::string(trace.str(g.opType)) + " ran on the AI CPU of " +
                        devices.devices[g.device].name + " " + std::to_string(g.tasks.size()) +
                        (g.tasks.size() == 1 ? " time" : " times") + " for " +
                        formatTitleDuration(g.busyNs) + " (longest " +
                        formatTitleDuration(g.longestNs) + ")";
    if (!g.wideTypes.empty())
        title += " with " + listOf(g.wideTypes) + " data";
    if (!g.launchers.empty())
        title += "; launched by " + launcherList(trace, g.launchers);
    return title;
}

std::string suggestionFor(const Trace& trace, const AiCpuGroup& g) {
    std::string hint = hintFor(trace.str(g.opType));
    if (!g.wideTypes.empty())
        hint += "64-bit data (" + listOf(g.wideTypes) +
                ") often has no AI Core kernel: convert to float32 / int32 before the op where the "
                "values fit. ";
    return adviceFor(InsightKind::AiCpuOp, "", platformOf(trace), {{"hint", hint}});
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const AiCpuGroup& g,
                  const Thresholds& th) {
    Insight insight = makeInsight(InsightKind::AiCpuOp, g.ordinal);
    setAdvisorStake(insight, g.busyNs, devices.devices[g.device].spanNs(), g.start, g.end, g.tasks,
                    th);
    insight.numbers = {{Number::Tasks, static_cast<double>(g.tasks.size())},
                       {Number::AllTasks, static_cast<double>(g.allTasks)},
                       {Number::BusyNs, static_cast<double>(g.busyNs)},
                       {Number::LongestNs, static_cast<double>(g.longestNs)}};
    insight.title = titleOf(trace, devices, g);
    insight.suggestion = suggestionFor(trace, g);
    return insight;
}

} // namespace

std::vector<AiCpuGroup> findAiCpuOps(const Trace& trace, const DeviceMap& devices,
                                     const Thresholds& thresholds) {
    const auto minTaskNs = static_cast<TimeNs>(thresholds["ai_cpu.min_task_us"] * 1e3);
    std::map<GroupKey, Collected> groups;
    for (const RoledTask& task : roleDeviceTasks(trace)) {
        const std::uint32_t device = devices.deviceOfTrack[task.task.track];
        if (!task.aiCpu || device == kNoIndex)
            continue;
        const StringId type = knownOpType(trace, task.detail);
        const StringId op = type ? type : trace.sliceTracks[task.task.track].name(task.task.slice);
        Collected& c = groups[{device, op}];
        c.group.device = device;
        c.group.opType = op;
        addTask(trace, task, minTaskNs, c);
    }
    std::vector<Collected*> ordered;
    for (auto& [key, c] : groups)
        ordered.push_back(&c);
    std::sort(ordered.begin(), ordered.end(), [](const Collected* a, const Collected* b) {
        return std::tie(a->firstStart, a->group.device, a->group.opType) <
               std::tie(b->firstStart, b->group.device, b->group.opType);
    });
    std::vector<AiCpuGroup> found;
    for (std::uint32_t i = 0; i < ordered.size(); ++i) {
        AiCpuGroup& g = ordered[i]->group;
        if (g.tasks.empty())
            continue;
        g.ordinal = i;
        g.wideTypes.assign(ordered[i]->wide.begin(), ordered[i]->wide.end());
        std::sort(g.tasks.begin(), g.tasks.end(), [&](SliceRef a, SliceRef b) {
            return std::make_tuple(trace.sliceTracks[a.track].start(a.slice), a.track, a.slice) <
                   std::make_tuple(trace.sliceTracks[b.track].start(b.slice), b.track, b.slice);
        });
        g.launchers = launcherCounts(trace, g.tasks);
        found.push_back(std::move(g));
    }
    return found;
}

std::vector<Insight> detectAiCpuOps(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds) {
    std::vector<Insight> insights;
    for (const AiCpuGroup& group : findAiCpuOps(trace, devices, thresholds))
        insights.push_back(insightOf(trace, devices, group, thresholds));
    return insights;
}

} // namespace lanescope::analysis
