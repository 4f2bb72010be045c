#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
"""Format-conversion share from torch_npu's own kernel table, independently of Lanescope.

For each ASCEND_PROFILER_OUTPUT/kernel_details.csv given: the kernels' device time (rows whose
Accelerator Core is not HCCL or COMMUNICATION), the time and count of the TransData, Cast and
Transpose rows among them, and the share. Standard library only; durations in exact decimal µs.

    python3 tests/oracle/format_conversion_oracle.py tests/data/ascend/text/level1/rank0_ascend_pt
"""
import csv
import os
import sys
from decimal import Decimal

CONVERSIONS = {"TransData", "Cast", "Transpose"}


def summarize(folder):
    path = os.path.join(folder, "ASCEND_PROFILER_OUTPUT", "kernel_details.csv")
    with open(path, encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f)
                if r["Accelerator Core"] not in ("HCCL", "COMMUNICATION")]
    kernel = sum(Decimal(r["Duration(us)"]) for r in rows)
    conv = [r for r in rows if r["Type"] in CONVERSIONS]
    conversion = sum(Decimal(r["Duration(us)"]) for r in conv)
    return {"kernel_us": str(kernel), "conversion_us": str(conversion), "kernels": len(conv),
            "share": float(conversion / kernel)}


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        print(folder, summarize(folder))
