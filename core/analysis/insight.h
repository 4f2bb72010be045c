// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/flow.h"
#include "model/time.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lanescope::analysis {

// What a detector found. The names are the JSON names of `lanescope-cli analyze`.
enum class InsightKind : std::uint8_t {
    HostBlockedOnDevice, // "host_blocked_on_device"
    DeviceIdleGap,       // "device_idle_gap"
    SmallOpStreak,       // "small_op_streak"
    FusionCandidate,     // "fusion_candidate"
    AiCpuOp,             // "ai_cpu_op"
    OpCompile,           // "op_compile"
    DynamicShape,        // "dynamic_shape"
    DispatchBound,       // "dispatch_bound"
    ElementwiseChain,    // "elementwise_chain"
    FormatConversion,    // "format_conversion"
};
const char* toString(InsightKind kind);

enum class Severity : std::uint8_t { High, Medium, Low };
const char* toString(Severity severity); // "high", "medium", "low"

// The numbers a finding carries, by name (toString gives the JSON name of `lanescope-cli
// analyze`). Readers name them with these keys, so a typo does not compile, and reading one the
// detector did not write throws instead of reading 0.
enum class Number : std::uint8_t {
    Tasks,                  // "tasks"
    AllTasks,               // "all_tasks"
    BusyNs,                 // "busy_ns"
    LongestNs,              // "longest_ns"
    GapNs,                  // "gap_ns"
    LaunchingNs,            // "launching_ns"
    HostBusyNs,             // "host_busy_ns"
    DeviceWaitNs,           // "device_wait_ns"
    LaunchDelayNs,          // "launch_delay_ns"
    QueuedNs,               // "queued_ns"
    IdleWhileDispatchingNs, // "idle_while_dispatching_ns"
    IdleShare,              // "idle_share"
    DeviceIdleNs,           // "device_idle_ns"
    DeviceSpanNs,           // "device_span_ns"
    StalledDispatches,      // "stalled_dispatches"
    StalledLatencyMedianNs, // "stalled_latency_median_ns"
    Dispatches,             // "dispatches"
    QueueLatencyMedianNs,   // "queue_latency_median_ns"
    QueueLatencyP90Ns,      // "queue_latency_p90_ns"
    QueueLatencyMaxNs,      // "queue_latency_max_ns"
    DynamicTasks,           // "dynamic_tasks"
    StaticTasks,            // "static_tasks"
    OpTypes,                // "op_types"
    LaunchCalls,            // "launch_calls"
    LaunchNs,               // "launch_ns"
    Occurrences,            // "occurrences"
    Length,                 // "length"
    WallNs,                 // "wall_ns"
    SavingNs,               // "saving_ns"
    BusyShare,              // "busy_share"
    KnownPattern,           // "known_pattern"
    BlockedNs,              // "blocked_ns"
    WaitedNs,               // "waited_ns"
    CopyNs,                 // "copy_ns"
    WaitedTasks,            // "waited_tasks"
    WaitedShare,            // "waited_share"
    HostSideNs,             // "host_side_ns"
    Calls,                  // "calls"
    TotalNs,                // "total_ns"
    Blocks,                 // "blocks"
    SmallBlocks,            // "small_blocks"
    SmallShare,             // "small_share"
    StallNs,                // "stall_ns"
    ComputingNs,            // "computing_ns"
    FreeNs,                 // "free_ns"
    ConversionNs,           // "conversion_ns"
    KernelNs,               // "kernel_ns"
    ConversionShare,        // "conversion_share"
};
const char* toString(Number number);
// What a number measures: nanoseconds (names ending in _ns), a share in [0, 1] (ending in
// share), else a count or a flag.
enum class NumberUnit : std::uint8_t { Ns, Share, Count };
NumberUnit unitOf(Number number);

// One finding, in the form every detector produces and every view (CLI, insights dock, timeline
// overlay, report) consumes.
struct Insight {
    std::string id; // "<kind>:<n>", n stable for a given trace whatever the thresholds
    InsightKind kind = InsightKind::HostBlockedOnDevice;
    Severity severity = Severity::Low;
    TimeNs start = 0; // the region the finding is about, [start, end)
    TimeNs end = 0;
    std::vector<std::uint32_t> tracks;              // slice tracks involved, the main one first
    std::vector<SliceRef> events;                   // slices involved, the main one first
    std::vector<std::pair<Number, double>> numbers; // ordered as the detector wrote them
    // Why, in the detector's terms ("launch_bound", "host_side_copy", a fused pattern's name);
    // with the kind and the platform it picks the advice (advice.h). Empty when it has one cause.
    std::string cause;
    std::string title;      // one sentence with numbers
    std::string suggestion; // what to try
    TimeNs timeAtStake = 0; // what fixing it could win at most; the ranking key
    // About many places at once (all kernels dynamic, a pattern recurring everywhere, the share
    // of small blocks on a device): start/end is only the hull of those places, so views draw
    // the region when the user picks the finding, not all the time.
    bool aggregate = false;

    bool has(Number name) const;
    // The named number; throws std::out_of_range when the detector did not write it.
    double number(Number name) const;
};

// A finding of `kind` with id "<kind>:<n>" and nothing else set.
Insight makeInsight(InsightKind kind, std::string_view n);
Insight makeInsight(InsightKind kind, std::uint64_t n);
// Appends to insight.tracks the tracks of `refs` it does not hold yet, in order.
void addTracksOf(Insight& insight, const std::vector<SliceRef>& refs);

// Most time at stake first; then higher severity, earlier start, id (a total order, so equal
// findings keep a stable place).
void rankInsights(std::vector<Insight>& insights);

// Durations as titles write them: "850 ns", "2.5 µs", "14 µs", "9.5 ms", "1.25 s".
std::string formatTitleDuration(TimeNs ns);
// A share in [0, 1] as "99.7 %".
std::string formatTitlePercent(double share);

// A detector's knob: its name (what `--set NAME=VALUE` takes), default and meaning.
struct ThresholdDef {
    std::string_view name;
    double value;
    std::string_view description;
};

// Every detector threshold by name, starting from the documented defaults.
class Thresholds {
public:
    Thresholds();

    // The registry: every name a user can set, in display order.
    static const std::vector<ThresholdDef>& defaults();

    // The value of a registered name; throws std::out_of_range for an unknown one (a typo in a
    // detector must fail loudly, not read 0).
    double operator[](std::string_view name) const;
    // False (and nothing changed) when `name` is not registered.
    bool set(std::string_view name, double value);
    const std::vector<std::pair<std::string, double>>& values() const { return values_; }

private:
    std::vector<std::pair<std::string, double>> values_;
};

} // namespace lanescope::analysis
