// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/insight.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <tuple>

namespace lanescope::analysis {

const char* toString(InsightKind kind) {
    switch (kind) {
    case InsightKind::HostBlockedOnDevice:
        return "host_blocked_on_device";
    case InsightKind::DeviceIdleGap:
        return "device_idle_gap";
    case InsightKind::SmallOpStreak:
        return "small_op_streak";
    case InsightKind::FusionCandidate:
        return "fusion_candidate";
    case InsightKind::AiCpuOp:
        return "ai_cpu_op";
    case InsightKind::OpCompile:
        return "op_compile";
    case InsightKind::DynamicShape:
        return "dynamic_shape";
    case InsightKind::DispatchBound:
        return "dispatch_bound";
    case InsightKind::ElementwiseChain:
        return "elementwise_chain";
    case InsightKind::FormatConversion:
        return "format_conversion";
    }
    return "unknown";
}

const char* toString(Severity severity) {
    switch (severity) {
    case Severity::High:
        return "high";
    case Severity::Medium:
        return "medium";
    case Severity::Low:
        return "low";
    }
    return "low";
}

namespace {

// In the order of the Number enumerators.
constexpr std::array<const char*, 48> kNumberNames = {
    "tasks",
    "all_tasks",
    "busy_ns",
    "longest_ns",
    "gap_ns",
    "launching_ns",
    "host_busy_ns",
    "device_wait_ns",
    "launch_delay_ns",
    "queued_ns",
    "idle_while_dispatching_ns",
    "idle_share",
    "device_idle_ns",
    "device_span_ns",
    "stalled_dispatches",
    "stalled_latency_median_ns",
    "dispatches",
    "queue_latency_median_ns",
    "queue_latency_p90_ns",
    "queue_latency_max_ns",
    "dynamic_tasks",
    "static_tasks",
    "op_types",
    "launch_calls",
    "launch_ns",
    "occurrences",
    "length",
    "wall_ns",
    "saving_ns",
    "busy_share",
    "known_pattern",
    "blocked_ns",
    "waited_ns",
    "copy_ns",
    "waited_tasks",
    "waited_share",
    "host_side_ns",
    "calls",
    "total_ns",
    "blocks",
    "small_blocks",
    "small_share",
    "stall_ns",
    "computing_ns",
    "free_ns",
    "conversion_ns",
    "kernel_ns",
    "conversion_share",
};
static_assert(kNumberNames.size() == static_cast<std::size_t>(Number::ConversionShare) + 1);

} // namespace

const char* toString(Number number) {
    return kNumberNames[static_cast<std::size_t>(number)];
}

NumberUnit unitOf(Number number) {
    const std::string_view name = toString(number);
    if (name.ends_with("_ns"))
        return NumberUnit::Ns;
    return name.ends_with("share") ? NumberUnit::Share : NumberUnit::Count;
}

bool Insight::has(Number name) const {
    return std::any_of(numbers.begin(), numbers.end(),
                       [&](const auto& entry) { return entry.first == name; });
}

double Insight::number(Number name) const {
    for (const auto& [key, value] : numbers)
        if (key == name)
            return value;
    throw std::out_of_range(std::string(toString(kind)) + " has no number " + toString(name));
}

Insight makeInsight(InsightKind kind, std::string_view n) {
    Insight insight;
    insight.kind = kind;
    insight.id = std::string(toString(kind)) + ":" + std::string(n);
    return insight;
}

Insight makeInsight(InsightKind kind, std::uint64_t n) {
    return makeInsight(kind, std::to_string(n));
}

void addTracksOf(Insight& insight, const std::vector<SliceRef>& refs) {
    for (SliceRef ref : refs)
        if (std::find(insight.tracks.begin(), insight.tracks.end(), ref.track) ==
            insight.tracks.end())
            insight.tracks.push_back(ref.track);
}

std::string formatTitleDuration(TimeNs ns) {
    const double v = static_cast<double>(ns);
    char text[48];
    if (ns < 1'000)
        std::snprintf(text, sizeof text, "%lld ns", static_cast<long long>(ns));
    else if (ns < 10'000)
        std::snprintf(text, sizeof text, "%.1f µs", v / 1e3);
    else if (ns < 1'000'000)
        std::snprintf(text, sizeof text, "%.0f µs", v / 1e3);
    else if (ns < 100'000'000)
        std::snprintf(text, sizeof text, "%.1f ms", v / 1e6);
    else if (ns < 1'000'000'000)
        std::snprintf(text, sizeof text, "%.0f ms", v / 1e6);
    else
        std::snprintf(text, sizeof text, "%.2f s", v / 1e9);
    return text;
}

std::string formatTitlePercent(double share) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", share * 100.0);
    return text;
}

void rankInsights(std::vector<Insight>& insights) {
    std::sort(insights.begin(), insights.end(), [](const Insight& a, const Insight& b) {
        // Severity enumerators run from High (0) to Low, so ascending puts high first.
        return std::tie(b.timeAtStake, a.severity, a.start, a.id) <
               std::tie(a.timeAtStake, b.severity, b.start, b.id);
    });
}

Thresholds::Thresholds() {
    for (const ThresholdDef& def : defaults())
        values_.emplace_back(std::string(def.name), def.value);
}

double Thresholds::operator[](std::string_view name) const {
    for (const auto& [key, value] : values_)
        if (key == name)
            return value;
    throw std::out_of_range("unknown threshold " + std::string(name));
}

bool Thresholds::set(std::string_view name, double value) {
    for (auto& [key, current] : values_)
        if (key == name) {
            current = value;
            return true;
        }
    return false;
}

} // namespace lanescope::analysis
