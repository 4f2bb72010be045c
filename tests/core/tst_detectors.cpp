// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The detectors' one shape: the registry (names, kinds, thresholds), the advice table keyed by
// kind, cause and platform, and the named numbers findings carry.
#include "analysis/advice.h"
#include "analysis/detect_insights.h"
#include "analysis/detector.h"
#include "analysis/insight.h"
#include "formats/trace_loader.h"

#include <QtTest>
#include <set>
#include <stdexcept>
#include <string>

using namespace lanescope;
using namespace lanescope::analysis;

namespace {

// Every threshold name a saved session may hold (sessions store them by name): the registry
// before detectors owned their thresholds, in issue 13's refactor.
const std::set<std::string> kSavedNames = {
    "host_blocked.min_waited_us",
    "host_blocked.medium_waited_us",
    "host_blocked.medium_share",
    "host_blocked.high_waited_us",
    "host_blocked.high_share",
    "small_op.max_task_us",
    "small_op.min_streak_tasks",
    "small_op.max_busy_share",
    "small_op.medium_stake_us",
    "small_op.high_stake_us",
    "small_op.max_launch_us",
    "small_op.max_gap_us",
    "idle_gap.min_gap_us",
    "idle_gap.medium_stake_us",
    "idle_gap.high_stake_us",
    "idle_gap.launch_bound_share",
    "hta.consecutive_kernel_delay_us",
    "fusion.min_length",
    "fusion.max_length",
    "fusion.min_occurrences",
    "fusion.max_busy_share",
    "fusion.min_wall_share",
    "fusion.max_patterns",
    "small_op.block_gap_ratio",
    "small_op.block_share",
    "small_op.block_min_free_share",
    "small_op.block_min_blocks",
    "ai_cpu.min_task_us",
    "op_compile.min_calls",
    "advisor.medium_share",
    "advisor.high_share",
    "dispatch.min_queue_latency_us",
    "dispatch.min_idle_share",
};

std::vector<Insight> wrongKind(const Trace&, const DeviceMap&, const Thresholds&) {
    return {makeInsight(InsightKind::OpCompile, 0)};
}

} // namespace

class TestDetectors : public QObject {
    Q_OBJECT

private slots:
    void registryNamesAndThresholdsAreUnique() {
        std::set<std::string_view> names;
        std::set<std::string_view> thresholds;
        for (const Detector& d : detectors()) {
            QVERIFY2(names.insert(d.name()).second, std::string(d.name()).c_str());
            for (const ThresholdDef& def : d.thresholds()) {
                QVERIFY2(thresholds.insert(def.name).second, std::string(def.name).c_str());
                QVERIFY(!def.description.empty());
            }
        }
        for (const ThresholdDef& def : sharedThresholds())
            QVERIFY2(thresholds.insert(def.name).second, std::string(def.name).c_str());
        QCOMPARE(thresholds.size(), Thresholds::defaults().size());
    }

    // Sessions saved before the refactor keep their thresholds: every old name is still
    // registered, with its old default.
    void savedThresholdNamesStillWork() {
        Thresholds th;
        for (const std::string& name : kSavedNames) {
            QVERIFY2(th.set(name, th[name]), name.c_str());
        }
        QCOMPARE(th["host_blocked.min_waited_us"], 20.0);
        QCOMPARE(th["small_op.block_min_blocks"], 20.0);
        QCOMPARE(th["advisor.high_share"], 0.05);
        QCOMPARE(th["hta.consecutive_kernel_delay_us"], 30.0);
        for (const ThresholdDef& def : Thresholds::defaults())
            QVERIFY2(kSavedNames.count(std::string(def.name)) ||
                         std::string_view(def.name).starts_with("elementwise.") ||
                         std::string_view(def.name).starts_with("format_conversion."),
                     std::string(def.name).c_str());
    }

    void aDetectorWritesOnlyItsKind() {
        const Trace trace = formats::loadTrace(LANESCOPE_TEST_DATA
                                               "/kineto/kineto__docs_traces__after_fix_trace.json");
        const DeviceMap devices = mapDevices(trace);
        const Thresholds th;
        const Detector liar("liar", InsightKind::AiCpuOp, {}, wrongKind);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, liar.find({trace, devices, th}));
    }

    void adviceIsChosenByKindCauseAndPlatform() {
        const std::string ascend =
            adviceFor(InsightKind::HostBlockedOnDevice, "sync", Platform::Ascend);
        const std::string gpu = adviceFor(InsightKind::HostBlockedOnDevice, "sync", Platform::Gpu);
        QVERIFY(ascend.find("torch.npu.synchronize()") != std::string::npos);
        QVERIFY(gpu.find("torch.cuda.synchronize()") != std::string::npos);
        // A cause with one row for every platform.
        QCOMPARE(adviceFor(InsightKind::DeviceIdleGap, "dependency", Platform::Ascend),
                 adviceFor(InsightKind::DeviceIdleGap, "dependency", Platform::Gpu));
        // Values are filled in; a missing one or an unknown cause is a programming error.
        const std::string fused =
            adviceFor(InsightKind::FusionCandidate, "known_fused", Platform::Ascend,
                      {{"pattern", "RMSNorm"}, {"api", "torch_npu.npu_rms_norm"}, {"length", "5"}});
        QVERIFY2(fused.starts_with("This is msprof-analyze's RMSNorm pattern: call "
                                   "torch_npu.npu_rms_norm instead"),
                 fused.c_str());
        QVERIFY(fused.find("the work of 5") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(std::logic_error,
                                 adviceFor(InsightKind::FusionCandidate, "known_fused",
                                           Platform::Gpu, {{"pattern", "RMSNorm"}}));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, adviceFor(InsightKind::DeviceIdleGap,
                                                             "no_such_cause", Platform::Gpu));
    }

    // Every cause the detectors write has advice on both platforms.
    void everyCauseHasAdvice_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("cause");
        const auto row = [](InsightKind kind, const char* cause) {
            QTest::addRow("%s %s", toString(kind), cause) << int(kind) << QString(cause);
        };
        for (const char* cause : {"host_side_copy_to_device", "host_side_copy", "transfer",
                                  "scalar_read", "sync", "copy_call"})
            row(InsightKind::HostBlockedOnDevice, cause);
        for (const char* cause :
             {"launch_bound", "host_stall", "data_loading", "dependency", "unattributed"})
            row(InsightKind::DeviceIdleGap, cause);
        for (const char* cause : {"streak", "small_blocks"})
            row(InsightKind::SmallOpStreak, cause);
        for (const char* cause : {"known", "host_bound"})
            row(InsightKind::FusionCandidate, cause);
        row(InsightKind::FusionCandidate, "known_fused");
        for (const char* cause : {"gelu_tanh", "gelu_erf", "swiglu", "silu", "rms_norm", "rotary",
                                  "scaled_masked_softmax", "softmax", "generic"})
            row(InsightKind::ElementwiseChain, cause);
        row(InsightKind::FormatConversion, "");
        row(InsightKind::AiCpuOp, "");
        row(InsightKind::OpCompile, "");
        row(InsightKind::DynamicShape, "");
        row(InsightKind::DispatchBound, "");
    }

    void everyCauseHasAdvice() {
        QFETCH(int, kind);
        QFETCH(QString, cause);
        for (const Platform platform : {Platform::Ascend, Platform::Gpu}) {
            const std::string text =
                adviceFor(static_cast<InsightKind>(kind), cause.toStdString(), platform,
                          {{"length", "3"},
                           {"pattern", "RMSNorm"},
                           {"api", "torch_npu.npu_rms_norm"},
                           {"hint", ""}});
            QVERIFY(text.size() > 40);
            QVERIFY(text.find('{') == std::string::npos);
        }
    }

    void numbersHaveNamesAndUnits() {
        QCOMPARE(std::string(toString(Number::BlockedNs)), std::string("blocked_ns"));
        QCOMPARE(std::string(toString(Number::QueueLatencyP90Ns)),
                 std::string("queue_latency_p90_ns"));
        QCOMPARE(unitOf(Number::WaitedNs), NumberUnit::Ns);
        QCOMPARE(unitOf(Number::WaitedShare), NumberUnit::Share);
        QCOMPARE(unitOf(Number::Occurrences), NumberUnit::Count);
        Insight insight = makeInsight(InsightKind::DeviceIdleGap, 7);
        QCOMPARE(insight.id, std::string("device_idle_gap:7"));
        insight.numbers = {{Number::GapNs, 5.0}};
        QVERIFY(insight.has(Number::GapNs));
        QCOMPARE(insight.number(Number::GapNs), 5.0);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, insight.number(Number::QueuedNs));
    }

    // The findings of every detector on the embedded sample carry a cause where the advice
    // table needs one, and their advice is the table's.
    void sampleFindingsUseTheTable() {
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        const DeviceMap devices = mapDevices(trace);
        const auto insights = detectInsights(trace, devices, Thresholds());
        QVERIFY(!insights.empty());
        for (const Insight& i : insights) {
            if (i.kind == InsightKind::AiCpuOp || i.kind == InsightKind::FusionCandidate)
                continue; // filled with values from the finding
            AdviceValues values;
            if (i.has(Number::Length))
                values.emplace_back("length", std::to_string(int(i.number(Number::Length))));
            const bool dataLoading = i.kind == InsightKind::DeviceIdleGap &&
                                     i.suggestion.find("next batch") != std::string::npos;
            QCOMPARE(i.suggestion, adviceFor(i.kind, dataLoading ? "data_loading" : i.cause,
                                             Platform::Ascend, values));
        }
    }
};

QTEST_GUILESS_MAIN(TestDetectors)
#include "tst_detectors.moc"
