// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/hta_breakdown.h"
#include "analysis/insight.h"
#include "analysis/op_stats.h"
#include "analysis/step_breakdown.h"
#include "model/trace.h"

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace lanescope::cli {

// What `lanescope-cli analyze` reports: the ranked insights, per-device busy/idle, the
// per-step breakdown, HTA-compatible numbers, and the thresholds they were found with.
struct AnalyzeResult {
    const Trace& trace;
    const analysis::DeviceMap& devices;
    const std::vector<analysis::Insight>& insights; // ranked
    const analysis::Thresholds& thresholds;
    const std::vector<analysis::StepBreakdown>& steps;
    const std::vector<analysis::HtaTemporal>& temporal;
    const std::vector<analysis::HtaIdle>& idle;
    const std::vector<analysis::OpStats>& operators;       // whole trace
    const std::vector<analysis::KernelTypeStats>& kernels; // whole trace
};

// A slice track as a user finds it on the timeline: "Ascend Hardware / Stream 2",
// "GPU 0 / stream 7", prefixed with the rank when the trace has several files.
std::string trackLabel(const Trace& trace, std::uint32_t track);

// Operator statistics as `analyze --json` writes them (operators[] and kernels[]).
nlohmann::ordered_json operatorsJson(const std::vector<analysis::OpStats>& operators);
nlohmann::ordered_json kernelTypesJson(const std::vector<analysis::KernelTypeStats>& kernels);

nlohmann::ordered_json analyzeJson(const AnalyzeResult& result);
void printAnalyzeText(const AnalyzeResult& result, std::ostream& out);

// The valid --set names with their defaults and meanings, one per line.
void printThresholdHelp(std::ostream& out);

} // namespace lanescope::cli
