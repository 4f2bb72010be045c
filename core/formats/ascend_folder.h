// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lanescope::formats {

// Bounds for scanning a folder the user opened: deep or huge trees (a home folder, a source
// checkout) must not stall the open dialog.
inline constexpr int kAscendMaxDepth = 4;
inline constexpr std::size_t kAscendMaxEntries = 10000;

// Where AscendRankInput::rank came from, most trusted first.
enum class RankSource {
    RankId,      // "rank_id" inside profiler_info
    FileName,    // N of profiler_info_{N}.json, when rank_id is absent, negative or unreadable
    FolderOrder, // neither: numbered after the highest known rank, in natural folder order
};

// One rank's export, as torch_npu (or MindSpore) writes it: text (trace_view.json) or, with
// export_type=db and no trace_view.json, the SQLite database.
struct AscendRankInput {
    // The folder holding ASCEND_PROFILER_OUTPUT (normally *_ascend_pt / *_ascend_ms, but renamed
    // folders work too), else the folder holding the trace.
    std::string folder;
    std::string traceView; // .../ASCEND_PROFILER_OUTPUT/trace_view.json, or the file opened
    std::string database;  // ascend_pytorch_profiler_{rank}.db when read instead (traceView empty)
    std::string kernelDetails; // next to the trace; empty when absent
    std::string stepTraceTime; // next to the trace; empty when absent
    std::string profilerInfo;  // profiler_info_N.json / profiler_info.json in folder; may be empty
    std::int64_t rank = 0;     // always assigned, in [0, 2^31)
    RankSource rankSource = RankSource::FolderOrder;
    bool analyseDone = false; // analyse.done next to the trace: torch_npu finished the export
};

struct AscendDiscovery {
    std::vector<AscendRankInput> ranks; // by rank, then natural folder order (rank9 < rank10)
    std::vector<std::string> notes;     // worth telling the user, e.g. duplicate ranks
    std::vector<std::pair<std::string, std::string>> ignored; // path, why it was not loaded
};

// Finds the rank exports to load for a path the user opened: a *_ascend_pt / *_ascend_ms folder,
// its ASCEND_PROFILER_OUTPUT folder, a .json trace file (side files are looked up next to it), a
// .db file (the DB export), a folder holding trace_view.json directly, or a job folder with rank
// folders up to kAscendMaxDepth levels below it. A folder with trace_view.json and the DB export
// uses trace_view.json. Symlinks are followed, each real folder visited once.
// Throws LoadError when the path is missing or unreadable, or nothing loadable is found.
AscendDiscovery discoverAscendInput(const std::string& path);

// The file a rank is read from: its trace_view.json, else its database.
inline const std::string& rankSource(const AscendRankInput& input) {
    return input.database.empty() ? input.traceView : input.database;
}

// True when `path` is a directory, is named trace_view.json or ends in .db (the name alone
// decides, so that a missing file still reaches the Ascend reader's error message).
bool looksLikeAscendInput(const std::string& path);

} // namespace lanescope::formats
