// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/flow.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lanescope {

// What a profiler's kernel table (Ascend kernel_details.csv) adds to a device task.
struct DeviceTaskDetail {
    SliceRef task;
    StringId opType = 0;          // "MatMulV2"
    StringId acceleratorCore = 0; // "AI_CORE", "AI_CPU", "MIX_AIV", ...
    StringId opState = 0;         // "static", "dynamic", "N/A"
    StringId inputShapes = 0;     // "32,3,224,224;64"
    StringId inputDataTypes = 0;
    StringId outputShapes = 0;
    std::optional<std::int64_t> blockDim;
    std::optional<TimeNs> wait; // gap since the previous task on the stream
};

// Per-step time breakdown as the profiler itself computed it (Ascend step_trace_time.csv, µs),
// kept to cross-check our own numbers.
struct ProfilerStepBreakdown {
    std::uint32_t file = 0;
    std::optional<std::int64_t> step;
    std::optional<std::int64_t> deviceId;
    double computingUs = 0;
    double communicationNotOverlappedUs = 0;
    double overlappedUs = 0;
    double communicationUs = 0;
    double freeUs = 0;
    double stageUs = 0;
    double bubbleUs = 0;
    double preparingUs = 0;
};

// A side file read next to a trace, with what came of it.
struct SideFileSummary {
    std::uint32_t file = 0; // the trace file it belongs to
    std::string path;
    std::uint64_t rows = 0;
    std::uint64_t joined = 0;  // rows matched to a device task (kernel tables)
    std::uint64_t skipped = 0; // unreadable rows
    std::string error;         // the file could not be used at all
    bool joinsTasks = false;   // its rows describe device tasks (joined/unjoined apply)
};

} // namespace lanescope
