// lanescope-frame-bench: time one full repaint of a 1920x1080 timeline (offscreen, into a
// QImage) at full zoom-out, mid zoom and deep zoom on synthetic traces of 10^6 and 10^7
// slices. The target (issue 4) is <= 16 ms per repaint at every zoom level.
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
    RawEvent e;
    e.hasPhase = e.hasTs = e.hasDur = e.hasName = e.tsPresent = true;
    e.phase = "X";
    e.pid.kind = e.tid.kind = RawValue::Kind::Integer;
    std::uniform_int_distribution<int> pick(0, 63);
    std::uniform_int_distribution<TimeNs> kernel(2'000, 200'000), gap(500, 20'000);
    const std::uint64_t perStream = slices / 4;
    for (int stream = 0; stream < 4; ++stream) {
        e.pid.integer = stream < 2 ? 1000 : 0;
        e.tid.integer = stream;
        e.category = stream < 2 ? "cpu_op" : "kernel";
        TimeNs t = 1'700'000'000'000'000'000;
        for (std::uint64_t i = 0; i < perStream; ++i) {
            e.name = names[static_cast<std::size_t>(pick(rng))];
            e.ts = t;
            e.dur = kernel(rng);
            if (stream < 2 && i % 4 != 0) // nest three children inside every fourth slice
                e.dur /= 8;
            builder.add(e);
            t += (stream < 2 && i % 4 != 3) ? e.dur / 4 : e.dur + gap(rng);
        }
    }
    return std::move(builder.finish().trace);
}

double medianFrameMs(const Trace& trace, const widgets::TimelineLanes& lanes, TimeNs start,
                     TimeNs end) {
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    const widgets::TimelineRenderer renderer;
    const widgets::TimelineTheme theme = widgets::TimelineTheme::light();
    std::vector<double> times;
    for (int run = 0; run < 9; ++run) {
        QPainter painter(&image);
        const auto t0 = std::chrono::steady_clock::now();
        renderer.paint(painter, image.size(), trace, lanes, {start, end, 0}, theme);
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    std::printf("| slices | full view ms | mid zoom (1%% of span) ms | deep zoom (20 µs) ms |\n"
                "|---:|---:|---:|---:|\n");
    for (std::uint64_t slices : {1'000'000ull, 10'000'000ull}) {
        const Trace trace = syntheticTrace(slices, 7);
        const widgets::TimelineLanes lanes(trace);
        const TimeNs span = trace.spanEnd - trace.spanStart;
        const TimeNs middle = trace.spanStart + span / 2;
        std::printf("| %llu | %.2f | %.2f | %.2f |\n",
                    static_cast<unsigned long long>(trace.sliceCount()),
                    medianFrameMs(trace, lanes, trace.spanStart, trace.spanEnd),
                    medianFrameMs(trace, lanes, middle, middle + span / 100),
                    medianFrameMs(trace, lanes, middle, middle + 20'000));
        std::fflush(stdout);
    }
    return 0;
}
