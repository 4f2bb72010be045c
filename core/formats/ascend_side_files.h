// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/csv_reader.h"
#include "model/time.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lanescope::formats {

// Typed readers for the files torch_npu writes next to trace_view.json. Columns are found by
// header name with the aliases used across profiler versions; a column absent from the file
// leaves its field unset. Cells reading "N/A" or empty count as missing.

// One file's rows. `ok` is false when nothing could be loaded (unreadable file, unterminated
// quote, required column missing); `error` then reads "FILE: ...". Otherwise `problems` lists
// odd lines with their 1-based line numbers (the caller knows the file): cells of the wrong
// count, unreadable values, and the rows that were skipped, which `skippedRows` counts.
template <typename Row> struct SideFileResult {
    bool ok = false;
    std::string error;
    std::vector<Row> rows;
    std::vector<CsvProblem> problems;
    std::size_t skippedRows = 0;
};

// A row of ASCEND_PROFILER_OUTPUT/kernel_details.csv, or of CANN's op_summary_*.csv which uses
// the older column names. Times are exact epoch ns. Required columns: Name, Start Time(us) and
// Duration(us); a row whose start or duration cannot be read is skipped.
struct KernelDetail {
    std::optional<std::int64_t> stepId;
    std::optional<std::int64_t> deviceId;
    std::string name;
    std::string type;
    std::string opState;
    std::string acceleratorCore;
    TimeNs start = 0;
    TimeNs duration = 0;
    std::optional<TimeNs> wait;
    std::optional<std::int64_t> blockDim;
    std::optional<std::int64_t> mixBlockDim;
    // Shapes without the literal quotes torch_npu wraps them in: "32,3,224,224;64" (';' between
    // tensors, ',' between dims).
    std::string inputShapes;
    std::string inputDataTypes;
    std::string outputShapes;
    std::string outputDataTypes;
    std::optional<std::int64_t> streamId;
    std::optional<std::int64_t> taskId;
};

SideFileResult<KernelDetail> readKernelDetails(const std::string& path);
// `fileName` only labels errors.
SideFileResult<KernelDetail> parseKernelDetails(std::string_view text, const std::string& fileName);

// A row of step_trace_time.csv, in µs as written. A value whose column or cell is missing is NaN.
// Required column: Computing. `step` is unset when no schedule was used; `deviceId` when the
// file predates the Device_id column.
struct StepTime {
    std::optional<std::int64_t> deviceId;
    std::optional<std::int64_t> step;
    double computingUs = 0;
    double communicationNotOverlappedUs = 0;
    double overlappedUs = 0;
    double communicationUs = 0;
    double freeUs = 0;
    double stageUs = 0;
    double bubbleUs = 0;
    double communicationNotOverlappedExcludeReceiveUs = 0;
    double preparingUs = 0;
};

SideFileResult<StepTime> readStepTraceTime(const std::string& path);
SideFileResult<StepTime> parseStepTraceTime(std::string_view text, const std::string& fileName);

// What profiler_info_{rank}.json tells about a capture. There is no start time: start_info holds
// a syscnt and a monotonic reading but no epoch time, and mapping them through end_info would
// assume both monotonic readings share one clock (reportedly they do not: RAW vs adjusted).
struct ProfilerInfo {
    std::optional<std::int64_t> rankId; // rank_id; absent for single-card captures
    std::string profilerLevel;          // config.experimental_config._profiler_level, "Level1"
    std::optional<TimeNs> endNs;        // end_info.collectionTimeEnd, epoch ns
};

// Never throw. A field that is absent or of the wrong type stays unset; only a file that cannot
// be read or is not a JSON object fails, with `error` reading "FILE: ...".
bool readProfilerInfo(const std::string& path, ProfilerInfo& info, std::string& error);
bool parseProfilerInfo(std::string_view json, const std::string& fileName, ProfilerInfo& info,
                       std::string& error);

} // namespace lanescope::formats
