// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::analysis {

// What a device task does, as the kernel-level detectors (fusion candidates, msprof's small
// blocks, AI CPU) need it: msprof-analyze works on kernel_details.csv rows, so on Ascend only
// the kernel table's rows are kernels, and runtime tasks (EVENT_RECORD, PLACE_HOLDER, …) are
// invisible to it.
enum class TaskRole : std::uint8_t {
    Kernel,        // computes: AI Core / vector / AI CPU kernels, GPU kernels
    Copy,          // moves data (MEMCPY_ASYNC, SDMA, Memcpy DtoH); msprof counts it as Free
    Communication, // HCCL / NCCL collectives and their tasks
    Marker,        // does no work of its own: event record/wait, notify, runtime placeholders
};

// Rules, first match wins:
//  1. A task with a kernel-table row (Trace::taskDetails): Communication when its accelerator
//     core is HCCL or COMMUNICATION, else Kernel.
//  2. A task without a row in a file that has a kernel table (the table lists every kernel):
//     Communication or Copy by its name (classifySliceName), else Marker.
//  3. Otherwise (Kineto, the DB export): Communication, Copy or Marker (Sync) by its name, else
//     Kernel.
struct RoledTask {
    SliceRef task;
    const DeviceTaskDetail* detail = nullptr; // its kernel-table row, when it has one
    TaskRole role = TaskRole::Marker;
    bool aiCpu = false; // a kernel whose accelerator core is AI_CPU
};

// Every device task (Trace::taskLinks) with its role, in taskLinks order: by track, then slice,
// which is start order within a track.
std::vector<RoledTask> roleDeviceTasks(const Trace& trace);

// The source file of every slice track (kNoIndex when no thread or async track owns it).
std::vector<std::uint32_t> fileOfTracks(const Trace& trace);

// A detail's op type when the table knows it (not empty, not "N/A"), else 0.
StringId knownOpType(const Trace& trace, const DeviceTaskDetail* detail);

} // namespace lanescope::analysis
