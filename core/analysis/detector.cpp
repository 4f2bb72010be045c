// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/detector.h"

#include "analysis/ai_cpu_op.h"
#include "analysis/device_idle_gap.h"
#include "analysis/dispatch_bound.h"
#include "analysis/dynamic_shape.h"
#include "analysis/elementwise_chain.h"
#include "analysis/format_conversion.h"
#include "analysis/fusion_candidate.h"
#include "analysis/host_blocked_on_device.h"
#include "analysis/op_compile.h"
#include "analysis/small_op_blocks.h"
#include "analysis/small_op_streak.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace lanescope::analysis {

Detector::Detector(std::string_view name, InsightKind kind, std::vector<ThresholdDef> thresholds,
                   Find find)
    : name_(name), kind_(kind), thresholds_(std::move(thresholds)), find_(find) {}

std::vector<Insight> Detector::find(const DetectorContext& context) const {
    std::vector<Insight> insights = find_(context.trace, context.devices, context.thresholds);
    for (const Insight& insight : insights)
        if (insight.kind != kind_)
            throw std::logic_error(std::string(name_) + " wrote a " + toString(insight.kind) +
                                   " finding");
    return insights;
}

// Times are in µs because that is how users read traces; values are doubles so shares and
// counts fit the same table. Names never change: sessions save thresholds by name.
const std::vector<Detector>& detectors() {
    static const std::vector<Detector> registry = {
        Detector(
            "host_blocked_on_device", InsightKind::HostBlockedOnDevice,
            {
                {"host_blocked.min_waited_us", 20,
                 "a blocking host call is reported when it waited at least this "
                 "long for other device work (shorter waits are the normal cost "
                 "of a synchronization)"},
                {"host_blocked.medium_waited_us", 100,
                 "waited time from which a blocking call is medium severity (with medium_share)"},
                {"host_blocked.medium_share", 0.25,
                 "share of the call spent waiting from which it is medium "
                 "severity (with medium_waited_us)"},
                {"host_blocked.high_waited_us", 1000,
                 "waited time from which a blocking call is high severity (with high_share)"},
                {"host_blocked.high_share", 0.5,
                 "share of the call spent waiting from which it is high severity "
                 "(with high_waited_us)"},
            },
            detectHostBlockedOnDevice),
        Detector(
            "small_op_streak", InsightKind::SmallOpStreak,
            {
                {"small_op.max_task_us", 10,
                 "a device task shorter than this is tiny (a candidate for fusion)"},
                {"small_op.min_streak_tasks", 20,
                 "a run of consecutive tiny tasks on one stream is reported from this many tasks"},
                {"small_op.max_busy_share", 0.5,
                 "a run is launch-bound (reported) when its tasks cover less than "
                 "this share of its wall span, i.e. the gaps are comparable to or "
                 "larger than the tasks"},
                {"small_op.medium_stake_us", 100,
                 "idle time inside a streak (wall - busy) from which it is medium severity"},
                {"small_op.high_stake_us", 1000,
                 "idle time inside a streak (wall - busy) from which it is high severity"},
                {"small_op.max_launch_us", 50,
                 "a device task is also tiny when it is shorter than its launch "
                 "call and that call took at most this long (HTA's short-kernel "
                 "rule and runtime_cutoff)"},
                {"small_op.max_gap_us", 500,
                 "a gap between consecutive tasks longer than this ends a streak: "
                 "on real traces 99 % of the gaps between tiny tasks are under "
                 "350 µs (launch overhead); longer ones are host stalls, which "
                 "the device idle gap detector (idle_gap.min_gap_us) reports"},
            },
            detectSmallOpStreaks),
        Detector("dispatch_bound", InsightKind::DispatchBound,
                 {
                     {"dispatch.min_queue_latency_us", 100,
                      "task-queue dispatch is reported when the ops dequeued while the "
                      "device idled had waited in the queue at least this long "
                      "(median, Enqueue end to Dequeue start): the host was ahead and "
                      "the dequeue thread held the device back"},
                     {"dispatch.min_idle_share", 0.03,
                      "... and when the device idled while the dequeue thread was busy "
                      "for at least this share of its active span (msprof-analyze's "
                      "medium priority ratio; severity follows advisor.*)"},
                 },
                 detectDispatchBound),
        Detector("device_idle_gap", InsightKind::DeviceIdleGap,
                 {
                     {"idle_gap.min_gap_us", 500,
                      "a gap in a device's busy union (inside its active window) "
                      "is reported from this long"},
                     {"idle_gap.medium_stake_us", 1000,
                      "gap length from which a device idle gap is medium"},
                     {"idle_gap.high_stake_us", 10000,
                      "gap length from which a device idle gap is high"},
                     {"idle_gap.launch_bound_share", 0.5,
                      "a gap is launch-bound when the launching host threads "
                      "spent at least this share of it inside launch calls or the "
                      "framework ops that launch device tasks"},
                 },
                 detectDeviceIdleGaps),
        Detector("small_op_blocks", InsightKind::SmallOpStreak,
                 {
                     {"small_op.block_gap_ratio", 0.2,
                      "msprof-analyze small block: a computing block is small when the "
                      "free gap after it is more than this times its duration "
                      "(SMALL_OP_DUR_RATIO)"},
                     {"small_op.block_share", 0.2,
                      "msprof-analyze: too many small operators when more than this "
                      "share of computing blocks are small (SMALL_OP_NUM_RATIO)"},
                     {"small_op.block_min_free_share", 0.2,
                      "msprof-analyze checks small blocks only when free time (neither "
                      "computing nor communicating) is at least this share of the "
                      "device's active span"},
                     {"small_op.block_min_blocks", 20,
                      "... and only from this many computing blocks: the small share "
                      "is a statistic, which a few gaps would decide on a short trace "
                      "(msprof reads whole steps)"},
                 },
                 detectSmallOpBlocks),
        Detector(
            "fusion_candidate", InsightKind::FusionCandidate,
            {
                {"fusion.min_length", 2, "shortest op/kernel-type sequence considered for fusion"},
                {"fusion.max_length", 10, "longest op/kernel-type sequence considered for fusion"},
                {"fusion.min_occurrences", 5,
                 "a sequence is a fusion candidate when it occurs more than this many times"},
                {"fusion.max_busy_share", 0.4,
                 "a sequence is host-bound when its tasks cover less than this "
                 "share of its wall span (msprof-analyze host_threshold)"},
                {"fusion.min_wall_share", 0.01,
                 "a host-bound sequence is reported when its total wall time is "
                 "at least this share of the device's active span (msprof-analyze "
                 "sequence_duration_threshold)"},
                {"fusion.max_patterns", 5,
                 "at most this many fusion candidates are reported, most saving "
                 "first (msprof-analyze top_num)"},
            },
            detectFusionCandidates),
        Detector("elementwise_chain", InsightKind::ElementwiseChain,
                 {
                     {"elementwise.max_task_us", 20,
                      "a kernel of an elementwise op (mul, add, pow, tanh, exp, casts, small "
                      "reductions, …) shorter than this can be part of an unfused chain"},
                     {"elementwise.max_gap_us", 500,
                      "a gap longer than this between two such kernels on a stream ends the "
                      "chain (a host stall, not one expression)"},
                     {"elementwise.min_length", 3,
                      "an op sequence from this many kernels is reported; a known "
                      "decomposition (SiLU, GELU, RMSNorm, softmax, …) from two"},
                     {"elementwise.min_occurrences", 3,
                      "... when it recurs at least this many times on a device (once per layer)"},
                     {"elementwise.max_patterns", 5,
                      "at most this many chains are reported, most device time saved first"},
                 },
                 detectElementwiseChains),
        Detector("format_conversion", InsightKind::FormatConversion,
                 {
                     {"format_conversion.min_share", 0.05,
                      "TransData, Cast and Transpose kernels are reported when they take at "
                      "least this share of a device's kernel time"},
                 },
                 detectFormatConversions),
        Detector(
            "ai_cpu_op", InsightKind::AiCpuOp,
            {
                {"ai_cpu.min_task_us", 20,
                 "an AI_CPU task from this long is reported (msprof-analyze _MIN_TASK_DURATION)"},
            },
            detectAiCpuOps),
        Detector("op_compile", InsightKind::OpCompile,
                 {
                     {"op_compile.min_calls", 20,
                      "operator compilation on the hot path is reported from this "
                      "many aclopCompileAndExecute calls (msprof-analyze "
                      "MAX_OP_COMPILE_NUM)"},
                 },
                 detectOpCompile),
        Detector("dynamic_shape", InsightKind::DynamicShape, {}, detectDynamicShape),
    };
    return registry;
}

const std::vector<ThresholdDef>& sharedThresholds() {
    static const std::vector<ThresholdDef> shared = {
        {"advisor.medium_share", 0.03,
         "fusion candidates, small blocks, AI CPU, op compile and dynamic shape "
         "findings are medium severity from this share of the device's active "
         "span at stake (msprof-analyze ANALYZER_MEDIUM_PRIORITY_TIME_RATIO)"},
        {"advisor.high_share", 0.05,
         "... and high severity from this share (ANALYZER_HIGH_PRIORITY_TIME_RATIO)"},
        {"hta.consecutive_kernel_delay_us", 30,
         "HTA idle breakdown: a gap between consecutive tasks of a stream shorter "
         "than this is kernel wait (HTA's consecutive_kernel_delay, whose unit is "
         "µs)"},
    };
    return shared;
}

const std::vector<ThresholdDef>& Thresholds::defaults() {
    static const std::vector<ThresholdDef> all = [] {
        std::vector<ThresholdDef> defs;
        for (const Detector& detector : detectors())
            defs.insert(defs.end(), detector.thresholds().begin(), detector.thresholds().end());
        defs.insert(defs.end(), sharedThresholds().begin(), sharedThresholds().end());
        return defs;
    }();
    return all;
}

} // namespace lanescope::analysis
