#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# Runs every libFuzzer target of the `fuzz` preset for SECONDS each (default 60) on its committed
# corpus (tests/fuzz/corpus/<target>, the loader also on tests/hostile/corpus). What a run finds
# goes to build-fuzz/found/<target>; `tests/fuzz/run.sh --merge` keeps the part of it that adds
# coverage in the committed corpus. A crash, a sanitizer report, an input slower than 10 s or one
# using more than 2 GB fails the run and leaves the input in build-fuzz/artifacts.
set -eu
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
build=build-fuzz
targets="trace_loader side_files session ascend_db"
mkdir -p "$build/artifacts"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

extra_corpus() {
    if [ "$1" = trace_loader ]; then echo tests/hostile/corpus; fi
}

if [ "${1:-}" = --merge ]; then
    for t in $targets; do
        [ -d "$build/found/$t" ] || continue
        # Edges only (no hit counts): a corpus of hundreds of files, not thousands.
        "$build/tests/fuzz/fuzz_$t" -merge=1 -use_counters=0 "tests/fuzz/corpus/$t" "$build/found/$t" 2>&1 |
            grep -E "MERGE-OUTER: [0-9]+ new files" || true
    done
    exit 0
fi

for t in $targets; do
    mkdir -p "$build/found/$t"
    echo "fuzz_$t: ${seconds} s"
    # shellcheck disable=SC2046
    if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
        "$build/found/$t" "tests/fuzz/corpus/$t" $(extra_corpus "$t") \
        >"$build/artifacts/$t.log" 2>&1; then
        tail -n 60 "$build/artifacts/$t.log"
        echo "fuzz_$t failed; the input is in $build/artifacts/" >&2
        exit 1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/artifacts/$t.log" |
        tr '\n' ' '
    echo
done
