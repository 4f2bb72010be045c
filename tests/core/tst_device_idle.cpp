// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The device_idle_gap detector and the HTA-compatible breakdowns: hand-built Kineto-like traces
// with answers worked out by hand for each gap cause and each HTA category, the real Kineto
// traces against the numbers HTA itself produced on them (research/hta_kineto.md §1.8), and
// properties that hold by construction on every real trace, the Ascend exports and the embedded
// sample included (gaps + busy = span, no work inside a gap, HTA categories adding up).
#include "analysis/detect_insights.h"
#include "analysis/device_idle_gap.h"
#include "analysis/device_tasks.h"
#include "analysis/hta_breakdown.h"
#include "analysis/insight.h"
#include "analysis/slice_info.h"
#include "analysis/slice_kind.h"
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
constexpr const char* kDataLoader = "enumerate(DataLoader)#_SingleProcessDataLoaderIter.__next__";
constexpr const char* kResnet =
    "kineto__tbplugin_resnet50_num_workers_0__worker0.1623143089861.pt.trace.json.gz";

TimeNs at(std::int64_t us) {
    return (kBaseUs + us) * kUs;
}

// Kineto-style events: host pid/tid 100, GPU pid 0 stream 7; times in µs after kBaseUs.
Json hostSlice(const char* name, std::int64_t ts, std::int64_t dur, const char* cat = "cpu_op") {
    return {{"ph", "X"},  {"cat", cat},         {"name", name}, {"pid", 100},
            {"tid", 100}, {"ts", kBaseUs + ts}, {"dur", dur}};
}
Json launchCall(std::int64_t ts, std::int64_t dur, int correlation) {
    return {{"ph", "X"},
            {"cat", "cuda_runtime"},
            {"name", "cudaLaunchKernel"},
            {"pid", 100},
            {"tid", 100},
            {"ts", kBaseUs + ts},
            {"dur", dur},
            {"args", {{"correlation", correlation}}}};
}
Json deviceTask(const char* name, std::int64_t ts, std::int64_t dur, int correlation,
                int stream = 7, const char* cat = "kernel") {
    return {{"ph", "X"},     {"cat", cat},
            {"name", name},  {"pid", 0},
            {"tid", stream}, {"ts", kBaseUs + ts},
            {"dur", dur},    {"args", {{"correlation", correlation}, {"stream", stream}}}};
}

// Kineto labels its GPU processes "GPU <n>", which is what findings call the device.
Trace load(Json events) {
    events.push_back({{"ph", "M"},
                      {"name", "process_labels"},
                      {"pid", 0},
                      {"tid", 0},
                      {"args", {{"labels", "GPU 0"}}}});
    const Json doc = {{"traceEvents", events}};
    return test::loadText(QByteArray::fromStdString(doc.dump()));
}

Trace loadKineto(const char* file) {
    return formats::loadTrace(std::string(LANESCOPE_TEST_DATA "/kineto/") + file);
}

std::string nameOf(const Trace& trace, SliceRef ref) {
    return test::nameOf(trace, ref);
}

Thresholds everyGap() {
    Thresholds th;
    th.set("idle_gap.min_gap_us", 0);
    return th;
}

// A task ends the first gap: kernel A [0, 100) launched early, then whatever the case adds.
Json startWithKernelA() {
    return Json::array({hostSlice("aten::mm", -40, 30), launchCall(-35, 10, 1),
                        deviceTask("kernel_a", 0, 100, 1)});
}

// --- brute force over the loaded model, independent of the code under test ---------------

using test::merged;
using test::Span;

bool isWorkTask(const Trace& trace, SliceRef task) {
    const std::string name = nameOf(trace, task);
    return classifySliceName(name) != SliceKind::Sync && name.rfind("PROFILING_", 0) != 0;
}

TimeNs lengthOf(const std::vector<Span>& spans) {
    TimeNs total = 0;
    for (const Span& s : spans)
        total += s.second - s.first;
    return total;
}

// Work tasks of a device, or of one of its tracks when `track` is given.
std::vector<Span> workSpans(const Trace& trace, const DeviceMap& devices, std::uint32_t device,
                            std::uint32_t track = kNoIndex) {
    std::vector<Span> spans;
    for (const TaskLink& link : trace.taskLinks) {
        if (devices.deviceOfTrack[link.task.track] != device ||
            (track != kNoIndex && link.task.track != track) || !isWorkTask(trace, link.task))
            continue;
        const SliceTrack& t = trace.sliceTracks[link.task.track];
        spans.emplace_back(t.start(link.task.slice), t.end(link.task.slice));
    }
    return spans;
}

std::vector<Span> holesOf(const std::vector<Span>& busy) {
    std::vector<Span> holes;
    for (std::size_t i = 1; i < busy.size(); ++i)
        holes.emplace_back(busy[i - 1].second, busy[i].first);
    return holes;
}

// A row of `rows` (which must outlive the pointer), or nullptr.
const HtaIdle* streamRow(const std::vector<HtaIdle>& rows, const std::string& stream) {
    for (const HtaIdle& row : rows)
        if (row.stream == stream)
            return &row;
    return nullptr;
}

double percentOf(TimeNs part, TimeNs whole) {
    return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// HTA prints percentages with two decimals.
bool samePercent(double ours, double hta) {
    return std::abs(ours - hta) <= 0.005 + 1e-9;
}

} // namespace

class TestDeviceIdle : public QObject {
    Q_OBJECT

private slots:
    // --- device_idle_gap on hand-built traces ---------------------------------------------

    // The host spends the gap inside aten::conv2d, whose cudnn_convolution launches kernel B:
    // gap [100, 1900); conv2d covers [140, 1900) of it.
    void launchBoundGap() {
        Json events = startWithKernelA();
        events.push_back(hostSlice("aten::conv2d", 140, 1770));
        events.push_back(hostSlice("aten::cudnn_convolution", 1000, 900));
        events.push_back(launchCall(1880, 10, 2));
        events.push_back(deviceTask("kernel_b", 1900, 100, 2));
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        const auto gaps = findIdleGaps(trace, devices, Thresholds());
        QCOMPARE(gaps.size(), std::size_t(1));
        const IdleGap& g = gaps[0];
        QCOMPARE(g.start, at(100));
        QCOMPARE(g.end, at(1900));
        QCOMPARE(nameOf(trace, g.before), std::string("kernel_a"));
        QCOMPARE(nameOf(trace, g.after), std::string("kernel_b"));
        QCOMPARE(g.cause, IdleGapCause::LaunchBound);
        QCOMPARE(nameOf(trace, g.issue), std::string("cudaLaunchKernel"));
        QCOMPARE(g.launchingNs, 1760 * kUs);
        QCOMPARE(g.hostBusyNs, 1760 * kUs);
        QCOMPARE(g.launchDelayNs, 1780 * kUs);
        QCOMPARE(g.queuedNs, 10 * kUs);
        QCOMPARE(g.blamed.size(), std::size_t(1));
        QCOMPARE(nameOf(trace, g.blamed[0]), std::string("aten::conv2d")); // the op, not its part

        const auto insights = detectDeviceIdleGaps(trace, devices, Thresholds());
        QCOMPARE(insights.size(), std::size_t(1));
        const Insight& i = insights[0];
        QCOMPARE(i.id, std::string("device_idle_gap:0"));
        QCOMPARE(i.kind, InsightKind::DeviceIdleGap);
        QCOMPARE(i.severity, Severity::Medium); // 1.8 ms: from 1 ms, under 10 ms
        QCOMPARE(i.timeAtStake, 1800 * kUs);
        QCOMPARE(i.start, at(100));
        QCOMPARE(i.end, at(1900));
        QCOMPARE(idleGapCauseOf(i), IdleGapCause::LaunchBound);
        QCOMPARE(i.number(Number::GapNs), 1800000.0);
        QCOMPARE(i.number(Number::LaunchingNs), 1760000.0);
        QCOMPARE(i.number(Number::LaunchDelayNs), 1780000.0);
        QCOMPARE(i.title, std::string("GPU 0 idle 1.8 ms: the host was busy launching in "
                                      "aten::conv2d for 1.8 ms of it (launch-bound)"));
        QVERIFY(i.suggestion.find("CUDA graphs") != std::string::npos);
        // The stream, then the host thread it blames.
        QCOMPARE(i.tracks.size(), std::size_t(2));
        QCOMPARE(i.tracks[0], g.after.track);
        QCOMPARE(i.tracks[1], g.blamed[0].track);
        QCOMPARE(i.events[0], g.before);
        QCOMPARE(i.events[1], g.after);
        QCOMPARE(i.events[2], g.blamed[0]);
        QCOMPARE(i.events.back(), g.issue);

        // 1760 of 1800 µs is 97.8 % launching: under a 99 % bar it is a host stall.
        Thresholds strict;
        QVERIFY(strict.set("idle_gap.launch_bound_share", 0.99));
        QCOMPARE(findIdleGaps(trace, devices, strict)[0].cause, IdleGapCause::HostStall);
    }

    // The host is in the DataLoader for 12 ms, then aten::add launches kernel B: a host stall
    // that names the DataLoader, not the step around everything.
    void hostStallNamesTheDataLoader() {
        Json events = startWithKernelA();
        events.push_back(hostSlice("ProfilerStep#1", -50, 13000, "user_annotation"));
        events.push_back(hostSlice(kDataLoader, 120, 12000, "user_annotation"));
        events.push_back(hostSlice("aten::stack", 200, 4800));
        events.push_back(hostSlice("aten::add", 12200, 100));
        events.push_back(launchCall(12210, 10, 2));
        events.push_back(deviceTask("kernel_b", 12230, 100, 2));
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        const auto gaps = findIdleGaps(trace, devices, Thresholds());
        QCOMPARE(gaps.size(), std::size_t(1));
        const IdleGap& g = gaps[0];
        QCOMPARE(g.lengthNs(), 12130 * kUs);
        QCOMPARE(g.cause, IdleGapCause::HostStall);
        QCOMPARE(g.launchingNs, 30 * kUs); // aten::add from 12200 to the gap's end
        QCOMPARE(g.hostBusyNs, 12030 * kUs);
        QCOMPARE(g.launchDelayNs, 12110 * kUs);
        QCOMPARE(g.blamed.size(), std::size_t(1));
        QCOMPARE(nameOf(trace, g.blamed[0]), std::string(kDataLoader));

        const auto insights = detectDeviceIdleGaps(trace, devices, Thresholds());
        QCOMPARE(insights[0].severity, Severity::High); // 12.1 ms
        QCOMPARE(idleGapCauseOf(insights[0]), IdleGapCause::HostStall);
        QCOMPARE(insights[0].title, std::string("GPU 0 idle 12.1 ms: the host was in ") +
                                        kDataLoader + " and launched nothing (host stall)");
        QVERIFY(insights[0].suggestion.find("num_workers") != std::string::npos);
        Thresholds th;
        QVERIFY(th.set("idle_gap.high_stake_us", 20000));
        QCOMPARE(detectDeviceIdleGaps(trace, devices, th)[0].severity, Severity::Medium);
        QVERIFY(th.set("idle_gap.min_gap_us", 12131));
        QVERIFY(detectDeviceIdleGaps(trace, devices, th).empty());
    }

    void hostStallWithoutProfiledActivity() {
        Json events = startWithKernelA();
        events.push_back(hostSlice("aten::add", 12200, 100));
        events.push_back(launchCall(12210, 10, 2));
        events.push_back(deviceTask("kernel_b", 12230, 100, 2));
        const Trace trace = load(events);
        const auto insights = detectDeviceIdleGaps(trace, mapDevices(trace), Thresholds());
        QCOMPARE(insights.size(), std::size_t(1));
        QCOMPARE(idleGapCauseOf(insights[0]), IdleGapCause::HostStall);
        QCOMPARE(insights[0].number(Number::HostBusyNs), 30000.0);
        QCOMPARE(insights[0].title, std::string("GPU 0 idle 12.1 ms: no profiled host activity on "
                                                "the thread that launches its work (host stall)"));
        QVERIFY(insights[0].suggestion.find(".item()") != std::string::npos);
    }

    // Kernel B was launched at 50 µs but ran only at 2100: it waited on something else. The
    // EVENT_WAIT in between is a wait, not work: it does not fill the gap.
    void dependencyGapAndWaitsAreNotWork() {
        Json events = startWithKernelA();
        events.push_back(hostSlice("aten::mul", 45, 20));
        events.push_back(launchCall(50, 10, 2));
        events.push_back(deviceTask("EVENT_WAIT", 100, 800, 3));
        events.push_back(deviceTask("kernel_b", 2100, 100, 2));
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        QCOMPARE(workTasksByDevice(trace, devices)[0].size(), std::size_t(2));
        const auto gaps = findIdleGaps(trace, devices, Thresholds());
        QCOMPARE(gaps.size(), std::size_t(1));
        const IdleGap& g = gaps[0];
        QCOMPARE(g.start, at(100));
        QCOMPARE(g.end, at(2100));
        QCOMPARE(g.cause, IdleGapCause::Dependency);
        QCOMPARE(g.queuedNs, 2040 * kUs);
        QCOMPARE(g.deviceWaitNs, 800 * kUs);
        QCOMPARE(g.hostTrack, g.issue.track);
        QVERIFY(g.blamed.empty());
        const auto insights = detectDeviceIdleGaps(trace, devices, Thresholds());
        QCOMPARE(idleGapCauseOf(insights[0]), IdleGapCause::Dependency);
        QCOMPARE(insights[0].number(Number::QueuedNs), 2040000.0);
        QCOMPARE(insights[0].number(Number::DeviceWaitNs), 800000.0);
        QCOMPARE(insights[0].title,
                 std::string("GPU 0 idle 2.0 ms: kernel_b sat queued for 2.0 ms, "
                             "so the device waited on another stream or rank "
                             "(dependency)"));
        QVERIFY(insights[0].suggestion.find("rank") != std::string::npos);
    }

    void gapBeforeATaskWithoutLaunchIsUnattributed() {
        Json events = startWithKernelA();
        events.push_back(deviceTask("kernel_b", 1100, 100, 99)); // no launch has correlation 99
        const Trace trace = load(events);
        const auto insights = detectDeviceIdleGaps(trace, mapDevices(trace), Thresholds());
        QCOMPARE(insights.size(), std::size_t(1));
        QCOMPARE(idleGapCauseOf(insights[0]), IdleGapCause::Unattributed);
        QCOMPARE(insights[0].title, std::string("GPU 0 idle 1.0 ms before kernel_b, whose launch "
                                                "is not in the trace (cause unknown)"));
        QCOMPARE(insights[0].cause, std::string("unattributed"));
        QCOMPARE(insights[0].numbers.size(), std::size_t(4)); // no launch numbers without a launch
        QVERIFY(!insights[0].has(Number::LaunchDelayNs));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, insights[0].number(Number::LaunchDelayNs));
    }

    // A device is idle only when all its streams are: stream 8 covers [50, 600), so the gap
    // runs from 600 (stream 8's task) to 1500 (stream 7's), and both lanes are listed.
    void gapsAreHolesInTheUnionOfStreams() {
        Json events = startWithKernelA();
        events.push_back(launchCall(-20, 5, 2));
        events.push_back(deviceTask("kernel_s8", 50, 550, 2, 8));
        events.push_back(launchCall(-10, 5, 3));
        events.push_back(deviceTask("kernel_b", 1500, 100, 3));
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        const auto gaps = findIdleGaps(trace, devices, Thresholds());
        QCOMPARE(gaps.size(), std::size_t(1));
        QCOMPARE(gaps[0].start, at(600));
        QCOMPARE(gaps[0].end, at(1500));
        QCOMPARE(nameOf(trace, gaps[0].before), std::string("kernel_s8"));
        const auto insights = detectDeviceIdleGaps(trace, devices, Thresholds());
        QCOMPARE(insights[0].tracks.size(), std::size_t(3)); // stream 7, stream 8, the host
        QCOMPARE(insights[0].tracks[0], gaps[0].after.track);
        QCOMPARE(insights[0].tracks[1], gaps[0].before.track);
    }

    // Ids number every gap of the trace by start, so they do not move with the thresholds.
    void idsAreStableWhateverTheThresholds() {
        Json events = startWithKernelA();
        const std::int64_t starts[] = {110, 700, 720, 2000}; // gaps of 10, 500, 10 and 1180 µs
        const std::int64_t durs[] = {90, 10, 100, 50};
        for (int k = 0; k < 4; ++k) {
            events.push_back(launchCall(-30 + k, 1, 10 + k));
            events.push_back(deviceTask("kernel", starts[k], durs[k], 10 + k));
        }
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        const auto all = detectDeviceIdleGaps(trace, devices, everyGap());
        QCOMPARE(all.size(), std::size_t(4));
        for (std::size_t k = 0; k < all.size(); ++k)
            QCOMPARE(all[k].id, "device_idle_gap:" + std::to_string(k));
        const auto reported = detectDeviceIdleGaps(trace, devices, Thresholds());
        QCOMPARE(reported.size(), std::size_t(2));
        QCOMPARE(reported[0].id, std::string("device_idle_gap:1"));
        QCOMPARE(reported[0].timeAtStake, 500 * kUs);
        QCOMPARE(reported[0].severity, Severity::Low);
        QCOMPARE(reported[1].id, std::string("device_idle_gap:3"));
        QCOMPARE(reported[1].timeAtStake, 1180 * kUs);
    }

    void causeNames() {
        QCOMPARE(std::string(toString(IdleGapCause::LaunchBound)), std::string("launch_bound"));
        QCOMPARE(std::string(toString(IdleGapCause::HostStall)), std::string("host_stall"));
        QCOMPARE(std::string(toString(IdleGapCause::Dependency)), std::string("dependency"));
        QCOMPARE(std::string(toString(IdleGapCause::Unattributed)), std::string("unattributed"));
        QCOMPARE(Thresholds()["idle_gap.launch_bound_share"], 0.5);
    }

    // --- HTA breakdowns on hand-built traces ------------------------------------------------

    void htaKernelTypesFollowHtaNameRules() {
        QCOMPARE(htaKernelType("void at::native::vectorized_elementwise_kernel<4>()"),
                 HtaKernelType::Computation);
        QCOMPARE(htaKernelType("ncclKernel_AllReduce_RING_LL_Sum_float"),
                 HtaKernelType::Communication);
        QCOMPARE(htaKernelType("ncclDevKernel_AllGather_RING_LL"), HtaKernelType::Communication);
        QCOMPARE(htaKernelType("void foo<ncclKernelParams>()"), HtaKernelType::Communication);
        QCOMPARE(htaKernelType("hccl_allreduce"), HtaKernelType::Communication);
        QCOMPARE(htaKernelType("hipMemcpyAsync"), HtaKernelType::Communication); // HTA's ^hip
        QCOMPARE(htaKernelType("Memcpy HtoD (Pageable -> Device)"), HtaKernelType::Memory);
        QCOMPARE(htaKernelType("Memset (Device)"), HtaKernelType::Memory);
        QCOMPARE(htaKernelType("dma_request"), HtaKernelType::Memory);
        QCOMPARE(htaKernelType("Stream Sync"), HtaKernelType::Other);
        QCOMPARE(htaKernelType("Stream Wait Event"), HtaKernelType::Other);
        QCOMPARE(htaKernelType("cudaLaunchKernel"), HtaKernelType::Other);
        QCOMPARE(htaKernelType("void copy_kernel_dma<float>()"), HtaKernelType::Other);
        QCOMPARE(htaKernelType("MEMCPY_ASYNC"), HtaKernelType::Computation); // case-sensitive
        QCOMPARE(std::string(toString(HtaKernelType::Memory)), std::string("memory"));
    }

    // compute [0, 100), a copy [50, 150), NCCL [300, 400) on stream 8, compute [500, 600):
    // span 600, busy 350, compute 200.
    void htaTemporalOnHandBuiltTrace() {
        Json events = startWithKernelA();
        events.push_back(launchCall(-30, 1, 2));
        events.push_back(deviceTask("Memcpy DtoD (Device -> Device)", 50, 100, 2, 7, "gpu_memcpy"));
        events.push_back(launchCall(-20, 1, 3));
        events.push_back(deviceTask("ncclKernel_AllReduce_RING_LL_Sum_float", 300, 100, 3, 8));
        events.push_back(launchCall(-10, 1, 4));
        events.push_back(deviceTask("gemm", 500, 100, 4));
        const Trace trace = load(events);
        const auto rows = htaTemporalBreakdown(trace, mapDevices(trace));
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].device, std::string("GPU 0"));
        QCOMPARE(rows[0].spanNs, 600 * kUs);
        QCOMPARE(rows[0].idleNs, 250 * kUs);
        QCOMPARE(rows[0].computeNs, 200 * kUs);
        QCOMPARE(rows[0].nonComputeNs, 150 * kUs);
        QCOMPARE(rows[0].tasks, std::uint64_t(4));
        QVERIFY(!rows[0].lastStepExcluded);
    }

    // Stream 7: kernel wait 10 (launched early, short gap), other 100 (launched early, long
    // gap), host wait 50 (launched after the previous task ended), an overlapping task (gap 0,
    // where HTA would add -10 to kernel wait), other 80.
    void htaIdleOnHandBuiltTrace() {
        Json events = startWithKernelA();
        const std::int64_t launches[] = {20, 150, 420, 430, 510};
        const std::int64_t starts[] = {110, 300, 450, 490, 600};
        const std::int64_t durs[] = {90, 100, 50, 30, 100};
        for (int k = 0; k < 5; ++k) {
            events.push_back(launchCall(launches[k], 5, 10 + k));
            events.push_back(deviceTask("gemm", starts[k], durs[k], 10 + k));
        }
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        auto rows = htaIdleBreakdown(trace, devices, Thresholds());
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].stream, std::string("stream 7"));
        QCOMPARE(rows[0].hostWaitNs, 50 * kUs);
        QCOMPARE(rows[0].kernelWaitNs, 10 * kUs);
        QCOMPARE(rows[0].otherWaitNs, 180 * kUs);
        QCOMPARE(rows[0].gaps, std::uint64_t(5));
        QCOMPARE(rows[0].idleNs(), 240 * kUs);
        Thresholds th;
        QVERIFY(th.set("hta.consecutive_kernel_delay_us", 10)); // 10 µs is no longer < 10
        rows = htaIdleBreakdown(trace, devices, th);
        QCOMPARE(rows[0].kernelWaitNs, TimeNs{0});
        QCOMPARE(rows[0].otherWaitNs, 190 * kUs);
    }

    // With two ProfilerStep#N, HTA keeps only tasks launched before the last step began.
    void htaDropsTheLastStepLikeHta() {
        Json events = Json::array({hostSlice("ProfilerStep#1", 0, 1000, "user_annotation"),
                                   launchCall(100, 5, 1), deviceTask("gemm", 200, 100, 1),
                                   launchCall(150, 5, 2), deviceTask("gemm", 500, 100, 2)});
        Trace oneStep = load(events);
        auto rows = htaTemporalBreakdown(oneStep, mapDevices(oneStep));
        QVERIFY(!rows[0].lastStepExcluded);
        QCOMPARE(rows[0].spanNs, 400 * kUs);

        events.push_back(hostSlice("ProfilerStep#2", 1000, 1000, "user_annotation"));
        events.push_back(launchCall(1100, 5, 3));
        events.push_back(deviceTask("gemm", 1200, 100, 3));
        const Trace twoSteps = load(events);
        const DeviceMap devices = mapDevices(twoSteps);
        rows = htaTemporalBreakdown(twoSteps, devices);
        QVERIFY(rows[0].lastStepExcluded);
        QCOMPARE(rows[0].tasks, std::uint64_t(2));
        QCOMPARE(rows[0].spanNs, 400 * kUs);
        QCOMPARE(rows[0].idleNs, 200 * kUs);
        const auto idle = htaIdleBreakdown(twoSteps, devices, Thresholds());
        QVERIFY(idle[0].lastStepExcluded);
        QCOMPARE(idle[0].gaps, std::uint64_t(1));
        QCOMPARE(idle[0].otherWaitNs, 200 * kUs);
        // The idle-gap detector looks at the whole trace: it still sees the 600 µs gap.
        QCOMPARE(findIdleGaps(twoSteps, devices, Thresholds()).size(), std::size_t(1));
    }

    // A device two steps behind its host, kernels back to back from a backlog, forward and
    // backward launched from two threads (tests/oracle/hta_last_step_oracle.py ports HTA's
    // _filter_irrelevant_gpu_kernels and breakdowns): HTA keeps the GPU work launched before the
    // last step began, wherever it runs (most of it after), and drops the last step's by
    // correlation. Oracle: 75 tasks, span 4177 µs, idle 177 µs; stream 7: 80 µs other wait over
    // 71 gaps; stream 20: 1920 µs host wait over 2 gaps.
    void htaLastStepOnALaggingDevice() {
        const Trace trace = loadKineto("lanescope__device_lags_two_steps.json");
        const DeviceMap devices = mapDevices(trace);
        const auto temporal = htaTemporalBreakdown(trace, devices);
        QCOMPARE(temporal.size(), std::size_t(1));
        QVERIFY(temporal[0].lastStepExcluded);
        QCOMPARE(temporal[0].tasks, std::uint64_t(75));
        QCOMPARE(temporal[0].spanNs, 4177 * kUs);
        QCOMPARE(temporal[0].idleNs, 177 * kUs);
        const auto idle = htaIdleBreakdown(trace, devices, Thresholds());
        const HtaIdle* compute = streamRow(idle, "stream 7");
        const HtaIdle* copies = streamRow(idle, "stream 20");
        QVERIFY(compute && copies);
        QCOMPARE(compute->gaps, std::uint64_t(71));
        QCOMPARE(compute->otherWaitNs, 80 * kUs);
        QCOMPARE(compute->hostWaitNs + compute->kernelWaitNs, TimeNs{0});
        QCOMPARE(copies->gaps, std::uint64_t(2));
        QCOMPARE(copies->hostWaitNs, 1920 * kUs);
    }

    // --- real Kineto traces against HTA's own results ---------------------------------------

    // Integer-µs traces: HTA rounds nothing, so our ns numbers equal its µs ones; percentages
    // are compared at HTA's two decimals. hta_kineto.md §1.8.
    void htaTemporalMatchesHta_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("idle");
        QTest::addColumn<double>("compute");
        QTest::addColumn<double>("nonCompute");
        QTest::addColumn<qint64>("spanUs");
        QTest::addColumn<bool>("lastStepExcluded");
        QTest::newRow("gp100") << "hta__gp100_step_based_trace_2543932.json.gz" << 96.24 << 3.75
                               << 0.01 << qint64(7737) << false;
        QTest::newRow("sampled_rank-0")
            << "hta__sampled_rank-0.json.gz" << 53.56 << 17.71 << 28.74 << qint64(-1) << true;
        QTest::newRow("resnet50_num_workers_0")
            << kResnet << 39.43 << 59.35 << 1.22 << qint64(-1) << true;
        // HTA's kernel_time also spans cuda_sync rows (12 996 011 µs); see the next test.
        QTest::newRow("alexnet")
            << "hta__alexnet__benchmark_result_2869224_1695835535_trace.json.gz" << 99.49 << 0.08
            << 0.43 << qint64(-1) << false;
    }

    void htaTemporalMatchesHta() {
        QFETCH(QString, file);
        QFETCH(double, idle);
        QFETCH(double, compute);
        QFETCH(double, nonCompute);
        QFETCH(qint64, spanUs);
        QFETCH(bool, lastStepExcluded);
        const Trace trace = loadKineto(file.toStdString().c_str());
        const auto rows = htaTemporalBreakdown(trace, mapDevices(trace));
        QCOMPARE(rows.size(), std::size_t(1));
        const HtaTemporal& r = rows[0];
        QCOMPARE(r.lastStepExcluded, lastStepExcluded);
        if (spanUs >= 0)
            QCOMPARE(r.spanNs, spanUs * kUs);
        QVERIFY2(samePercent(percentOf(r.idleNs, r.spanNs), idle),
                 qPrintable(QString::number(percentOf(r.idleNs, r.spanNs))));
        QVERIFY2(samePercent(percentOf(r.computeNs, r.spanNs), compute),
                 qPrintable(QString::number(percentOf(r.computeNs, r.spanNs))));
        QVERIFY2(samePercent(percentOf(r.nonComputeNs, r.spanNs), nonCompute),
                 qPrintable(QString::number(percentOf(r.nonComputeNs, r.spanNs))));
    }

    // The one deliberate temporal difference on these files: HTA counts Kineto's cuda_sync rows
    // whose args.stream is not -1 as device work (Stream Sync on a stream, and Context Sync rows
    // whose stream is 4294967295). Adding them, read straight from the file, gives HTA's numbers.
    void cudaSyncRowsAreTheWholeTemporalDifference_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("idle");
        QTest::addColumn<double>("compute");
        QTest::addColumn<double>("nonCompute");
        QTest::addColumn<qint64>("htaSpanUs");
        QTest::newRow("event_sync") << "hta__cuda_event_sync__event_sync_trace.json.gz" << 78.71
                                    << 18.63 << 2.66 << qint64(263);
        QTest::newRow("alexnet")
            << "hta__alexnet__benchmark_result_2869224_1695835535_trace.json.gz" << 99.49 << 0.08
            << 0.43 << qint64(12'996'011);
    }

    void cudaSyncRowsAreTheWholeTemporalDifference() {
        QFETCH(QString, file);
        QFETCH(double, idle);
        QFETCH(double, compute);
        QFETCH(double, nonCompute);
        QFETCH(qint64, htaSpanUs);
        const Trace trace = loadKineto(file.toStdString().c_str());
        const DeviceMap devices = mapDevices(trace);
        std::vector<Span> htaBusy = workSpans(trace, devices, 0);
        const Json doc =
            Json::parse(test::readWholeFile(QStringLiteral(LANESCOPE_TEST_DATA "/kineto/") + file));
        for (const Json& e : doc["traceEvents"])
            if (e.value("cat", "") == "cuda_sync" &&
                e["args"].value("stream", std::int64_t{-1}) != -1) {
                const TimeNs start = e["ts"].get<std::int64_t>() * kUs;
                htaBusy.emplace_back(start, start + e["dur"].get<std::int64_t>() * kUs);
            }
        htaBusy = merged(htaBusy);
        const TimeNs htaSpan = htaBusy.back().second - htaBusy.front().first;
        const TimeNs htaIdle = htaSpan - lengthOf(htaBusy);
        const HtaTemporal r = htaTemporalBreakdown(trace, devices)[0];
        QCOMPARE(htaSpan, htaSpanUs * kUs);
        QVERIFY(samePercent(percentOf(htaIdle, htaSpan), idle));
        QVERIFY(samePercent(percentOf(r.computeNs, htaSpan), compute)); // compute is the same
        QVERIFY(samePercent(percentOf(htaSpan - htaIdle - r.computeNs, htaSpan), nonCompute));
        QVERIFY(r.spanNs <= htaSpan);
        if (htaSpanUs == 263) { // event_sync: the 5 µs Stream Sync row lies in a gap
            QCOMPARE(r.idleNs, 212 * kUs);
            QCOMPARE(htaIdle, 207 * kUs);
            QCOMPARE(r.computeNs, 49 * kUs);
            QCOMPARE(r.nonComputeNs, 2 * kUs);
        }
    }

    void htaIdleMatchesHta_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("hostUs");
        QTest::addColumn<qint64>("kernelUs"); // -1: HTA's summary does not list it
        QTest::addColumn<qint64>("otherUs");
        QTest::newRow("event_sync") << "hta__cuda_event_sync__event_sync_trace.json.gz"
                                    << qint64(212) << qint64(0) << qint64(0);
        QTest::newRow("gp100") << "hta__gp100_step_based_trace_2543932.json.gz" << qint64(7446)
                               << qint64(0) << qint64(0);
        QTest::newRow("alexnet")
            << "hta__alexnet__benchmark_result_2869224_1695835535_trace.json.gz"
            << qint64(12'855'007) << qint64(-1) << qint64(-1);
        QTest::newRow("sampled_rank-0")
            << "hta__sampled_rank-0.json.gz" << qint64(213'825) << qint64(-1) << qint64(261'740);
        QTest::newRow("resnet50_num_workers_0")
            << kResnet << qint64(318'934) << qint64(-1) << qint64(-1);
    }

    void htaIdleMatchesHta() {
        QFETCH(QString, file);
        QFETCH(qint64, hostUs);
        QFETCH(qint64, kernelUs);
        QFETCH(qint64, otherUs);
        const Trace trace = loadKineto(file.toStdString().c_str());
        const auto rows = htaIdleBreakdown(trace, mapDevices(trace), Thresholds());
        const HtaIdle* s7 = streamRow(rows, "stream 7");
        QVERIFY(s7);
        QCOMPARE(s7->hostWaitNs, hostUs * kUs);
        if (kernelUs >= 0)
            QCOMPARE(s7->kernelWaitNs, kernelUs * kUs);
        if (otherUs >= 0)
            QCOMPARE(s7->otherWaitNs, otherUs * kUs);
        if (file == kResnet) // HTA: host wait 97 % of the stream's idle time
            QCOMPARE(std::round(100.0 * double(s7->hostWaitNs) / double(s7->idleNs())), 97.0);
    }

    // Nanosecond timestamps: HTA rounds each start up and each end down to whole µs, so each
    // task shrinks by less than 2 µs and each gap grows by less than 2 µs. HTA: 2.63 / 96.75 /
    // 0.62 % of the span; stream 7 host wait 1709 µs, kernel wait 8404 µs.
    void nanosecondTraceIsWithinHtaRounding() {
        const Trace trace =
            loadKineto("hta__ns_resolution__rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz");
        const DeviceMap devices = mapDevices(trace);
        const HtaTemporal t = htaTemporalBreakdown(trace, devices)[0];
        QVERIFY(t.lastStepExcluded);
        const double spanUs = double(t.spanNs) / 1e3;
        const double slackUs = 2.0 * double(t.tasks);
        const double percentUs = 0.005 * spanUs / 100; // HTA's two decimals
        const double htaIdleUs = 2.63 * spanUs / 100, htaComputeUs = 96.75 * spanUs / 100;
        QVERIFY(double(t.idleNs) / 1e3 <= htaIdleUs + percentUs);
        QVERIFY(htaIdleUs - percentUs <= double(t.idleNs) / 1e3 + slackUs);
        QVERIFY(htaComputeUs - percentUs <= double(t.computeNs) / 1e3);
        QVERIFY(double(t.computeNs) / 1e3 - slackUs <= htaComputeUs + percentUs);

        const std::vector<HtaIdle> rows = htaIdleBreakdown(trace, devices, Thresholds());
        const HtaIdle* s7 = streamRow(rows, "stream 7");
        QVERIFY(s7);
        const double htaTotalUs = 1709 + 8404;
        QVERIFY(double(s7->idleNs()) / 1e3 <= htaTotalUs);
        QVERIFY(htaTotalUs <= double(s7->idleNs()) / 1e3 + 2.0 * double(s7->gaps));
        QVERIFY(s7->kernelWaitNs > s7->hostWaitNs); // kernel wait dominates, as in HTA
        QCOMPARE(s7->otherWaitNs, TimeNs{0});
    }

    // --- the detector's story on real traces -------------------------------------------------

    // tb_plugin's ResNet-50 with num_workers=0: the five longest gaps (48-62 ms) are the
    // DataLoader, and the detector is part of detectInsights.
    void resnetGapsAreTheDataLoader() {
        const Trace trace = loadKineto(kResnet);
        const DeviceMap devices = mapDevices(trace);
        auto gaps = findIdleGaps(trace, devices, Thresholds());
        QCOMPARE(gaps.size(), std::size_t(7));
        std::sort(gaps.begin(), gaps.end(),
                  [](const IdleGap& a, const IdleGap& b) { return a.lengthNs() > b.lengthNs(); });
        for (int k = 0; k < 5; ++k) {
            QCOMPARE(gaps[k].cause, IdleGapCause::HostStall);
            QVERIFY(gaps[k].lengthNs() > 48 * 1000 * kUs);
            QCOMPARE(nameOf(trace, gaps[k].blamed.at(0)), std::string(kDataLoader));
        }
        const auto insights = detectInsights(trace, devices, Thresholds());
        const auto first = std::find_if(insights.begin(), insights.end(), [](const Insight& i) {
            return i.kind == InsightKind::DeviceIdleGap;
        });
        QVERIFY(first != insights.end());
        QCOMPARE(first->timeAtStake, gaps[0].lengthNs());
        QVERIFY(first->title.find(kDataLoader) != std::string::npos);
    }

    void alexnetLongestGapIsLaunchBound() {
        const Trace trace =
            loadKineto("hta__alexnet__benchmark_result_2869224_1695835535_trace.json.gz");
        auto insights = detectDeviceIdleGaps(trace, mapDevices(trace), Thresholds());
        QCOMPARE(insights.size(), std::size_t(18));
        rankInsights(insights);
        QCOMPARE(insights[0].severity, Severity::High);
        QCOMPARE(idleGapCauseOf(insights[0]), IdleGapCause::LaunchBound);
        QCOMPARE(insights[0].title, std::string("GPU 0 idle 10.03 s: the host was busy launching "
                                                "in aten::conv2d for 10.03 s of it "
                                                "(launch-bound)"));
    }

    // sampled_rank-0: the longest gap is an NCCL kernel that sat queued: a dependency.
    void sampledLongestGapWaitsOnAnotherRank() {
        const Trace trace = loadKineto("hta__sampled_rank-0.json.gz");
        auto gaps = findIdleGaps(trace, mapDevices(trace), Thresholds());
        QCOMPARE(gaps.size(), std::size_t(200));
        const auto longest =
            std::max_element(gaps.begin(), gaps.end(), [](const IdleGap& a, const IdleGap& b) {
                return a.lengthNs() < b.lengthNs();
            });
        QCOMPARE(longest->cause, IdleGapCause::Dependency);
        QVERIFY(nameOf(trace, longest->after).starts_with("ncclKernel_SendRecv"));
        QVERIFY(2 * longest->queuedNs >= longest->lengthNs());
    }

    // Eager AlexNet on two NPUs: the longest gap is operator compilation on the dequeue thread.
    void ascendLongestGapIsOperatorCompile() {
        for (const char* rank : {"rank0_ascend_pt", "rank1_ascend_pt"}) {
            const Trace trace =
                formats::loadTrace(std::string(LANESCOPE_TEST_DATA "/ascend/text/level1/") + rank);
            auto insights = detectDeviceIdleGaps(trace, mapDevices(trace), Thresholds());
            QCOMPARE(insights.size(), std::size_t(21));
            rankInsights(insights);
            QCOMPARE(idleGapCauseOf(insights[0]), IdleGapCause::LaunchBound);
            QVERIFY2(insights[0].title.find("AscendCL@aclopCompileAndExecute") != std::string::npos,
                     insights[0].title.c_str());
            QVERIFY(insights[0].suggestion.find("jit_compile=False") != std::string::npos);
        }
    }

    // The device summary's working time is the union of the work tasks: waits (EVENT_WAIT,
    // Notify Wait) and the PROFILING markers widen `busy` but not `working`.
    void deviceWorkingTimeLeavesOutWaitsAndMarkers() {
        const Trace trace =
            formats::loadTrace(LANESCOPE_TEST_DATA "/ascend/text/level1/rank0_ascend_pt");
        const DeviceMap devices = mapDevices(trace);
        const auto work = workTasksByDevice(trace, devices);
        QCOMPARE(work.size(), devices.devices.size());
        for (std::size_t d = 0; d < work.size(); ++d) {
            std::vector<Interval> intervals;
            for (const WorkTask& task : work[d])
                intervals.emplace_back(task.start, task.end);
            QVERIFY(mergeIntervals(std::move(intervals)) == devices.devices[d].working);
        }
        const DeviceActivity& npu = devices.devices.front();
        QVERIFY(npu.workSpanNs() < npu.spanNs()); // 141.2 ms against 177.6 ms
        QVERIFY(npu.workingNs() < npu.busyNs());
        QCOMPARE(npu.workIdleNs(), npu.workSpanNs() - npu.workingNs());
        // The indexed coverage query agrees with the scan over every window tried.
        const TimeNs from = npu.working.front().first - 1000;
        const TimeNs span = npu.workSpanNs() + 2000;
        for (int i = 0; i <= 500; ++i)
            for (const TimeNs width : {TimeNs{1}, TimeNs{999}, span / 37, span}) {
                const TimeNs t0 = from + span * i / 500;
                QCOMPARE(npu.workingWithin(t0, t0 + width),
                         overlapLength(npu.working, t0, t0 + width));
            }
        QCOMPARE(npu.workingWithin(from, from + span), npu.workingNs());
    }

    // The embedded eager BERT keeps its NPU busy: 339 gaps, 511 µs in all, none reported.
    void sampleHasNoLongGaps() {
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        const DeviceMap devices = mapDevices(trace);
        QVERIFY(detectDeviceIdleGaps(trace, devices, Thresholds()).empty());
        const auto gaps = findIdleGaps(trace, devices, everyGap());
        QCOMPARE(gaps.size(), std::size_t(339));
        TimeNs total = 0;
        for (const IdleGap& g : gaps)
            total += g.lengthNs();
        QCOMPARE(total, TimeNs{510'934});
        const HtaTemporal t = htaTemporalBreakdown(trace, devices)[0];
        QCOMPARE(t.idleNs, total);
        QCOMPARE(t.nonComputeNs, TimeNs{13'838}); // its one MEMCPY_ASYNC
    }

    // --- properties that hold by construction on every real trace ---------------------------

    void propertiesHoldOnRealTraces_data() {
        QTest::addColumn<QString>("path");
        const QString kineto = QStringLiteral(LANESCOPE_TEST_DATA "/kineto/");
        for (const char* file : {"hta__cuda_event_sync__event_sync_trace.json.gz",
                                 "hta__cuda_event_sync_multi_stream__event_sync_trace.json.gz",
                                 "hta__gp100_step_based_trace_2543932.json.gz",
                                 "hta__alexnet__benchmark_result_2869224_1695835535_trace.json.gz",
                                 "hta__sampled_rank-0.json.gz",
                                 "hta__ns_resolution__rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz",
                                 "hta__amd_mi250_minitoy_train_ROCm6_2_kineto.json.gz",
                                 "hta__mtia_inference_rank_0.json.gz", kResnet})
            QTest::newRow(file) << kineto + file;
        QTest::newRow("ascend level1 rank0")
            << QStringLiteral(LANESCOPE_TEST_DATA "/ascend/text/level1/rank0_ascend_pt");
        QTest::newRow("ascend level1 rank1")
            << QStringLiteral(LANESCOPE_TEST_DATA "/ascend/text/level1/rank1_ascend_pt");
        QTest::newRow("embedded sample") << QStringLiteral(LANESCOPE_SAMPLE);
    }

    void propertiesHoldOnRealTraces() {
        QFETCH(QString, path);
        const Trace trace = formats::loadTrace(path.toStdString());
        const DeviceMap devices = mapDevices(trace);
        QVERIFY(!devices.devices.empty());
        const auto gaps = findIdleGaps(trace, devices, everyGap());
        checkGapsAreTheHolesOfTheUnion(trace, devices, gaps);
        for (std::size_t k = 0; k < gaps.size(); ++k) {
            QCOMPARE(gaps[k].ordinal, std::uint32_t(k));
            checkGap(trace, devices, gaps[k]);
        }
        // With the defaults: a subset of the same gaps, with the same ids.
        for (const IdleGap& g : findIdleGaps(trace, devices, Thresholds())) {
            QVERIFY(g.lengthNs() >= 500 * kUs);
            QCOMPARE(gaps.at(g.ordinal).start, g.start);
            QCOMPARE(gaps.at(g.ordinal).device, g.device);
        }
        checkHtaTemporal(trace, devices, gaps);
        checkHtaIdle(trace, devices);
    }

private:
    static void checkGapsAreTheHolesOfTheUnion(const Trace& trace, const DeviceMap& devices,
                                               const std::vector<IdleGap>& gaps) {
        for (std::uint32_t d = 0; d < devices.devices.size(); ++d) {
            const std::vector<Span> busy = merged(workSpans(trace, devices, d));
            const std::vector<Span> holes = holesOf(busy);
            std::vector<Span> found;
            for (const IdleGap& g : gaps)
                if (g.device == d)
                    found.emplace_back(g.start, g.end);
            QCOMPARE(found, holes);
            if (busy.empty())
                continue;
            const TimeNs span = busy.back().second - busy.front().first;
            QCOMPARE(lengthOf(holes) + lengthOf(busy), span); // gaps + busy = span
        }
    }

    static void checkGap(const Trace& trace, const DeviceMap& devices, const IdleGap& g) {
        QVERIFY(g.start < g.end);
        QCOMPARE(trace.sliceTracks[g.before.track].end(g.before.slice), g.start);
        QCOMPARE(trace.sliceTracks[g.after.track].start(g.after.slice), g.end);
        QCOMPARE(devices.deviceOfTrack[g.before.track], g.device);
        QCOMPARE(devices.deviceOfTrack[g.after.track], g.device);
        // No work task of the device runs inside the gap.
        for (std::uint32_t track : devices.devices[g.device].tracks) {
            const SliceTrack& t = trace.sliceTracks[track];
            t.forEachIntersecting(g.start, g.end, [&](std::uint32_t i) {
                const bool inside = std::max(t.start(i), g.start) < std::min(t.end(i), g.end);
                QVERIFY(!inside || !taskLinkOf(trace, {track, i}) ||
                        !isWorkTask(trace, {track, i}));
            });
        }
        const TimeNs len = g.lengthNs();
        QVERIFY(g.launchingNs >= 0 && g.launchingNs <= len);
        QVERIFY(g.hostBusyNs >= 0 && g.hostBusyNs <= len);
        QVERIFY(g.deviceWaitNs >= 0 && g.deviceWaitNs <= len);
        switch (g.cause) {
        case IdleGapCause::Unattributed:
            QVERIFY(!g.issue.valid());
            break;
        case IdleGapCause::Dependency:
            QVERIFY(2 * g.queuedNs >= len);
            QVERIFY(g.blamed.empty());
            break;
        case IdleGapCause::LaunchBound:
            QVERIFY(2 * g.queuedNs < len);
            QVERIFY(2 * g.launchingNs >= len);
            QVERIFY(!g.blamed.empty());
            break;
        case IdleGapCause::HostStall:
            QVERIFY(2 * g.queuedNs < len);
            QVERIFY(2 * g.launchingNs < len);
            break;
        }
    }

    // idle + compute + non-compute = span; without the last-step filter the idle time is the
    // sum of the detector's gaps.
    static void checkHtaTemporal(const Trace& trace, const DeviceMap& devices,
                                 const std::vector<IdleGap>& gaps) {
        for (const HtaTemporal& r : htaTemporalBreakdown(trace, devices)) {
            QCOMPARE(r.idleNs + r.computeNs + r.nonComputeNs, r.spanNs);
            QVERIFY(r.idleNs >= 0 && r.computeNs >= 0 && r.nonComputeNs >= 0);
            if (r.lastStepExcluded)
                continue;
            TimeNs idle = 0;
            for (const IdleGap& g : gaps)
                if (g.device == r.deviceIndex)
                    idle += g.lengthNs();
            QCOMPARE(r.idleNs, idle);
        }
    }

    // Per stream, the three waits add up to the stream's own idle time.
    static void checkHtaIdle(const Trace& trace, const DeviceMap& devices) {
        for (const HtaIdle& r : htaIdleBreakdown(trace, devices, Thresholds())) {
            QVERIFY(r.hostWaitNs >= 0 && r.kernelWaitNs >= 0 && r.otherWaitNs >= 0);
            if (r.lastStepExcluded)
                continue;
            const std::vector<Span> raw = workSpans(trace, devices, r.deviceIndex, r.track);
            const std::vector<Span> busy = merged(raw);
            QCOMPARE(r.gaps, std::uint64_t(raw.size() - 1));
            if (!busy.empty())
                QCOMPARE(r.idleNs(), busy.back().second - busy.front().first - lengthOf(busy));
        }
    }
};

QTEST_APPLESS_MAIN(TestDeviceIdle)
#include "tst_device_idle.moc"
