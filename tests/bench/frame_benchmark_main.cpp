// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// lanescope-frame-bench [--slices N[,N...]]: time one full repaint of a 1920x1080 timeline
// (offscreen, into a QImage) at full zoom-out, mid zoom and deep zoom on synthetic traces of
// 10^6 and 10^7 slices (or the --slices counts), without and with findings drawn (a busy/idle
// strip per device and 3000 idle-gap findings), and the model's bytes per slice. The target
// (issues 4 and 15) is <= 16 ms per repaint at every zoom level up to 10^8 slices.
#include "model/parallel_for.h"
#include "model/trace_builder.h"
#include "timeline_lanes.h"
#include "timeline_renderer.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace lanescope;

namespace {

// Host threads with nested call stacks and device streams of back-to-back kernels, like a
// training step, so every zoom level has realistic density.
Trace syntheticTrace(std::uint64_t slices, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::string> names;
    for (int i = 0; i < 64; ++i)
        names.push_back("aten::op_" + std::to_string(i));
    TraceBuilder builder;
    builder.beginFile({"synthetic", 0, 0, false, std::nullopt});
    std::vector<StringId> nameIds;
    for (const std::string& name : names)
        nameIds.push_back(builder.strings().intern(name));
    std::uniform_int_distribution<int> pick(0, 63);
    std::uniform_int_distribution<TimeNs> kernel(2'000, 200'000), gap(500, 20'000);
    const std::uint64_t perStream = slices / 4;
    for (int stream = 0; stream < 4; ++stream) {
        const std::uint32_t thread =
            builder.thread(IdToken::fromNumber(stream < 2 ? 1000 : 0), IdToken::fromNumber(stream));
        const StringId category = builder.strings().intern(stream < 2 ? "cpu_op" : "kernel");
        TimeNs t = 1'700'000'000'000'000'000;
        for (std::uint64_t i = 0; i < perStream; ++i) {
            const StringId name = nameIds[static_cast<std::size_t>(pick(rng))];
            TimeNs dur = kernel(rng);
            if (stream < 2 && i % 4 != 0) // nest three children inside every fourth slice
                dur /= 8;
            builder.countEvent("X");
            builder.addSlice(thread, PendingSlice::Kind::Complete, t, dur, name, category, 0);
            t += (stream < 2 && i % 4 != 3) ? dur / 4 : dur + gap(rng);
        }
    }
    return std::move(builder.finish(threadsOrCores(0)).trace);
}

std::vector<std::uint64_t> sliceCounts(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--slices") {
            std::vector<std::uint64_t> counts;
            std::stringstream list(argv[i + 1]);
            std::string item;
            while (std::getline(list, item, ','))
                counts.push_back(std::stoull(item));
            return counts;
        }
    return {1'000'000, 10'000'000};
}

// The device streams as one device with its busy union, and `count` idle-gap findings spread
// evenly over the trace: the most the findings painter meets on a real trace.
widgets::TimelineOverlay findingsOverlay(const Trace& trace, int count) {
    auto devices = std::make_shared<analysis::DeviceMap>();
    devices->deviceOfTrack.assign(trace.sliceTracks.size(), kNoIndex);
    analysis::DeviceActivity& device = devices->devices.emplace_back();
    device.name = "GPU 0";
    std::vector<analysis::Interval> busy;
    for (const Thread& thread : trace.threads) {
        if (trace.processes[thread.process].pid.number != 0 || thread.sliceTrack == kNoIndex)
            continue;
        device.tracks.push_back(thread.sliceTrack);
        devices->deviceOfTrack[thread.sliceTrack] = 0;
        const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
        for (std::uint32_t i = 0; i < track.size(); ++i)
            busy.emplace_back(track.start(i), track.end(i));
    }
    device.busy = analysis::mergeIntervals(busy);
    device.setWorking(device.busy);
    auto insights = std::make_shared<std::vector<analysis::Insight>>();
    const TimeNs step = (trace.spanEnd - trace.spanStart) / count;
    for (int i = 0; i < count; ++i) {
        analysis::Insight& gap = insights->emplace_back();
        gap.id = "device_idle_gap:" + std::to_string(i);
        gap.kind = analysis::InsightKind::DeviceIdleGap;
        gap.start = trace.spanStart + i * step;
        gap.end = gap.start + step / 3;
        gap.tracks = device.tracks;
    }
    widgets::TimelineOverlay overlay;
    overlay.findings = {insights, devices, {}, true};
    return overlay;
}

// One view of a frame: a trace's lanes over [start, end).
struct FrameView {
    const Trace* trace;
    const widgets::TimelineLanes* lanes;
    TimeNs start;
    TimeNs end;
    const widgets::TimelineOverlay* overlay;
};

// The median time to paint every view, stacked in one 1920×1080 frame (the compare window shows
// two, each half as tall).
double medianFrameMs(const std::vector<FrameView>& views) {
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    const widgets::TimelineRenderer renderer;
    const widgets::TimelineTheme theme = widgets::TimelineTheme::light();
    const int height = image.height() / static_cast<int>(views.size());
    std::vector<double> times;
    for (int run = 0; run < 9; ++run) {
        QPainter painter(&image);
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t v = 0; v < views.size(); ++v) {
            const FrameView& view = views[v];
            painter.save();
            painter.translate(0, static_cast<int>(v) * height);
            renderer.paint(painter, QSize(image.width(), height), *view.trace, *view.lanes,
                           {view.start, view.end, 0}, theme, *view.overlay);
            painter.restore();
        }
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

double medianFrameMs(const Trace& trace, const widgets::TimelineLanes& lanes, TimeNs start,
                     TimeNs end, const widgets::TimelineOverlay& overlay) {
    return medianFrameMs({{&trace, &lanes, start, end, &overlay}});
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const std::vector<std::uint64_t> counts = sliceCounts(argc, argv);
    std::printf("| slices | model B/slice | findings | full view ms | mid zoom (1%% of span) ms | "
                "deep zoom (20 µs) ms |\n|---:|---:|---|---:|---:|---:|\n");
    for (std::uint64_t slices : counts) {
        const Trace trace = syntheticTrace(slices, 7);
        const double bytesPerSlice =
            static_cast<double>(trace.memoryBytes() - trace.strings.memoryBytes()) /
            static_cast<double>(trace.sliceCount());
        const widgets::TimelineLanes lanes(trace);
        const TimeNs span = trace.spanEnd - trace.spanStart;
        const TimeNs middle = trace.spanStart + span / 2;
        const widgets::TimelineOverlay none;
        const widgets::TimelineOverlay findings = findingsOverlay(trace, 3000);
        for (const widgets::TimelineOverlay* overlay : {&none, &findings}) {
            std::printf("| %llu | %.1f | %s | %.2f | %.2f | %.2f |\n",
                        static_cast<unsigned long long>(trace.sliceCount()), bytesPerSlice,
                        overlay == &none ? "none" : "strip + 3000 gaps",
                        medianFrameMs(trace, lanes, trace.spanStart, trace.spanEnd, *overlay),
                        medianFrameMs(trace, lanes, middle, middle + span / 100, *overlay),
                        medianFrameMs(trace, lanes, middle, middle + 20'000, *overlay));
            std::fflush(stdout);
        }
    }
    std::printf("\nThe compare window: two runs stacked, each 1920×540, zoomed together\n\n"
                "| slices per run | findings | full view ms | mid zoom (1%% of span) ms | deep "
                "zoom (20 µs) ms |\n|---:|---|---:|---:|---:|\n");
    for (std::uint64_t slices : counts) {
        if (slices > 10'000'000)
            continue; // two runs of that size do not fit the machine
        const Trace base = syntheticTrace(slices, 7);
        const Trace comp = syntheticTrace(slices, 8);
        const widgets::TimelineLanes baseLanes(base), compLanes(comp);
        const widgets::TimelineOverlay baseFindings = findingsOverlay(base, 3000);
        const widgets::TimelineOverlay compFindings = findingsOverlay(comp, 3000);
        const TimeNs span = base.spanEnd - base.spanStart;
        const TimeNs offset = comp.spanStart - base.spanStart;
        const auto frame = [&](TimeNs start, TimeNs end) {
            return medianFrameMs(
                {{&base, &baseLanes, start, end, &baseFindings},
                 {&comp, &compLanes, start + offset, end + offset, &compFindings}});
        };
        const TimeNs middle = base.spanStart + span / 2;
        std::printf("| %llu | strip + 3000 gaps each | %.2f | %.2f | %.2f |\n",
                    static_cast<unsigned long long>(base.sliceCount()),
                    frame(base.spanStart, base.spanEnd), frame(middle, middle + span / 100),
                    frame(middle, middle + 20'000));
        std::fflush(stdout);
    }
    return 0;
}
