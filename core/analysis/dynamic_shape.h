// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::analysis {

// Every operator ran with dynamic shapes (msprof-analyze's dynamic shape check): CANN then
// tiles, and on the ACLOP path compiles, each op on the host at every call.
//
// Rules. Per trace file (rank) with a kernel table that records OP State (CANN 8.0.RC1 and
// later; Level0 exports do not): a kernel is dynamic or static by its OP State ("N/A" counts as
// neither). Reported when some kernels are dynamic and none is static, as msprof does.
//  - launch: Σ durations of the distinct launch calls (TaskLink::launch) of the dynamic kernels,
//    the host time spent preparing and launching them: where dynamic-shape tiling and
//    compilation happen, so the most static shapes could win. It is the time at stake.
//  - events: the first dynamic kernel of each op type, so the finding names the ops.
struct DynamicShapeSummary {
    std::uint32_t file = 0;
    std::uint32_t dynamicTasks = 0;
    std::uint32_t staticTasks = 0;
    std::vector<SliceRef> firstOfEachType; // by start
    TimeNs launchNs = 0;
    std::uint32_t launchCalls = 0;
    TimeNs start = 0; // first dynamic kernel's start
    TimeNs end = 0;   // last dynamic kernel's end
};

// Every file whose kernel table records OP State, by file.
std::vector<DynamicShapeSummary> summarizeShapes(const Trace& trace);

// Files whose kernels are all dynamic, id "dynamic_shape:<file>": severity by advisorSeverity.
std::vector<Insight> detectDynamicShape(const Trace& trace, const DeviceMap& devices,
                                        const Thresholds& thresholds);

} // namespace lanescope::analysis
