#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
"""HTA's last-iteration filter and breakdowns on a trace whose device lags the host.

Writes `tests/data/kineto/lanescope__device_lags_two_steps.json` (a hand-built Kineto trace shaped
like real training: forward launched from the main thread, backward from the autograd thread, the
GPU running kernels back to back from a backlog two steps behind the host) and prints, as JSON,
what Holistic Trace Analysis computes on it, and the kernel time each step launched. The rules are ported from HTA, not from Lanescope:

- `Trace._filter_irrelevant_gpu_kernels`: with at least two distinct ProfilerStep names, keep the
  CPU events (stream -1) whose ts is before the last ProfilerStep's ts, and the GPU events whose
  correlation equals a kept CPU event's correlation (an inner join: GPU work launched in the last
  step is dropped wherever it runs, GPU work launched before it is kept wherever it runs).
- `get_temporal_breakdown`: span = last kept GPU end - first kept GPU start, idle = span - union.
- `get_idle_time_breakdown`: per stream by ts, the gap before a kernel is host wait when its
  launch started after the previous kernel ended, kernel wait when shorter than 30 µs, else other.

Standard library only. Run: python3 tests/oracle/hta_last_step_oracle.py [--write]
"""
import json
import os
import sys

BASE = 1_700_000_000_000  # µs
STEPS = [10, 11, 12, 13]
STEP_US = 1000            # host step length
FWD, BWD = 12, 12          # kernels per step launched by the main and the autograd thread
LAUNCH_EVERY = 30          # µs between launches
KERNEL_US = 55             # the GPU needs 24 * 55 = 1320 µs per step: it falls behind
COPY_US = 40               # one host-to-device copy per step on stream 20, launched first


def build():
    events = [
        {"ph": "M", "name": "process_labels", "pid": 0, "tid": 0, "args": {"labels": "GPU 0"}},
        {"ph": "M", "name": "thread_name", "pid": 100, "tid": 100, "args": {"name": "main"}},
        {"ph": "M", "name": "thread_name", "pid": 100, "tid": 200, "args": {"name": "autograd"}},
    ]
    corr = 1000
    gpu_free = {7: BASE + 150, 20: BASE}  # stream -> when it can start the next task
    for k, step in enumerate(STEPS):
        t0 = BASE + k * STEP_US
        events.append({"ph": "X", "cat": "user_annotation", "name": f"ProfilerStep#{step}",
                       "pid": 100, "tid": 100, "ts": t0, "dur": STEP_US - 2})
        launches = [(t0 + 5, 100, "Memcpy HtoD (Pinned -> Device)", 20, COPY_US, "gpu_memcpy")]
        for i in range(FWD):
            launches.append((t0 + 20 + i * LAUNCH_EVERY, 100, f"fwd_kernel_{i}", 7, KERNEL_US,
                             "kernel"))
        for i in range(BWD):
            launches.append((t0 + 20 + FWD * LAUNCH_EVERY + 10 + i * LAUNCH_EVERY, 200,
                             f"bwd_kernel_{i}", 7, KERNEL_US, "kernel"))
        for ts, tid, name, stream, dur, cat in launches:
            corr += 1
            api = "cudaMemcpyAsync" if cat == "gpu_memcpy" else "cudaLaunchKernel"
            events.append({"ph": "X", "cat": "cuda_runtime", "name": api, "pid": 100, "tid": tid,
                           "ts": ts, "dur": 6, "args": {"correlation": corr}})
            start = max(gpu_free[stream], ts + 8)
            # The optimizer's step: the host syncs once a step, the GPU idles 80 µs after it.
            if name == "fwd_kernel_0" and k == 1:
                start += 80
            events.append({"ph": "X", "cat": cat, "name": name, "pid": 0, "tid": stream,
                           "ts": start, "dur": dur,
                           "args": {"correlation": corr, "stream": stream, "device": 0}})
            gpu_free[stream] = start + dur
    return {"traceEvents": events, "displayTimeUnit": "ms"}


def hta(doc):
    events = [e for e in doc["traceEvents"] if e.get("ph") == "X"]
    cpu = [e for e in events if e["pid"] != 0]
    gpu = [e for e in events if e["pid"] == 0]
    step_names = {e["name"] for e in cpu if "ProfilerStep" in e["name"]}
    if len(step_names) >= 2:
        last = max(e["ts"] for e in cpu if "ProfilerStep" in e["name"])
        kept_corr = {e["args"]["correlation"] for e in cpu
                     if e["ts"] < last and "correlation" in e.get("args", {})}
        gpu = [e for e in gpu if e["args"]["correlation"] in kept_corr]
    starts = [e["ts"] for e in gpu]
    ends = [e["ts"] + e["dur"] for e in gpu]
    span = max(ends) - min(starts)
    busy = 0
    cur_s = cur_e = None
    for s, e in sorted(zip(starts, ends)):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                busy += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    busy += cur_e - cur_s
    launch_ts = {e["args"]["correlation"]: e["ts"] for e in cpu
                 if "correlation" in e.get("args", {})}
    idle = {}
    for stream in sorted({e["tid"] for e in gpu}):
        tasks = sorted((e for e in gpu if e["tid"] == stream), key=lambda e: e["ts"])
        host = kernel = other = 0
        for prev, cur in zip(tasks, tasks[1:]):
            gap = cur["ts"] - (prev["ts"] + prev["dur"])
            if launch_ts[cur["args"]["correlation"]] > prev["ts"] + prev["dur"]:
                host += gap
            elif gap < 30:
                kernel += gap
            else:
                other += gap
        idle[str(stream)] = {"host_wait_us": host, "kernel_wait_us": kernel,
                             "other_wait_us": other, "gaps": len(tasks) - 1}
    return {"tasks": len(gpu), "span_us": span, "idle_us": span - busy, "idle": idle,
            "last_step_start_us": max(e["ts"] for e in cpu if "ProfilerStep" in e["name"]) - BASE}


def launched_compute_per_step(doc):
    """Per ProfilerStep, the kernel time it launched (launch ts inside the step), wherever it ran:
    what each step cost the device, which a device running a backlog shows steps later."""
    events = [e for e in doc["traceEvents"] if e.get("ph") == "X"]
    steps = [e for e in events if e["name"].startswith("ProfilerStep#")]
    launch_ts = {e["args"]["correlation"]: e["ts"] for e in events
                 if e["cat"] == "cuda_runtime"}
    out = {}
    for step in steps:
        out[step["name"][len("ProfilerStep#"):]] = sum(
            e["dur"] for e in events if e["cat"] == "kernel" and
            step["ts"] <= launch_ts[e["args"]["correlation"]] < step["ts"] + step["dur"])
    return out


def main():
    doc = build()
    if "--write" in sys.argv:
        here = os.path.dirname(os.path.abspath(__file__))
        out = os.path.join(here, "..", "data", "kineto", "lanescope__device_lags_two_steps.json")
        with open(out, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
    print(json.dumps({"hta": hta(doc), "launched_compute_us": launched_compute_per_step(doc)},
                     indent=1))


if __name__ == "__main__":
    main()
