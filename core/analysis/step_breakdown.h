// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "model/trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::analysis {

// Where a device's time went during one step, in the terms of torch_npu's step_trace_time.csv
// and msprof's Overlap Analysis lanes (ascend.md §2.6-2.7), computed from the raw device tasks.
//
// Rules, per device:
//  - computing: the union of its compute tasks. On a file with a kernel table
//    (kernel_details.csv) a compute task is one with a kernel-table row that is not a
//    communication op: msprof's COMPUTE_TASK_INFO. Without one: Kineto "kernel" slices; Ascend
//    tasks other than runtime tasks (all-capital names such as MEMCPY_ASYNC, EVENT_RECORD, SDMA),
//    sync tasks (Notify Wait) and plain copies; elsewhere names that classify as Compute.
//  - communication: the union of the communication tasks (HCCL ops on the "Group" lanes, NCCL
//    kernels): names that classify as Communication.
//  - not overlapped = communication - computing; overlapped = communication - not overlapped.
//  - free = window - (computing ∪ communication): copies, event records and gaps are free, as
//    msprof counts them. Copies before the first or after the last computing or communication
//    moment lie outside every window, as they lie outside msprof's Free lane.
//  Not modelled: msprof's exclusion of MC² (AICPU-KFC) streams, which the samples do not have.
//
// The window, as torch_npu chooses it. msprof tiles the device's time from the first to the last
// computing or communication moment into segments (Computing, Communication(Not Overlapped),
// Free); torch_npu gives each segment to the step whose device range contains the segment's
// start. A step's device range starts at the first task launched inside the host's
// ProfilerStep#N (launch order: its torch op's start, then its launch call's start) and ends at
// the later of the end of the last such task and the end of ProfilerStep#N; a step whose host
// range launched nothing uses the host range. Ranges are taken in step order, each starting no
// earlier than the previous one ends, so a segment belongs to one step at most. The window is the
// span of the step's segments: computing + not overlapped + free = window exactly. Numbers are
// the parts of the unions inside the window, so a communication op that runs on past the window
// is cut there (torch_npu counts it whole in the step where it starts).
//
// Where we differ from torch_npu: a segment that runs across the start of a later step's range
// is cut there. A device a step or more behind its host works through a backlog as one long
// Computing segment; torch_npu gives all of it to the step where it began (and the later steps
// nothing), here each step gets the part its own launches ran in. Without a backlog no segment
// crosses a range start and the numbers are torch_npu's.
//
// Steps are the Trace::steps of the device's file. Without any, one row covers the device's whole
// tiled time, with step "".
struct StepBreakdown {
    std::string step; // "50"; "" for the whole trace
    std::optional<std::int64_t> stepNumber;
    std::string device;            // DeviceActivity::name
    std::uint32_t deviceIndex = 0; // into DeviceMap::devices
    std::uint32_t file = 0;
    TimeNs windowStart = 0; // [windowStart, windowEnd); both 0 when the step has no segments
    TimeNs windowEnd = 0;
    // The first computing or communication moment in the window (windowEnd when there is none):
    // torch_npu's Preparing runs from the host step's start to it. A window that starts with
    // a free segment (cut at the step's start, see above) starts before it.
    TimeNs firstBusyStart = 0;
    TimeNs computingNs = 0;
    TimeNs communicationNs = 0;
    TimeNs communicationNotOverlappedNs = 0;
    TimeNs overlappedNs = 0;
    TimeNs freeNs = 0;
    // Two refinements for comparing runs (compare.md §8 R8), each inside one of the buckets above:
    // format conversion kernels (isFormatConversion: TransData, Cast, Transpose) are part of
    // computing; copies while nothing computes or communicates are part of free.
    TimeNs conversionNs = 0;
    TimeNs copyNs = 0;

    TimeNs windowNs() const { return windowEnd - windowStart; }
};

// One row per device and step of its file (steps by start), devices in DeviceMap order.
std::vector<StepBreakdown> computeStepBreakdown(const Trace& trace, const DeviceMap& devices);

} // namespace lanescope::analysis
