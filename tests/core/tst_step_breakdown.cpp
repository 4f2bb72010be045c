// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The per-step breakdown (computing / communication / not overlapped / overlapped / free):
// hand-built Kineto-like traces with answers worked out by hand, the real torch_npu exports
// against their own step_trace_time.csv, the embedded sample, and a real Kineto trace with NCCL
// kernels against a brute-force scan of the file.
#include "analysis/device_tasks.h"
#include "analysis/step_breakdown.h"
#include "test_support.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

using namespace lanescope;
using namespace lanescope::analysis;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t kBaseUs = 1'000'000; // hand-built traces start 1 s after the epoch
constexpr TimeNs kUs = 1000;
constexpr int kComputeStream = 7;
constexpr int kCommStream = 20;

TimeNs at(std::int64_t us) {
    return (kBaseUs + us) * kUs;
}

Json hostSlice(const std::string& name, std::int64_t ts, std::int64_t dur) {
    return {{"ph", "X"},  {"cat", "cpu_op"},    {"name", name}, {"pid", 100},
            {"tid", 100}, {"ts", kBaseUs + ts}, {"dur", dur}};
}

// A torch op at `opUs` that launches one device task [startUs, startUs + durUs) on `stream`.
void launch(Json& events, std::int64_t opUs, const char* cat, const char* name,
            std::int64_t startUs, std::int64_t durUs, int stream) {
    const int correlation = static_cast<int>(events.size()) + 1;
    events.push_back(hostSlice("aten::op", opUs, 4));
    events.push_back({{"ph", "X"},
                      {"cat", "cuda_runtime"},
                      {"name", "cudaLaunchKernel"},
                      {"pid", 100},
                      {"tid", 100},
                      {"ts", kBaseUs + opUs + 1},
                      {"dur", 2},
                      {"args", {{"correlation", correlation}}}});
    events.push_back({{"ph", "X"},
                      {"cat", cat},
                      {"name", name},
                      {"pid", 0},
                      {"tid", stream},
                      {"ts", kBaseUs + startUs},
                      {"dur", durUs},
                      {"args", {{"correlation", correlation}, {"stream", stream}}}});
}

void kernel(Json& events, std::int64_t opUs, std::int64_t startUs, std::int64_t durUs) {
    launch(events, opUs, "kernel", "void gemm_kernel<float>()", startUs, durUs, kComputeStream);
}
void allReduce(Json& events, std::int64_t opUs, std::int64_t startUs, std::int64_t durUs) {
    launch(events, opUs, "kernel", "ncclKernel_AllReduce_RING_LL_Sum_float(ncclDevComm*)", startUs,
           durUs, kCommStream);
}

Trace load(const Json& events) {
    const Json doc = {{"traceEvents", events}};
    return test::loadText(QByteArray::fromStdString(doc.dump()));
}

std::vector<StepBreakdown> breakdown(const Trace& trace) {
    return computeStepBreakdown(trace, mapDevices(trace));
}

// Step 1 (host [0, step1EndUs)): a GEMM [20, 60), an all-reduce [50, 90) on another stream, a
// device-to-host copy [95, 105) and a kernel [110, 120). Step 2 (host [150, 250)): a kernel
// [170, 180) and an all-reduce [185, 200).
Json twoStepTrace(std::int64_t step1EndUs) {
    Json events = Json::array();
    events.push_back(hostSlice("ProfilerStep#1", 0, step1EndUs));
    kernel(events, 10, 20, 40);
    allReduce(events, 20, 50, 40);
    launch(events, 30, "gpu_memcpy", "Memcpy DtoH (Device -> Pinned)", 95, 10, kComputeStream);
    kernel(events, 40, 110, 10);
    events.push_back(hostSlice("ProfilerStep#2", 150, 100));
    kernel(events, 160, 170, 10);
    allReduce(events, 170, 185, 15);
    return events;
}

struct Expected {
    std::int64_t windowStartUs, windowEndUs, computing, communication, notOverlapped, overlapped,
        free;
};

void compareRow(const StepBreakdown& row, const Expected& e) {
    QCOMPARE(row.windowStart, at(e.windowStartUs));
    QCOMPARE(row.windowEnd, at(e.windowEndUs));
    QCOMPARE(row.computingNs, e.computing * kUs);
    QCOMPARE(row.communicationNs, e.communication * kUs);
    QCOMPARE(row.communicationNotOverlappedNs, e.notOverlapped * kUs);
    QCOMPARE(row.overlappedNs, e.overlapped * kUs);
    QCOMPARE(row.freeNs, e.free * kUs);
}

// What a breakdown must satisfy whatever the trace: the parts tile the window.
void checkIdentities(const StepBreakdown& row) {
    QCOMPARE(row.computingNs + row.communicationNotOverlappedNs + row.freeNs, row.windowNs());
    QCOMPARE(row.communicationNotOverlappedNs + row.overlappedNs, row.communicationNs);
    QVERIFY(row.overlappedNs >= 0);
    QVERIFY(row.freeNs >= 0);
    QVERIFY(row.overlappedNs <= row.computingNs);
}

const QString kText = QStringLiteral(LANESCOPE_TEST_DATA "/ascend/text");

QString rankFolder(const QString& level, int rank) {
    return kText + "/" + level + "/rank" + QString::number(rank) + "_ascend_pt";
}

// The slices of the file's "Overlap Analysis" lanes by name: how many, and their total length.
struct LaneTotal {
    std::int64_t segments = 0;
    TimeNs ns = 0;
};
std::map<std::string, LaneTotal> overlapLanes(const Trace& trace) {
    std::map<std::string, LaneTotal> lanes;
    const Process* overlap = test::processNamed(trace, "Overlap Analysis");
    if (!overlap)
        return lanes;
    for (std::uint32_t t : overlap->threads) {
        const SliceTrack& track = trace.sliceTracks[trace.threads[t].sliceTrack];
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            LaneTotal& lane = lanes[test::sliceName(trace, track, i)];
            ++lane.segments;
            lane.ns += track.duration(i);
        }
    }
    return lanes;
}

TimeNs usToNs(double us) {
    return std::llround(us * 1000.0);
}

const ProfilerStepBreakdown* csvRow(const Trace& trace, const StepBreakdown& row) {
    for (const ProfilerStepBreakdown& p : trace.profilerSteps)
        if (p.file == row.file && p.step == row.stepNumber)
            return &p;
    return nullptr;
}

using Spans = std::vector<std::pair<TimeNs, TimeNs>>;

TimeNs unionWithin(Spans spans, TimeNs t0, TimeNs t1) {
    for (auto& [s, e] : spans) {
        s = std::clamp(s, t0, t1);
        e = std::clamp(e, t0, t1);
    }
    return test::lengthOfUnion(std::move(spans));
}

} // namespace

class TestStepBreakdown : public QObject {
    Q_OBJECT

private slots:
    // Step 1's device range is [20, 120): its first launch's task starts at 20, its last
    // launch's task ends at 120, after the host step. The segments starting there tile [20, 120):
    // computing [20, 60) + [110, 120), not overlapped [60, 90), free [90, 110) with the copy in
    // it. The free segment [120, 170) starts where step 1's range ends and before step 2's, so
    // it belongs to neither (as in torch_npu). A step that launched nothing has no window.
    void overlapCopiesAndSteps() {
        Json events = twoStepTrace(100);
        events.push_back(hostSlice("ProfilerStep#3", 300, 100));
        const auto rows = breakdown(load(events));
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0].step, std::string("1"));
        QCOMPARE(rows[0].stepNumber, std::optional<std::int64_t>(1));
        compareRow(rows[0], {20, 120, 50, 40, 30, 10, 20});
        QCOMPARE(rows[1].step, std::string("2"));
        compareRow(rows[1], {170, 200, 10, 15, 15, 0, 5});
        QCOMPARE(rows[2].step, std::string("3"));
        QCOMPARE(rows[2].windowNs(), TimeNs{0});
        QCOMPARE(rows[2].computingNs + rows[2].communicationNs + rows[2].freeNs, TimeNs{0});
        for (const StepBreakdown& row : rows)
            checkIdentities(row);
    }

    // When the host step outlasts its device work, the range runs to the host step's end, so the
    // gap after step 1's last task starts inside it and is step 1's free time.
    void hostStepEndExtendsTheRange() {
        const auto rows = breakdown(load(twoStepTrace(130)));
        QCOMPARE(rows.size(), std::size_t(2));
        compareRow(rows[0], {20, 170, 50, 40, 30, 10, 70});
        compareRow(rows[1], {170, 200, 10, 15, 15, 0, 5});
    }

    // An all-reduce [50, 200) launched in step 1 runs on into step 2's window [170, 200). It is
    // cut at the window edge: step 1 has 120 µs of it, step 2 the other 30 µs, of which the
    // kernel [170, 180) overlaps 10 µs. (torch_npu would count all 150 µs in step 1 and make
    // step 2's overlapped time -20 µs.)
    void communicationIsCutAtTheWindowEdge() {
        Json events = Json::array();
        events.push_back(hostSlice("ProfilerStep#1", 0, 100));
        kernel(events, 10, 20, 40);
        allReduce(events, 20, 50, 150);
        kernel(events, 30, 70, 10);
        events.push_back(hostSlice("ProfilerStep#2", 150, 100));
        kernel(events, 160, 170, 10);
        const auto rows = breakdown(load(events));
        QCOMPARE(rows.size(), std::size_t(2));
        compareRow(rows[0], {20, 170, 50, 120, 100, 20, 0});
        compareRow(rows[1], {170, 200, 10, 30, 20, 10, 0});
        for (const StepBreakdown& row : rows)
            checkIdentities(row);
    }

    // Without ProfilerStep#N: one row, step "", over the device's whole tiled time [20, 200).
    // A device two steps behind its host (tests/oracle/hta_last_step_oracle.py): the GPU runs
    // every step's 24 kernels back to back from a backlog, one Computing segment from the first
    // step's work to the last. Each step gets the kernel time its own launches ran, as the
    // oracle sums it by launch (1320 µs each), not the whole backlog for the step it began in;
    // step 11 also has the 80 µs the GPU idled after the host's sync.
    void aLaggingDeviceGivesEachStepItsOwnWork() {
        const Trace trace =
            formats::loadTrace(LANESCOPE_TEST_DATA "/kineto/lanescope__device_lags_two_steps.json");
        const auto rows = breakdown(trace);
        QCOMPARE(rows.size(), std::size_t(4));
        const std::map<std::string, TimeNs> launched = {
            {"10", 1320 * kUs}, {"11", 1320 * kUs}, {"12", 1320 * kUs}, {"13", 1320 * kUs}};
        for (const StepBreakdown& row : rows) {
            QCOMPARE(row.computingNs, launched.at(row.step));
            QCOMPARE(row.freeNs, row.step == "11" ? 80 * kUs : TimeNs{0});
            checkIdentities(row);
        }
        // The windows tile the device's time: each starts where the previous ended.
        for (std::size_t i = 1; i < rows.size(); ++i)
            QCOMPARE(rows[i].windowStart, rows[i - 1].windowEnd);
    }

    void withoutStepsOneRowCoversTheTrace() {
        Json events = twoStepTrace(100);
        events.erase(std::remove_if(events.begin(), events.end(),
                                    [](const Json& e) {
                                        return e["name"].get<std::string>().starts_with(
                                            "ProfilerStep");
                                    }),
                     events.end());
        const auto rows = breakdown(load(events));
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].step, std::string(""));
        QVERIFY(!rows[0].stepNumber);
        compareRow(rows[0], {20, 200, 60, 55, 45, 10, 75});
    }

    void realAscendAgreesWithStepTraceTime_data() {
        QTest::addColumn<QString>("folder");
        for (const char* level : {"level0", "level1", "level2"})
            for (int rank : {0, 1})
                QTest::newRow(qPrintable(QString("%1/rank%2").arg(level).arg(rank)))
                    << rankFolder(level, rank);
    }

    // torch_npu sums the Overlap Analysis segments msprof cut from its own integer ns task
    // times; we rebuild the segments from trace_view.json, whose task "dur" (a float with up to
    // 8 decimals) can round to 1 ns off msprof's end time. So each segment may differ by 1 ns at
    // either edge: the tolerance is 2 ns per segment of that kind in the file's Overlap lanes.
    // (The DB export, whose times are integer ns, matches to the nanosecond: see below.)
    // Stage (the window) is computed by torch_npu from float epoch µs, which have a 0.25 µs
    // resolution at 1.7e15 µs: 1 µs of slack.
    void realAscendAgreesWithStepTraceTime() {
        QFETCH(QString, folder);
        const Trace trace = formats::loadTrace(folder.toStdString());
        const auto rows = breakdown(trace);
        const auto lanes = overlapLanes(trace);
        QCOMPARE(rows.size(), std::size_t(1));
        const StepBreakdown& row = rows[0];
        QCOMPARE(row.step, std::string("50"));
        checkIdentities(row);
        const ProfilerStepBreakdown* csv = csvRow(trace, row);
        QVERIFY(csv);
        const auto tolerance = [&](const char* lane) { return 2 * lanes.at(lane).segments + 1; };
        const auto near = [](TimeNs ours, double theirsUs, TimeNs tol) {
            return std::llabs(ours - usToNs(theirsUs)) <= tol;
        };
        QVERIFY(lanes.at("Computing").segments > 100 && lanes.at("Free").segments > 50);
        QVERIFY2(near(row.computingNs, csv->computingUs, tolerance("Computing")),
                 qPrintable(QString::number(row.computingNs)));
        QVERIFY(near(row.communicationNs, csv->communicationUs, tolerance("Communication")));
        QVERIFY(near(row.communicationNotOverlappedNs, csv->communicationNotOverlappedUs,
                     tolerance("Communication(Not Overlapped)")));
        QVERIFY(near(row.overlappedNs, csv->overlappedUs,
                     tolerance("Communication") + tolerance("Communication(Not Overlapped)")));
        QVERIFY2(near(row.freeNs, csv->freeUs, tolerance("Free")),
                 qPrintable(QString::number(row.freeNs)));
        QVERIFY(near(row.windowNs(), csv->stageUs, 1000));
        QVERIFY(row.communicationNs > 50'000'000); // the all-reduces are really there
    }

    // The same folders through trace_view.json alone (no kernel table): the name rules must find
    // the same compute tasks as kernel_details.csv does.
    void traceViewAloneMatchesTheKernelTable_data() { realAscendAgreesWithStepTraceTime_data(); }

    void traceViewAloneMatchesTheKernelTable() {
        QFETCH(QString, folder);
        const auto withTable = breakdown(formats::loadTrace(folder.toStdString()));
        // Next to kernel_details.csv the loader would read it: load a lone copy.
        QTemporaryDir dir;
        QVERIFY(QFile::copy(folder + "/ASCEND_PROFILER_OUTPUT/trace_view.json",
                            dir.filePath("trace_view.json")));
        const Trace alone = formats::loadTrace(dir.filePath("trace_view.json").toStdString());
        QVERIFY(alone.taskDetails.empty());
        QVERIFY(!withTable.empty());
        const auto byName = breakdown(alone);
        QCOMPARE(byName.size(), withTable.size());
        for (std::size_t i = 0; i < byName.size(); ++i) {
            QCOMPARE(byName[i].windowStart, withTable[i].windowStart);
            QCOMPARE(byName[i].windowEnd, withTable[i].windowEnd);
            QCOMPARE(byName[i].computingNs, withTable[i].computingNs);
            QCOMPARE(byName[i].communicationNs, withTable[i].communicationNs);
            QCOMPARE(byName[i].communicationNotOverlappedNs,
                     withTable[i].communicationNotOverlappedNs);
            QCOMPARE(byName[i].freeNs, withTable[i].freeNs);
        }
    }

    // The DB export keeps msprof's integer ns task times, so there our segments are msprof's:
    // the sums equal its OVERLAP_ANALYSIS rows to the nanosecond (its one step covers them all).
    void dbExportMatchesItsOverlapAnalysisExactly() {
        const Trace trace =
            formats::loadTrace(LANESCOPE_TEST_DATA "/ascend/db/level1/rank0_ascend_pt");
        const auto rows = breakdown(trace);
        const auto lanes = overlapLanes(trace);
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].step, std::string("50"));
        QCOMPARE(lanes.size(), std::size_t(4));
        QCOMPARE(rows[0].computingNs, lanes.at("Computing").ns);
        QCOMPARE(rows[0].communicationNs, lanes.at("Communication").ns);
        QCOMPARE(rows[0].communicationNotOverlappedNs,
                 lanes.at("Communication(Not Overlapped)").ns);
        QCOMPARE(rows[0].freeNs, lanes.at("Free").ns);
        checkIdentities(rows[0]);
    }

    // The embedded sample is synthetic (resources/make_sample.py): its generator writes the
    // final device-to-host MEMCPY_ASYNC (13.838 µs) into the Overlap "Computing" lane and the
    // 2.281 µs before it as Free. msprof counts copies as Free and ends the tiling at the last
    // computing moment (the real exports above agree to the nanosecond on that), so we end the
    // window at the last kernel: computing is the CSV's minus the copy, free the CSV's minus the
    // gap before the copy. Everything else matches exactly.
    void embeddedSampleDiffersOnlyByItsFinalCopy() {
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        const auto rows = breakdown(trace);
        QCOMPARE(rows.size(), std::size_t(1));
        const StepBreakdown& row = rows[0];
        QCOMPARE(row.step, std::string("1"));
        QCOMPARE(row.deviceIndex, 0u);
        QCOMPARE(row.device, std::string("NPU 0"));
        checkIdentities(row);
        const ProfilerStepBreakdown* csv = csvRow(trace, row);
        QVERIFY(csv);
        constexpr TimeNs kCopy = 13'838, kGapBeforeCopy = 2'281;
        QCOMPARE(row.computingNs + kCopy, usToNs(csv->computingUs));
        QCOMPARE(row.freeNs + kGapBeforeCopy, usToNs(csv->freeUs));
        QCOMPARE(row.windowNs() + kGapBeforeCopy + kCopy, usToNs(csv->stageUs));
        QCOMPARE(row.communicationNs, TimeNs{0});
        QCOMPARE(usToNs(csv->communicationUs), TimeNs{0});
        // The copy is the one MEMCPY_ASYNC, right after the window.
        const Process* hardware = test::processNamed(trace, "Ascend Hardware");
        QVERIFY(hardware);
        int copies = 0;
        for (std::uint32_t t : hardware->threads) {
            const SliceTrack& track = trace.sliceTracks[trace.threads[t].sliceTrack];
            for (std::uint32_t i = 0; i < track.size(); ++i)
                if (test::sliceName(trace, track, i) == "MEMCPY_ASYNC") {
                    ++copies;
                    QCOMPARE(track.duration(i), kCopy);
                    QCOMPARE(track.start(i), row.windowEnd + kGapBeforeCopy);
                }
        }
        QCOMPARE(copies, 1);
    }

    // hta__sampled_rank-0: two ProfilerSteps on GPU 0 with NCCL SendRecv kernels. Computing and
    // communication are checked against the kernels read straight from the file.
    void kinetoTraceWithNccl() {
        const QString path =
            QStringLiteral(LANESCOPE_TEST_DATA "/kineto/hta__sampled_rank-0.json.gz");
        const Trace trace = formats::loadTrace(path.toStdString());
        const auto rows = breakdown(trace);
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0].step, std::string("551"));
        QCOMPARE(rows[1].step, std::string("552"));
        Spans kernels, nccl;
        const Json doc = Json::parse(test::readWholeFile(path));
        for (const Json& e : doc["traceEvents"]) {
            if (e.value("cat", "") != "kernel")
                continue;
            const TimeNs s = test::exactUsToNs(e["ts"]);
            const TimeNs end = s + std::llround(e["dur"].get<double>() * 1000);
            const bool isNccl = e["name"].get<std::string>().starts_with("nccl");
            (isNccl ? nccl : kernels).emplace_back(s, end);
        }
        QVERIFY(!nccl.empty());
        TimeNs communication = 0;
        for (const StepBreakdown& row : rows) {
            QCOMPARE(row.device, std::string("GPU 0"));
            checkIdentities(row);
            QVERIFY(row.windowNs() > 0);
            QCOMPARE(row.computingNs, unionWithin(kernels, row.windowStart, row.windowEnd));
            QCOMPARE(row.communicationNs, unionWithin(nccl, row.windowStart, row.windowEnd));
            communication += row.communicationNs;
        }
        QVERIFY(rows[0].windowEnd <= rows[1].windowStart);
        QVERIFY(communication > 0);
    }
};

QTEST_APPLESS_MAIN(TestStepBreakdown)

#include "tst_step_breakdown.moc"
