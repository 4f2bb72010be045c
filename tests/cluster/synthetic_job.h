// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A synthetic multi-rank torch_npu job with known answers, for the cluster tests and the
// benchmark: one rank{r}_ascend_pt folder per rank (profiler_info_{r}.json with its rank_id,
// ASCEND_PROFILER_OUTPUT/trace_view.json), shaped like the real exports in tests/data/ascend.
//
// Every step of every rank, in whole µs from the step's start (the host's ProfilerStep#N, the
// same on every rank: the all-reduce keeps the training loop in lockstep):
//   - preparing: nothing for prepareUs;
//   - computing: kernelsPerStep kernels back to back on Stream 2, computeUs in all (plus
//     slowComputeExtraUs on the slow-compute rank); the rank arrives at the all-reduce at
//     a_r = prepareUs + its compute;
//   - one hcom_allReduce on "Group 0 Communication" from a_r to A + handshakeUs + Tmax, where A
//     is the latest arrival and Tmax the longest transit. On its main plane ("Plane 1"): a
//     Notify_Wait until A + handshakeUs (synchronization: waiting for the others to arrive), a
//     Memcpy of the rank's transit T_r (transitUs, plus slowLinkExtraUs on the slow-link rank)
//     moving transitBytes over HCCS, then a Notify_Wait for the rest of Tmax (waiting for the
//     slow link). "Plane 0" holds an on-chip copy of 1 µs at a_r (a quarter of transitBytes,
//     ON_CHIP), which the rules never read and which moves nothing between chips.
//   - then idle until the step ends, tailUs after the latest all-reduce ends.
struct JobSpec {
    int ranks = 8;
    int steps = 3;
    int firstStep = 10; // ProfilerStep#10, #11, ...
    std::int64_t prepareUs = 100;
    std::int64_t computeUs = 4000; // a multiple of kernelsPerStep
    int kernelsPerStep = 4;        // more make a larger trace, the same answers
    std::int64_t handshakeUs = 2;
    std::int64_t transitUs = 600;
    std::int64_t transitBytes = 4'000'000; // per all-reduce, over HCCS
    std::int64_t tailUs = 100;
    int slowComputeRank = -1;               // -1: none
    std::int64_t slowComputeExtraUs = 2000; // a multiple of kernelsPerStep
    int slowLinkRank = -1;
    std::int64_t slowLinkExtraUs = 1500;
};

// What a rank's summary must say about one of its steps, in µs. Free is the idle time after the
// all-reduce to the step's end (tailUs) in every step but the last, and, in every step but the
// first, the preparing time at its start: the step breakdown cuts the device's free segment
// between two steps at the host step's start (analysis/step_breakdown.h).
struct RankTruth {
    std::int64_t stepUs = 0;
    std::int64_t preparingUs = 0;
    std::int64_t computingUs = 0;
    std::int64_t communicationUs = 0; // = not overlapped; nothing overlaps
    std::int64_t freeUs = 0;
    std::int64_t elapseUs = 0; // the all-reduce's
    std::int64_t synchronizationUs = 0;
    std::int64_t waitUs = 0;
    std::int64_t transitUs = 0;
    std::int64_t linkBytes = 0; // moved between chips, in transitUs: the link's bandwidth
};

RankTruth rankTruth(const JobSpec& spec, int rank, int step);

// Writes the job into `folder` (created); returns the rank folders in rank order.
std::vector<std::string> writeJob(const JobSpec& spec, const std::string& folder);
