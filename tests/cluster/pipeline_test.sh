#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# pipeline_test.sh LANESCOPE_CLI LANESCOPE_GEN_JOB: the scheduler recipe of docs/cluster.md run
# locally: one `summarize` per rank, two at a time (xargs -P, as an array job runs them), then
# `cluster --from`, which must print what `cluster JOB_DIR` prints, and name the slow ranks.
set -eu
cli=$1
gen=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" "$work/job" --ranks 16 --steps 2 --slow-compute 5 --slow-link 11 >/dev/null
mkdir "$work/summaries"
ls -d "$work"/job/rank*_ascend_pt | xargs -P 2 -I{} \
    sh -c '"$0" summarize "$1" --out "$2/$(basename "$1").json"' "$cli" {} "$work/summaries"
[ "$(ls "$work/summaries" | wc -l)" -eq 16 ] || { echo "FAIL: not 16 summaries"; exit 1; }
"$cli" cluster --from "$work/summaries" --json >"$work/from.json"
"$cli" cluster "$work/job" --jobs 2 --json >"$work/job.json"
# The sources name the same folders either way; everything else must match to the byte.
if ! cmp -s "$work/from.json" "$work/job.json"; then
    echo "FAIL: cluster --from differs from cluster JOB_DIR:"
    diff "$work/from.json" "$work/job.json" | head -20
    exit 1
fi
"$cli" cluster --from "$work/summaries" --report "$work/report" >"$work/text.txt"
grep -q "slow: rank 5, computing +2.0 ms; rank 11, transit +1.5 ms" "$work/text.txt" ||
    { echo "FAIL: the slow ranks are not named:"; cat "$work/text.txt"; exit 1; }
# 32 all-reduces of 4 MB each over HCCS: 30 in 0.6 ms, the slow link's 2 in 2.1 ms.
grep -q "hcom_allReduce: 32 ops, .*, 128.0 MB between chips at 5.8 GB/s" "$work/text.txt" ||
    { echo "FAIL: the bytes between chips are not summed:"; cat "$work/text.txt"; exit 1; }
[ "$(wc -l <"$work/report/cluster_step_trace_time.csv")" -eq 33 ] ||
    { echo "FAIL: cluster_step_trace_time.csv is not 1 + 16 x 2 lines"; exit 1; }
echo "16 ranks summarised two at a time and merged: the same as cluster JOB_DIR"
