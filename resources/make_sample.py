#!/usr/bin/env python3
"""Writes resources/samples/bert_eager_ascend_pt: a small torch_npu profiler export that tells the
migration story Lanescope exists for. A BERT-sized classifier runs one eager-mode step on an
Ascend NPU: the host queues hundreds of small, unfused kernels through torch_npu's task queue,
then calls .to('cpu') on the logits and sits blocked in aclrtSynchronizeStream while the NPU
drains them; the copy itself takes microseconds.

The layout and field shapes follow the real exports in tests/data/ascend (string "ts" in epoch
microseconds with 3 decimals, CANN pids = host_pid << 10 | sort_index << 5 | device, Enqueue /
Dequeue@ with async_task_queue flows, HostToDevice flows with string ids, async_npu flows whose
id is the task's start in ns, kernel_details.csv with trailing TABs in time cells, CRLF lines).
Deterministic: run it again and the bytes are the same.

    python3 resources/make_sample.py
"""
import json
import os
import random

HOST_PID = 2480317
MAIN_TID, DEQUEUE_TID = 2480317, 2481102
DEVICE = 0
T0_NS = 1736409000000000000  # 2025-01-09, like the real samples
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples", "bert_eager_ascend_pt")


def cann_pid(sort_index):
    return (HOST_PID << 10) | (sort_index << 5) | DEVICE


CANN, HARDWARE, FREQ, OVERLAP = cann_pid(7), cann_pid(13), cann_pid(14), cann_pid(23)


def us(ns):
    return f"{ns // 1000}.{ns % 1000:03d}"


class Writer:
    def __init__(self):
        self.events, self.kernel_rows = [], []
        self.connection = 900
        self.correlation = 8000

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


# (torch op, kernels it launches: (kernel type, accelerator core, mean device µs))
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


def write_metadata(w):
    for pid, name, label, sort in [(HOST_PID, "Python", "CPU", 0), (CANN, "CANN", "CPU", 7),
                                   (HARDWARE, "Ascend Hardware", "NPU", 13),
                                   (FREQ, "AI Core Freq", "NPU", 14),
                                   (OVERLAP, "Overlap Analysis", "NPU", 23)]:
        w.meta(pid, 0, "process_name", {"name": name})
        w.meta(pid, 0, "process_labels", {"labels": label})
        w.meta(pid, 0, "process_sort_index", {"sort_index": sort})
    for pid in (HOST_PID, CANN):
        for tid in (MAIN_TID, DEQUEUE_TID):
            w.meta(pid, tid, "thread_name", {"name": f"Thread {tid}"})
            w.meta(pid, tid, "thread_sort_index", {"sort_index": tid})
    w.meta(HARDWARE, 2, "thread_name", {"name": "Stream 2"})
    w.meta(HARDWARE, 2, "thread_sort_index", {"sort_index": 2})
    for tid, name in enumerate(["Computing", "Communication", "Communication(Not Overlapped)", "Free"]):
        w.meta(OVERLAP, tid, "thread_name", {"name": name})
        w.meta(OVERLAP, tid, "thread_sort_index", {"sort_index": tid})


class Timeline:
    """Host, dequeue thread and NPU stream clocks, in ns."""

    def __init__(self, rng):
        self.rng = rng
        self.host = T0_NS + 2_000_000
        self.dequeue = self.host
        self.device = self.host
        self.busy = []  # device task intervals

    def jitter(self, mean_us, spread=0.25):
        return int(mean_us * 1000 * (1 + self.rng.uniform(-spread, spread)))


def launch_op(w, tl, op, kernels, step_id):
    """One torch op: Enqueue on the main thread, Dequeue@ + CANN launches on the dequeue
    thread, one task per kernel on Stream 2; returns the op's host interval."""
    op_start = tl.host
    tl.host += tl.jitter(4)
    w.correlation += 1
    enqueue_start, enqueue_dur = tl.host, tl.jitter(6)
    tl.host += enqueue_dur
    op_end = tl.host + tl.jitter(3)
    w.x(HOST_PID, MAIN_TID, op, op_start, op_end - op_start, "cpu_op",
        {"Sequence number": w.correlation, "Fwd thread id": 0})
    w.x(HOST_PID, MAIN_TID, "Enqueue@aclnn" + kernels[0][0], enqueue_start, enqueue_dur, "enqueue",
        {"correlation_id": w.correlation})
    w.flow("s", "async_task_queue", "enqueue_to_dequeue", w.correlation, HOST_PID, MAIN_TID, enqueue_start)
    tl.host = op_end
    dq_start = max(tl.dequeue, enqueue_start + enqueue_dur + tl.jitter(4))
    t = dq_start + tl.jitter(3)
    first_task = True
    for kernel, core, mean in kernels:
        w.connection += 1
        call_dur = tl.jitter(8)
        api = "aclnn" + kernel
        w.x(CANN, DEQUEUE_TID, f"AscendCL@{api}", t, call_dur, None,
            {"Thread Id": DEQUEUE_TID, "Mode": "ACL_OP", "level": "acl", "id": api, "item_id": "0",
             "connection_id": w.connection})
        w.flow("s", "HostToDevice", f"HostToDevice{w.connection}", str(w.connection), CANN, DEQUEUE_TID, t, bp=False)
        start = max(tl.device + tl.jitter(1.5), t + call_dur + tl.jitter(2))
        dur = tl.jitter(mean)
        name = f"{api}_{kernel}AiCore_{kernel}"
        w.x(HARDWARE, 2, name, start, dur, None,
            {"Model Id": 4294967295, "Task Type": core,
             "Physic Stream Id": 2, "Task Id": w.connection, "connection_id": w.connection})
        w.flow("f", "HostToDevice", f"HostToDevice{w.connection}", str(w.connection), HARDWARE, 2, start)
        if first_task:
            w.flow("s", "async_npu", "torch_to_npu", start, HOST_PID, MAIN_TID, op_start)
            w.flow("f", "async_npu", "torch_to_npu", start, HARDWARE, 2, start)
            first_task = False
        w.kernel_rows.append((step_id, name, kernel, "dynamic", core, start, dur,
                              start - tl.device if tl.busy else 0))
        tl.busy.append((start, start + dur))
        tl.device = start + dur
        t += call_dur + tl.jitter(1)
    dq_end = t + tl.jitter(2)
    w.x(HOST_PID, DEQUEUE_TID, "Dequeue@aclnn" + kernels[0][0], dq_start, dq_end - dq_start, "dequeue",
        {"correlation_id": w.correlation})
    w.flow("f", "async_task_queue", "enqueue_to_dequeue", w.correlation, HOST_PID, DEQUEUE_TID, dq_start)
    tl.dequeue = dq_end
    return op_start, op_end


def copy_to_cpu(w, tl):
    """logits.to('cpu'): the host queues the copy, then synchronizes: blocked until the NPU has
    drained every task queued before it. The copy takes microseconds."""
    to_start = tl.host
    copy_call = max(tl.dequeue, to_start + tl.jitter(12))
    w.connection += 1
    call_dur = tl.jitter(14)
    w.x(CANN, MAIN_TID, "AscendCL@aclrtMemcpyAsync", copy_call, call_dur, None,
        {"Thread Id": MAIN_TID, "Mode": "ACL_RTS", "level": "acl", "id": "aclrtMemcpyAsync",
         "item_id": "0", "connection_id": w.connection})
    w.flow("s", "HostToDevice", f"HostToDevice{w.connection}", str(w.connection), CANN, MAIN_TID, copy_call, bp=False)
    copy_start = tl.device + tl.jitter(2)
    copy_dur = tl.jitter(18)
    w.x(HARDWARE, 2, "MEMCPY_ASYNC", copy_start, copy_dur, None,
        {"Model Id": 4294967295, "Task Type": "PCIE_DMA_SQE", "Physic Stream Id": 2,
         "Task Id": w.connection, "connection_id": w.connection,
         "data size(Byte)": 8, "memcpy direction": "device to host"})
    w.flow("f", "HostToDevice", f"HostToDevice{w.connection}", str(w.connection), HARDWARE, 2, copy_start)
    w.flow("s", "async_npu", "torch_to_npu", copy_start, HOST_PID, MAIN_TID, to_start)
    w.flow("f", "async_npu", "torch_to_npu", copy_start, HARDWARE, 2, copy_start)
    tl.busy.append((copy_start, copy_start + copy_dur))
    tl.device = copy_start + copy_dur
    sync_start = copy_call + call_dur + tl.jitter(2)
    sync_end = tl.device + tl.jitter(6)
    w.x(CANN, MAIN_TID, "AscendCL@aclrtSynchronizeStream", sync_start, sync_end - sync_start, None,
        {"Thread Id": MAIN_TID, "Mode": "ACL_RTS", "level": "acl", "id": "aclrtSynchronizeStream", "item_id": "0"})
    to_end = sync_end + tl.jitter(10)
    for depth, name in enumerate(["aten::to", "aten::_to_copy", "aten::copy_"]):
        w.x(HOST_PID, MAIN_TID, name, to_start + depth * 2000, to_end - to_start - depth * 4000, "cpu_op",
            {"Sequence number": -1, "Fwd thread id": 0})
    tl.host = to_end


def write_overlap(w, tl, begin, end):
    cursor = begin
    for start, stop in tl.busy:
        if start > cursor:
            w.x(OVERLAP, 3, "Free", cursor, start - cursor)
        w.x(OVERLAP, 0, "Computing", start, stop - start)
        cursor = stop
    if end > cursor:
        w.x(OVERLAP, 3, "Free", cursor, end - cursor)


def main():
    rng = random.Random(20250109)
    w = Writer()
    write_metadata(w)
    tl = Timeline(rng)
    step_start = tl.host
    for layer in range(LAYERS):
        layer_start = tl.host
        for op, kernels in LAYER:
            launch_op(w, tl, op, kernels, 1)
        w.x(HOST_PID, MAIN_TID, f"nn.Module: BertLayer_{layer}", layer_start, tl.host - layer_start,
            "python_function")
    for op, kernels in [("aten::linear", [("MatMulV2", "AI_CORE", 20)]),
                        ("aten::tanh", [("Tanh", "AI_VECTOR_CORE", 3)]),
                        ("aten::linear", [("MatMulV2", "AI_CORE", 12)])]:
        launch_op(w, tl, op, kernels, 1)
    copy_to_cpu(w, tl)
    step_end = tl.host + 20_000
    w.x(HOST_PID, MAIN_TID, "ProfilerStep#1", step_start - 10_000, step_end - step_start + 10_000, "cpu_op")
    device_begin = tl.busy[0][0]
    write_overlap(w, tl, device_begin, tl.device)
    for k, ts in enumerate(range(T0_NS, step_end, 1_000_000)):
        w.events.append({"name": "AI Core Freq", "ph": "C", "pid": FREQ, "tid": 0, "ts": us(ts),
                         "args": {"MHz": 1800 if k % 3 else 1650}})
    out_dir = os.path.join(OUT, "ASCEND_PROFILER_OUTPUT")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "trace_view.json"), "w", encoding="utf-8", newline="") as f:
        f.write(json.dumps(w.events, ensure_ascii=False))
    write_kernel_details(w, out_dir)
    write_step_trace(tl, out_dir, step_start, step_end)
    with open(os.path.join(OUT, "profiler_info_0.json"), "w", encoding="utf-8") as f:
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


def write_step_trace(tl, out_dir, step_start, step_end):
    computing = sum(stop - start for start, stop in tl.busy)
    span = tl.device - tl.busy[0][0]
    free = span - computing
    row = [1, computing / 1000, 0, 0, 0, free / 1000, span / 1000, 0, 0, (tl.busy[0][0] - step_start) / 1000]
    header = "Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,Stage,Bubble," \
             "Communication(Not Overlapped and Exclude Receive),Preparing"
    with open(os.path.join(out_dir, "step_trace_time.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(header + "\r\n" + ",".join(f"{v}" for v in row) + "\r\n")


if __name__ == "__main__":
    main()
