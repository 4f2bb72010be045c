// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::analysis {

// Operators compiled while the model runs (msprof-analyze's operator dispatch check): on the
// ACLOP path CANN compiles an op the first time it sees its shapes, inside
// aclopCompileAndExecute, and the host stalls meanwhile.
//
// Rules. Per trace file (rank): the host slices named AscendCL@aclopCompileAndExecute (or
// aclopCompileAndExecute), which only CANN's lanes write. Reported from op_compile.min_calls calls
// (msprof's MAX_OP_COMPILE_NUM, ≥). Time at stake: Σ their durations, the host time spent in the
// calls, which precompiled binaries (jit_compile=False) shrink to a launch; severity by
// advisorSeverity against the longest active span of the file's devices.
struct OpCompileSummary {
    std::uint32_t file = 0;
    std::vector<SliceRef> calls; // by start
    TimeNs totalNs = 0;
    TimeNs start = 0;
    TimeNs end = 0;
};

// Every file with at least one call, by file.
std::vector<OpCompileSummary> findOpCompiles(const Trace& trace);

// Files with at least op_compile.min_calls calls, id "op_compile:<file>".
std::vector<Insight> detectOpCompile(const Trace& trace, const DeviceMap& devices,
                                     const Thresholds& thresholds);

} // namespace lanescope::analysis
