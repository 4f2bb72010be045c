// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/dynamic_shape.h"

#include "analysis/advice.h"
#include "analysis/advisor_priority.h"
#include "analysis/slice_info.h"
#include "analysis/task_role.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <unordered_set>

namespace lanescope::analysis {

namespace {

struct FileShapes {
    DynamicShapeSummary summary;
    bool recorded = false; // some kernel says dynamic or static
    std::map<StringId, SliceRef> firstOfType;
    std::unordered_set<std::uint64_t> launches;
};

void addDynamic(const Trace& trace, const DeviceTaskDetail& detail, FileShapes& f) {
    const SliceTrack& track = trace.sliceTracks[detail.task.track];
    const TimeNs start = track.start(detail.task.slice);
    DynamicShapeSummary& s = f.summary;
    s.start = s.dynamicTasks++ == 0 ? start : std::min(s.start, start);
    s.end = std::max(s.end, track.end(detail.task.slice));
    const StringId type = knownOpType(trace, &detail);
    const auto [it, added] =
        f.firstOfType.emplace(type ? type : track.name(detail.task.slice), detail.task);
    if (!added && start < trace.sliceTracks[it->second.track].start(it->second.slice))
        it->second = detail.task;
    const TaskLink* link = taskLinkOf(trace, detail.task);
    if (link && link->launch.valid() && f.launches.insert(link->launch.key()).second) {
        s.launchNs += trace.sliceTracks[link->launch.track].duration(link->launch.slice);
        ++s.launchCalls;
    }
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const DynamicShapeSummary& s,
                  const Thresholds& th) {
    Insight insight = makeInsight(InsightKind::DynamicShape, s.file);
    setAdvisorStake(insight, s.launchNs, activeSpanOfFile(trace, devices, s.file), s.start, s.end,
                    s.firstOfEachType, th);
    insight.numbers = {{Number::DynamicTasks, static_cast<double>(s.dynamicTasks)},
                       {Number::StaticTasks, static_cast<double>(s.staticTasks)},
                       {Number::OpTypes, static_cast<double>(s.firstOfEachType.size())},
                       {Number::LaunchCalls, static_cast<double>(s.launchCalls)},
                       {Number::LaunchNs, static_cast<double>(s.launchNs)}};
    insight.title = "All " + std::to_string(s.dynamicTasks) + " " + deviceWord(trace) + " kernels" +
                    onFileLabel(trace, s.file) + " (" + std::to_string(s.firstOfEachType.size()) +
                    " op types) ran with dynamic shapes, none static; their launch calls took " +
                    formatTitleDuration(s.launchNs);
    insight.suggestion = adviceFor(insight.kind, "", platformOf(trace));
    return insight;
}

} // namespace

std::vector<DynamicShapeSummary> summarizeShapes(const Trace& trace) {
    StringId dynamicId = 0, staticId = 0;
    const bool hasDynamic = trace.strings.find("dynamic", dynamicId);
    const bool hasStatic = trace.strings.find("static", staticId);
    std::vector<DynamicShapeSummary> summaries;
    if (!hasDynamic && !hasStatic)
        return summaries;
    const std::vector<std::uint32_t> fileOfTrack = fileOfTracks(trace);
    std::vector<FileShapes> files(trace.files.size());
    for (const DeviceTaskDetail& detail : trace.taskDetails) {
        const std::uint32_t file = fileOfTrack[detail.task.track];
        if (file >= files.size())
            continue;
        if (hasDynamic && detail.opState == dynamicId) {
            addDynamic(trace, detail, files[file]);
            files[file].recorded = true;
        } else if (hasStatic && detail.opState == staticId) {
            ++files[file].summary.staticTasks;
            files[file].recorded = true;
        }
    }
    for (std::uint32_t file = 0; file < files.size(); ++file) {
        FileShapes& f = files[file];
        if (!f.recorded)
            continue;
        f.summary.file = file;
        for (const auto& [type, task] : f.firstOfType)
            f.summary.firstOfEachType.push_back(task);
        std::sort(f.summary.firstOfEachType.begin(), f.summary.firstOfEachType.end(),
                  [&](SliceRef a, SliceRef b) {
                      return std::make_tuple(trace.sliceTracks[a.track].start(a.slice), a.track,
                                             a.slice) <
                             std::make_tuple(trace.sliceTracks[b.track].start(b.slice), b.track,
                                             b.slice);
                  });
        summaries.push_back(std::move(f.summary));
    }
    return summaries;
}

std::vector<Insight> detectDynamicShape(const Trace& trace, const DeviceMap& devices,
                                        const Thresholds& thresholds) {
    std::vector<Insight> insights;
    for (const DynamicShapeSummary& s : summarizeShapes(trace))
        if (s.dynamicTasks > 0 && s.staticTasks == 0)
            insights.push_back(insightOf(trace, devices, s, thresholds));
    return insights;
}

} // namespace lanescope::analysis
