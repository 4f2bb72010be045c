// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The embedded sample (resources/samples, written by resources/make_sample.py) must keep telling
// the story it exists for: the host blocked in .to('cpu') while the NPU drains hundreds of
// small queued kernels, with a copy that takes microseconds.
#include "formats/ascend_semantics.h"
#include "formats/trace_loader.h"
#include "test_support.h"

#include <QtTest>

using namespace lanescope;

namespace {

struct Found {
    const SliceTrack* track = nullptr;
    std::uint32_t slice = 0;
};

Found findSlice(const Trace& trace, std::string_view name) {
    for (const SliceTrack& track : trace.sliceTracks)
        for (std::uint32_t i = 0; i < track.size(); ++i)
            if (trace.str(track.name(i)) == name)
                return {&track, i};
    return {};
}

} // namespace

class TestSampleTrace : public QObject {
    Q_OBJECT

private slots:
    void loadsCleanly() {
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        QCOMPARE(trace.format, std::string("ascend"));
        QCOMPARE(trace.files.front().rank.value_or(-1), std::int64_t{0});
        QVERIFY2(trace.diagnostics.empty(), "the sample must load without repairs");
        QVERIFY(trace.notes.empty()); // analyse.done is there
        const formats::AscendLinkStats links = formats::ascendLinkStats(trace);
        QVERIFY(links.deviceTasks > 300);
        QCOMPARE(links.withLaunch, links.deviceTasks);
        QCOMPARE(links.withHostOp, links.deviceTasks);
        QCOMPARE(trace.taskDetails.size(), std::size_t(links.deviceTasks - 1)); // all but the copy
    }

    void hostBlocksInToCpuWhileTheNpuDrainsSmallKernels() {
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        const Found to = findSlice(trace, "aten::to");
        const Found step = findSlice(trace, "ProfilerStep#1");
        const Found copy = findSlice(trace, "MEMCPY_ASYNC");
        QVERIFY(to.track && step.track && copy.track);
        const TimeNs toStart = to.track->start(to.slice), toEnd = to.track->end(to.slice);
        QVERIFY(toEnd - toStart > step.track->duration(step.slice) / 2);
        QVERIFY(copy.track->duration(copy.slice) < 50'000);

        std::size_t queued = 0, tiny = 0, tasks = 0;
        copy.track->forEachIntersecting(toStart, toEnd, [&](std::uint32_t i) {
            queued += copy.track->start(i) >= toStart && i != copy.slice;
        });
        for (std::uint32_t i = 0; i < copy.track->size(); ++i) {
            ++tasks;
            tiny += copy.track->duration(i) < 10'000;
        }
        QVERIFY2(queued >= 200, qPrintable(QString::number(queued)));
        QVERIFY(tiny * 10 >= tasks * 6);
    }
};

QTEST_APPLESS_MAIN(TestSampleTrace)
#include "tst_sample_trace.moc"
