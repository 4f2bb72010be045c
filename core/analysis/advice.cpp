// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/advice.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace lanescope::analysis {

namespace {

struct AdviceRow {
    InsightKind kind;
    std::string_view cause;
    Platform platform;
    std::string_view text;
};

using K = InsightKind;
using P = Platform;

constexpr std::array kRows = {
    // host_blocked_on_device: the cause is what the blocked time went to.
    AdviceRow{K::HostBlockedOnDevice, "host_side_copy_to_device", P::Any,
              "The device copied quickly; the host spent the rest of the call on its side of the "
              "copy, staging a pageable source buffer. Load the data into pinned memory "
              "(DataLoader(pin_memory=True), or tensor.pin_memory()) and copy it with "
              ".to(device, non_blocking=True), so the copy is queued and the host goes on."},
    AdviceRow{K::HostBlockedOnDevice, "host_side_copy", P::Any,
              "The device copied quickly; the host spent the rest of the call on its side of the "
              "copy, staging a pageable buffer. Copy into pinned memory (a tensor.pin_memory() "
              "buffer, or .to('cpu', non_blocking=True) into one) and synchronize only where the "
              "value is used."},
    AdviceRow{K::HostBlockedOnDevice, "transfer", P::Any,
              "The copy itself is short: the time goes to device work queued before it, so "
              "moving the copy only moves the wait. Fetch device values less often (keep "
              "losses and metrics on the device and read them every N steps), or copy with "
              "non_blocking=True into pinned memory and synchronize only where the value is "
              "used."},
    AdviceRow{K::HostBlockedOnDevice, "scalar_read", P::Any,
              "A scalar read (.item(), bool(tensor), printing a device tensor) waits for all "
              "queued work. Keep the value on the device (torch.where instead of a Python if, "
              "metrics accumulated on the device) or read it once every N steps."},
    AdviceRow{K::HostBlockedOnDevice, "sync", P::Ascend,
              "An explicit synchronize waits for all queued work. Remove it from the step "
              "(torch.npu.synchronize() is for timing and debugging; check that "
              "ASCEND_LAUNCH_BLOCKING is unset) or wait on an event for just the work you "
              "need."},
    AdviceRow{K::HostBlockedOnDevice, "sync", P::Any,
              "An explicit synchronize waits for all queued work. Remove it from the step "
              "(torch.cuda.synchronize() and stream.synchronize() are for timing and debugging) "
              "or wait on an event for just the work you need."},
    AdviceRow{K::HostBlockedOnDevice, "copy_call", P::Any,
              "A synchronous or pageable copy waits for the stream. Use pinned host memory "
              "(pin_memory=True) and non_blocking=True so the copy is queued instead."},

    // device_idle_gap: the cause of the gap (data_loading: a host stall in a DataLoader).
    AdviceRow{K::DeviceIdleGap, "launch_bound", P::Ascend,
              "The host spent the gap inside the op that launches the next task. If it compiles "
              "operators (aclopCompileAndExecute: a first call or a new shape), call "
              "torch_npu.npu.set_compile_mode(jit_compile=False) and keep shapes static; "
              "TASK_QUEUE_ENABLE=2 overlaps launching with Python, and graph mode (torchair) "
              "removes per-op launches."},
    AdviceRow{K::DeviceIdleGap, "launch_bound", P::Any,
              "The host spent the gap inside the op that launches the next task (host-side "
              "work, allocation, shape checks). Capture the region with CUDA graphs or "
              "torch.compile(mode=\"reduce-overhead\") and keep host-side tensor work out of "
              "the step."},
    AdviceRow{K::DeviceIdleGap, "data_loading", P::Any,
              "The device waited for the next batch. Load data in worker processes "
              "(DataLoader num_workers > 0, pin_memory=True, persistent_workers=True) so "
              "loading overlaps device work."},
    AdviceRow{K::DeviceIdleGap, "host_stall", P::Any,
              "The device waited while the host did other work before launching the next "
              "task. Move that work off the step (log and compute metrics every N steps), "
              "overlap it with device work, and avoid host synchronizations (.item(), .cpu(), "
              "printing tensors) that drain the queue first."},
    AdviceRow{K::DeviceIdleGap, "dependency", P::Any,
              "The next task was already queued, so the device waited for a dependency, not "
              "for the host: an event from another stream, a collective waiting for a slower "
              "rank, or a copy on another engine. Look at the other streams and ranks at this "
              "time: balance the ranks' work, start communication earlier (bucketing, "
              "prefetch) and drop stream waits that are not needed."},
    AdviceRow{K::DeviceIdleGap, "unattributed", P::Any,
              "The trace does not link the next task to the host call that launched it, so the "
              "cause cannot be told. Profile a window that covers the whole step with the host "
              "side recorded (launch calls and framework ops)."},

    // fusion_candidate: a known pattern with or without a fused API, or a host-bound sequence.
    AdviceRow{K::FusionCandidate, "known_fused", P::Any,
              "This is msprof-analyze's {pattern} pattern: call {api} instead of the ops that "
              "produce it, so one kernel does the work of {length} and the intermediate tensors "
              "stay on chip."},
    AdviceRow{K::FusionCandidate, "known", P::Any,
              "This is msprof-analyze's {pattern} pattern: run the region in graph mode "
              "(torchair) so the graph compiler fuses it, or rewrite it so the intermediate "
              "casts and copies disappear."},
    AdviceRow{K::FusionCandidate, "host_bound", P::Ascend,
              "The device waits for the host between these {length} kernels, every time: Run "
              "the launching code in graph mode (torchair, or torch.compile with the npu "
              "backend) or replace it with a fused torch_npu op or a custom fused kernel so "
              "that one launch does their work."},
    AdviceRow{K::FusionCandidate, "host_bound", P::Any,
              "The device waits for the host between these {length} kernels, every time: "
              "Compile the launching code (torch.compile, or capture it in a CUDA graph) or "
              "replace it with a fused op so that one launch does their work."},

    // small_op_streak: a run of tiny tasks, or msprof-analyze's share of small blocks.
    AdviceRow{K::SmallOpStreak, "streak", P::Ascend,
              "The device finishes each task faster than the host launches the next, so it "
              "idles between them. Run this region in graph mode (torchair / torch.compile with "
              "the npu backend) or replace the op chain with fused torch_npu ops (npu_rms_norm, "
              "npu_swiglu, npu_rotary_mul, fused optimizers) so one launch does the work of "
              "many; larger batches also help."},
    AdviceRow{K::SmallOpStreak, "streak", P::Any,
              "The device finishes each task faster than the host launches the next, so it "
              "idles between them. Compile this region (torch.compile, or capture it in a CUDA "
              "graph) or use fused ops (fused optimizers, scaled_dot_product_attention, fused "
              "norms) so one launch does the work of many; larger batches also help."},
    AdviceRow{K::SmallOpStreak, "small_blocks", P::Ascend,
              "msprof-analyze calls this too many small operators: each kernel finishes before "
              "the host has launched the next. Increase the batch size so each kernel does more "
              "work, fuse the ops (see the fusion candidates), or use graph mode (torchair, or "
              "torch.compile with the npu backend) so launches stop pacing the device."},
    AdviceRow{K::SmallOpStreak, "small_blocks", P::Any,
              "msprof-analyze calls this too many small operators: each kernel finishes before "
              "the host has launched the next. Increase the batch size so each kernel does more "
              "work, fuse the ops (see the fusion candidates), or use torch.compile or CUDA "
              "graphs so launches stop pacing the device."},

    // elementwise_chain: the decomposition the chain holds, or "generic".
    AdviceRow{K::ElementwiseChain, "gelu_tanh", P::Ascend,
              "This is a tanh-approximated GELU written out op by op: {length} kernels, each "
              "reading and writing its tensor, for one activation. Call "
              "torch_npu.npu_fast_gelu(x), or F.gelu(x, approximate='tanh'), which torch_npu "
              "runs as one Gelu kernel."},
    AdviceRow{K::ElementwiseChain, "gelu_tanh", P::Any,
              "This is a tanh-approximated GELU written out op by op: {length} kernels, each "
              "reading and writing its tensor, for one activation. Call F.gelu(x, "
              "approximate='tanh') (one kernel), or torch.compile the module so the chain "
              "becomes one generated kernel."},
    AdviceRow{K::ElementwiseChain, "gelu_erf", P::Ascend,
              "This is an erf GELU written out op by op ({length} kernels for one activation). "
              "Call F.gelu(x), which torch_npu runs as one Gelu kernel, or "
              "torch_npu.npu_fast_gelu(x) where the tanh approximation is acceptable."},
    AdviceRow{K::ElementwiseChain, "gelu_erf", P::Any,
              "This is an erf GELU written out op by op ({length} kernels for one activation). "
              "Call F.gelu(x) (one kernel), or torch.compile the module."},
    AdviceRow{K::ElementwiseChain, "swiglu", P::Ascend,
              "This is SwiGLU written out (sigmoid, then two multiplications). Call "
              "torch_npu.npu_swiglu(x, dim=-1) on the concatenated gate and up projections: one "
              "kernel instead of {length}."},
    AdviceRow{K::ElementwiseChain, "swiglu", P::Any,
              "This is SwiGLU written out (sigmoid, then two multiplications). Use F.silu(gate) "
              "* up under torch.compile, or a fused SwiGLU kernel (Liger, Transformer Engine), "
              "so one kernel replaces {length}."},
    AdviceRow{K::ElementwiseChain, "silu", P::Ascend,
              "This is SiLU (Swish) written out as x * sigmoid(x). Call torch_npu.npu_silu(x) or "
              "F.silu(x): one kernel instead of {length}."},
    AdviceRow{K::ElementwiseChain, "silu", P::Any,
              "This is SiLU (Swish) written out as x * sigmoid(x). Call F.silu(x): one kernel "
              "instead of {length}."},
    AdviceRow{K::ElementwiseChain, "rms_norm", P::Ascend,
              "This is RMSNorm written out (pow, mean, add, rsqrt, mul). Call "
              "torch_npu.npu_rms_norm(x, weight, epsilon)[0]: one kernel instead of {length}, "
              "and no intermediate tensors in memory."},
    AdviceRow{K::ElementwiseChain, "rms_norm", P::Any,
              "This is RMSNorm written out (pow, mean, add, rsqrt, mul). Call "
              "torch.nn.functional.rms_norm (PyTorch 2.4 and later) or a fused RMSNorm "
              "(apex, Liger), or torch.compile the module: one kernel instead of {length}."},
    AdviceRow{K::ElementwiseChain, "rotary", P::Ascend,
              "This is a rotary position embedding written out (x * cos + rotate_half(x) * "
              "sin). Call torch_npu.npu_rotary_mul(x, cos, sin): one kernel instead of "
              "{length}."},
    AdviceRow{K::ElementwiseChain, "rotary", P::Any,
              "This is a rotary position embedding written out (x * cos + rotate_half(x) * "
              "sin). Use a fused rotary kernel (flash-attn's apply_rotary_emb, Liger) or "
              "torch.compile the attention block: one kernel instead of {length}."},
    AdviceRow{K::ElementwiseChain, "scaled_masked_softmax", P::Ascend,
              "This is attention's scale, mask and softmax written out ({length} kernels). Call "
              "torch_npu.npu_scaled_masked_softmax(scores, mask, scale), or better "
              "torch_npu.npu_fusion_attention for the whole attention."},
    AdviceRow{K::ElementwiseChain, "scaled_masked_softmax", P::Any,
              "This is attention's scale, mask and softmax written out ({length} kernels). Use "
              "F.scaled_dot_product_attention for the whole attention (flash or "
              "memory-efficient kernels)."},
    AdviceRow{K::ElementwiseChain, "softmax", P::Ascend,
              "This is a softmax written out (max, subtract, exp, sum, divide: {length} "
              "kernels). Call torch.softmax(x, dim), which torch_npu runs as one SoftmaxV2 "
              "kernel."},
    AdviceRow{K::ElementwiseChain, "softmax", P::Any,
              "This is a softmax written out (max, subtract, exp, sum, divide: {length} "
              "kernels). Call torch.softmax(x, dim): one kernel."},
    AdviceRow{K::ElementwiseChain, "generic", P::Ascend,
              "These {length} small elementwise kernels run one after another on the same "
              "data: each pays a per-task cost and a round trip of its tensor through memory. "
              "Run the region in graph mode (torchair, or torch.compile with the npu backend) "
              "so they fuse, or replace the expression with a fused torch_npu op."},
    AdviceRow{K::ElementwiseChain, "generic", P::Any,
              "These {length} small elementwise kernels run one after another on the same "
              "data: each pays a launch and a round trip of its tensor through memory. "
              "torch.compile fuses such chains into one generated kernel."},

    // format_conversion: kernels that only convert layouts or dtypes.
    AdviceRow{K::FormatConversion, "", P::Ascend,
              "TransData converts between ND and the NPU's internal formats (NZ, 5HD) around "
              "ops that want them; Cast converts dtypes. Set "
              "torch_npu.npu.config.allow_internal_format = False so tensors stay in ND and "
              "stop converting on every call, or convert weights to the internal format once "
              "when the model loads (torch_npu.npu_format_cast) instead of every step; keep "
              "dtypes consistent (one autocast region, parameters in the compute dtype) so "
              "Casts disappear."},
    AdviceRow{K::FormatConversion, "", P::Any,
              "Cast and transpose kernels move data without computing. Keep dtypes consistent "
              "(one autocast region, parameters in the compute dtype) and memory layouts "
              "consistent (channels_last throughout, .contiguous() only where needed); "
              "torch.compile folds the rest into their consumers."},

    // Ascend-only findings, one cause each.
    AdviceRow{K::AiCpuOp, "", P::Any,
              "{hint}AI CPU kernels are much slower than AI Core ones and serialize the stream; "
              "change the code (op or dtype) so the op runs on the AI Core."},
    AdviceRow{K::OpCompile, "", P::Any,
              "Call torch_npu.npu.set_compile_mode(jit_compile=False) at the start of the script "
              "so ACLOP operators use precompiled binaries instead of compiling on first use of "
              "each shape (msprof-analyze's advice); static input shapes also stop "
              "recompilation."},
    AdviceRow{K::DynamicShape, "", P::Any,
              "Dynamic-shape operators are tiled (and on the ACLOP path compiled) on the host at "
              "every call. Keep input shapes fixed (pad to a few bucket sizes), call "
              "torch_npu.npu.set_compile_mode(jit_compile=False), or run in graph mode "
              "(torchair) with static shapes so operators are prepared once."},
    AdviceRow{K::DispatchBound, "", P::Any,
              "The host queues ops faster than the task-queue thread can launch them, so the NPU "
              "waits for dispatch. Set TASK_QUEUE_ENABLE=2 (the level-2 pipeline moves more of "
              "the launch work off the dequeue thread), run the model in graph mode via torchair "
              "so a whole graph is dispatched at once, and cut the number of small ops (fused "
              "torch_npu ops, larger batches) so fewer tasks pass through the queue."},
};

const AdviceRow* findRow(InsightKind kind, std::string_view cause, Platform platform) {
    const AdviceRow* any = nullptr;
    for (const AdviceRow& row : kRows) {
        if (row.kind != kind || row.cause != cause)
            continue;
        if (row.platform == platform)
            return &row;
        if (row.platform == Platform::Any && !any)
            any = &row;
    }
    return any;
}

std::string fill(std::string_view text, const AdviceValues& values) {
    std::string out;
    while (!text.empty()) {
        const std::size_t open = text.find('{');
        const std::size_t close = text.find('}', open);
        if (open == std::string_view::npos || close == std::string_view::npos) {
            out += text;
            break;
        }
        out += text.substr(0, open);
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const auto value = std::find_if(values.begin(), values.end(),
                                        [&](const auto& entry) { return entry.first == name; });
        if (value == values.end())
            throw std::logic_error("advice value {" + std::string(name) + "} not given");
        out += value->second;
        text.remove_prefix(close + 1);
    }
    return out;
}

} // namespace

Platform platformOf(const Trace& trace) {
    return trace.format == "ascend" ? Platform::Ascend : Platform::Gpu;
}

std::string adviceFor(InsightKind kind, std::string_view cause, Platform platform,
                      const AdviceValues& values) {
    const AdviceRow* row = findRow(kind, cause, platform);
    if (!row)
        throw std::logic_error(std::string("no advice for ") + toString(kind) + " cause '" +
                               std::string(cause) + "'");
    return fill(row->text, values);
}

} // namespace lanescope::analysis
