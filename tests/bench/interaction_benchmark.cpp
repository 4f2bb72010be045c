// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "interaction_benchmark.h"

#include "analysis/detect_insights.h"
#include "analysis/detector.h"
#include "analysis/flow_index.h"
#include "analysis/name_search.h"
#include "analysis/range_summary.h"
#include "formats/event_text_reader.h"
#include "formats/trace_loader.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <numeric>
#include <string>
#include <vector>

namespace lanescope::bench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kRuns = 5;

template <class Work> double timeOnceMs(Work&& work) {
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

template <class Work> double medianMs(Work&& work) {
    std::array<double, kRuns> runs{};
    for (double& ms : runs)
        ms = timeOnceMs(work);
    std::sort(runs.begin(), runs.end());
    return runs[kRuns / 2];
}

// The slices whose events come first and last in the (decompressed) file.
struct FileEnds {
    SliceRef first;
    SliceRef last;
    std::uint64_t lastOffset = 0;
};

FileEnds fileEnds(const Trace& trace) {
    FileEnds ends;
    std::uint64_t firstOffset = UINT64_MAX;
    for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t) {
        const SliceTrack& track = trace.sliceTracks[t];
        for (std::uint32_t s = 0; s < track.size(); ++s) {
            const std::uint64_t offset = track.sourceOffset(s);
            if (offset < firstOffset) {
                firstOffset = offset;
                ends.first = {t, s};
            }
            if (!ends.last.valid() || offset > ends.lastOffset) {
                ends.lastOffset = offset;
                ends.last = {t, s};
            }
        }
    }
    return ends;
}

} // namespace

InteractionMeasurement measureInteractions(const std::string& path) {
    InteractionMeasurement m;
    m.file = path;
    Trace trace;
    m.loadSeconds = timeOnceMs([&] { trace = formats::loadTrace(path); }) / 1000.0;
    m.gzip = !trace.files.empty() && trace.files.front().gzip;
    m.slices = trace.sliceCount();
    m.flows = trace.flows.size();

    // Shown trace: TimelineView::setTrace builds this on the GUI thread.
    m.flowIndexMs = medianMs([&] { const analysis::FlowIndex index(trace); });

    // Search panel: runs on the GUI thread after its debounce.
    m.searchMs = medianMs([&] { m.searchMatches = analysis::searchSlices(trace, "aten::").total; });
    std::uint64_t unexpected = 0;
    m.noMatchSearchMs =
        medianMs([&] { unexpected += analysis::searchSlices(trace, "no-such-name-zq").total; });
    if (unexpected != 0)
        m.error = "the no-match needle matched " + std::to_string(unexpected) + " slices";

    // Box selection over every lane: MainWindow::summarise, on the GUI thread.
    std::vector<std::uint32_t> tracks(trace.sliceTracks.size());
    std::iota(tracks.begin(), tracks.end(), 0u);
    m.summaryWholeMs = medianMs([&] {
        m.summaryWholeNames =
            analysis::summarizeRange(trace, tracks, trace.spanStart, trace.spanEnd + 1).size();
    });
    const TimeNs span = trace.spanEnd - trace.spanStart;
    const TimeNs middle = trace.spanStart + span / 2;
    const TimeNs half = std::max<TimeNs>(1, span / 200);
    m.summaryWindowMs = medianMs([&] {
        m.summaryWindowNames =
            analysis::summarizeRange(trace, tracks, middle - half, middle + half).size();
    });

    m.detectorsMs = timeOnceMs([&] {
        const analysis::DeviceMap devices = analysis::mapDevices(trace);
        m.insights = analysis::detectInsights(trace, devices, {}).size();
    });
    {
        const analysis::DeviceMap devices = analysis::mapDevices(trace);
        const analysis::Thresholds thresholds;
        for (const analysis::Detector& detector : analysis::detectors())
            m.detectorMs.emplace_back(std::string(detector.name()), timeOnceMs([&] {
                                          detector.find({trace, devices, thresholds});
                                      }));
    }

    // Details panel: reads args on a pool thread, the panel shows "Reading args…" meanwhile.
    const FileEnds ends = fileEnds(trace);
    m.endOffset = ends.lastOffset;
    if (ends.last.valid()) {
        const auto read = [&](SliceRef slice) {
            const SliceArgs args = trace.sliceArgs(slice);
            if (!args.error.empty() && m.error.empty())
                m.error = args.error;
        };
        formats::clearEventTextCache();
        m.argsEndFirstMs = timeOnceMs([&] { read(ends.last); });
        m.argsEndAgainMs = medianMs([&] { read(ends.last); });
        m.argsStartMs = medianMs([&] { read(ends.first); });
        if (const auto index = formats::cachedGzipIndex(trace.files.front().path))
            m.gzipAccessPoints = index->accessPoints;
    }
    return m;
}

} // namespace lanescope::bench
