// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"
#include "model/trace_builder.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace lanescope::formats {

// What a category says about the lane it is on (PyTorch profiler / Kineto names, current and
// 2021-era, matched case-insensitively; unknown categories count as host work).
enum class CategoryClass { Host, Launch, DeviceWork, DeviceAnnotation, Other };
CategoryClass classifyCategory(std::string_view category);

// Reads the top-level keys Kineto writes next to traceEvents (deviceProperties,
// distributedInfo, baseTimeNanoseconds, displayTimeUnit, traceName); keeps the others as text.
void applyTopLevelKey(TraceMetadata& metadata, const std::string& key, const nlohmann::json& value);

// What every Chrome-format trace gets: threads classified host/device/other by their
// categories, ProfilerStep#N steps. Ascend semantics build on this instead of on Kineto's links.
void applyChromeSemantics(Trace& trace);

// After the build: classifies threads as host/device/other, links launches to device work by
// args.correlation where no flow event does, records for every kernel/copy its launch and torch
// op (Trace::taskLinks), finds ProfilerStep#N steps and names the format.
void applyKinetoSemantics(Trace& trace, const std::vector<TraceBuilder::Correlated>& correlations);

struct LaunchLinkStats {
    std::uint64_t deviceOps = 0;           // kernels, memcpys, memsets
    std::uint64_t linked = 0;              // ... with a bound flow from a host launch
    std::uint64_t linkedByFlow = 0;        // ... of which through flow events (ac2g)
    std::uint64_t linkedByCorrelation = 0; // ... of which only through args.correlation
};
LaunchLinkStats launchLinkStats(const Trace& trace);

} // namespace lanescope::formats
