// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// msprof-analyze's checks as detectors: small blocks, AI CPU operators, operator compilation and
// all-dynamic shapes. Hand-built traces with answers worked out by hand, the real Ascend exports
// and the embedded sample against trace_view.json and kernel_details.csv read directly, and a
// Kineto trace (where the Ascend checks must stay silent).
#include "analysis/ai_cpu_op.h"
#include "analysis/detect_insights.h"
#include "analysis/device_tasks.h"
#include "analysis/dynamic_shape.h"
#include "analysis/insight.h"
#include "analysis/op_compile.h"
#include "analysis/small_op_blocks.h"
#include "ascend_fixture.h"
#include "test_support.h"

#include <QDir>
#include <QtTest>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

using namespace lanescope;
using namespace lanescope::analysis;
using Json = nlohmann::json;

namespace {

constexpr TimeNs kUs = 1000;

// ---- Kineto: kernels on GPU 0, one stream per tid ----

constexpr std::int64_t kKinetoBaseUs = 1'000'000;

Json kernel(const char* name, std::int64_t ts, std::int64_t dur, int correlation, int tid = 7) {
    return {{"ph", "X"},    {"cat", "kernel"},
            {"name", name}, {"pid", 0},
            {"tid", tid},   {"ts", kKinetoBaseUs + ts},
            {"dur", dur},   {"args", {{"correlation", correlation}, {"stream", tid}}}};
}

Trace loadKineto(const Json& events) {
    const Json doc = {{"traceEvents", events}};
    return test::loadText(QByteArray::fromStdString(doc.dump()));
}

// Blocks [0,10) [15,25) [26,36) [46,50) on stream 7 and a collective [38,43) on stream 8. Gaps
// after the blocks: 5 (small: > 0.2 × 10), 1 (not), 10 - 5 of communication = 5 (small), none
// after the last. Free time: 50 - 34 - 5 = 11 µs, 22 % of the span.
Json smallBlockExample() {
    return Json::array({kernel("k1", 0, 10, 1), kernel("k2", 15, 10, 2), kernel("k3", 26, 10, 3),
                        kernel("k4", 46, 4, 4),
                        kernel("ncclKernel_AllReduce_RING_LL_Sum_float", 38, 5, 5, 8)});
}

// ---- Ascend: trace_view.json (Python, CANN, Ascend Hardware) and kernel_details.csv ----

constexpr std::int64_t kBaseUs = test::kAscendBaseUs;
using test::NpuKernel;

// IndexPut on the AI CPU three times for 30 µs with INT64 indices and once for 10 µs (short);
// Cast on the AI CPU twice for 25 µs with DOUBLE input; Add on the AI Core, all dynamic.
std::vector<NpuKernel> aiCpuExample() {
    return {{"Add", 0, 5},
            {"IndexPut", 10, 30, "AI_CPU", "dynamic", "FLOAT;INT64"},
            {"Add", 50, 5},
            {"Cast", 60, 25, "AI_CPU", "dynamic", "DOUBLE"},
            {"IndexPut", 100, 10, "AI_CPU", "dynamic", "FLOAT;INT64"},
            {"IndexPut", 120, 30, "AI_CPU", "dynamic", "FLOAT;INT64"},
            {"Cast", 160, 25, "AI_CPU", "dynamic", "DOUBLE"},
            {"IndexPut", 200, 30, "AI_CPU", "dynamic", "FLOAT;INT64"},
            {"Add", 240, 5}};
}

const char* const kLevels[] = {"level0", "level1", "level2"};

QString rankFolder(const char* level, int rank) {
    return QString(LANESCOPE_TEST_DATA "/ascend/text/%1/rank%2_ascend_pt").arg(level).arg(rank);
}

Json traceViewOf(const QString& folder) {
    return Json::parse(test::readWholeFile(folder + "/ASCEND_PROFILER_OUTPUT/trace_view.json"));
}

} // namespace

class TestAscendChecks : public QObject {
    Q_OBJECT

private slots:
    void smallBlocksWithExactNumbers() {
        const Trace trace = loadKineto(smallBlockExample());
        const DeviceMap devices = mapDevices(trace);
        const auto summaries = summarizeSmallBlocks(trace, devices, Thresholds());
        QCOMPARE(summaries.size(), std::size_t(1));
        const SmallBlockSummary& s = summaries[0];
        QCOMPARE(s.blocks, 4u);
        QCOMPARE(s.smallBlocks, 2u);
        QCOMPARE(s.computingNs, 34 * kUs);
        QCOMPARE(s.freeNs, 11 * kUs);
        QCOMPARE(s.smallGapNs, 10 * kUs);
        QCOMPARE(s.smallBlockTasks.size(), std::size_t(2)); // k1 and k3

        // Four blocks are too few for the default small_op.block_min_blocks.
        QVERIFY(detectSmallOpBlocks(trace, devices, Thresholds()).empty());
        Thresholds th;
        QVERIFY(th.set("small_op.block_min_blocks", 4));
        const auto insights = detectSmallOpBlocks(trace, devices, th);
        QCOMPARE(insights.size(), std::size_t(1));
        const Insight& i = insights[0];
        QCOMPARE(i.id, std::string("small_op_streak:blocks-0"));
        QCOMPARE(i.kind, InsightKind::SmallOpStreak);
        QCOMPARE(i.timeAtStake, 10 * kUs);
        QCOMPARE(i.severity, Severity::High); // 10 µs of a 50 µs span
        QCOMPARE(i.number(Number::Blocks), 4.0);
        QCOMPARE(i.number(Number::SmallBlocks), 2.0);
        QCOMPARE(i.number(Number::SmallShare), 0.5);
        QCOMPARE(i.start, (kKinetoBaseUs + 0) * kUs);
        QCOMPARE(i.end, (kKinetoBaseUs + 46) * kUs); // the end of k3's gap
        QCOMPARE(i.title, "50.0 % of the 4 computing blocks on " + devices.devices[0].name +
                              " are small (the device then idles more than 20.0 % of the "
                              "block): 10 µs idle in the launch gaps after 2 small blocks of GPU "
                              "kernels");
        QCOMPARE(i.number(Number::StallNs), 0.0);

        // Gaps over small_op.max_gap_us are host stalls: the blocks stay small, the time is not
        // at stake here.
        Thresholds stalls = th;
        QVERIFY(stalls.set("small_op.max_gap_us", 4));
        const SmallBlockSummary strict = summarizeSmallBlocks(trace, devices, stalls)[0];
        QCOMPARE(strict.smallBlocks, 2u);
        QCOMPARE(strict.smallGapNs, TimeNs{0});
        QCOMPARE(strict.stallNs, 10 * kUs);

        QVERIFY(th.set("small_op.block_share", 0.5)); // 50 % is not more than 50 %
        QVERIFY(detectSmallOpBlocks(trace, devices, th).empty());
        QVERIFY(th.set("small_op.block_share", 0.2));
        QVERIFY(th.set("small_op.block_min_free_share", 0.25)); // 22 % free
        QVERIFY(detectSmallOpBlocks(trace, devices, th).empty());
        QVERIFY(th.set("small_op.block_min_free_share", 0.2));
        QVERIFY(th.set("small_op.block_gap_ratio", 0.6)); // only k1's gap (5 > 0.6 × 10 is false)
        QCOMPARE(summarizeSmallBlocks(trace, devices, th)[0].smallBlocks, 0u);
    }

    // msprof's own rule reads the Overlap Analysis lanes: per Computing event, the Free event
    // right after it. Recomputed here from trace_view.json for the real exports.
    void smallBlocksOnRealExports_data() {
        QTest::addColumn<QString>("folder");
        for (const char* level : kLevels)
            for (int rank = 0; rank < 2; ++rank)
                QTest::newRow(qPrintable(QString("%1 rank%2").arg(level).arg(rank)))
                    << rankFolder(level, rank);
        QTest::newRow("sample") << QString(LANESCOPE_SAMPLE);
    }

    void smallBlocksOnRealExports() {
        QFETCH(QString, folder);
        const Trace trace = formats::loadTrace(folder.toStdString());
        const DeviceMap devices = mapDevices(trace);
        const auto summaries = summarizeSmallBlocks(trace, devices, Thresholds());
        QVERIFY(!summaries.empty());
        const SmallBlockSummary& s = summaries[0];
        QVERIFY(s.smallBlocks <= s.blocks);
        QVERIFY(s.computingNs + s.freeNs <= devices.devices[s.device].spanNs());
        // The Overlap Analysis lane's Computing events are msprof's blocks. It counts the sample's
        // one MEMCPY_ASYNC as computing; copies are free time here (ascend.md §2.6).
        const Json events = traceViewOf(folder);
        std::int64_t overlapPid = -1, hardwarePid = -1;
        for (const Json& e : events)
            if (e["ph"] == "M" && e["name"] == "process_name") {
                if (e["args"]["name"] == "Overlap Analysis")
                    overlapPid = e["pid"].get<std::int64_t>();
                if (e["args"]["name"] == "Ascend Hardware")
                    hardwarePid = e["pid"].get<std::int64_t>();
            }
        std::set<std::pair<std::string, double>> copies;
        for (const Json& e : events)
            if (e["ph"] == "X" && e["pid"] == hardwarePid && e["name"] == "MEMCPY_ASYNC")
                copies.insert({e["ts"].get<std::string>(), e["dur"].get<double>()});
        std::uint32_t computing = 0, copiesAsComputing = 0;
        for (const Json& e : events)
            if (e["ph"] == "X" && e["pid"] == overlapPid && e["name"] == "Computing") {
                ++computing;
                copiesAsComputing +=
                    copies.count({e["ts"].get<std::string>(), e["dur"].get<double>()});
            }
        QVERIFY(computing > 0);
        QCOMPARE(s.blocks, computing - copiesAsComputing);
        qInfo("blocks %u, small %u, gaps after small blocks %lld ns, free %lld of %lld ns",
              s.blocks, s.smallBlocks, static_cast<long long>(s.smallGapNs),
              static_cast<long long>(s.freeNs),
              static_cast<long long>(devices.devices[s.device].spanNs()));
        for (const Insight& i : detectSmallOpBlocks(trace, devices, Thresholds()))
            qInfo("%s", i.title.c_str());
    }

    void aiCpuOpsGroupedByType() {
        const Trace trace = test::loadAscendExport(aiCpuExample());
        QCOMPARE(trace.taskDetails.size(), aiCpuExample().size());
        const DeviceMap devices = mapDevices(trace);
        const auto groups = findAiCpuOps(trace, devices, Thresholds());
        QCOMPARE(groups.size(), std::size_t(2));
        const AiCpuGroup& indexPut = groups[0];
        QCOMPARE(std::string(trace.str(indexPut.opType)), std::string("IndexPut"));
        QCOMPARE(indexPut.ordinal, 0u);
        QCOMPARE(indexPut.tasks.size(), std::size_t(3));
        QCOMPARE(indexPut.allTasks, 4u);
        QCOMPARE(indexPut.busyNs, 90 * kUs);
        QCOMPARE(indexPut.longestNs, 30 * kUs);
        QCOMPARE(indexPut.wideTypes, std::vector<std::string>{"INT64"});
        const AiCpuGroup& cast = groups[1];
        QCOMPARE(std::string(trace.str(cast.opType)), std::string("Cast"));
        QCOMPARE(cast.ordinal, 1u);
        QCOMPARE(cast.busyNs, 50 * kUs);
        QCOMPARE(cast.wideTypes, std::vector<std::string>{"DOUBLE"});

        const auto insights = detectAiCpuOps(trace, devices, Thresholds());
        QCOMPARE(insights.size(), std::size_t(2));
        QCOMPARE(insights[0].id, std::string("ai_cpu_op:0"));
        QCOMPARE(insights[0].kind, InsightKind::AiCpuOp);
        QCOMPARE(insights[0].timeAtStake, 90 * kUs);
        QCOMPARE(insights[0].severity, Severity::High); // 90 µs of a 245 µs span
        QCOMPARE(insights[0].number(Number::Tasks), 3.0);
        QCOMPARE(insights[0].number(Number::AllTasks), 4.0);
        QCOMPARE(insights[0].start, (kBaseUs + 10) * kUs);
        QCOMPARE(insights[0].end, (kBaseUs + 230) * kUs);
        QCOMPARE(insights[0].title, std::string("IndexPut ran on the AI CPU of NPU 0 3 times for "
                                                "90 µs (longest 30 µs) with INT64 data"));
        QVERIFY(insights[0].suggestion.find("torch.where") != std::string::npos);
        QVERIFY(insights[1].suggestion.find("float32") != std::string::npos);

        Thresholds th;
        QVERIFY(th.set("ai_cpu.min_task_us", 26)); // Cast's 25 µs tasks drop out, ids stay
        const auto longOnly = detectAiCpuOps(trace, devices, th);
        QCOMPARE(longOnly.size(), std::size_t(1));
        QCOMPARE(longOnly[0].id, std::string("ai_cpu_op:0"));
        QVERIFY(th.set("ai_cpu.min_task_us", 5));
        QCOMPARE(findAiCpuOps(trace, devices, th)[0].busyNs, 100 * kUs);
    }

    void opCompileFromTwentyCalls() {
        const std::vector<NpuKernel> kernels = {{"Add", 0, 5}, {"Add", 4000, 5}};
        const Trace nineteen = test::loadAscendExport(kernels, 19);
        QCOMPARE(findOpCompiles(nineteen).size(), std::size_t(1));
        QCOMPARE(findOpCompiles(nineteen)[0].calls.size(), std::size_t(19));
        QVERIFY(detectOpCompile(nineteen, mapDevices(nineteen), Thresholds()).empty());

        const Trace twenty = test::loadAscendExport(kernels, 20);
        const auto insights = detectOpCompile(twenty, mapDevices(twenty), Thresholds());
        QCOMPARE(insights.size(), std::size_t(1));
        const Insight& i = insights[0];
        QCOMPARE(i.id, std::string("op_compile:0"));
        QCOMPARE(i.kind, InsightKind::OpCompile);
        QCOMPARE(i.timeAtStake, 2000 * kUs);
        QCOMPARE(i.number(Number::Calls), 20.0);
        QCOMPARE(i.start, kBaseUs * kUs);
        QCOMPARE(i.end, (kBaseUs + 3900) * kUs);
        QCOMPARE(i.severity, Severity::High); // 2 ms of host time against a 4 ms NPU span
        QCOMPARE(i.title, std::string("aclopCompileAndExecute ran 20 times (2.0 ms of host time): "
                                      "operators are compiled while the model runs"));
        QVERIFY(i.suggestion.find("torch_npu.npu.set_compile_mode(jit_compile=False)") !=
                std::string::npos);
    }

    void dynamicShapeWhenNoKernelIsStatic() {
        std::vector<NpuKernel> kernels = aiCpuExample();
        const Trace allDynamic = test::loadAscendExport(kernels);
        const auto insights = detectDynamicShape(allDynamic, mapDevices(allDynamic), Thresholds());
        QCOMPARE(insights.size(), std::size_t(1));
        const Insight& i = insights[0];
        QCOMPARE(i.id, std::string("dynamic_shape:0"));
        QCOMPARE(i.kind, InsightKind::DynamicShape);
        QCOMPARE(i.number(Number::DynamicTasks), 9.0);
        QCOMPARE(i.number(Number::StaticTasks), 0.0);
        QCOMPARE(i.number(Number::OpTypes), 3.0);
        QCOMPARE(i.events.size(), std::size_t(3)); // the first Add, IndexPut and Cast
        QCOMPARE(i.timeAtStake, TimeNs{0});        // no launch calls in this trace
        QCOMPARE(i.start, kBaseUs * kUs);
        QCOMPARE(i.end, (kBaseUs + 245) * kUs);
        QCOMPARE(i.title, std::string("All 9 NPU kernels (3 op types) ran with dynamic shapes, "
                                      "none static; their launch calls took 0 ns"));

        kernels[2].state = "static";
        const Trace oneStatic = test::loadAscendExport(kernels);
        QVERIFY(detectDynamicShape(oneStatic, mapDevices(oneStatic), Thresholds()).empty());
        QCOMPARE(summarizeShapes(oneStatic)[0].staticTasks, 1u);
    }

    // The real exports: no AI CPU kernels; 19 aclopCompileAndExecute calls in level1/2 (one
    // short of msprof's 20), none in Level0; every Level1/2 kernel with an OP State is dynamic,
    // and Level0 records none. Each count is recomputed from the files.
    void realExportsAgreeWithTheirFiles_data() {
        QTest::addColumn<QString>("folder");
        for (const char* level : kLevels)
            for (int rank = 0; rank < 2; ++rank)
                QTest::newRow(qPrintable(QString("%1 rank%2").arg(level).arg(rank)))
                    << rankFolder(level, rank);
        QTest::newRow("sample") << QString(LANESCOPE_SAMPLE);
    }

    void realExportsAgreeWithTheirFiles() {
        QFETCH(QString, folder);
        const Trace trace = formats::loadTrace(folder.toStdString());
        const DeviceMap devices = mapDevices(trace);
        const Json events = traceViewOf(folder);
        int compileCalls = 0;
        TimeNs compileNs = 0;
        for (const Json& e : events)
            if (e["ph"] == "X" && e["name"] == "AscendCL@aclopCompileAndExecute") {
                ++compileCalls;
                compileNs += std::llround(e["dur"].get<double>() * 1000);
            }
        const auto compiles = findOpCompiles(trace);
        QCOMPARE(compiles.empty() ? 0 : int(compiles[0].calls.size()), compileCalls);
        if (compileCalls > 0) {
            QCOMPARE(compiles[0].totalNs, compileNs);
            QVERIFY(detectOpCompile(trace, devices, Thresholds()).empty());
            Thresholds th;
            QVERIFY(th.set("op_compile.min_calls", compileCalls));
            const auto flagged = detectOpCompile(trace, devices, th);
            QCOMPARE(flagged.size(), std::size_t(1));
            qInfo("%s", flagged[0].title.c_str());
        }

        const std::string csv =
            test::readWholeFile(folder + "/ASCEND_PROFILER_OUTPUT/kernel_details.csv");
        int dynamicRows = 0, staticRows = 0, aiCpuRows = 0;
        for (std::size_t at = csv.find(",dynamic,"); at != std::string::npos;
             at = csv.find(",dynamic,", at + 1))
            ++dynamicRows;
        for (std::size_t at = csv.find(",static,"); at != std::string::npos;
             at = csv.find(",static,", at + 1))
            ++staticRows;
        for (std::size_t at = csv.find(",AI_CPU,"); at != std::string::npos;
             at = csv.find(",AI_CPU,", at + 1))
            ++aiCpuRows;
        QCOMPARE(aiCpuRows, 0);
        QVERIFY(findAiCpuOps(trace, devices, Thresholds()).empty());
        const auto shapes = detectDynamicShape(trace, devices, Thresholds());
        QCOMPARE(shapes.size(), std::size_t(dynamicRows > 0 && staticRows == 0 ? 1 : 0));
        if (!shapes.empty()) {
            QCOMPARE(shapes[0].number(Number::DynamicTasks), double(dynamicRows));
            qInfo("%s", shapes[0].title.c_str());
        }
    }

    // A Kineto trace has no kernel table and no CANN lanes: the Ascend checks find nothing.
    void kinetoTraceHasNoAscendFindings() {
        const Trace trace = formats::loadTrace(
            LANESCOPE_TEST_DATA
            "/kineto/"
            "kineto__tbplugin_resnet50_num_workers_0__worker0.1623143089861.pt.trace.json.gz");
        const DeviceMap devices = mapDevices(trace);
        QVERIFY(!devices.devices.empty());
        QVERIFY(findAiCpuOps(trace, devices, Thresholds()).empty());
        QVERIFY(findOpCompiles(trace).empty());
        QVERIFY(summarizeShapes(trace).empty());
        const auto blocks = summarizeSmallBlocks(trace, devices, Thresholds());
        QVERIFY(!blocks.empty());
        QVERIFY(blocks[0].blocks > 0);
        for (const Insight& i : detectSmallOpBlocks(trace, devices, Thresholds()))
            qInfo("%s", i.title.c_str());
    }
};

QTEST_APPLESS_MAIN(TestAscendChecks)
#include "tst_ascend_checks.moc"
