#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# One task of a scheduler's array job: summarises the rank numbered by the task's index.
#   JOB_DIR   the job folder (one *_ascend_pt / *_ascend_ms folder per rank, up to 4 levels down)
#   OUT_DIR   where the summaries go (shared by all tasks), one <rank folder>.json each
#   the index: SLURM_ARRAY_TASK_ID (Slurm), JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or
#              TASK_INDEX (anything else, e.g. xargs)
#   LANESCOPE_CLI  the CLI to run (default: lanescope-cli on the PATH)
# Every task lists the rank folders the same way (sorted bytewise), so index i is the same rank
# on every machine. Only lanescope-cli reads the trace.
set -eu
: "${JOB_DIR:?set JOB_DIR to the job folder}"
: "${OUT_DIR:?set OUT_DIR to the folder for the summaries}"
index=${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-${TASK_INDEX:-}}}
: "${index:?no task index (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or TASK_INDEX)}"
cli=${LANESCOPE_CLI:-lanescope-cli}
rank=$(find "$JOB_DIR" -maxdepth 4 -type d \( -name '*_ascend_pt' -o -name '*_ascend_ms' \) |
    LC_ALL=C sort | sed -n "$((index + 1))p")
if [ -z "$rank" ]; then
    echo "summarize_rank.sh: no rank folder number $index in $JOB_DIR" >&2
    exit 2
fi
mkdir -p "$OUT_DIR"
exec "$cli" summarize "$rank" --out "$OUT_DIR/$(basename "$rank").json"
