#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# scheduler_recipes_test.sh SOURCE_DIR LANESCOPE_CLI LANESCOPE_GEN_JOB: the recipes of
# docs/cluster.md as a scheduler runs them, here on two cores: the Slurm array script once per
# SLURM_ARRAY_TASK_ID and the Kubernetes pods' script once per JOB_COMPLETION_INDEX, two at a
# time, then the merge. Both must give what `cluster JOB_DIR` gives.
set -eu
docs=$1/docs/cluster
cli=$2
gen=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" "$work/job" --ranks 12 --steps 2 --slow-compute 7 >/dev/null
"$cli" cluster "$work/job" --json >"$work/expected.json"

export JOB_DIR="$work/job" LANESCOPE_CLI="$cli" LANESCOPE_SCRIPTS="$docs"
seq 0 11 | xargs -P 2 -I{} env SLURM_ARRAY_TASK_ID={} OUT_DIR="$work/slurm" \
    sh "$docs/slurm_array.sbatch"
seq 0 11 | xargs -P 2 -I{} env JOB_COMPLETION_INDEX={} OUT_DIR="$work/k8s" \
    "$docs/summarize_rank.sh"
for recipe in slurm k8s; do
    "$cli" cluster --from "$work/$recipe" --json >"$work/$recipe.json"
    cmp -s "$work/$recipe.json" "$work/expected.json" ||
        { echo "FAIL: the $recipe recipe differs from cluster JOB_DIR"; exit 1; }
done
# A task beyond the last rank fails with a message, writing nothing.
if env SLURM_ARRAY_TASK_ID=12 OUT_DIR="$work/beyond" "$docs/summarize_rank.sh" 2>"$work/err"; then
    echo "FAIL: task 12 of 12 ranks succeeded"
    exit 1
fi
grep -q "no rank folder number 12" "$work/err" || { cat "$work/err"; exit 1; }
# The manifest runs the same script and merge.
grep -q 'command: \["/usr/share/lanescope/cluster/summarize_rank.sh"\]' "$docs/k8s_indexed_job.yaml"
grep -q '"lanescope-cli", "cluster", "--from"' "$docs/k8s_indexed_job.yaml"
echo "the Slurm and Kubernetes recipes give what cluster JOB_DIR gives (12 ranks)"
