// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The insight model and the host_blocked_on_device detector: hand-built Kineto-like traces with
// answers worked out by hand (including hta_kineto.md §6's worked example), the embedded sample's
// story, and real Kineto traces checked against a brute-force scan.
#include "analysis/detect_insights.h"
#include "analysis/device_tasks.h"
#include "analysis/host_blocked_on_device.h"
#include "analysis/insight.h"
#include "analysis/slice_info.h"
#include "analysis/small_op_streak.h"
#include "test_support.h"

#include <QtTest>
#include <algorithm>
#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

using namespace lanescope;
using namespace lanescope::analysis;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t kBaseUs = 1'000'000; // hand-built traces start 1 s after the epoch
constexpr TimeNs kUs = 1000;

// Kineto-style events: host pid/tid 100, GPU pid 0 stream 7; times in µs after kBaseUs.
Json hostOp(const char* name, std::int64_t ts, std::int64_t dur) {
    return {{"ph", "X"},  {"cat", "cpu_op"},    {"name", name}, {"pid", 100},
            {"tid", 100}, {"ts", kBaseUs + ts}, {"dur", dur}};
}
Json runtime(const char* name, std::int64_t ts, std::int64_t dur, int correlation) {
    return {{"ph", "X"},    {"cat", "cuda_runtime"},
            {"name", name}, {"pid", 100},
            {"tid", 100},   {"ts", kBaseUs + ts},
            {"dur", dur},   {"args", {{"correlation", correlation}}}};
}
Json device(const char* cat, const char* name, std::int64_t ts, std::int64_t dur, int correlation,
            int tid = 7) {
    return {{"ph", "X"},    {"cat", cat},
            {"name", name}, {"pid", 0},
            {"tid", tid},   {"ts", kBaseUs + ts},
            {"dur", dur},   {"args", {{"correlation", correlation}, {"stream", tid}}}};
}

Trace load(const Json& events) {
    const Json doc = {{"traceEvents", events}};
    return test::loadText(QByteArray::fromStdString(doc.dump()));
}

TimeNs at(std::int64_t us) {
    return (kBaseUs + us) * kUs;
}

std::string nameOf(const Trace& trace, SliceRef ref) {
    return test::nameOf(trace, ref);
}

std::vector<BlockingCall> blockingCalls(const Trace& trace) {
    return findBlockingCalls(trace, mapDevices(trace));
}

// hta_kineto.md §6 item 2, as it is in hta__cuda_event_sync__event_sync_trace.json.gz.
Json eventSyncExample() {
    return Json::array({
        hostOp("aten::fill_", 99, 50),
        runtime("cudaLaunchKernel", 110, 36, 1),
        device("kernel", "fill_kernel", 145, 1, 1),
        hostOp("aten::sum", 159, 39),
        runtime("cudaLaunchKernel", 182, 10, 2),
        device("kernel", "reduce_kernel", 194, 11, 2),
        hostOp("aten::gt", 205, 33),
        runtime("cudaLaunchKernel", 221, 12, 3),
        device("kernel", "gt_kernel", 235, 1, 3),
        hostOp("aten::is_nonzero", 245, 47),
        hostOp("aten::item", 247, 45),
        hostOp("aten::_local_scalar_dense", 249, 42),
        runtime("cudaMemcpyAsync", 252, 29, 11),
        device("gpu_memcpy", "Memcpy DtoH (Device -> Pageable)", 270, 2, 11),
        runtime("cudaStreamSynchronize", 282, 6, 12),
        device("cuda_sync", "Stream Sync", 283, 5, 12),
        runtime("cudaEventRecord", 352, 3, 20),
        runtime("cudaLaunchKernel", 362, 9, 21),
        device("kernel", "spin_kernel", 372, 36, 21),
        runtime("cudaEventRecord", 376, 3, 22),
        runtime("cudaEventSynchronize", 382, 34, 23),
        device("cuda_sync", "Event Sync", 383, 33, 23, -1),
        runtime("cudaEventQuery", 419, 3, 24),
        runtime("cudaDeviceSynchronize", 474, 8, 25),
        device("cuda_sync", "Context Sync", 475, 6, 25, -1),
    });
}

// aten::to -> _to_copy -> copy_ -> memcpy + sync, while a GEMM and two adds launched earlier run.
Json nestedToExample() {
    return Json::array({
        hostOp("aten::linear", 0, 20),
        runtime("cudaLaunchKernel", 5, 10, 1),
        device("kernel", "gemm", 30, 370, 1),
        hostOp("aten::add", 20, 10),
        runtime("cudaLaunchKernel", 22, 6, 2),
        device("kernel", "add_kernel", 400, 10, 2),
        hostOp("aten::add", 30, 10),
        runtime("cudaLaunchKernel", 32, 6, 3),
        device("kernel", "add_kernel", 420, 10, 3),
        hostOp("aten::to", 100, 360),
        hostOp("aten::_to_copy", 102, 355),
        hostOp("aten::copy_", 104, 351),
        runtime("cudaMemcpyAsync", 110, 10, 4),
        device("gpu_memcpy", "Memcpy DtoH (Device -> Pinned)", 430, 14, 4),
        runtime("cudaStreamSynchronize", 121, 329, 5),
        // A non-blocking host-to-device copy: no sync inside, so not a blocking call.
        hostOp("aten::to", 500, 20),
        runtime("cudaMemcpyAsync", 505, 5, 6),
        device("gpu_memcpy", "Memcpy HtoD (Pinned -> Device)", 510, 2, 6),
    });
}

// What a blocking unit should measure, by brute force over the loaded model: the device work
// (kernel/memcpy/memset slices on device lanes) overlapping [start, end), minus what a flow says
// was launched from inside the unit on its host track.
struct Brute {
    TimeNs waited = 0;
    std::size_t tasks = 0;
    TimeNs copy = 0;
};

bool isDeviceWork(const Trace& trace, const SliceTrack& track, std::uint32_t i) {
    const std::string_view cat = trace.str(track.category(i));
    return cat == "kernel" || cat == "gpu_memcpy" || cat == "gpu_memset" || cat == "Kernel" ||
           cat == "Memcpy" || cat == "Memset";
}

Brute bruteForce(const Trace& trace, SliceRef call) {
    const SliceTrack& host = trace.sliceTracks[call.track];
    const TimeNs start = host.start(call.slice), end = host.end(call.slice);
    std::set<std::pair<std::uint32_t, std::uint32_t>> own;
    for (const Flow& flow : trace.flows)
        if (flow.bound() && flow.from.track == call.track) {
            const TimeNs launched = host.start(flow.from.slice);
            if (launched >= start && launched < end)
                own.insert({flow.to.track, flow.to.slice});
        }
    Brute b;
    std::vector<std::pair<TimeNs, TimeNs>> waited, copies;
    for (const Thread& thread : trace.threads) {
        if (thread.kind != TrackKind::Device || thread.sliceTrack == kNoIndex)
            continue;
        const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            if (!isDeviceWork(trace, track, i))
                continue;
            if (own.count({thread.sliceTrack, i})) {
                copies.emplace_back(track.start(i), track.end(i));
                continue;
            }
            const TimeNs s = std::max(track.start(i), start), e = std::min(track.end(i), end);
            if (s < e) {
                waited.emplace_back(s, e);
                ++b.tasks;
            }
        }
    }
    b.waited = test::lengthOfUnion(waited);
    b.copy = test::lengthOfUnion(copies);
    return b;
}

// The streak findings among all the trace's insights: the device-level small-block finding
// (msprof's rule, small_op_blocks.h) also fires on these launch-bound streams, and its id says so.
std::vector<Insight> streakInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds) {
    std::vector<Insight> streaks;
    for (Insight& i : detectInsights(trace, devices, thresholds))
        if (i.id.starts_with("small_op_streak:") && !i.id.starts_with("small_op_streak:blocks-"))
            streaks.push_back(std::move(i));
    return streaks;
}

// `count` tiny kernels on stream 7, one every `periodUs` from `firstUs`, each `durUs` long and
// launched by aten::add / aten::mul alternately; correlations from `correlation`.
void addTinyKernels(Json& events, std::int64_t firstUs, int count, std::int64_t periodUs,
                    std::int64_t durUs, int correlation) {
    for (int k = 0; k < count; ++k) {
        const std::int64_t launchAt = firstUs - 100 + k * periodUs;
        events.push_back(hostOp(k % 2 ? "aten::mul" : "aten::add", launchAt, 8));
        events.push_back(runtime("cudaLaunchKernel", launchAt + 1, 5, correlation + k));
        events.push_back(
            device("kernel", "elementwise_kernel", firstUs + k * periodUs, durUs, correlation + k));
    }
}

} // namespace

class TestInsights : public QObject {
    Q_OBJECT

private slots:
    void kindAndSeverityNamesAreTheJsonNames() {
        const std::vector<std::pair<InsightKind, std::string>> kinds = {
            {InsightKind::HostBlockedOnDevice, "host_blocked_on_device"},
            {InsightKind::DeviceIdleGap, "device_idle_gap"},
            {InsightKind::SmallOpStreak, "small_op_streak"},
            {InsightKind::FusionCandidate, "fusion_candidate"},
            {InsightKind::AiCpuOp, "ai_cpu_op"},
            {InsightKind::OpCompile, "op_compile"},
            {InsightKind::DynamicShape, "dynamic_shape"},
            {InsightKind::DispatchBound, "dispatch_bound"}};
        for (const auto& [kind, name] : kinds)
            QCOMPARE(std::string(toString(kind)), name);
        QCOMPARE(std::string(toString(Severity::High)), std::string("high"));
        QCOMPARE(std::string(toString(Severity::Medium)), std::string("medium"));
        QCOMPARE(std::string(toString(Severity::Low)), std::string("low"));
    }

    void thresholdsAreNamedDefaultsThatCanBeOverridden() {
        Thresholds th;
        std::set<std::string> names;
        for (const ThresholdDef& def : Thresholds::defaults()) {
            QVERIFY2(names.insert(std::string(def.name)).second, def.name.data());
            QVERIFY(!def.description.empty());
            QCOMPARE(th[def.name], def.value);
        }
        QCOMPARE(th["host_blocked.min_waited_us"], 20.0);
        QVERIFY(th.set("host_blocked.min_waited_us", 5));
        QCOMPARE(th["host_blocked.min_waited_us"], 5.0);
        QVERIFY(!th.set("host_blocked.no_such_knob", 1));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, th["host_blocked.no_such_knob"]);
        QCOMPARE(th.values().size(), Thresholds::defaults().size());
    }

    void rankingPutsMostTimeAtStakeFirst() {
        std::vector<Insight> insights(4);
        insights[0].id = "a";
        insights[0].timeAtStake = 10;
        insights[1].id = "b";
        insights[1].timeAtStake = 30;
        insights[2].id = "c";
        insights[2].timeAtStake = 10;
        insights[2].severity = Severity::High;
        insights[3].id = "d";
        insights[3].timeAtStake = 10;
        insights[3].start = -5;
        rankInsights(insights);
        QCOMPARE(insights[0].id, std::string("b"));
        QCOMPARE(insights[1].id, std::string("c")); // equal time: higher severity first
        QCOMPARE(insights[2].id, std::string("d")); // then the earlier start
        QCOMPARE(insights[3].id, std::string("a"));
    }

    void titleFormats() {
        QCOMPARE(formatTitleDuration(850), std::string("850 ns"));
        QCOMPARE(formatTitleDuration(2'500), std::string("2.5 µs"));
        QCOMPARE(formatTitleDuration(13'838), std::string("14 µs"));
        QCOMPARE(formatTitleDuration(9'517'441), std::string("9.5 ms"));
        QCOMPARE(formatTitleDuration(1'250'000'000), std::string("1.25 s"));
        QCOMPARE(formatTitlePercent(0.99712), std::string("99.7 %"));
    }

    void blockingRolesByName() {
        QCOMPARE(blockingRoleOf("cudaStreamSynchronize"), BlockingRole::SyncApi);
        QCOMPARE(blockingRoleOf("cudaDeviceSynchronize"), BlockingRole::SyncApi);
        QCOMPARE(blockingRoleOf("cudaEventSynchronize"), BlockingRole::SyncApi);
        QCOMPARE(blockingRoleOf("hipStreamSynchronize"), BlockingRole::SyncApi);
        QCOMPARE(blockingRoleOf("AscendCL@aclrtSynchronizeStream"), BlockingRole::SyncApi);
        QCOMPARE(blockingRoleOf("AscendCL@aclrtSynchronizeDevice"), BlockingRole::SyncApi);
        QCOMPARE(blockingRoleOf("cudaMemcpy"), BlockingRole::SyncCopyApi);
        QCOMPARE(blockingRoleOf("AscendCL@aclrtMemcpy"), BlockingRole::SyncCopyApi);
        QCOMPARE(blockingRoleOf("cudaMemcpyAsync"), BlockingRole::AsyncCopyApi);
        QCOMPARE(blockingRoleOf("AscendCL@aclrtMemcpyAsync"), BlockingRole::AsyncCopyApi);
        QCOMPARE(blockingRoleOf("aten::to"), BlockingRole::TransferOp);
        QCOMPARE(blockingRoleOf("aten::_to_copy"), BlockingRole::TransferOp);
        QCOMPARE(blockingRoleOf("aten::copy_"), BlockingRole::TransferOp);
        QCOMPARE(blockingRoleOf("aten::item"), BlockingRole::ScalarReadOp);
        QCOMPARE(blockingRoleOf("aten::_local_scalar_dense"), BlockingRole::ScalarReadOp);
        QCOMPARE(blockingRoleOf("cudaEventQuery"), BlockingRole::None); // polls, does not block
        QCOMPARE(blockingRoleOf("cudaStreamWaitEvent"), BlockingRole::None);
        QCOMPARE(blockingRoleOf("Stream Sync"), BlockingRole::None);
        QCOMPARE(blockingRoleOf("aten::toy"), BlockingRole::None);
    }

    // §6: the cudaEventSynchronize waited 26 µs of 34 µs for spin_kernel; the pageable copy and
    // the stream sync inside aten::is_nonzero (one unit) and the device sync waited 0.
    void workedExampleFromHta() {
        const Trace trace = load(eventSyncExample());
        const auto calls = blockingCalls(trace);
        QCOMPARE(calls.size(), std::size_t(3));

        QCOMPARE(nameOf(trace, calls[0].call), std::string("aten::is_nonzero"));
        QCOMPARE(calls[0].role, BlockingRole::ScalarReadOp);
        QCOMPARE(calls[0].apis.size(), std::size_t(2)); // pageable cudaMemcpyAsync + stream sync
        QCOMPARE(calls[0].blockedNs(), 47 * kUs);
        QCOMPARE(calls[0].copyNs, 2 * kUs);
        QCOMPARE(calls[0].waitedNs, TimeNs{0});
        QCOMPARE(calls[0].waitedTasks.size(), std::size_t(0));

        QCOMPARE(nameOf(trace, calls[1].call), std::string("cudaEventSynchronize"));
        QCOMPARE(calls[1].start, at(382));
        QCOMPARE(calls[1].blockedNs(), 34 * kUs);
        QCOMPARE(calls[1].waitedNs, 26 * kUs);
        QCOMPARE(calls[1].copyNs, TimeNs{0});
        QCOMPARE(calls[1].waitedTasks.size(), std::size_t(1));
        QCOMPARE(nameOf(trace, calls[1].waitedTasks[0]), std::string("spin_kernel"));

        QCOMPARE(nameOf(trace, calls[2].call), std::string("cudaDeviceSynchronize"));
        QCOMPARE(calls[2].waitedNs, TimeNs{0});

        const auto insights = detectInsights(trace, mapDevices(trace), Thresholds());
        QCOMPARE(insights.size(), std::size_t(2));
        // The pageable copy in aten::is_nonzero: the GPU copied for 2 µs and was idle for the
        // rest; the host spent 45 µs on its side of the copy (it ranks first: more at stake).
        const Insight& host = insights[0];
        QCOMPARE(host.id, std::string("host_blocked_on_device:0"));
        QCOMPARE(host.timeAtStake, 45 * kUs);
        QCOMPARE(host.number(Number::HostSideNs), 45000.0);
        QCOMPARE(host.title,
                 std::string("aten::is_nonzero blocked 47 µs; the device-to-host copy took "
                             "2.0 µs on "
                             "the GPU, which was idle for 95.7 % of the call: the time "
                             "went to the host side of the copy (pageable memory), not "
                             "to queued work"));
        QVERIFY(host.suggestion.find("pinned") != std::string::npos);
        const Insight& i = insights[1];
        QCOMPARE(i.id, std::string("host_blocked_on_device:1"));
        QCOMPARE(i.kind, InsightKind::HostBlockedOnDevice);
        QCOMPARE(i.severity, Severity::Low); // 26 µs < medium_waited_us 100
        QCOMPARE(i.timeAtStake, 26 * kUs);
        QCOMPARE(i.number(Number::BlockedNs), 34000.0);
        QCOMPARE(i.number(Number::WaitedNs), 26000.0);
        QCOMPARE(i.number(Number::CopyNs), 0.0);
        QCOMPARE(i.number(Number::WaitedTasks), 1.0);
        QCOMPARE(i.title, std::string("cudaEventSynchronize blocked 34 µs; 76.5 % was waiting for "
                                      "1 queued GPU task"));
        QVERIFY(!i.suggestion.empty());
        QCOMPARE(i.events.front(), calls[1].call);
        QCOMPARE(i.tracks.size(), std::size_t(2)); // the host thread and stream 7

        Thresholds strict;
        QVERIFY(strict.set("host_blocked.min_waited_us", 46));
        QVERIFY(detectInsights(trace, mapDevices(trace), strict).empty());
    }

    // torch_npu's task queue (the real Level1 rank-0 export): aten::to's copy is queued by
    // aten::copy_ -> acl_memcpy_host_to_device -> Enqueue and launched by aclrtMemcpyAsync on
    // the dequeue thread. It is the call's own copy (840 µs), not queued work; the NPU was idle
    // for the rest of the 6.7 ms.
    void copyThroughTheTaskQueue() {
        const Trace trace =
            formats::loadTrace(LANESCOPE_TEST_DATA "/ascend/text/level1/rank0_ascend_pt");
        const TimeNs start = test::usTextToNs("1736408883694290.010");
        for (const BlockingCall& call : blockingCalls(trace)) {
            if (call.start != start)
                continue;
            QCOMPARE(nameOf(trace, call.call), std::string("aten::to"));
            QCOMPARE(call.ownTasks.size(), std::size_t(1));
            QCOMPARE(nameOf(trace, call.ownTasks[0]), std::string("MEMCPY_ASYNC"));
            // The task's dur is 840.07675 µs in the file.
            QCOMPARE(call.copyNs, TimeNs{840077});
            QCOMPARE(call.waitedNs, TimeNs{0});
            const auto insights = detectInsights(trace, mapDevices(trace), Thresholds());
            for (const Insight& i : insights)
                if (i.kind == InsightKind::HostBlockedOnDevice && i.start == start) {
                    QVERIFY2(i.title.find("the host-to-device copy took 840 µs on the NPU") !=
                                 std::string::npos,
                             i.title.c_str());
                    QVERIFY(i.suggestion.find("pin_memory=True") != std::string::npos);
                    QVERIFY(i.title.find("host side of the copy") != std::string::npos);
                    QCOMPARE(i.timeAtStake, call.blockedNs() - 840077);
                    return;
                }
            QFAIL("no finding for the aten::to");
        }
        QFAIL("no blocking call at the aten::to");
    }

    // The DB export of the same job: torch ops, the task queue and the copy's connection ids
    // are rows, the step's row is drawn below the ops it contains (it partially overlaps the
    // Python stack). The copy is still aten::to's own: MEMCPY_ASYNC of 828,296 ns
    // (TASK.endNs - TASK.startNs for connectionId 936), the host-to-device copy of
    // acl_memcpy_host_to_device.
    void copyThroughTheTaskQueueInTheDbExport() {
        const Trace trace =
            formats::loadTrace(LANESCOPE_TEST_DATA "/ascend/db/level1/rank0_ascend_pt");
        const TimeNs start = 1736410576394638410;
        for (const BlockingCall& call : blockingCalls(trace)) {
            if (call.start != start)
                continue;
            QCOMPARE(nameOf(trace, call.call), std::string("aten::to"));
            QCOMPARE(call.ownTasks.size(), std::size_t(1));
            QCOMPARE(call.copyNs, TimeNs{828296});
            QCOMPARE(call.waitedNs, TimeNs{0});
            QCOMPARE(call.direction, CopyDirection::HostToDevice);
            const TaskLink* link = taskLinkOf(trace, call.ownTasks[0]);
            QVERIFY(link && link->hostOp.valid());
            QCOMPARE(nameOf(trace, link->hostOp), std::string("acl_memcpy_host_to_device"));
            return;
        }
        QFAIL("no blocking call at the aten::to");
    }

    // aten::item's copy is a synchronous aclrtMemcpy with no device task: its 59.32 µs (the
    // call's dur in trace_view.json, after the NPU's last task of the wait ended) are the copy,
    // the 91.7 ms aclrtSynchronizeStreamWithTimeout before it the wait.
    void scalarReadCopyWithoutADeviceTask() {
        const Trace trace =
            formats::loadTrace(LANESCOPE_TEST_DATA "/ascend/text/level1/rank0_ascend_pt");
        const TimeNs start = test::usTextToNs("1736408883749465.430");
        for (const BlockingCall& call : blockingCalls(trace)) {
            if (call.start != start)
                continue;
            QCOMPARE(nameOf(trace, call.call), std::string("aten::item"));
            QVERIFY(call.ownTasks.empty());
            QVERIFY(call.copyOnHost);
            QCOMPARE(call.copyNs, TimeNs{59320});
            QVERIFY(call.waitedShare() > 0.98);
            const auto insights = detectInsights(trace, mapDevices(trace), Thresholds());
            for (const Insight& i : insights)
                if (i.kind == InsightKind::HostBlockedOnDevice && i.start == start) {
                    QVERIFY2(i.title.find("; the copy took 59 µs in aclrtMemcpy (no device task "
                                          "recorded); 99.1 % was waiting for") != std::string::npos,
                             i.title.c_str());
                    QCOMPARE(i.timeAtStake, call.waitedNs);
                    return;
                }
            QFAIL("no finding for the aten::item");
        }
        QFAIL("no blocking call at the aten::item");
    }

    void copyDirectionsByName() {
        QCOMPARE(copyDirectionOf("Memcpy DtoH (Device -> Pageable)"), CopyDirection::DeviceToHost);
        QCOMPARE(copyDirectionOf("Memcpy HtoD (Pinned -> Device)"), CopyDirection::HostToDevice);
        QCOMPARE(copyDirectionOf("Memcpy DtoD (Device -> Device)"), CopyDirection::DeviceToDevice);
        QCOMPARE(copyDirectionOf("acl_memcpy_host_to_device"), CopyDirection::HostToDevice);
        QCOMPARE(copyDirectionOf("MEMCPY_ASYNC"), CopyDirection::Unknown);
        QCOMPARE(copyDirectionOf("AscendCL@aclrtMemcpyAsync"), CopyDirection::Unknown);
    }

    void nestedTransferIsReportedOnceAtItsOutermostOp() {
        const Trace trace = load(nestedToExample());
        const auto calls = blockingCalls(trace);
        QCOMPARE(calls.size(), std::size_t(1)); // not _to_copy, copy_, the sync, nor the H2D to
        const BlockingCall& c = calls[0];
        QCOMPARE(nameOf(trace, c.call), std::string("aten::to"));
        QCOMPARE(c.start, at(100));
        QCOMPARE(c.apis.size(), std::size_t(1)); // the stream sync; the pinned copy does not block
        QCOMPARE(nameOf(trace, c.apis[0]), std::string("cudaStreamSynchronize"));
        QCOMPARE(c.ownTasks.size(), std::size_t(1));
        QCOMPARE(c.copyNs, 14 * kUs);
        // gemm 30..400 -> 300 µs of the call, the adds 400..410 and 420..430 -> 10 + 10.
        QCOMPARE(c.waitedNs, 320 * kUs);
        QCOMPARE(c.waitedTasks.size(), std::size_t(3));
        QCOMPARE(c.launchers.size(), std::size_t(2));
        QCOMPARE(std::string(trace.str(c.launchers[0].first)), std::string("aten::add"));
        QCOMPARE(c.launchers[0].second, 2u);
        QCOMPARE(std::string(trace.str(c.launchers[1].first)), std::string("aten::linear"));

        const auto insights = detectInsights(trace, mapDevices(trace), Thresholds());
        QCOMPARE(insights.size(), std::size_t(1));
        QCOMPARE(insights[0].severity, Severity::Medium); // 320 µs, 88.9 %
        QCOMPARE(insights[0].title,
                 std::string("aten::to blocked 360 µs; the device-to-host copy took 14 µs; 88.9 % "
                             "was waiting "
                             "for 3 queued GPU tasks launched by aten::add, aten::linear"));
        // The main event, the sync, the copy, the three waited tasks.
        QCOMPARE(insights[0].events.size(), std::size_t(6));
        Thresholds lower;
        QVERIFY(lower.set("host_blocked.high_waited_us", 300));
        QCOMPARE(detectInsights(trace, mapDevices(trace), lower)[0].severity, Severity::High);
    }

    void pageableCopyBlocksAndPinnedDoesNot() {
        const Trace trace = load(Json::array({
            runtime("cudaLaunchKernel", 0, 10, 2),
            device("kernel", "long_kernel", 50, 140, 2),
            runtime("cudaMemcpyAsync", 100, 100, 1),
            device("gpu_memcpy", "Memcpy DtoH (Device -> Pageable)", 190, 5, 1),
            runtime("cudaLaunchKernel", 240, 5, 4),
            device("kernel", "other_kernel", 250, 150, 4),
            runtime("cudaMemcpyAsync", 300, 10, 3),
            device("gpu_memcpy", "Memcpy HtoD (Pinned -> Device)", 310, 2, 3),
        }));
        const auto calls = blockingCalls(trace);
        QCOMPARE(calls.size(), std::size_t(1));
        QCOMPARE(calls[0].role, BlockingRole::AsyncCopyApi);
        QCOMPARE(calls[0].waitedNs, 90 * kUs);
        QCOMPARE(calls[0].copyNs, 5 * kUs);
        const auto insights = detectInsights(trace, mapDevices(trace), Thresholds());
        QCOMPARE(insights[0].title,
                 std::string("cudaMemcpyAsync blocked 100 µs; the device-to-host copy took "
                             "5.0 µs; 90.0 % was waiting for 1 queued GPU task"));
    }

    void deviceSummaryIsTheUnionOfTasks() {
        const Trace trace = load(nestedToExample());
        const DeviceMap map = mapDevices(trace);
        QCOMPARE(map.devices.size(), std::size_t(1));
        const DeviceActivity& d = map.devices[0];
        QCOMPARE(d.taskCount, std::uint64_t(5));
        // 30..410, 420..444 and 510..512; the cuda_sync rows are not tasks.
        QCOMPARE(d.firstStart(), at(30));
        QCOMPARE(d.lastEnd(), at(512));
        QCOMPARE(d.busyNs(), (380 + 24 + 2) * kUs);
        QCOMPARE(d.idleNs(), d.spanNs() - d.busyNs());
        QCOMPARE(overlapLength(d.busy, at(0), at(35)), 5 * kUs);
        QCOMPARE(overlapLength(d.busy, at(405), at(425)), 10 * kUs);
    }

    // The sample's story: aten::to (9.5 ms) is the top insight. aten::to starts 1.24 ms before
    // its aclrtSynchronizeStream (the copy waits behind the task queue) and overlaps 259 NPU
    // tasks besides its MEMCPY_ASYNC; the sync alone overlaps 227 of them.
    void aCancelledRunStopsAndReturnsNothing() {
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        const DeviceMap devices = mapDevices(trace);
        const std::atomic<bool> go(false);
        const std::atomic<bool> stop(true);
        const auto all = detectInsights(trace, devices, Thresholds());
        QVERIFY(!all.empty());
        QCOMPARE(detectInsights(trace, devices, Thresholds(), &go).size(), all.size());
        QVERIFY(detectInsights(trace, devices, Thresholds(), &stop).empty());
    }

    void sampleTopInsightIsTheToCpu() {
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        const DeviceMap devices = mapDevices(trace);
        QCOMPARE(devices.devices.size(), std::size_t(1));
        QCOMPARE(devices.devices[0].name, std::string("NPU 0"));
        const auto insights = detectInsights(trace, devices, Thresholds());
        QVERIFY(!insights.empty());
        const Insight& top = insights[0];
        QCOMPARE(top.kind, InsightKind::HostBlockedOnDevice);
        QCOMPARE(top.severity, Severity::High);
        QCOMPARE(nameOf(trace, top.events[0]), std::string("aten::to"));
        QCOMPARE(top.number(Number::BlockedNs), 9517441.0);
        QCOMPARE(top.number(Number::WaitedNs), 9097164.0);
        QCOMPARE(top.number(Number::CopyNs), 13838.0);
        QCOMPARE(top.number(Number::WaitedTasks), 259.0);
        QCOMPARE(top.title, std::string("aten::to blocked 9.5 ms; the copy took 14 µs; 95.6 % was "
                                        "waiting for 259 queued NPU tasks launched by "
                                        "aten::linear, aten::add, aten::softmax, …"));

        // The same numbers straight from trace_view.json.
        const std::string text =
            test::readWholeFile(LANESCOPE_SAMPLE "/ASCEND_PROFILER_OUTPUT/trace_view.json");
        const Json events = Json::parse(text);
        std::int64_t hardwarePid = -1;
        for (const Json& e : events)
            if (e["ph"] == "M" && e["name"] == "process_name" &&
                e["args"]["name"] == "Ascend Hardware")
                hardwarePid = e["pid"].get<std::int64_t>();
        TimeNs toStart = 0, toEnd = 0, copy = 0;
        for (const Json& e : events)
            if (e["ph"] == "X" && e["name"] == "aten::to") {
                toStart = test::usTextToNs(e["ts"].get<std::string>());
                toEnd = toStart + std::llround(e["dur"].get<double>() * 1000);
            }
        std::vector<std::pair<TimeNs, TimeNs>> waited;
        for (const Json& e : events) {
            if (e["ph"] != "X" || e["pid"].get<std::int64_t>() != hardwarePid)
                continue;
            const TimeNs s = test::usTextToNs(e["ts"].get<std::string>());
            const TimeNs end = s + std::llround(e["dur"].get<double>() * 1000);
            if (e["name"] == "MEMCPY_ASYNC")
                copy = end - s;
            else if (std::max(s, toStart) < std::min(end, toEnd))
                waited.emplace_back(std::max(s, toStart), std::min(end, toEnd));
        }
        QCOMPARE(double(toEnd - toStart), top.number(Number::BlockedNs));
        QCOMPARE(double(copy), top.number(Number::CopyNs));
        QCOMPARE(double(waited.size()), top.number(Number::WaitedTasks));
        QCOMPARE(double(test::lengthOfUnion(waited)), top.number(Number::WaitedNs));
    }

    // 25 kernels of 4 µs every 10 µs: busy 100 µs over 244 µs, 144 µs at stake.
    void smallOpStreakOnHandBuiltTrace() {
        Json events = Json::array();
        addTinyKernels(events, 200, 25, 10, 4, 1);
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        const auto streaks = findSmallOpStreaks(trace, devices, Thresholds());
        QCOMPARE(streaks.size(), std::size_t(1));
        const SmallOpStreak& s = streaks[0];
        QCOMPARE(s.tasks.size(), std::size_t(25));
        QCOMPARE(s.start, at(200));
        QCOMPARE(s.wallNs(), 244 * kUs);
        QCOMPARE(s.busyNs, 100 * kUs);
        QCOMPARE(s.launchers.size(), std::size_t(2));
        QCOMPARE(std::string(trace.str(s.launchers[0].first)), std::string("aten::add"));
        QCOMPARE(s.launchers[0].second, 13u);

        const auto insights = streakInsights(trace, devices, Thresholds());
        QCOMPARE(insights.size(), std::size_t(1));
        const Insight& i = insights[0];
        QCOMPARE(i.id, std::string("small_op_streak:0"));
        QCOMPARE(i.kind, InsightKind::SmallOpStreak);
        QCOMPARE(i.severity, Severity::Medium); // 144 µs at stake
        QCOMPARE(i.timeAtStake, 144 * kUs);
        QCOMPARE(i.start, at(200));
        QCOMPARE(i.end, at(444));
        QCOMPARE(i.number(Number::Tasks), 25.0);
        QCOMPARE(i.number(Number::BusyNs), 100000.0);
        QCOMPARE(i.number(Number::WallNs), 244000.0);
        QCOMPARE(i.events.size(), std::size_t(25));
        QCOMPARE(i.tracks, std::vector<std::uint32_t>{s.track});
        QCOMPARE(i.title, std::string("25 GPU tasks under 10 µs in a row on stream 7 kept the "
                                      "device 41.0 % busy over 244 µs; launched by aten::add, "
                                      "aten::mul"));
        QVERIFY(i.suggestion.find("torch.compile") != std::string::npos);

        Thresholds th;
        QVERIFY(th.set("small_op.min_streak_tasks", 26));
        QVERIFY(streakInsights(trace, devices, th).empty());
        QVERIFY(th.set("small_op.min_streak_tasks", 20));
        QVERIFY(th.set("small_op.max_busy_share", 0.4)); // 41 % busy is no longer launch-bound
        QVERIFY(streakInsights(trace, devices, th).empty());
        QVERIFY(th.set("small_op.max_busy_share", 0.5));
        QVERIFY(th.set("small_op.max_task_us", 4)); // 4 µs tasks are not under 4 µs
        // ... but still shorter than their 5 µs launch calls (HTA's rule) until those count as
        // runtime outliers.
        QCOMPARE(streakInsights(trace, devices, th).size(), std::size_t(1));
        QVERIFY(th.set("small_op.max_launch_us", 4));
        QVERIFY(streakInsights(trace, devices, th).empty());
    }

    void smallOpStreakIsSplitByALargeKernel() {
        Json events = Json::array();
        addTinyKernels(events, 200, 22, 10, 4, 1);
        events.push_back(runtime("cudaLaunchKernel", 300, 5, 100));
        events.push_back(device("kernel", "gemm", 420, 50, 100));
        addTinyKernels(events, 480, 22, 10, 4, 200);
        const Trace trace = load(events);
        const auto insights = streakInsights(trace, mapDevices(trace), Thresholds());
        QCOMPARE(insights.size(), std::size_t(2));
        for (const Insight& i : insights) {
            QCOMPARE(i.kind, InsightKind::SmallOpStreak);
            QCOMPARE(i.number(Number::Tasks), 22.0);
            QCOMPARE(i.number(Number::BusyNs), 88000.0);
            QCOMPARE(i.number(Number::WallNs), 214000.0);
            QCOMPARE(i.timeAtStake, 126 * kUs);
        }
        // Equal time at stake: the earlier first; ids number the runs (the gemm is no run).
        QCOMPARE(insights[0].start, at(200));
        QCOMPARE(insights[0].id, std::string("small_op_streak:0"));
        QCOMPARE(insights[1].start, at(480));
        QCOMPARE(insights[1].id, std::string("small_op_streak:1"));
    }

    // HTA's short-kernel rule: 12 µs kernels whose launch calls take 15 µs are tiny too; with
    // small_op.max_launch_us below 15 µs the calls are runtime outliers and the rule is off.
    void taskShorterThanItsLaunchIsTiny() {
        Json events = Json::array();
        for (int k = 0; k < 25; ++k) {
            const std::int64_t launchAt = 100 + 40 * k;
            events.push_back(hostOp("aten::add", launchAt, 20));
            events.push_back(runtime("cudaLaunchKernel", launchAt + 1, 15, k + 1));
            events.push_back(device("kernel", "add_kernel", 200 + 40 * k, 12, k + 1));
        }
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        const auto streaks = findSmallOpStreaks(trace, devices, Thresholds());
        QCOMPARE(streaks.size(), std::size_t(1));
        QCOMPARE(streaks[0].tasks.size(), std::size_t(25));
        QCOMPARE(streaks[0].busyNs, 300 * kUs);
        QCOMPARE(streaks[0].wallNs(), 972 * kUs);
        const auto insights = detectSmallOpStreaks(trace, devices, Thresholds());
        QCOMPARE(insights[0].title,
                 std::string("25 GPU tasks under 10 µs or shorter than their launch call in a row "
                             "on stream 7 kept the device 30.9 % busy over 972 µs; launched by "
                             "aten::add"));
        Thresholds th;
        QVERIFY(th.set("small_op.max_launch_us", 14));
        QVERIFY(findSmallOpStreaks(trace, devices, th).empty());
    }

    // A 600 µs host stall between two runs of 22 tiny kernels ends the streak: two streaks whose
    // time at stake leaves the stall to the idle gap detector. Allowing 1 ms gaps joins them.
    void longGapEndsAStreak() {
        Json events = Json::array();
        addTinyKernels(events, 200, 22, 10, 4, 1);
        addTinyKernels(events, 1014, 22, 10, 4, 100); // 600 µs after the first run's end
        const Trace trace = load(events);
        const DeviceMap devices = mapDevices(trace);
        const auto split = findSmallOpStreaks(trace, devices, Thresholds());
        QCOMPARE(split.size(), std::size_t(2));
        for (const SmallOpStreak& s : split) {
            QCOMPARE(s.tasks.size(), std::size_t(22));
            QCOMPARE(s.wallNs() - s.busyNs, 126 * kUs);
        }
        Thresholds th;
        QVERIFY(th.set("small_op.max_gap_us", 1000));
        const auto joined = findSmallOpStreaks(trace, devices, th);
        QCOMPARE(joined.size(), std::size_t(1));
        QCOMPARE(joined[0].tasks.size(), std::size_t(44));
        QCOMPARE(joined[0].wallNs() - joined[0].busyNs, (126 + 600 + 126) * kUs);
    }

    void shortOrDenseRunsAreNotStreaks() {
        Json events = Json::array();
        addTinyKernels(events, 200, 19, 10, 4, 1); // one task short of min_streak_tasks
        events.push_back(runtime("cudaLaunchKernel", 300, 5, 100));
        events.push_back(device("kernel", "gemm", 400, 50, 100));
        addTinyKernels(events, 460, 40, 9, 8, 200); // 40 tasks but 89 % busy: not launch-bound
        const Trace trace = load(events);
        QVERIFY(findSmallOpStreaks(trace, mapDevices(trace), Thresholds()).empty());
        Thresholds th;
        QVERIFY(th.set("small_op.min_streak_tasks", 19));
        QCOMPARE(findSmallOpStreaks(trace, mapDevices(trace), th).size(), std::size_t(1));
    }

    // The sample's streaks, recomputed from trace_view.json: per Ascend Hardware stream, runs of
    // consecutive tasks under max_task_us with at least min_streak_tasks tasks and busy / wall <
    // max_busy_share. Eager BERT keeps the NPU busy: its longest run of tiny tasks is 7, so the
    // defaults find none; looser thresholds find 12 runs of 7 tasks at 71-79 % busy.
    void sampleSmallOpStreaksAgreeWithBruteForce_data() {
        QTest::addColumn<double>("minTasks");
        QTest::addColumn<double>("maxShare");
        QTest::addColumn<int>("count");
        QTest::newRow("defaults") << 20.0 << 0.5 << 0;
        QTest::newRow("loose") << 5.0 << 0.8 << 12;
    }

    void sampleSmallOpStreaksAgreeWithBruteForce() {
        QFETCH(double, minTasks);
        QFETCH(double, maxShare);
        QFETCH(int, count);
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        const DeviceMap devices = mapDevices(trace);
        Thresholds th;
        QVERIFY(th.set("small_op.min_streak_tasks", minTasks));
        QVERIFY(th.set("small_op.max_busy_share", maxShare));
        const auto insights = detectInsights(trace, devices, th);
        // The sample's story is unchanged: aten::to's wait ranks first.
        QCOMPARE(insights[0].kind, InsightKind::HostBlockedOnDevice);
        QCOMPARE(nameOf(trace, insights[0].events[0]), std::string("aten::to"));
        std::vector<const Insight*> found;
        for (const Insight& i : insights)
            if (i.kind == InsightKind::SmallOpStreak)
                found.push_back(&i);
        std::sort(found.begin(), found.end(),
                  [](const Insight* a, const Insight* b) { return a->start < b->start; });

        const Json events = Json::parse(
            test::readWholeFile(LANESCOPE_SAMPLE "/ASCEND_PROFILER_OUTPUT/trace_view.json"));
        std::int64_t hardwarePid = -1;
        for (const Json& e : events)
            if (e["ph"] == "M" && e["name"] == "process_name" &&
                e["args"]["name"] == "Ascend Hardware")
                hardwarePid = e["pid"].get<std::int64_t>();
        std::map<std::string, std::vector<std::pair<TimeNs, TimeNs>>> streams;
        for (const Json& e : events)
            if (e["ph"] == "X" && e["pid"].get<std::int64_t>() == hardwarePid) {
                const TimeNs s = test::usTextToNs(e["ts"].get<std::string>());
                streams[e["tid"].dump()].emplace_back(
                    s, s + std::llround(e["dur"].get<double>() * 1000));
            }
        struct Expected {
            TimeNs start, tasks, busy, wall;
        };
        std::vector<Expected> expected;
        for (auto& [tid, tasks] : streams) {
            std::sort(tasks.begin(), tasks.end());
            for (std::size_t i = 0; i < tasks.size();) {
                std::size_t j = i;
                TimeNs busy = 0;
                for (; j < tasks.size() && tasks[j].second - tasks[j].first < 10 * kUs; ++j)
                    busy += tasks[j].second - tasks[j].first;
                if (double(j - i) >= minTasks) {
                    const TimeNs wall = tasks[j - 1].second - tasks[i].first;
                    if (double(busy) < maxShare * double(wall))
                        expected.push_back({tasks[i].first, TimeNs(j - i), busy, wall});
                }
                i = j == i ? i + 1 : j;
            }
        }
        std::sort(expected.begin(), expected.end(),
                  [](const Expected& a, const Expected& b) { return a.start < b.start; });
        QCOMPARE(int(expected.size()), count);
        QCOMPARE(found.size(), expected.size());
        for (std::size_t k = 0; k < found.size(); ++k) {
            QCOMPARE(found[k]->start, expected[k].start);
            QCOMPARE(found[k]->number(Number::Tasks), double(expected[k].tasks));
            QCOMPARE(found[k]->number(Number::BusyNs), double(expected[k].busy));
            QCOMPARE(found[k]->number(Number::WallNs), double(expected[k].wall));
            QCOMPARE(found[k]->timeAtStake, expected[k].wall - expected[k].busy);
            QVERIFY2(found[k]->title.starts_with("7 NPU tasks under 10 µs in a row on Stream "),
                     found[k]->title.c_str());
        }
    }

    void realEventSyncTraceMatchesTheWorkedExample() {
        const Trace trace = formats::loadTrace(
            LANESCOPE_TEST_DATA "/kineto/hta__cuda_event_sync__event_sync_trace.json.gz");
        const auto calls = blockingCalls(trace);
        QCOMPARE(calls.size(), std::size_t(3));
        const TimeNs base = 1707417525512000 * kUs;
        QCOMPARE(nameOf(trace, calls[0].call), std::string("aten::is_nonzero"));
        QCOMPARE(calls[0].waitedNs, TimeNs{0});
        QCOMPARE(calls[0].copyNs, 2 * kUs);
        QCOMPARE(nameOf(trace, calls[1].call), std::string("cudaEventSynchronize"));
        QCOMPARE(calls[1].start - base, 382 * kUs);
        QCOMPARE(calls[1].blockedNs(), 34 * kUs);
        QCOMPARE(calls[1].waitedNs, 26 * kUs);
        QCOMPARE(nameOf(trace, calls[2].call), std::string("cudaDeviceSynchronize"));
        QCOMPARE(calls[2].waitedNs, TimeNs{0});
    }

    void realTracesAgreeWithBruteForce_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("minUnits");
        QTest::newRow("event_sync") << "hta__cuda_event_sync__event_sync_trace.json.gz" << 3;
        QTest::newRow("sampled") << "hta__sampled_rank-0.json.gz" << 8;
        QTest::newRow("resnet50")
            << "kineto__tbplugin_resnet50_num_workers_0__worker0.1623143089861.pt.trace.json.gz"
            << 1;
    }

    void realTracesAgreeWithBruteForce() {
        QFETCH(QString, file);
        QFETCH(int, minUnits);
        const Trace trace = formats::loadTrace(
            (QStringLiteral(LANESCOPE_TEST_DATA "/kineto/") + file).toStdString());
        const auto calls = blockingCalls(trace);
        QVERIFY(calls.size() >= std::size_t(minUnits));
        QVERIFY(std::any_of(calls.begin(), calls.end(), [](const BlockingCall& c) {
            return c.waitedNs > 0 && !c.waitedTasks.empty();
        }));
        for (const BlockingCall& c : calls) {
            const Brute b = bruteForce(trace, c.call);
            QCOMPARE(c.waitedNs, b.waited);
            QCOMPARE(c.waitedTasks.size(), b.tasks);
            QCOMPARE(c.copyNs, b.copy);
        }
        // Every synchronize call on a host lane lies inside exactly one unit.
        for (const Thread& thread : trace.threads) {
            if (thread.kind != TrackKind::Host || thread.sliceTrack == kNoIndex)
                continue;
            const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
            for (std::uint32_t i = 0; i < track.size(); ++i) {
                if (blockingRoleOf(trace.str(track.name(i))) != BlockingRole::SyncApi)
                    continue;
                const auto inside = std::count_if(calls.begin(), calls.end(), [&](const auto& c) {
                    return c.call.track == thread.sliceTrack && c.start <= track.start(i) &&
                           track.end(i) <= c.end;
                });
                QCOMPARE(inside, 1);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestInsights)
#include "tst_insights.moc"
