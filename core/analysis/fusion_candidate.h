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

// An op/kernel-type sequence that recurs on a device's streams: fusing it into one kernel would
// remove the launch gaps between its pieces.
//
// Rules (msprof-analyze's fusible-operator check, keyed by op type instead of name + shapes).
//  - A device's sequence: each stream's kernels (TaskRole::Kernel, task_role.h) in start order;
//    markers are skipped, and communication, copies and AI_CPU kernels end a window (msprof
//    stops at HCCL and AI_CPU), as does the end of a stream. A kernel's key is its op type when
//    the kernel table knows it (Ascend), else its name.
//  - Windows of fusion.min_length..fusion.max_length keys; a sequence's occurrences are counted
//    greedily left to right without overlap.
//  - busy: Σ task durations of the occurrences; wall: Σ (last task's end - first task's start)
//    per occurrence, gaps included (msprof's total time); saving: Σ max(0, wall - busy) per
//    occurrence, the gaps a single fused kernel would not have (its work is assumed unchanged,
//    so the saving from fewer memory round trips is not counted).
//  - Host-bound sequences are reported: more than fusion.min_occurrences occurrences,
//    busy / wall < fusion.max_busy_share and wall >= fusion.min_wall_share of the device's
//    active span.
//  - Maximal only: a sequence is dropped when a one-key-longer sequence containing it occurs as
//    often (counting overlapping windows), or when it repeats a shorter period of at least
//    fusion.min_length (A B A B is A B run twice, A B A is inside that run).
//  - msprof's known Ascend patterns (PATTERN_DICT: RMSNorm, RotaryMul, SwiGLU, AddLayerNorm,
//    FlashAttention, …) are matched on op types wherever they occur more than
//    fusion.min_occurrences times, host-bound or not (a fused op exists for them); a generic
//    sequence that contains one or lies inside one gives way to it.
//  - Up to fusion.max_patterns are reported, most saving first, skipping any whose first
//    occurrence shares a kernel with the first occurrence of one already taken (the same
//    recurring region seen through a shifted or shorter window).
struct FusionPattern {
    std::uint32_t device = 0;
    std::vector<StringId> keys; // op types (or kernel names), in order
    std::string knownName;      // msprof's pattern name ("RMSNorm"), empty for a generic one
    std::string fusedApi;       // what replaces a known pattern ("torch_npu.npu_rms_norm")
    std::uint64_t position = 0; // first occurrence's first kernel in the trace-wide sequence
    std::uint32_t occurrences = 0;
    std::vector<SliceRef> tasks; // occurrence k is tasks[k * length .. (k + 1) * length)
    TimeNs start = 0;            // first occurrence's start
    TimeNs end = 0;              // last occurrence's end
    TimeNs busyNs = 0;
    TimeNs wallNs = 0;
    TimeNs savingNs = 0;
    std::vector<std::pair<StringId, std::uint32_t>> launchers; // most tasks first, then by name

    std::uint32_t length() const { return static_cast<std::uint32_t>(keys.size()); }
    double busyShare() const;
};

// The reported patterns, most saving first.
std::vector<FusionPattern> findFusionCandidates(const Trace& trace, const DeviceMap& devices,
                                                const Thresholds& thresholds);

// The patterns as insights, id "fusion_candidate:<position * 100 + length>" (stable for a trace
// whatever the thresholds): time at stake is the saving; severity by advisorSeverity.
std::vector<Insight> detectFusionCandidates(const Trace& trace, const DeviceMap& devices,
                                            const Thresholds& thresholds);

} // namespace lanescope::analysis
