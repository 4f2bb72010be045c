// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"
#include "model/trace_builder.h"

#include <vector>

namespace lanescope::formats {

// Ascend (torch_npu + CANN) trace_view.json semantics on top of the Chrome reader: lane roles
// from process names (Python, CANN, Ascend Hardware, HCCL/Communication, Overlap Analysis,
// counters), device ids decoded from CANN's synthetic pids, fallback names for pids whose
// process_name was pruned (Level0), and for every device task the CANN call that launched it
// (HostToDevice flow, else args.connection_id) and the torch op it belongs to (async_npu flow,
// else through the task queue: CANN call -> Dequeue -> Enqueue -> enclosing cpu_op).
bool looksLikeAscend(const Trace& trace);
// Expects applyChromeSemantics to have run (lane roles refine its classification).
void applyAscendSemantics(Trace& trace, const std::vector<TraceBuilder::Correlated>& joinKeys);

struct AscendLinkStats {
    std::uint64_t deviceTasks = 0;
    std::uint64_t withLaunch = 0; // CANN call known
    std::uint64_t withHostOp = 0; // torch op known
};
AscendLinkStats ascendLinkStats(const Trace& trace);

// CANN writes pid = host_pid << 10 | sort_index << 5 | device_id for its processes.
struct CannPid {
    std::int64_t hostPid;
    std::int64_t deviceId; // 31 means the host
};
CannPid decodeCannPid(std::int64_t pid);

} // namespace lanescope::formats
