// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/load_options.h"
#include "model/trace.h"
#include "model/trace_builder.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::formats {

// Reads torch_npu's DB export (ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_{rank}.db,
// SQLite, integer ns, names in STRING_IDS) into the same lanes the text export
// (trace_view.json) gives, so that applyAscendSemantics classifies and links them unchanged.
// Details and the comparison with the text export are at the top of ascend_db_reader.cpp.

// A DB read into a builder: its flows (between rows, by connection ids and CONNECTION_IDS)
// are links between the slices it wrote (TraceBuilder::linkSlices), each counted as the s and
// f events the text export writes for it.
struct AscendDbRead {
    std::uint32_t file = 0; // the builder's file index of this DB
};

// Adds one DB as a new file of the builder (SourceFile::database is set). Throws LoadError
// naming the file when it is not an SQLite database or has no timeline tables.
AscendDbRead readAscendDb(TraceBuilder& builder, const std::string& path,
                          std::optional<std::int64_t> rank, const LoadOptions& options = {});

// After TraceBuilder::finish(): names the position of what the builder reported against a DB's
// rows ("TASK row 17", not a row key read as a byte offset). Cells of the wrong type were
// reported while reading, with their column.
void finishAscendDbReads(Trace& trace, const std::vector<AscendDbRead>& reads);

// "TASK row 17" for a slice's row key (ascendDbRowKey).
std::string ascendDbPosition(std::uint64_t rowKey);

// A slice of a DB file keeps (table << 56 | rowid) as its sourceOffset.
enum class AscendDbTable : std::uint8_t {
    PytorchApi = 1,
    CannApi = 2,
    Task = 3,      // a TASK row on its Ascend Hardware stream
    TaskPlane = 4, // the same TASK row on its HCCL plane lane
    CommunicationOp = 5,
    OverlapAnalysis = 6,
};
constexpr std::uint64_t ascendDbRowKey(AscendDbTable table, std::int64_t rowid) {
    return (std::uint64_t{static_cast<std::uint8_t>(table)} << 56) |
           (static_cast<std::uint64_t>(rowid) & ((std::uint64_t{1} << 56) - 1));
}

// The DB row behind a slice as a JSON object: {"table", "rowid", "columns": {...}} with
// string ids resolved through STRING_IDS (and, for tasks, the COMPUTE_TASK_INFO /
// COMMUNICATION_TASK_INFO row). False with `error` set when it cannot be read.
bool readAscendDbRow(const std::string& path, std::uint64_t rowKey, nlohmann::json& row,
                     std::string& error);

} // namespace lanescope::formats
