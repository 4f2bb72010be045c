#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
"""Writes the embedded samples in resources/samples: one BERT-sized classifier (12 encoder layers,
batch 32 x 128 tokens, inference) profiled three ways, telling the migration story Lanescope
exists for -- "the same model took longer on Ascend than on an NVIDIA A10, and tuning won it back".

bert_eager_ascend_pt/     torch_npu profiler export of one eager-mode step on an Ascend NPU: the
                          host queues hundreds of small, unfused kernels through torch_npu's task
                          queue, then calls .to('cpu') on the logits and sits blocked in
                          aclrtSynchronizeStream while the NPU drains them; the copy itself takes
                          microseconds.
bert_a10.pt.trace.json    PyTorch (Kineto) trace of the same model on an NVIDIA A10: fewer, fused
                          and faster kernels, launched synchronously by the main thread; two
                          steps (a slower warm-up, then the steady state).
bert_tuned_ascend_pt/     the Ascend run after tuning: fused npu::npu_fast_gelu and
                          npu::npu_add_layer_norm, TASK_QUEUE_ENABLE=2 (cheaper dispatch), tuned
                          MatMul tiling; two steps (warm-up, steady).

The Ascend layout and field shapes follow the real exports in tests/data/ascend (string "ts" in
epoch microseconds with 3 decimals, CANN pids = host_pid << 10 | sort_index << 5 | device, Enqueue /
Dequeue@ with async_task_queue flows, HostToDevice flows with string ids, async_npu flows whose
id is the task's start in ns, kernel_details.csv with trailing TABs in time cells, CRLF lines).
The Kineto file follows libkineto's ChromeTraceLogger (>= 2.1: "ts" in microseconds with a 3-digit
ns fraction relative to "baseTimeNanoseconds", the start of a 7889238-second interval), as in
tests/data/kineto. Deterministic: run it again and the bytes are the same. check_samples.py
prints what the samples contain.

    python3 resources/make_sample.py
"""
import json
import os
import random

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")


def us(ns):
    return f"{ns // 1000}.{ns % 1000:03d}"


# ---------------------------------------------------------------------------------------------
# The model: torch ops of one encoder layer and of the classifier head, with the kernels each
# launches on Ascend (kernel type, accelerator core, mean device µs).

LAYER = [
    ("aten::linear", [("MatMulV2", "AI_CORE", 110)]),
    ("aten::add", [("Add", "AI_VECTOR_CORE", 4)]),
    ("aten::linear", [("MatMulV2", "AI_CORE", 110)]),
    ("aten::add", [("Add", "AI_VECTOR_CORE", 4)]),
    ("aten::linear", [("MatMulV2", "AI_CORE", 110)]),
    ("aten::add", [("Add", "AI_VECTOR_CORE", 4)]),
    ("aten::matmul", [("BatchMatMulV2", "AI_CORE", 70)]),
    ("aten::div", [("RealDiv", "AI_VECTOR_CORE", 4)]),
    ("aten::add", [("Add", "AI_VECTOR_CORE", 4)]),
    ("aten::softmax", [("ReduceMaxD", "AI_VECTOR_CORE", 5), ("Sub", "AI_VECTOR_CORE", 3),
                       ("Exp", "AI_VECTOR_CORE", 4), ("ReduceSumD", "AI_VECTOR_CORE", 5),
                       ("RealDiv", "AI_VECTOR_CORE", 4)]),
    ("aten::matmul", [("BatchMatMulV2", "AI_CORE", 70)]),
    ("aten::linear", [("MatMulV2", "AI_CORE", 110)]),
    ("aten::add", [("Add", "AI_VECTOR_CORE", 4)]),
    ("aten::layer_norm", [("LayerNormV3", "AI_VECTOR_CORE", 9), ("Cast", "AI_VECTOR_CORE", 3)]),
    ("aten::linear", [("MatMulV2", "AI_CORE", 160)]),
    ("aten::gelu", [("Mul", "AI_VECTOR_CORE", 4), ("Tanh", "AI_VECTOR_CORE", 4),
                    ("Add", "AI_VECTOR_CORE", 3), ("Mul", "AI_VECTOR_CORE", 4)]),
    ("aten::linear", [("MatMulV2", "AI_CORE", 160)]),
    ("aten::add", [("Add", "AI_VECTOR_CORE", 4)]),
    ("aten::layer_norm", [("LayerNormV3", "AI_VECTOR_CORE", 9), ("Cast", "AI_VECTOR_CORE", 3)]),
]
LAYERS = 12
HEAD = [  # pooler dense + tanh, classifier
    ("aten::linear", [("MatMulV2", "AI_CORE", 20)]),
    ("aten::tanh", [("Tanh", "AI_VECTOR_CORE", 3)]),
    ("aten::linear", [("MatMulV2", "AI_CORE", 12)]),
]

# Tuning on Ascend: the MatMuls run with AOE-tuned tiling in the NZ internal format (no TransData
# around them), and two fusions replace unfused op sequences.
TUNED_MATMUL_SPEEDUP = 0.41  # tuned / eager MatMul device time
FAST_GELU = ("npu::npu_fast_gelu", [("FastGelu", "AI_VECTOR_CORE", 5)])
ADD_LAYER_NORM = ("npu::npu_add_layer_norm", [("AddLayerNorm", "AI_VECTOR_CORE", 10)])


def tuned(ops):
    """The op sequence after tuning: aten::gelu -> npu::npu_fast_gelu (one FastGelu kernel instead
    of Mul, Tanh, Add, Mul); aten::add + aten::layer_norm -> npu::npu_add_layer_norm (one
    AddLayerNorm kernel instead of Add, LayerNormV3, Cast); faster AI_CORE MatMuls."""
    out, i = [], 0
    while i < len(ops):
        op, kernels = ops[i]
        if op == "aten::add" and i + 1 < len(ops) and ops[i + 1][0] == "aten::layer_norm":
            out.append(ADD_LAYER_NORM)
            i += 2
            continue
        if op == "aten::gelu":
            out.append(FAST_GELU)
        else:
            out.append((op, [(k, core, round(mean * TUNED_MATMUL_SPEEDUP) if core == "AI_CORE" else mean)
                             for k, core, mean in kernels]))
        i += 1
    return out


class AscendSample:
    """One torch_npu export: who ran it, what ran and how the host and the NPU paced it.

    steps: (ProfilerStep number, warm-up?) in order. A warm-up step pays first-call costs: the
    host's per-op costs are multiplied by warmup_host_scale, and the first AscendCL launch of each
    kernel type takes first_call_us longer (op tiling and kernel binary loading on a cache miss).
    host_scale multiplies the host-side means of the steady steps (TASK_QUEUE_ENABLE=2 dispatches
    for less than the default level 1)."""

    def __init__(self, folder, seed, host_pid, dequeue_tid, t0_ns, layer, head, steps,
                 host_scale=1.0, warmup_host_scale=1.0, first_call_us=0):
        self.folder, self.seed = folder, seed
        self.host_pid, self.main_tid, self.dequeue_tid = host_pid, host_pid, dequeue_tid
        self.t0_ns = t0_ns  # start of the trace; the first step starts 2 ms later
        self.layer, self.head, self.steps = layer, head, steps
        self.host_scale, self.warmup_host_scale, self.first_call_us = host_scale, warmup_host_scale, first_call_us


EAGER = AscendSample("bert_eager_ascend_pt", seed=20250109, host_pid=2480317, dequeue_tid=2481102,
                     t0_ns=1736409000000000000,  # 2025-01-09, like the real samples
                     layer=LAYER, head=HEAD, steps=[(1, False)])
TUNED = AscendSample("bert_tuned_ascend_pt", seed=20250110, host_pid=48213, dequeue_tid=48391,
                     t0_ns=1736495400000000000,  # a day later
                     layer=tuned(LAYER), head=tuned(HEAD), steps=[(1, True), (2, False)],
                     host_scale=0.6, warmup_host_scale=0.9, first_call_us=300)


# ---------------------------------------------------------------------------------------------
# Ascend export (torch_npu Level1 text export)

class Writer:
    def __init__(self, sample):
        self.events, self.kernel_rows = [], []
        self.connection = 900
        self.correlation = 8000
        self.device = 0
        self.host_pid, self.main_tid, self.dequeue_tid = sample.host_pid, sample.main_tid, sample.dequeue_tid
        self.cann, self.hardware, self.freq, self.overlap = (self.cann_pid(i) for i in (7, 13, 14, 23))

    def cann_pid(self, sort_index):
        return (self.host_pid << 10) | (sort_index << 5) | self.device

    def meta(self, pid, tid, name, args):
        self.events.append({"name": name, "ph": "M", "pid": pid, "tid": tid, "args": args})

    def x(self, pid, tid, name, ts, dur, cat=None, args=None):
        e = {"ph": "X", "name": name, "pid": pid, "tid": tid, "ts": us(ts), "dur": round(dur / 1000, 3)}
        if cat:
            e["cat"] = cat
        if args:
            e["args"] = args
        self.events.append(e)

    def flow(self, ph, cat, name, fid, pid, tid, ts, bp=True):
        e = {"ph": ph, "cat": cat, "name": name, "id": fid, "pid": pid, "tid": tid, "ts": us(ts)}
        if bp:
            e["bp"] = "e"
        self.events.append(e)


def write_metadata(w):
    for pid, name, label, sort in [(w.host_pid, "Python", "CPU", 0), (w.cann, "CANN", "CPU", 7),
                                   (w.hardware, "Ascend Hardware", "NPU", 13),
                                   (w.freq, "AI Core Freq", "NPU", 14),
                                   (w.overlap, "Overlap Analysis", "NPU", 23)]:
        w.meta(pid, 0, "process_name", {"name": name})
        w.meta(pid, 0, "process_labels", {"labels": label})
        w.meta(pid, 0, "process_sort_index", {"sort_index": sort})
    for pid in (w.host_pid, w.cann):
        for tid in (w.main_tid, w.dequeue_tid):
            w.meta(pid, tid, "thread_name", {"name": f"Thread {tid}"})
            w.meta(pid, tid, "thread_sort_index", {"sort_index": tid})
    w.meta(w.hardware, 2, "thread_name", {"name": "Stream 2"})
    w.meta(w.hardware, 2, "thread_sort_index", {"sort_index": 2})
    for tid, name in enumerate(["Computing", "Communication", "Communication(Not Overlapped)", "Free"]):
        w.meta(w.overlap, tid, "thread_name", {"name": name})
        w.meta(w.overlap, tid, "thread_sort_index", {"sort_index": tid})


class Timeline:
    """Host, dequeue thread and device stream clocks, in ns."""

    def __init__(self, rng, t0_ns):
        self.rng = rng
        self.host = t0_ns + 2_000_000
        self.dequeue = self.host
        self.device = self.host
        self.busy = []  # device task intervals
        self.host_scale = 1.0
        self.cold = None  # kernel types not launched yet in a warm-up step (None: not warming up)
        self.first_call_us = 0

    def jitter(self, mean_us, spread=0.25):
        return int(mean_us * 1000 * (1 + self.rng.uniform(-spread, spread)))

    def h(self, mean_us):
        """A host-side duration: scaled by the step's host cost."""
        return self.jitter(mean_us * self.host_scale)


def launch_op(w, tl, op, kernels, step_id):
    """One torch op: Enqueue on the main thread, Dequeue@ + CANN launches on the dequeue
    thread, one task per kernel on Stream 2; returns the op's host interval."""
    op_start = tl.host
    tl.host += tl.h(4)
    w.correlation += 1
    enqueue_start, enqueue_dur = tl.host, tl.h(6)
    tl.host += enqueue_dur
    op_end = tl.host + tl.h(3)
    w.x(w.host_pid, w.main_tid, op, op_start, op_end - op_start, "cpu_op",
        {"Sequence number": w.correlation, "Fwd thread id": 0})
    w.x(w.host_pid, w.main_tid, "Enqueue@aclnn" + kernels[0][0], enqueue_start, enqueue_dur, "enqueue",
        {"correlation_id": w.correlation})
    w.flow("s", "async_task_queue", "enqueue_to_dequeue", w.correlation, w.host_pid, w.main_tid, enqueue_start)
    tl.host = op_end
    dq_start = max(tl.dequeue, enqueue_start + enqueue_dur + tl.h(4))
    t = dq_start + tl.h(3)
    first_task = True
    for kernel, core, mean in kernels:
        w.connection += 1
        call_dur = tl.h(8)
        if tl.cold is not None and kernel in tl.cold:
            tl.cold.discard(kernel)
            call_dur += tl.jitter(tl.first_call_us)
        api = "aclnn" + kernel
        w.x(w.cann, w.dequeue_tid, f"AscendCL@{api}", t, call_dur, None,
            {"Thread Id": w.dequeue_tid, "Mode": "ACL_OP", "level": "acl", "id": api, "item_id": "0",
             "connection_id": w.connection})
        w.flow("s", "HostToDevice", f"HostToDevice{w.connection}", str(w.connection), w.cann, w.dequeue_tid, t,
               bp=False)
        start = max(tl.device + tl.jitter(1.5), t + call_dur + tl.jitter(2))
        dur = tl.jitter(mean)
        name = f"{api}_{kernel}AiCore_{kernel}"
        w.x(w.hardware, 2, name, start, dur, None,
            {"Model Id": 4294967295, "Task Type": core,
             "Physic Stream Id": 2, "Task Id": w.connection, "connection_id": w.connection})
        w.flow("f", "HostToDevice", f"HostToDevice{w.connection}", str(w.connection), w.hardware, 2, start)
        if first_task:
            w.flow("s", "async_npu", "torch_to_npu", start, w.host_pid, w.main_tid, op_start)
            w.flow("f", "async_npu", "torch_to_npu", start, w.hardware, 2, start)
            first_task = False
        w.kernel_rows.append((step_id, name, kernel, "dynamic", core, start, dur,
                              start - tl.device if tl.busy else 0))
        tl.busy.append((start, start + dur))
        tl.device = start + dur
        t += call_dur + tl.h(1)
    dq_end = t + tl.h(2)
    w.x(w.host_pid, w.dequeue_tid, "Dequeue@aclnn" + kernels[0][0], dq_start, dq_end - dq_start, "dequeue",
        {"correlation_id": w.correlation})
    w.flow("f", "async_task_queue", "enqueue_to_dequeue", w.correlation, w.host_pid, w.dequeue_tid, dq_start)
    tl.dequeue = dq_end
    return op_start, op_end


def copy_to_cpu(w, tl):
    """logits.to('cpu'): the host queues the copy, then synchronizes: blocked until the NPU has
    drained every task queued before it. The copy takes microseconds."""
    to_start = tl.host
    copy_call = max(tl.dequeue, to_start + tl.h(12))
    w.connection += 1
    call_dur = tl.h(14)
    w.x(w.cann, w.main_tid, "AscendCL@aclrtMemcpyAsync", copy_call, call_dur, None,
        {"Thread Id": w.main_tid, "Mode": "ACL_RTS", "level": "acl", "id": "aclrtMemcpyAsync",
         "item_id": "0", "connection_id": w.connection})
    w.flow("s", "HostToDevice", f"HostToDevice{w.connection}", str(w.connection), w.cann, w.main_tid, copy_call,
           bp=False)
    copy_start = tl.device + tl.jitter(2)
    copy_dur = tl.jitter(18)
    w.x(w.hardware, 2, "MEMCPY_ASYNC", copy_start, copy_dur, None,
        {"Model Id": 4294967295, "Task Type": "PCIE_DMA_SQE", "Physic Stream Id": 2,
         "Task Id": w.connection, "connection_id": w.connection,
         "data size(Byte)": 8, "memcpy direction": "device to host"})
    w.flow("f", "HostToDevice", f"HostToDevice{w.connection}", str(w.connection), w.hardware, 2, copy_start)
    w.flow("s", "async_npu", "torch_to_npu", copy_start, w.host_pid, w.main_tid, to_start)
    w.flow("f", "async_npu", "torch_to_npu", copy_start, w.hardware, 2, copy_start)
    tl.busy.append((copy_start, copy_start + copy_dur))
    tl.device = copy_start + copy_dur
    sync_start = copy_call + call_dur + tl.h(2)
    sync_end = tl.device + tl.h(6)
    w.x(w.cann, w.main_tid, "AscendCL@aclrtSynchronizeStream", sync_start, sync_end - sync_start, None,
        {"Thread Id": w.main_tid, "Mode": "ACL_RTS", "level": "acl", "id": "aclrtSynchronizeStream", "item_id": "0"})
    to_end = sync_end + tl.h(10)
    for depth, name in enumerate(["aten::to", "aten::_to_copy", "aten::copy_"]):
        w.x(w.host_pid, w.main_tid, name, to_start + depth * 2000, to_end - to_start - depth * 4000, "cpu_op",
            {"Sequence number": -1, "Fwd thread id": 0})
    tl.host = to_end


def write_overlap(w, tl, begin, end):
    cursor = begin
    for start, stop in tl.busy:
        if start > cursor:
            w.x(w.overlap, 3, "Free", cursor, start - cursor)
        w.x(w.overlap, 0, "Computing", start, stop - start)
        cursor = stop
    if end > cursor:
        w.x(w.overlap, 3, "Free", cursor, end - cursor)


def write_ascend(sample):
    rng = random.Random(sample.seed)
    w = Writer(sample)
    write_metadata(w)
    tl = Timeline(rng, sample.t0_ns)
    tl.first_call_us = sample.first_call_us
    steps = []  # (number, host start, host end, first busy index, end busy index)
    for number, warmup in sample.steps:
        if steps:
            tl.host = steps[-1][2] + 13_000  # the next ProfilerStep opens 3 µs after the last closed
        tl.host_scale = sample.warmup_host_scale if warmup else sample.host_scale
        tl.cold = {k for _, kernels in sample.layer + sample.head for k, _, _ in kernels} \
            if warmup and sample.first_call_us else None
        step_start, busy_from = tl.host, len(tl.busy)
        for layer in range(LAYERS):
            layer_start = tl.host
            for op, kernels in sample.layer:
                launch_op(w, tl, op, kernels, number)
            w.x(w.host_pid, w.main_tid, f"nn.Module: BertLayer_{layer}", layer_start, tl.host - layer_start,
                "python_function")
        for op, kernels in sample.head:
            launch_op(w, tl, op, kernels, number)
        copy_to_cpu(w, tl)
        step_end = tl.host + 20_000
        w.x(w.host_pid, w.main_tid, f"ProfilerStep#{number}", step_start - 10_000, step_end - step_start + 10_000,
            "cpu_op")
        steps.append((number, step_start, step_end, busy_from, len(tl.busy)))
    device_begin = tl.busy[0][0]
    write_overlap(w, tl, device_begin, tl.device)
    for k, ts in enumerate(range(sample.t0_ns, steps[-1][2], 1_000_000)):
        w.events.append({"name": "AI Core Freq", "ph": "C", "pid": w.freq, "tid": 0, "ts": us(ts),
                         "args": {"MHz": 1800 if k % 3 else 1650}})
    root = os.path.join(SAMPLES, sample.folder)
    out_dir = os.path.join(root, "ASCEND_PROFILER_OUTPUT")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "trace_view.json"), "w", encoding="utf-8", newline="") as f:
        f.write(json.dumps(w.events, ensure_ascii=False))
    write_kernel_details(w, out_dir)
    write_step_trace(tl, out_dir, steps)
    with open(os.path.join(root, "profiler_info_0.json"), "w", encoding="utf-8") as f:
        json.dump({"config": {"common_config": {"activities": ["ProfilerActivity.CPU", "ProfilerActivity.NPU"]},
                              "experimental_config": {"_profiler_level": "Level1"}},
                   "rank_id": 0}, f, indent=4)
    open(os.path.join(out_dir, "analyse.done"), "w").close()


def write_kernel_details(w, out_dir):
    header = ["Step Id", "Name", "Type", "OP State", "Accelerator Core", "Start Time(us)",
              "Duration(us)", "Wait Time(us)", "Block Dim", "Input Shapes"]
    lines = [",".join(header)]
    for step, name, kernel, state, core, start, dur, wait in w.kernel_rows:
        shapes = '"""32,128,768"""' if core != "N/A" else '""'
        lines.append(",".join([str(step), name, kernel, state, core, us(start) + "\t", us(dur), us(max(wait, 0)),
                               "40" if core == "AI_CORE" else "8" if core != "N/A" else "0", shapes]))
    with open(os.path.join(out_dir, "kernel_details.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def write_step_trace(tl, out_dir, steps):
    rows = []
    for number, step_start, _, first, end in steps:
        busy = tl.busy[first:end]
        computing = sum(stop - start for start, stop in busy)
        span = busy[-1][1] - busy[0][0]
        free = span - computing
        row = [number, computing / 1000, 0, 0, 0, free / 1000, span / 1000, 0, 0, (busy[0][0] - step_start) / 1000]
        rows.append(",".join(f"{v}" for v in row))
    header = "Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble," \
             "Communication(Not Overlapped and Exclude Receive),Preparing"
    with open(os.path.join(out_dir, "step_trace_time.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(header + "\r\n" + "".join(row + "\r\n" for row in rows))


# ---------------------------------------------------------------------------------------------
# NVIDIA A10 run: PyTorch profiler (Kineto) trace of the same model, fp16.

A10_PID = 1873204
A10_T0_NS = 1736322600417283519  # 2025-01-08, the day before the Ascend runs
TRIMONTH_S = 7889238  # libkineto's ChromeTraceBase: epoch time floored to this many seconds
A10_BASE_NS = A10_T0_NS // 1_000_000_000 // TRIMONTH_S * TRIMONTH_S * 1_000_000_000
STREAM = 7

A10_PROPERTIES = {"id": 0, "name": "NVIDIA A10", "totalGlobalMem": 23837540352, "computeMajor": 8,
                  "computeMinor": 6, "maxThreadsPerBlock": 1024, "maxThreadsPerMultiprocessor": 1536,
                  "regsPerBlock": 65536, "warpSize": 32, "sharedMemPerBlock": 49152, "numSms": 72,
                  "regsPerMultiprocessor": 65536, "sharedMemPerBlockOptin": 101376,
                  "sharedMemPerMultiprocessor": 102400}


def _elementwise(functor, arrays=3, vector=True):
    if vector:
        return (f"void at::native::vectorized_elementwise_kernel<4, {functor}, at::detail::Array<char*, {arrays}> >"
                f"(int, {functor}, at::detail::Array<char*, {arrays}>)")
    lam = f"at::native::gpu_kernel_impl_nocast<{functor} >(at::TensorIteratorBase&, {functor} const&)::{{lambda(int)#1}}"
    return f"void at::native::elementwise_kernel<128, 2, {lam}>(int, {lam})"


_GELU = ("at::native::GeluCUDAKernelImpl(at::TensorIteratorBase&, at::native::GeluType)::{lambda()#2}::operator()() "
         "const::{lambda()#4}::operator()() const::{lambda(c10::Half)#1}")
_TANH = ("at::native::tanh_kernel_cuda(at::TensorIteratorBase&)::{lambda()#2}::operator()() const::{lambda()#4}::"
         "operator()() const::{lambda(c10::Half)#1}")
_MUL_SCALAR = ("at::native::AUnaryFunctor<c10::Half, c10::Half, c10::Half, "
               "at::native::binary_internal::MulFunctor<float> >")

K_GEMM = "ampere_fp16_s16816gemm_fp16_128x128_ldg8_f2f_stages_32x5_tn"
K_GEMM_NN = "ampere_fp16_s16816gemm_fp16_128x128_ldg8_f2f_stages_32x5_nn"
K_BMM_TN = "ampere_fp16_s16816gemm_fp16_128x64_ldg8_f2f_stages_64x4_tn"
K_BMM_NN = "ampere_fp16_s16816gemm_fp16_128x64_ldg8_f2f_stages_64x4_nn"
K_GEMM_SMALL = "ampere_fp16_s16816gemm_fp16_64x64_sliced1x2_ldg8_f2f_stages_64x5_tn"
K_SPLITK = ("void cublasLt::splitKreduce_kernel<32, 16, int, __half, __half, __half, __half, false, false, true, "
            "false>(cublasLt::cublasSplitKParams<__half>, __half const*, __half const*, __half*, __half const*, "
            "__half const*, __half const*, __half const*, __half*, void*, long, __half*, int*)")
K_ADD = _elementwise("at::native::CUDAFunctor_add<c10::Half>")
K_ADD_BCAST = _elementwise("at::native::CUDAFunctor_add<c10::Half>", vector=False)
K_DIV = _elementwise(_MUL_SCALAR, arrays=2)  # x / sqrt(d) on a CPU scalar is a multiply by its inverse
K_SOFTMAX = ("void at::native::(anonymous namespace)::cunn_SoftMaxForward<8, c10::Half, float, c10::Half, "
             "at::native::(anonymous namespace)::SoftMaxForwardEpilogue>(c10::Half*, c10::Half const*, int)")
K_LAYER_NORM = ("void at::native::(anonymous namespace)::vectorized_layer_norm_kernel<c10::Half, float>(int, float, "
                "c10::Half const*, c10::Half const*, c10::Half const*, float*, float*, c10::Half*)")
K_GELU = _elementwise(_GELU, arrays=2)
K_TANH = _elementwise(_TANH, arrays=2)
# kernel name -> (registers per thread, shared memory, grid, block, est. achieved occupancy %)
KERNEL_SHAPE = {
    K_GEMM: (232, 73728, [6, 32, 1], [256, 1, 1], 8),
    K_GEMM_NN: (232, 73728, [24, 32, 1], [256, 1, 1], 8),
    K_BMM_TN: (168, 65536, [1, 2, 384], [128, 1, 1], 16),
    K_BMM_NN: (168, 65536, [1, 2, 384], [128, 1, 1], 16),
    K_GEMM_SMALL: (128, 49152, [12, 1, 4], [128, 1, 1], 6),
    K_SPLITK: (30, 0, [6, 1, 1], [32, 16, 1], 10),
    K_ADD: (20, 0, [3072, 1, 1], [128, 1, 1], 80),
    K_ADD_BCAST: (22, 0, [49152, 1, 1], [128, 1, 1], 86),
    K_DIV: (18, 0, [12288, 1, 1], [128, 1, 1], 84),
    K_SOFTMAX: (32, 0, [49152, 1, 1], [128, 1, 1], 72),
    K_LAYER_NORM: (28, 0, [4096, 1, 1], [32, 4, 1], 78),
    K_GELU: (24, 0, [12288, 1, 1], [128, 1, 1], 82),
    K_TANH: (16, 0, [48, 1, 1], [128, 1, 1], 3),
}

# The same ops as LAYER / HEAD, with the CUDA kernels each launches (kernel, mean device µs) and
# the child ops that launch them (what aten::linear and friends call on CUDA).
A10_LAYER = [
    ("aten::linear", [(K_GEMM, 73)]),
    ("aten::add", [(K_ADD, 5)]),
    ("aten::linear", [(K_GEMM, 73)]),
    ("aten::add", [(K_ADD, 5)]),
    ("aten::linear", [(K_GEMM, 73)]),
    ("aten::add", [(K_ADD, 5)]),
    ("aten::matmul", [(K_BMM_TN, 43)]),
    ("aten::div", [(K_DIV, 4)]),
    ("aten::add", [(K_ADD_BCAST, 5)]),
    ("aten::softmax", [(K_SOFTMAX, 7)]),
    ("aten::matmul", [(K_BMM_NN, 43)]),
    ("aten::linear", [(K_GEMM, 73)]),
    ("aten::add", [(K_ADD, 5)]),
    ("aten::layer_norm", [(K_LAYER_NORM, 6)]),
    ("aten::linear", [(K_GEMM_NN, 122)]),
    ("aten::gelu", [(K_GELU, 8)]),
    ("aten::linear", [(K_GEMM, 122)]),
    ("aten::add", [(K_ADD, 5)]),
    ("aten::layer_norm", [(K_LAYER_NORM, 6)]),
]
A10_HEAD = [
    ("aten::linear", [(K_GEMM_SMALL, 9), (K_SPLITK, 3)]),  # M = 32: cuBLAS splits K
    ("aten::tanh", [(K_TANH, 2)]),
    ("aten::linear", [(K_GEMM_SMALL, 6), (K_SPLITK, 3)]),
]
assert [op for op, _ in A10_LAYER] == [op for op, _ in LAYER]
assert [op for op, _ in A10_HEAD] == [op for op, _ in HEAD]
CHILD_OP = {"aten::linear": "aten::addmm", "aten::matmul": "aten::bmm", "aten::softmax": "aten::_softmax",
            "aten::layer_norm": "aten::native_layer_norm"}
A10_STEPS = [(5, True), (6, False)]  # the first profiled step still pays first-call costs
CBID = {"cudaLaunchKernel": 211, "cudaMemcpyAsync": 41, "cudaStreamSynchronize": 131, "cudaMalloc": 20}


class KinetoWriter:
    """Collects host (cpu_op, user_annotation, python_function), runtime and device events and
    writes them in libkineto's ChromeTraceLogger layout."""

    def __init__(self):
        self.cpu, self.gpu = [], []  # host ops; (runtime call, device work) in CUPTI order
        self.external = 0
        self.correlation = 411_800
        self.sequence = 5_310
        self.python_id = 0

    def next_external(self):
        self.external += 1
        return self.external

    def op(self, name, ts, dur, cat="cpu_op", ext=None, sequence=True):
        args = {"External id": ext if ext is not None else self.next_external(), "Record function id": 0}
        if sequence:
            self.sequence += 1
            args.update({"Sequence number": self.sequence, "Fwd thread id": 0})
        self.cpu.append((ts, -dur, name, cat, dur, args))
        return args["External id"]

    def module(self, name, ts, dur):
        self.python_id += 1
        self.cpu.append((ts, -dur, name, "python_function", dur,
                         {"Python parent id": 1, "Python id": self.python_id + 1, "Python thread": 0}))

    def runtime(self, name, ts, dur, ext, device=None):
        """A CUDA runtime call; device: (cat, name, ts, dur, extra args) of the work it queued."""
        self.correlation += 1
        self.gpu.append(("runtime", name, ts, dur, ext, self.correlation, device))
        return self.correlation


def _ts(ns):
    return us(ns - A10_BASE_NS)


def _args(items):
    return ",".join(f" {json.dumps(k)}: {json.dumps(v, separators=(', ', ': '))}" for k, v in items).lstrip()


def write_kineto(k, span_start, span_end, path):
    out = []

    def event(body):
        out.append("  {\n" + body + "\n  }")

    def meta(name, pid, tid, key, value):
        event(f'    "name": "{name}", "ph": "M", "ts": {_ts(span_start)}, "pid": {pid}, "tid": {tid},\n'
              f'    "args": {{\n      "{key}": {json.dumps(value)}\n    }}')

    def x(cat, name, pid, tid, ts, dur, args):
        event(f'    "ph": "X", "cat": "{cat}", "name": {json.dumps(name)}, "pid": {pid}, "tid": {tid},\n'
              f'    "ts": {_ts(ts)}, "dur": {us(dur)},\n    "args": {{\n      {args}\n    }}')

    def flow(ph, fid, pid, tid, ts):
        end = ', "bp": "e"' if ph == "f" else ""
        event(f'    "ph": "{ph}", "id": {fid}, "pid": {pid}, "tid": {tid}, "ts": {_ts(ts)},\n'
              f'    "cat": "ac2g", "name": "ac2g"{end}')

    for pid, label, sort in [(A10_PID, "CPU", A10_PID), (0, "GPU 0", 5000000)]:
        meta("process_name", pid, 0, "name", "python3")
        meta("process_labels", pid, 0, "labels", label)
        meta("process_sort_index", pid, 0, "sort_index", sort)
    meta("thread_name", 0, STREAM, "name", f"stream {STREAM} ")  # the trailing space is Kineto's
    meta("thread_sort_index", 0, STREAM, "sort_index", STREAM)
    meta("thread_name", A10_PID, A10_PID, "name", f"thread {A10_PID} (python3)")
    meta("thread_sort_index", A10_PID, A10_PID, "sort_index", A10_PID)
    for ts, _, name, cat, dur, args in sorted(k.cpu, key=lambda e: (e[0], e[1])):
        x(cat, name, A10_PID, A10_PID, ts, dur, _args(args.items()))
    for _, name, ts, dur, ext, corr, device in k.gpu:
        if device:
            cat, dname, dts, ddur, extra = device
            fields = [("External id", ext)]
            if cat == "kernel":
                fields += [("queued", 0), ("device", 0), ("context", 1), ("stream", STREAM), ("correlation", corr)]
            else:
                fields += [("device", 0), ("context", 1), ("stream", STREAM), ("correlation", corr)]
            x(cat, dname, 0, STREAM, dts, ddur, _args(fields + extra))
            flow("f", corr, 0, STREAM, dts)
        x("cuda_runtime", name, A10_PID, A10_PID, ts, dur,
          _args([("External id", ext), ("cbid", CBID[name]), ("correlation", corr)]))
        if device or name == "cudaStreamSynchronize":  # Kineto links syncs too (the "f" needs cuda_sync)
            flow("s", corr, A10_PID, A10_PID, ts)
    event(f'    "ph": "X", "cat": "Trace", "ts": {_ts(span_start)}, "dur": {us(span_end - span_start)},\n'
          f'    "pid": "Spans", "tid": "PyTorch Profiler",\n    "name": "PyTorch Profiler (0)",\n'
          f'    "args": {{\n      "Op count": 0\n    }}')
    event(f'    "name": "process_sort_index", "ph": "M", "ts": {_ts(span_start)},\n'
          f'    "pid": "Spans", "tid": 0,\n    "args": {{\n      "sort_index": 536870912\n    }}')
    event(f'    "name": "Iteration Start: PyTorch Profiler", "ph": "i", "s": "g",\n'
          f'    "pid": "Traces", "tid": "Trace PyTorch Profiler", "ts": {_ts(span_start)}')
    event(f'    "name": "Record Window End", "ph": "i", "s": "g",\n'
          f'    "pid": "", "tid": "", "ts": {_ts(span_end)}')
    p = A10_PROPERTIES
    header = (
        "{\n  \"schemaVersion\": 1,\n  \"deviceProperties\": [\n    {\n"
        f"      \"id\": {p['id']}, \"name\": \"{p['name']}\", \"totalGlobalMem\": {p['totalGlobalMem']},\n"
        f"      \"computeMajor\": {p['computeMajor']}, \"computeMinor\": {p['computeMinor']},\n"
        f"      \"maxThreadsPerBlock\": {p['maxThreadsPerBlock']}, "
        f"\"maxThreadsPerMultiprocessor\": {p['maxThreadsPerMultiprocessor']},\n"
        f"      \"regsPerBlock\": {p['regsPerBlock']}, \"warpSize\": {p['warpSize']},\n"
        f"      \"sharedMemPerBlock\": {p['sharedMemPerBlock']}, \"numSms\": {p['numSms']}\n"
        f"    , \"regsPerMultiprocessor\": {p['regsPerMultiprocessor']}, "
        f"\"sharedMemPerBlockOptin\": {p['sharedMemPerBlockOptin']}, "
        f"\"sharedMemPerMultiprocessor\": {p['sharedMemPerMultiprocessor']}\n    }}\n    ],\n"
        "      \"cuda_driver_version\": 12020,\n      \"cuda_runtime_version\": 12010,\n"
        "      \"cupti_version\": 18,\n"
        "  \"displayTimeUnit\": \"ms\",\n"
        f"  \"baseTimeNanoseconds\": {A10_BASE_NS},\n"
        "  \"traceEvents\": [\n")
    footer = f"\n  ],\n  \"traceName\": \"/tmp/bert_a10/{os.path.basename(path)}\"\n}}\n"
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(header + ",\n".join(out) + footer)


class GpuTimeline(Timeline):
    """Host and GPU stream clocks: the main thread launches synchronously (no task queue)."""

    def __init__(self, rng, t0_ns):
        super().__init__(rng, t0_ns)
        self.mallocs = 0  # cudaMalloc calls still to make in a warm-up step


def cuda_op(k, tl, op, kernels):
    """One torch op on CUDA: the op, the child op that does the work, a cudaLaunchKernel per
    kernel and the kernels on stream 7; the GPU starts a kernel a few µs after its launch, or
    when the stream is free."""
    op_start = tl.host
    ext = k.next_external()
    tl.host += tl.h(5)
    child = CHILD_OP.get(op)
    child_start, child_ext = tl.host, ext
    if child:
        child_ext = k.next_external()
        tl.host += tl.h(2)
    if tl.mallocs and child:  # the caching allocator grows for the new activations
        tl.mallocs -= 1
        malloc = tl.jitter(200)
        k.runtime("cudaMalloc", tl.host, malloc, child_ext)
        tl.host += malloc + tl.h(1)
    for kernel, mean in kernels:
        launch, launch_dur = tl.host, tl.h(4.5)
        start = max(tl.device + tl.jitter(1), launch + tl.jitter(4))
        dur = tl.jitter(mean)
        regs, smem, grid, block, occupancy = KERNEL_SHAPE[kernel]
        blocks = grid[0] * grid[1] * grid[2]
        per_sm = blocks / A10_PROPERTIES["numSms"]
        warps = per_sm * block[0] * block[1] * block[2] / 32
        k.runtime("cudaLaunchKernel", launch, launch_dur, child_ext,
                  ("kernel", kernel, start, dur,
                   [("registers per thread", regs), ("shared memory", smem),
                    ("blocks per SM", round(per_sm, 6)), ("warps per SM", round(warps, 6)),
                    ("grid", grid), ("block", block), ("est. achieved occupancy %", occupancy)]))
        tl.busy.append((start, start + dur))
        tl.device = start + dur
        tl.host += launch_dur + tl.h(1)
    if child:
        tl.host += tl.h(1.5)
        k.op(child, child_start, tl.host - child_start, ext=child_ext, sequence=False)
    tl.host += tl.h(2.5)
    k.op(op, op_start, tl.host - op_start, ext=ext)


def cuda_copy_to_cpu(k, tl):
    """logits.to('cpu') into pageable memory: cudaMemcpyAsync returns only once the copy is done,
    i.e. after the GPU has drained everything queued before it; the sync after it is short."""
    to_start = tl.host
    ext_to = k.next_external()
    ext_to_copy = k.next_external()
    ext_copy = k.next_external()
    call = to_start + tl.h(9)
    copy_start = max(tl.device + tl.jitter(1.5), call + tl.jitter(6))
    copy_dur = tl.jitter(2.2)
    nbytes = 128  # 32 x 2 fp16 logits
    call_end = copy_start + copy_dur + tl.h(3)
    k.runtime("cudaMemcpyAsync", call, call_end - call, ext_copy,
              ("gpu_memcpy", "Memcpy DtoH (Device -> Pageable)", copy_start, copy_dur,
               [("bytes", nbytes), ("memory bandwidth (GB/s)", round(nbytes / copy_dur, 6))]))
    tl.busy.append((copy_start, copy_start + copy_dur))
    tl.device = copy_start + copy_dur
    sync_start = call_end + tl.h(1)
    sync_dur = tl.h(3)
    k.runtime("cudaStreamSynchronize", sync_start, sync_dur, ext_copy)
    to_end = sync_start + sync_dur + tl.h(6)
    for depth, (name, ext) in enumerate([("aten::to", ext_to), ("aten::_to_copy", ext_to_copy),
                                         ("aten::copy_", ext_copy)]):
        k.op(name, to_start + depth * 1500, to_end - to_start - depth * 3000, ext=ext, sequence=depth == 0)
    tl.host = to_end


def write_a10():
    rng = random.Random(20250108)
    k = KinetoWriter()
    tl = GpuTimeline(rng, A10_T0_NS)
    span_start = tl.host - 1_500_000
    previous_end = None
    for number, warmup in A10_STEPS:
        if previous_end is not None:
            tl.host = previous_end + 13_000
        tl.host_scale = 1.8 if warmup else 1.0
        tl.mallocs = 28 if warmup else 0
        step_start = tl.host
        step_ext = k.next_external()
        for layer in range(LAYERS):
            layer_start = tl.host
            for op, kernels in A10_LAYER:
                cuda_op(k, tl, op, kernels)
            k.module(f"nn.Module: BertLayer_{layer}", layer_start, tl.host - layer_start)
        for op, kernels in A10_HEAD:
            cuda_op(k, tl, op, kernels)
        cuda_copy_to_cpu(k, tl)
        previous_end = tl.host + 20_000
        k.op(f"ProfilerStep#{number}", step_start - 10_000, previous_end - step_start + 10_000,
             cat="user_annotation", ext=step_ext, sequence=False)
    write_kineto(k, span_start, previous_end + 600_000, os.path.join(SAMPLES, "bert_a10.pt.trace.json"))


def main():
    write_ascend(EAGER)
    write_ascend(TUNED)
    write_a10()


if __name__ == "__main__":
    main()
