// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lanescope::analysis {

// Chains of small elementwise kernels that one fused kernel could replace: the activations,
// norms and softmaxes eager PyTorch writes out op by op ("未融合的激活函数"). Fusion candidates
// count the host's launch gaps between kernels; this counts device time, so a device running
// the chain back to back from a queue backlog is reported too: every extra kernel still costs
// its fixed per-task time and a round trip of its tensors through memory.
//
// Rules.
//  - A kernel's op: its kernel-table op type (Ascend), else the name of the torch op that
//    launched it (Kineto: aten::mul), else its own name; normalized by elementwiseOpOf
//    ("aten::mul_" and "Muls" are "mul", ReduceMaxD and amax are "max", ConcatD is "cat"). An
//    op that is not elementwise (or a small reduction or concat) normalizes to "".
//  - A chain: consecutive kernels of one stream (TaskRole::Kernel, not AI CPU; markers are
//    skipped, any other task ends it) whose ops are elementwise and which each ran shorter than
//    elementwise.max_task_us, with no gap longer than elementwise.max_gap_us between two; at
//    least two kernels.
//  - Chains are grouped per device by their op sequence. A group is reported when it holds at
//    least elementwise.min_occurrences chains and either has elementwise.min_length kernels or
//    contains a known decomposition.
//  - Known decompositions (the first found, longest first, as a contiguous run of the sequence):
//    tanh-GELU (mul pow mul add mul tanh add mul mul, or its tail mul tanh add mul), erf-GELU,
//    SwiGLU (sigmoid mul mul), SiLU (sigmoid mul), RMSNorm (pow mean add rsqrt mul mul, with or
//    without casts), rotary embedding (mul neg cat mul add), scaled masked softmax (div add max
//    sub exp sum div) and softmax (max sub exp sum div). The advice names the fused API.
//  - Saving, the fused-kernel estimate: per chain, its kernels' device time minus its longest
//    kernel (a fused kernel reads the inputs and writes the result once, in about the time of
//    the slowest piece); summed over the chains. Time at stake is that saving.
//  - Up to elementwise.max_patterns groups, most saving first.
struct ElementwiseChain {
    std::uint32_t device = 0;
    std::vector<std::string> ops; // normalized, in order
    std::vector<StringId> shown;  // the first chain's ops as the trace names them
    std::string_view known;       // the decomposition's cause id ("gelu_tanh"), "" for none
    std::string_view knownName;   // "tanh-GELU"
    std::uint32_t occurrences = 0;
    std::vector<SliceRef> tasks; // chain k is tasks[k * length .. (k + 1) * length)
    TimeNs start = 0;            // first chain's start
    TimeNs end = 0;              // last chain's end
    TimeNs busyNs = 0;           // Σ kernel durations
    TimeNs savingNs = 0;
    std::vector<std::pair<StringId, std::uint32_t>> launchers; // most tasks first, then by name

    std::uint32_t length() const { return static_cast<std::uint32_t>(ops.size()); }
};

// "mul" for aten::mul, aten::mul_, Mul, Muls; "" when the op is not one a chain holds.
std::string elementwiseOpOf(std::string_view op);

std::vector<ElementwiseChain> findElementwiseChains(const Trace& trace, const DeviceMap& devices,
                                                    const Thresholds& thresholds);

// As insights, id "elementwise_chain:<track>-<slice>" of the first chain's first kernel, cause the
// decomposition's id or "generic"; severity by advisorSeverity on the device's active span.
std::vector<Insight> detectElementwiseChains(const Trace& trace, const DeviceMap& devices,
                                             const Thresholds& thresholds);

} // namespace lanescope::analysis
