// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/op_compile.h"

#include "analysis/advice.h"
#include "analysis/advisor_priority.h"
#include "analysis/slice_info.h"

#include <algorithm>
#include <array>
#include <string>
#include <tuple>

namespace lanescope::analysis {

namespace {

// The names CANN writes for the call, when the trace has them.
std::vector<StringId> compileCallNames(const Trace& trace) {
    static constexpr std::array<std::string_view, 2> kNames = {"AscendCL@aclopCompileAndExecute",
                                                               "aclopCompileAndExecute"};
    std::vector<StringId> ids;
    for (std::string_view name : kNames)
        if (StringId id = 0; trace.strings.find(name, id))
            ids.push_back(id);
    return ids;
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const OpCompileSummary& s,
                  const Thresholds& th) {
    Insight insight = makeInsight(InsightKind::OpCompile, s.file);
    setAdvisorStake(insight, s.totalNs, activeSpanOfFile(trace, devices, s.file), s.start, s.end,
                    s.calls, th);
    insight.numbers = {{Number::Calls, static_cast<double>(s.calls.size())},
                       {Number::TotalNs, static_cast<double>(s.totalNs)}};
    insight.title = "aclopCompileAndExecute ran " + std::to_string(s.calls.size()) + " times" +
                    onFileLabel(trace, s.file) + " (" + formatTitleDuration(s.totalNs) +
                    " of host time): operators are compiled while the model runs";
    insight.suggestion = adviceFor(insight.kind, "", platformOf(trace));
    return insight;
}

} // namespace

std::vector<OpCompileSummary> findOpCompiles(const Trace& trace) {
    const std::vector<StringId> names = compileCallNames(trace);
    std::vector<OpCompileSummary> summaries;
    if (names.empty())
        return summaries;
    std::vector<OpCompileSummary> byFile(trace.files.size());
    for (const Thread& thread : trace.threads) {
        if (thread.kind != TrackKind::Host || thread.sliceTrack == kNoIndex)
            continue;
        const std::uint32_t file = trace.processes[thread.process].sourceFile;
        const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
        for (std::uint32_t i = 0; i < track.size(); ++i)
            if (std::find(names.begin(), names.end(), track.name(i)) != names.end())
                byFile[file].calls.push_back({thread.sliceTrack, i});
    }
    for (std::uint32_t file = 0; file < byFile.size(); ++file) {
        OpCompileSummary& s = byFile[file];
        if (s.calls.empty())
            continue;
        s.file = file;
        const auto startOf = [&](SliceRef r) { return trace.sliceTracks[r.track].start(r.slice); };
        std::sort(s.calls.begin(), s.calls.end(), [&](SliceRef a, SliceRef b) {
            return std::make_tuple(startOf(a), a.track, a.slice) <
                   std::make_tuple(startOf(b), b.track, b.slice);
        });
        s.start = startOf(s.calls.front());
        for (SliceRef call : s.calls) {
            s.totalNs += trace.sliceTracks[call.track].duration(call.slice);
            s.end = std::max(s.end, trace.sliceTracks[call.track].end(call.slice));
        }
        summaries.push_back(std::move(s));
    }
    return summaries;
}

std::vector<Insight> detectOpCompile(const Trace& trace, const DeviceMap& devices,
                                     const Thresholds& thresholds) {
    const double minCalls = thresholds["op_compile.min_calls"];
    std::vector<Insight> insights;
    for (const OpCompileSummary& s : findOpCompiles(trace))
        if (static_cast<double>(s.calls.size()) >= minCalls)
            insights.push_back(insightOf(trace, devices, s, thresholds));
    return insights;
}

} // namespace lanescope::analysis
