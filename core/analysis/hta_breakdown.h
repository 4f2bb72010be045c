// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lanescope::analysis {

// The numbers Holistic Trace Analysis (HTA) reports, computed our way, so users can check one
// tool against the other: get_temporal_breakdown (idle / compute / non-compute time) and
// get_idle_time_breakdown (host / kernel / other wait per stream).
//
// Where we follow HTA:
//  - Tasks: HTA's GPU ops (kernels, memcpys, memsets) are our device tasks.
//  - Kernel types by HTA's name rules (htaKernelType), case-sensitive as HTA's regexes are.
//  - Temporal: span = last task end - first task start; idle = span - |union of tasks|;
//    compute = |union of Computation tasks|; non-compute = |union| - compute (communication,
//    memory and other tasks, minus their overlap with compute). Touching tasks merge.
//  - Idle: per stream, consecutive tasks by start; the gap before a task is host wait when its
//    launch call started after the previous task ended, else kernel wait when it is shorter than
//    hta.consecutive_kernel_delay_us (30, HTA's default, whose unit is µs although its docstring
//    says ns), else other wait. A task without a known launch call is never host wait.
//  - Last-iteration filter: when a file has at least two ProfilerStep#N numbers, HTA keeps only
//    the tasks whose launch call started before the last step began (the profiler may have cut
//    that step's device work short), and so do we; lastStepExcluded says so.
//
// Where we do not, on purpose:
//  - Times are exact nanoseconds. HTA rounds float timestamps to whole µs (start up, end down),
//    which shrinks every task and lengthens every gap by up to 2 µs. On integer-µs traces the
//    numbers are equal; on hta__ns_resolution (4.9 k tasks) we find 1.68 / 97.43 / 0.90 % idle /
//    compute / non-compute where HTA reports 2.63 / 96.75 / 0.62 %.
//  - Kineto cuda_sync rows are waits, not device work: we never count them, while HTA's
//    temporal breakdown counts those whose args.stream is not -1 as busy (Stream Sync rows on a
//    stream, Context Sync rows written with stream 4294967295): 5 µs of hta__cuda_event_sync's
//    263 µs, and on hta__alexnet they stretch HTA's span from 12.920 s to 12.996 s.
//  - Per device, not per rank: HTA merges all devices of a rank into one span. Files with one
//    device per rank (the usual Kineto trace) give the same numbers.
//  - Overlapping tasks on one stream: the gap is measured from the furthest end so far and is
//    never negative; HTA measures it from the previous task's end and adds negative gaps to
//    kernel wait.
//  - Ascend: HTA does not read torch_npu traces and its name rules would call every CANN task
//    (MEMCPY_ASYNC, SDMA, hcom_allReduce_) computation, so there the type comes from
//    classifySliceName (copy -> memory, communication -> communication, the rest computation).
//  - Waits on device streams (Ascend EVENT_WAIT, Notify Wait) and profiler markers are not
//    tasks here, as WorkTask explains; Kineto has neither among its tasks.

enum class HtaKernelType : std::uint8_t { Computation, Communication, Memory, Other };
const char* toString(HtaKernelType type); // "computation", "communication", "memory", "other"

// HTA's kernel-type rules, applied to a device task's name in this order: communication
// (starts with nccl, hip or hccl, or contains ncclKernel), memory (starts with Memcpy, Memset,
// hipMemcpy, hipMemset or dma), computation (none of HTA's non-compute patterns: starts with
// nccl, hip, hccl, runFunction, job_exe, packet, pe_exe, cpum_exe_subgraph,
// collective_subgraph_execution or "Stream Wait Event"; contains Memcpy, Memset, dma or Sync;
// starts with cuda and later has LaunchKernel), else other.
HtaKernelType htaKernelType(std::string_view name);

// get_temporal_breakdown for one device; idle + compute + non-compute = span.
struct HtaTemporal {
    std::string device; // DeviceActivity::name
    std::uint32_t deviceIndex = 0;
    TimeNs spanNs = 0;
    TimeNs idleNs = 0;
    TimeNs computeNs = 0;
    TimeNs nonComputeNs = 0;
    std::uint64_t tasks = 0; // tasks counted (after the last-iteration filter)
    bool lastStepExcluded = false;
};

// get_idle_time_breakdown for one stream (device lane).
struct HtaIdle {
    std::string device;
    std::string stream; // the lane's name ("stream 7", "Stream 2", "Group 0 Communication")
    std::uint32_t deviceIndex = 0;
    std::uint32_t track = 0;
    TimeNs hostWaitNs = 0;
    TimeNs kernelWaitNs = 0;
    TimeNs otherWaitNs = 0;
    std::uint64_t gaps = 0; // consecutive task pairs measured (HTA's rows with an idle interval)
    bool lastStepExcluded = false;

    TimeNs idleNs() const { return hostWaitNs + kernelWaitNs + otherWaitNs; }
};

// One entry per device with counted tasks, in DeviceMap order.
std::vector<HtaTemporal> htaTemporalBreakdown(const Trace& trace, const DeviceMap& devices);

// One entry per stream with counted tasks, by device, then lane order.
std::vector<HtaIdle> htaIdleBreakdown(const Trace& trace, const DeviceMap& devices,
                                      const Thresholds& thresholds);

} // namespace lanescope::analysis
