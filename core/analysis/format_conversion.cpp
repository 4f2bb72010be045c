// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/format_conversion.h"

#include "analysis/advice.h"
#include "analysis/advisor_priority.h"
#include "analysis/slice_info.h"
#include "analysis/slice_kind.h"
#include "analysis/task_role.h"

#include <algorithm>
#include <map>
#include <string>

namespace lanescope::analysis {

namespace {

constexpr std::size_t kTypesInTitle = 3;

// The op type when the kernel table knows it, else the kernel's name.
StringId typeOf(const Trace& trace, const RoledTask& task) {
    if (const StringId type = knownOpType(trace, task.detail))
        return type;
    return trace.sliceTracks[task.task.track].name(task.task.slice);
}

bool launchedByFormatCast(const Trace& trace, SliceRef task) {
    const TaskLink* link = taskLinkOf(trace, task);
    return link && link->hostOp.valid() &&
           trace.str(trace.sliceTracks[link->hostOp.track].name(link->hostOp.slice))
                   .find("npu_format_cast") != std::string_view::npos;
}

std::string typeList(const Trace& trace, const FormatConversionSummary& s) {
    std::string text;
    for (std::size_t i = 0; i < s.types.size() && i < kTypesInTitle; ++i) {
        const auto& t = s.types[i];
        text += (i ? ", " : "") + std::string(trace.str(t.name)) + " " + formatTitleDuration(t.ns) +
                " (" + std::to_string(t.count) + (t.count == 1 ? " kernel)" : " kernels)");
    }
    if (s.types.size() > kTypesInTitle)
        text += ", …";
    return text;
}

std::string titleOf(const Trace& trace, const DeviceMap& devices,
                    const FormatConversionSummary& s) {
    std::string title = "Format and type conversions took " + formatTitlePercent(s.share()) +
                        " of " + devices.devices[s.device].name + "'s kernel time (" +
                        formatTitleDuration(s.conversionNs) + " of " +
                        formatTitleDuration(s.kernelNs) + "): " + typeList(trace, s);
    if (!s.launchers.empty())
        title += "; launched by " + launcherList(trace, s.launchers);
    return title;
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const FormatConversionSummary& s,
                  const Thresholds& th) {
    Insight insight = makeInsight(InsightKind::FormatConversion, s.device);
    setAdvisorStake(insight, s.conversionNs, devices.devices[s.device].spanNs(), s.start, s.end,
                    s.tasks, th);
    insight.numbers = {{Number::ConversionNs, static_cast<double>(s.conversionNs)},
                       {Number::KernelNs, static_cast<double>(s.kernelNs)},
                       {Number::ConversionShare, s.share()},
                       {Number::Tasks, static_cast<double>(s.tasks.size())}};
    insight.title = titleOf(trace, devices, s);
    insight.suggestion = adviceFor(insight.kind, "", platformOf(trace));
    return insight;
}

} // namespace

double FormatConversionSummary::share() const {
    return kernelNs > 0 ? static_cast<double>(conversionNs) / static_cast<double>(kernelNs) : 0;
}

std::vector<FormatConversionSummary> summarizeFormatConversions(const Trace& trace,
                                                                const DeviceMap& devices) {
    std::vector<FormatConversionSummary> byDevice(devices.devices.size());
    std::vector<std::map<StringId, FormatConversionSummary::Type>> types(byDevice.size());
    std::map<StringId, bool> isConversion; // per distinct type
    for (const RoledTask& task : roleDeviceTasks(trace)) {
        const std::uint32_t d = devices.deviceOfTrack[task.task.track];
        if (d == kNoIndex || task.role != TaskRole::Kernel)
            continue;
        FormatConversionSummary& s = byDevice[d];
        const SliceTrack& track = trace.sliceTracks[task.task.track];
        const TimeNs duration = track.duration(task.task.slice);
        s.kernelNs += duration;
        const StringId type = typeOf(trace, task);
        const auto [known, added] = isConversion.try_emplace(type, false);
        if (added)
            known->second = isFormatConversion(trace.str(type));
        if (!known->second && !launchedByFormatCast(trace, task.task))
            continue;
        s.start = s.tasks.empty() ? track.start(task.task.slice)
                                  : std::min(s.start, track.start(task.task.slice));
        s.end = std::max(s.end, track.end(task.task.slice));
        s.tasks.push_back(task.task);
        s.conversionNs += duration;
        auto& t = types[d][type];
        t.name = type;
        t.ns += duration;
        ++t.count;
    }
    std::vector<FormatConversionSummary> out;
    for (std::uint32_t d = 0; d < byDevice.size(); ++d) {
        FormatConversionSummary& s = byDevice[d];
        if (s.tasks.empty())
            continue;
        s.device = d;
        for (const auto& [name, t] : types[d])
            s.types.push_back(t);
        std::sort(s.types.begin(), s.types.end(), [&](const auto& a, const auto& b) {
            return a.ns != b.ns ? a.ns > b.ns : trace.str(a.name) < trace.str(b.name);
        });
        s.launchers = launcherCounts(trace, s.tasks);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<Insight> detectFormatConversions(const Trace& trace, const DeviceMap& devices,
                                             const Thresholds& thresholds) {
    const double minShare = thresholds["format_conversion.min_share"];
    std::vector<Insight> insights;
    for (const FormatConversionSummary& s : summarizeFormatConversions(trace, devices))
        if (s.share() >= minShare)
            insights.push_back(insightOf(trace, devices, s, thresholds));
    return insights;
}

} // namespace lanescope::analysis
