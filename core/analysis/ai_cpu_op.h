// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lanescope::analysis {

// Ascend ops that fell back to the AI CPU (msprof-analyze's AICPU check): AI CPU kernels are
// much slower than AI Core ones, and an op usually lands there because of its type or dtype.
//
// Rules. An AI CPU task is a kernel whose kernel-table accelerator core is AI_CPU
// (RoledTask::aiCpu; traces without a kernel table have none). Tasks are grouped by device and
// op type (the task name when the type is unknown); a group is reported when it has tasks of at
// least ai_cpu.min_task_us. Only those long tasks count:
//  - busy: Σ their durations, the time at stake (moving the op to the AI Core wins at most
//    that); longest: the longest of them.
//  - 64-bit dtypes among their input data types (INT64, UINT64, DOUBLE/FLOAT64, COMPLEX…;
//    the model keeps no output data types): msprof's dtype rules name these as what keeps
//    ops off the AI Core.
//  - a replacement hint for msprof's known ops (Index, IndexPut(V2), NonZero, ArgMin).
struct AiCpuGroup {
    std::uint32_t device = 0;
    std::uint32_t ordinal = 0;   // position among all groups by first task (any length): the id
    StringId opType = 0;         // or the task name
    std::uint32_t allTasks = 0;  // every AI CPU task of the group, short ones included
    std::vector<SliceRef> tasks; // the long ones, by start
    TimeNs busyNs = 0;
    TimeNs longestNs = 0;
    TimeNs start = 0;
    TimeNs end = 0;
    std::vector<std::string> wideTypes;                        // 64-bit data types seen, sorted
    std::vector<std::pair<StringId, std::uint32_t>> launchers; // most tasks first, then by name
};

// The groups with at least one long task, by ordinal.
std::vector<AiCpuGroup> findAiCpuOps(const Trace& trace, const DeviceMap& devices,
                                     const Thresholds& thresholds);

// The groups as insights, id "ai_cpu_op:<ordinal>": time at stake is busy; severity by
// advisorSeverity.
std::vector<Insight> detectAiCpuOps(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds);

} // namespace lanescope::analysis
