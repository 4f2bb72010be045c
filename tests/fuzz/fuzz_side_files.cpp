// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// libFuzzer target: any bytes read as a CSV side file (kernel_details.csv, step_trace_time.csv)
// or as profiler_info.json give rows and problems or an error — never a crash, a hang or a
// sanitizer report. The CSV parser must also account for every line it was given.
#include "formats/ascend_side_files.h"
#include "formats/csv_reader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace lanescope::formats;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    CsvTable table;
    std::vector<CsvProblem> problems;
    std::string error;
    parseCsv(text, table, problems, error);
    if (table.rows.size() != table.rowLines.size())
        std::abort(); // rowLines is parallel to rows
    (void)parseKernelDetails(text, "kernel_details.csv");
    (void)parseStepTraceTime(text, "step_trace_time.csv");
    ProfilerInfo info;
    (void)parseProfilerInfo(text, "profiler_info.json", info, error);
    return 0;
}
