#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
"""Independent oracle for Lanescope's "operator statistics".

Reads one profiler trace (Kineto / PyTorch-profiler JSON, plain or .gz, or a torch_npu
`trace_view.json`) and computes, per top-level host operator name, the host time, the device
time of every device task the operator (or any operator nested in it) launched, and the number
of those tasks; plus per-kernel-type device totals. The rules are in tests/oracle/README.md; this
file is written from those rules only (not from the C++ code) so the two can check each other.

Standard library only.

    python3 tests/oracle/op_stats_oracle.py TRACE_PATH [--steps all|after-first] [--out FILE.json]
"""
import argparse
import bisect
import csv
import decimal
import gzip
import hashlib
import json
import os
import re
import sys
from decimal import Decimal

decimal.getcontext().prec = 60

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

HOST_OP_CATS = {"cpu_op", "operator"}
STEP_CATS = {"user_annotation", "cpu_op", "operator"}
KINETO_TASK_CATS = {"kernel", "gpu_memcpy", "gpu_memset", "memcpy", "memset"}
KINETO_FLOW_CATS = {"ac2g", "async_cpu_to_gpu", "async"}
STEP_RE = re.compile(r"^ProfilerStep#")
INT_RE = re.compile(r"^-?[0-9]+$")
NON_WORK_SUBSTRINGS = ("event_record", "event_wait", "notify", "profiling_enable", "profiling_disable",
                       "wait", "synchroniz")


# ---------------------------------------------------------------------------------------------
# time and identity helpers

def to_ns(value):
    """µs (JSON int, JSON float parsed as Decimal from its text, or decimal string) -> int ns,
    rounded to the nearest ns, halves away from zero."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise ValueError("boolean time value")
    if isinstance(value, int):
        return value * 1000
    if isinstance(value, str):
        value = Decimal(value.strip().strip("\t"))
    elif isinstance(value, float):  # never produced with parse_float=Decimal; kept for safety
        value = Decimal(repr(value))
    return int((value * 1000).to_integral_value(rounding=decimal.ROUND_HALF_UP))


def norm_id(v):
    """pid/tid identity: an all-digit string ("25738") is the same thread as the number 25738
    (2021 Kineto writes CPU tids as strings on X events but as numbers on flow events)."""
    if isinstance(v, str) and INT_RE.match(v):
        return int(v)
    return v


def is_non_work(name):
    low = name.lower()
    if any(s in low for s in NON_WORK_SUBSTRINGS):
        return True
    return name.strip().lower() == "write value"


# ---------------------------------------------------------------------------------------------
# slices and per-thread lanes

class Slice:
    __slots__ = ("idx", "pid", "tid", "name", "cat", "start", "dur", "end", "args", "lane_pos",
                 "cpu_pos")

    def __init__(self, idx, e):
        self.idx = idx
        self.pid = norm_id(e.get("pid"))
        self.tid = norm_id(e.get("tid"))
        self.name = str(e.get("name", ""))
        self.cat = str(e.get("cat") or "")
        self.start = to_ns(e.get("ts"))
        self.dur = to_ns(e.get("dur", 0))
        self.end = self.start + self.dur
        self.args = e.get("args") or {}
        self.lane_pos = -1
        self.cpu_pos = -1

    def key(self):
        # parent-before-child order: earlier start, then longer, then earlier in the file
        return (self.start, -self.dur, self.idx)


class Lane:
    """Slices of one (pid, tid), sorted parent-before-child, with a max-end segment tree for
    'innermost slice enclosing t' and a prefix max of ends for 'outermost slice containing s'."""

    def __init__(self, slices):
        self.slices = sorted(slices, key=Slice.key)
        self.starts = [s.start for s in self.slices]
        self.ends = [s.end for s in self.slices]
        n = len(self.slices)
        size = 1
        while size < max(n, 1):
            size *= 2
        self.size = size
        tree = [-(1 << 62)] * (2 * size)
        for i, e in enumerate(self.ends):
            tree[size + i] = e
        for i in range(size - 1, 0, -1):
            tree[i] = max(tree[2 * i], tree[2 * i + 1])
        self.tree = tree
        pm, m = [], -(1 << 62)
        for e in self.ends:
            m = max(m, e)
            pm.append(m)
        self.prefmax = pm

    def _rightmost(self, node, lo, hi, k, t):
        if lo > k or self.tree[node] < t:
            return -1
        if lo == hi:
            return lo
        mid = (lo + hi) // 2
        r = self._rightmost(2 * node + 1, mid + 1, hi, k, t)
        if r != -1:
            return r
        return self._rightmost(2 * node, lo, mid, k, t)

    def innermost_enclosing(self, t, half_open=False):
        """Innermost slice with start <= t <= end (closed), i.e. the last one in
        parent-before-child order among those enclosing t. half_open: end > t instead."""
        k = bisect.bisect_right(self.starts, t) - 1
        if k < 0:
            return None
        j = self._rightmost(1, 0, self.size - 1, k, t + 1 if half_open else t)
        return self.slices[j] if j >= 0 else None

    def innermost_starting_at(self, t):
        lo = bisect.bisect_left(self.starts, t)
        hi = bisect.bisect_right(self.starts, t)
        return self.slices[hi - 1] if hi > lo else None

    def outermost_containing(self, s, pos):
        """Outermost slice of this lane containing slice s (s is at position pos in this lane)."""
        j = bisect.bisect_left(self.prefmax, s.end)
        assert j <= pos
        return self.slices[j]

    def is_top(self, pos):
        return pos == 0 or self.prefmax[pos - 1] < self.ends[pos]


# ---------------------------------------------------------------------------------------------
# trace model

def load_events(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        data = json.load(f, parse_float=Decimal)
    if isinstance(data, dict):
        return data.get("traceEvents", []), data
    return data, None


class Trace:
    def __init__(self, path):
        self.path = path
        self.events, self.top = load_events(path)
        self.slices = []
        self.flows = []
        self.proc_names = {}
        self.thread_names = {}
        for idx, e in enumerate(self.events):
            ph = e.get("ph")
            if ph == "X":
                self.slices.append(Slice(idx, e))
            elif ph in ("s", "f"):
                self.flows.append((idx, e))
            elif ph == "M":
                args = e.get("args") or {}
                if e.get("name") == "process_name":
                    self.proc_names[norm_id(e.get("pid"))] = str(args.get("name", ""))
                elif e.get("name") == "thread_name":
                    self.thread_names[(norm_id(e.get("pid")), norm_id(e.get("tid")))] = str(args.get("name", ""))
        self.is_ascend = any(n == "Ascend Hardware" for n in self.proc_names.values())
        by_thread = {}
        for s in self.slices:
            by_thread.setdefault((s.pid, s.tid), []).append(s)
        self.lanes = {k: Lane(v) for k, v in by_thread.items()}
        for lane in self.lanes.values():
            for i, s in enumerate(lane.slices):
                s.lane_pos = i
        python_pids = {p for p, n in self.proc_names.items() if n == "Python"} if self.is_ascend else set()
        self.host_ops = []
        self.steps = []
        for s in self.slices:
            cat = s.cat.lower()
            host_thread = (s.pid in python_pids) if self.is_ascend else True
            if not host_thread:
                continue
            if STEP_RE.match(s.name):
                if cat in STEP_CATS:
                    self.steps.append(s)
                continue
            if cat in HOST_OP_CATS:
                self.host_ops.append(s)
        cpu_by_thread = {}
        for s in self.host_ops:
            cpu_by_thread.setdefault((s.pid, s.tid), []).append(s)
        self.cpu_lanes = {k: Lane(v) for k, v in cpu_by_thread.items()}
        for lane in self.cpu_lanes.values():
            for i, s in enumerate(lane.slices):
                s.cpu_pos = i
        self.steps.sort(key=Slice.key)
        self.diag = {}

    # --- binding helpers
    def lane(self, pid, tid):
        return self.lanes.get((pid, tid))

    def bind_flow_end(self, e):
        """Slice a flow end binds to: 'f' with bp 'e' -> innermost slice enclosing ts; other 'f'
        -> (innermost) slice starting at ts; 's' -> innermost slice enclosing ts."""
        lane = self.lane(norm_id(e.get("pid")), norm_id(e.get("tid")))
        if lane is None:
            return None
        t = to_ns(e.get("ts"))
        if e.get("ph") == "f" and e.get("bp") != "e":
            return lane.innermost_starting_at(t)
        return lane.innermost_enclosing(t)

    def innermost_cpu_op(self, pid, tid, t):
        lane = self.cpu_lanes.get((pid, tid))
        if lane is None:
            return None
        r = lane.innermost_enclosing(t)
        r2 = lane.innermost_enclosing(t, half_open=True)
        if r is not r2:
            self.diag["closed_vs_half_open_cpu_op_lookups_differ"] = \
                self.diag.get("closed_vs_half_open_cpu_op_lookups_differ", 0) + 1
        return r

    def top_level_of(self, op):
        lane = self.cpu_lanes[(op.pid, op.tid)]
        return lane.outermost_containing(op, op.cpu_pos)

    def top_level_ops(self):
        out = []
        for lane in self.cpu_lanes.values():
            for i, s in enumerate(lane.slices):
                if lane.is_top(i):
                    out.append(s)
        out.sort(key=lambda s: s.idx)
        return out

    def flow_pairs(self, cats):
        """{(cat, id): ([s events], [f events])} for flows whose cat (lower-case) is in cats."""
        pairs = {}
        for idx, e in self.flows:
            cat = str(e.get("cat") or "")
            if cat.lower() not in cats:
                continue
            key = (cat, e.get("id"))
            ent = pairs.setdefault(key, ([], []))
            ent[0 if e["ph"] == "s" else 1].append(e)
        return pairs


# ---------------------------------------------------------------------------------------------
# device tasks and linking

def kineto_tasks(tr):
    return [s for s in tr.slices if s.cat.lower() in KINETO_TASK_CATS]


def ascend_tasks(tr):
    hw = {p for p, n in tr.proc_names.items() if n == "Ascend Hardware"}
    comm = {p for p, n in tr.proc_names.items() if n in ("HCCL", "Communication")}
    out = []
    for s in tr.slices:
        if s.pid in hw:
            out.append(s)
        elif s.pid in comm and tr.thread_names.get((s.pid, s.tid), "").startswith("Group"):
            out.append(s)
    return out


def link_kineto(tr, tasks):
    """task idx -> (launching cpu_op, method)."""
    links = {}
    pairs = tr.flow_pairs(KINETO_FLOW_CATS)
    task_set = {id(t) for t in tasks}
    flow_of_task = {}
    ambiguous = 0
    for key, (ss, fs) in pairs.items():
        if not ss or not fs:
            continue
        if len(ss) > 1:
            ambiguous += 1
        s_slice = tr.bind_flow_end(ss[0])
        if s_slice is None:
            continue
        for f in fs:
            t = tr.bind_flow_end(f)
            if t is not None and id(t) in task_set and id(t) not in flow_of_task:
                flow_of_task[id(t)] = s_slice
    runtime_by_corr = {}
    for s in tr.slices:
        c = s.cat.lower()
        if c in ("cuda_runtime", "cuda_driver", "runtime") or c.endswith("_runtime") or c.endswith("_driver"):
            corr = s.args.get("correlation")
            if corr is not None and corr not in runtime_by_corr:
                runtime_by_corr[corr] = s
    for t in tasks:
        if id(t) in flow_of_task:
            call = flow_of_task[id(t)]
            method = "flow"
        else:
            call = runtime_by_corr.get(t.args.get("correlation"))
            method = "correlation"
        if call is None:
            continue
        op = tr.innermost_cpu_op(call.pid, call.tid, call.start)
        if op is not None:
            links[t.idx] = (op, method)
    if ambiguous:
        tr.diag["flow_keys_with_several_s"] = ambiguous
    return links


def link_ascend(tr, tasks):
    links = {}
    task_set = {id(t) for t in tasks}
    # (a) async_npu
    npu_op_of_task = {}
    for key, (ss, fs) in tr.flow_pairs({"async_npu"}).items():
        if not ss or not fs:
            continue
        s = ss[0]
        op = tr.innermost_cpu_op(norm_id(s.get("pid")), norm_id(s.get("tid")), to_ns(s.get("ts")))
        for f in fs:
            t = tr.bind_flow_end(f)
            if t is not None and id(t) in task_set and id(t) not in npu_op_of_task:
                npu_op_of_task[id(t)] = op
    # async_task_queue: dequeue slice -> enqueue slice
    enqueue_of_dequeue = {}
    for key, (ss, fs) in tr.flow_pairs({"async_task_queue"}).items():
        if not ss or not fs:
            continue
        enq = tr.bind_flow_end(ss[0])
        for f in fs:
            deq = tr.bind_flow_end(f)
            if deq is not None and enq is not None:
                enqueue_of_dequeue.setdefault(id(deq), enq)
    # (b) HostToDevice
    call_of_task = {}
    for key, (ss, fs) in tr.flow_pairs({"hosttodevice"}).items():
        if not ss or not fs:
            continue
        call = tr.bind_flow_end(ss[0])
        for f in fs:
            t = tr.bind_flow_end(f)
            if t is not None and id(t) in task_set and id(t) not in call_of_task:
                call_of_task[id(t)] = call
    dequeue_not_innermost = 0
    for t in tasks:
        op = npu_op_of_task.get(id(t))
        if op is not None:
            links[t.idx] = (op, "async_npu")
            continue
        call = call_of_task.get(id(t))
        if call is None:
            continue
        host_pid = call.pid >> 10 if isinstance(call.pid, int) else None
        py_lane = tr.lane(host_pid, call.tid)
        if py_lane is None:
            continue
        inner = py_lane.innermost_enclosing(call.start)
        if inner is not None and inner.cat.lower() == "dequeue":
            enq = enqueue_of_dequeue.get(id(inner))
            if enq is None:
                continue
            op = tr.innermost_cpu_op(enq.pid, enq.tid, enq.start)
            method = "host_to_device_via_dequeue"
        else:
            # diagnostic: is there a Dequeue slice enclosing the call that is not the innermost?
            k = bisect.bisect_right(py_lane.starts, call.start)
            for s in py_lane.slices[:k]:
                if s.cat.lower() == "dequeue" and s.start <= call.start <= s.end:
                    dequeue_not_innermost += 1
                    break
            op = tr.innermost_cpu_op(host_pid, call.tid, call.start)
            method = "host_to_device_direct"
        if op is not None:
            links[t.idx] = (op, method)
    if dequeue_not_innermost:
        tr.diag["host_to_device_calls_with_enclosing_but_not_innermost_dequeue"] = dequeue_not_innermost
    return links


# ---------------------------------------------------------------------------------------------
# kernel types

def ascend_kernel_type_lookup(trace_path):
    path = os.path.join(os.path.dirname(os.path.abspath(trace_path)), "kernel_details.csv")
    if not os.path.exists(path):
        return None
    rows = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            st = (row.get("Start Time(us)") or "").strip()
            if not st:
                continue
            rows.setdefault(to_ns(st), []).append(((row.get("Name") or "").strip(), (row.get("Type") or "").strip()))
    return rows


def kernel_types(tr, work_tasks):
    diag = {}
    if tr.is_ascend:
        lookup = ascend_kernel_type_lookup(tr.path)
        starts = {}
        for t in work_tasks:
            starts[t.start] = starts.get(t.start, 0) + 1
        no_row = by_name = 0

        def type_of(t):
            nonlocal no_row, by_name
            cands = lookup.get(t.start, []) if lookup is not None else []
            if len(cands) == 1 and starts[t.start] == 1:
                return cands[0][1]
            named = [ty for (nm, ty) in cands if nm == t.name]
            if named:
                by_name += 1
                return named[0]
            no_row += 1
            return t.name
        typed = [(type_of(t), t) for t in work_tasks]
        diag = {"kernel_details_csv": lookup is not None, "tasks_without_kernel_details_row": no_row,
                "tasks_matched_by_start_and_name": by_name}
    else:
        typed = [(t.name, t) for t in work_tasks]
    agg = {}
    for ty, t in typed:
        a = agg.setdefault(ty, {"type": ty, "count": 0, "device_ns": 0, "min_ns": None, "max_ns": None})
        a["count"] += 1
        a["device_ns"] += t.dur
        a["min_ns"] = t.dur if a["min_ns"] is None else min(a["min_ns"], t.dur)
        a["max_ns"] = t.dur if a["max_ns"] is None else max(a["max_ns"], t.dur)
    return sorted(agg.values(), key=lambda a: (-a["device_ns"], a["type"])), diag


# ---------------------------------------------------------------------------------------------
# aggregation

def op_table(instances, dev_of_instance, kern_of_instance):
    agg = {}
    for op in instances:
        d = dev_of_instance.get(op.idx, 0)
        k = kern_of_instance.get(op.idx, 0)
        a = agg.get(op.name)
        if a is None:
            a = agg[op.name] = {"name": op.name, "count": 0, "host_ns": 0, "device_ns": 0, "kernels": 0,
                                "device_min_ns": d, "device_max_ns": d}
        a["count"] += 1
        a["host_ns"] += op.dur
        a["device_ns"] += d
        a["kernels"] += k
        a["device_min_ns"] = min(a["device_min_ns"], d)
        a["device_max_ns"] = max(a["device_max_ns"], d)
    return sorted(agg.values(), key=lambda a: (-a["device_ns"], a["name"]))


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


COLLECTIVE_WORDS = ("hcom", "hccl", "nccl", "allreduce", "all_reduce", "allgather", "all_gather",
                    "reducescatter", "reduce_scatter", "alltoall", "all_to_all")


def is_collective(name):
    low = name.lower()
    return any(w in low for w in COLLECTIVE_WORDS)


def in_step(op, step):
    return step.start <= op.start < step.end


def analyze(path, steps_mode="all"):
    tr = Trace(path)
    tasks = ascend_tasks(tr) if tr.is_ascend else kineto_tasks(tr)
    work = [t for t in tasks if not is_non_work(t.name)]
    links = link_ascend(tr, work) if tr.is_ascend else link_kineto(tr, work)
    dev, kern = {}, {}
    methods = {}
    top_of = {}
    for t in work:
        ln = links.get(t.idx)
        if ln is not None:
            top_of[t.idx] = (tr.top_level_of(ln[0]), ln[1])
    # A collective counts each moment once: a task starting inside a communication task of the same
    # top-level op is one of that collective's steps.
    collectives = {}
    for t in work:
        if t.idx in top_of and is_collective(t.name):
            collectives.setdefault(top_of[t.idx][0].idx, []).append((t.start, t.start + t.dur))
    inside = 0
    for t in work:
        if t.idx not in top_of:
            continue
        top, method = top_of[t.idx]
        if not is_collective(t.name) and any(s <= t.start < e
                                             for s, e in collectives.get(top.idx, [])):
            inside += 1
            continue
        methods[method] = methods.get(method, 0) + 1
        dev[top.idx] = dev.get(top.idx, 0) + t.dur
        kern[top.idx] = kern.get(top.idx, 0) + 1
    tops = tr.top_level_ops()
    ktypes, kdiag = kernel_types(tr, work)
    rel = os.path.relpath(os.path.abspath(path), REPO_ROOT)
    if rel.startswith(".."):
        rel = path
    out = {
        "trace": rel.replace(os.sep, "/"),
        "trace_sha256": file_sha256(path),
        "format": "ascend" if tr.is_ascend else "kineto",
        "scope": steps_mode,
        "tasks_total": len(tasks),
        "tasks_excluded_non_work": len(tasks) - len(work),
        "tasks_linked": sum(methods.values()),
        "tasks_inside_collectives": inside,
        "tasks_linked_by": methods,
        "host_ops_total": len(tr.host_ops),
        "top_level_ops_total": len(tops),
        "kernel_types": ktypes,
    }
    whole = op_table(tops, dev, kern)
    if steps_mode == "all":
        out["operators"] = whole
    else:
        steps = tr.steps
        chosen = steps[1:] if len(steps) >= 2 else list(steps)
        if steps:
            scoped = [op for op in tops if any(in_step(op, s) for s in chosen)]
        else:
            scoped = tops
            out["scope_note"] = "no ProfilerStep# on a host thread: after-first falls back to the whole trace"
        out["operators"] = op_table(scoped, dev, kern)
        out["operators_whole_trace"] = whole
        chosen_ids = {s.idx for s in chosen}
        out["steps"] = [{"name": s.name, "host_ns": s.dur, "chosen": s.idx in chosen_ids,
                         "operators": op_table([op for op in tops if in_step(op, s)], dev, kern)}
                        for s in steps]
    d = dict(tr.diag)
    d.update(kdiag)
    out["diagnostics"] = d
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("trace")
    ap.add_argument("--steps", choices=["all", "after-first"], default="all")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    res = analyze(args.trace, args.steps)
    text = json.dumps(res, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
