#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
"""Prints what the embedded samples written by make_sample.py contain: per ProfilerStep its host
duration, the wait in the blocking .to('cpu'), the device busy time, the top-level torch ops by
name and the device kernels by type; checks that every JSON file loads and that every file is at
most 1 MB (10^6 bytes). Exits non-zero when a check fails.

    python3 resources/check_samples.py
"""
import collections
import csv
import json
import os
import sys

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")
MAX_BYTES = 1_000_000


def ns(ts):
    """Ascend "ts" strings and Kineto floats, to integer ns (exact for the 3-decimal text)."""
    text = ts if isinstance(ts, str) else f"{ts:.3f}"
    whole, _, frac = text.partition(".")
    return int(whole) * 1000 + int((frac + "000")[:3])


def top_level(ops):
    """ops: (start, end, name) on one thread; those not inside another, by start."""
    out, end = [], None
    for start, stop, name in sorted(ops, key=lambda o: (o[0], -o[1])):
        if end is not None and start < end:
            continue
        out.append(name)
        end = stop
    return out


def show(title, steps, ops, kernels, apis, busy, extra=""):
    """apis: the blocking API calls in .to('cpu') (aclrtSynchronizeStream; cudaMemcpyAsync to
    pageable memory, which returns when the copy is done)."""
    print(f"== {title}{extra}")
    for number, start, end in steps:
        inside = [o for o in ops if start <= o[0] and o[1] <= end]
        tops = collections.Counter(top_level(inside))
        ks = collections.Counter(k for n, k in kernels if n == number)
        to = sum(o[1] - o[0] for o in inside if o[2] == "aten::to")
        api = sum(stop - begin for begin, stop in apis if start <= begin < end)
        dev = sum(stop - begin for begin, stop in busy if start <= begin < end)
        print(f"  ProfilerStep#{number}: host {(end - start) / 1e6:.3f} ms, aten::to {to / 1e6:.3f} ms "
              f"(blocking API {api / 1e6:.3f} ms), device busy {dev / 1e6:.3f} ms; "
              f"{sum(tops.values())} top-level ops, {sum(ks.values())} device tasks")
        print("    ops:     " + ", ".join(f"{name} {n}" for name, n in sorted(tops.items())))
        if max(map(len, ks), default=0) > 40:
            print("    kernels:\n" + "\n".join(f"      {n:4} {name}" for name, n in sorted(ks.items())))
        else:
            print("    kernels: " + ", ".join(f"{name} {n}" for name, n in sorted(ks.items())))


def check_ascend(folder):
    root = os.path.join(SAMPLES, folder, "ASCEND_PROFILER_OUTPUT")
    with open(os.path.join(root, "trace_view.json"), encoding="utf-8") as f:
        events = json.load(f)
    host = next(e["pid"] for e in events if e.get("name") == "process_name" and e["args"]["name"] == "Python")
    steps, ops, apis, busy = [], [], [], []
    for e in events:
        if e["ph"] != "X":
            continue
        start = ns(e["ts"])
        end = start + round(e["dur"] * 1000)
        if e["name"].startswith("ProfilerStep#"):
            steps.append((int(e["name"][13:]), start, end))
        elif e["pid"] == host and e.get("cat") == "cpu_op":
            ops.append((start, end, e["name"]))
        elif e["name"] == "AscendCL@aclrtSynchronizeStream":
            apis.append((start, end))
        elif e.get("args", {}).get("Task Type") is not None:
            busy.append((start, end))
    kernels = []
    with open(os.path.join(root, "kernel_details.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            kernels.append((int(row["Step Id"]), row["Type"]))
    for number, start, end in steps:  # the copy has no kernel_details row
        kernels += [(number, "MEMCPY_ASYNC") for e in events if e.get("name") == "MEMCPY_ASYNC"
                    and start <= ns(e["ts"]) < end]
    with open(os.path.join(root, "step_trace_time.csv"), encoding="utf-8", newline="") as f:
        trace_rows = [r["Step"] + ": computing " + r["Computing"] + " µs, free " + r["Free"] + " µs"
                      for r in csv.DictReader(f)]
    show(folder, sorted(steps), ops, kernels, apis, busy, " (step_trace_time.csv " + "; ".join(trace_rows) + ")")


def check_kineto(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        doc = json.load(f)
    base = doc["baseTimeNanoseconds"]
    steps, ops, apis, busy, kernels = [], [], [], [], []
    for e in doc["traceEvents"]:
        if e["ph"] != "X" or not isinstance(e["pid"], int):
            continue
        start = base + ns(e["ts"])
        end = start + ns(e["dur"])
        if e["name"].startswith("ProfilerStep#"):
            steps.append((int(e["name"][13:]), start, end))
        elif e["cat"] == "cpu_op":
            ops.append((start, end, e["name"]))
        elif e["name"] == "cudaMemcpyAsync":
            apis.append((start, end))
        elif e["cat"] in ("kernel", "gpu_memcpy"):
            busy.append((start, end, e["name"]))
    launches = {e["args"]["correlation"]: base + ns(e["ts"]) for e in doc["traceEvents"]
                if e.get("cat") == "cuda_runtime"}
    device = {e["args"]["correlation"]: e for e in doc["traceEvents"] if e.get("cat") in ("kernel", "gpu_memcpy")}
    for corr, e in device.items():  # a kernel's step: where its launch ran
        t = launches[corr]
        number = next(n for n, s, stop in steps if s <= t < stop)
        kernel = e["name"] if e["cat"] != "kernel" else e["name"].replace("(anonymous namespace)", "{anon}").split("(")[0]
        kernels.append((number, kernel))
    props = doc["deviceProperties"][0]["name"]
    show(name, sorted(steps), ops, kernels, apis, [(b, e) for b, e, _ in busy], f" ({props})")


def main():
    ok = True
    for dirpath, _, files in sorted(os.walk(SAMPLES)):
        for file in sorted(files):
            path = os.path.join(dirpath, file)
            size = os.path.getsize(path)
            fine = size <= MAX_BYTES
            if file.endswith(".json"):
                try:
                    with open(path, encoding="utf-8") as f:
                        json.load(f)
                except ValueError as error:
                    fine = False
                    print(f"  {path}: {error}")
            ok &= fine
            print(f"{'ok ' if fine else 'BAD'} {size:>9} {os.path.relpath(path, SAMPLES)}")
    check_ascend("bert_eager_ascend_pt")
    check_kineto("bert_a10.pt.trace.json")
    check_ascend("bert_tuned_ascend_pt")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
