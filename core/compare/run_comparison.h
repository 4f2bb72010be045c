// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/insight.h"
#include "analysis/op_stats.h"
#include "compare/sequence_alignment.h"
#include "compare/step_choice.h"
#include "model/trace.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::compare {

// One run of a comparison: its trace, its top-level ops, its findings (may be null: no findings
// to compare) and the steps chosen, as positions in runSteps(trace).
struct RunInput {
    std::string path;
    const Trace* trace = nullptr;
    const analysis::OpIndex* ops = nullptr;
    const std::vector<analysis::Insight>* insights = nullptr;
    std::vector<std::size_t> steps; // empty: defaultStepChoice
    // The trace's devices when the caller already has them (a document's analysis); null: found
    // here.
    const analysis::DeviceMap* devices = nullptr;
};

// Where one step's device time went, on the run's main device (the one that worked longest):
// the five buckets partition the step's device window (analysis::StepBreakdown's window) exactly.
enum class Bucket : std::uint8_t { Computing, Conversion, Communication, Copy, Free };
inline constexpr std::size_t kBucketCount = 5;
// "computing", "conversion", "communication", "copy", "free"
const char* toString(Bucket bucket);

struct StepTime {
    TimeNs hostNs = 0;   // the host step (ProfilerStep#N): the step's end-to-end time
    TimeNs windowNs = 0; // its device window
    TimeNs busyNs = 0;   // computing ∪ communication in the window
    // computing without conversion; format conversion kernels; communication not overlapped by
    // computing; copies while nothing else ran; the rest of the window.
    std::array<TimeNs, kBucketCount> buckets{};
};

// The k-th chosen step of the baseline against the k-th chosen step of the comparison.
struct StepPair {
    std::size_t base = 0; // positions in Comparison::baseSteps / compSteps
    std::size_t comp = 0;
    StepTime baseTime;
    StepTime compTime;
    TimeNs diffNs() const { return compTime.hostNs - baseTime.hostNs; }
};

// One side of an op or kernel row.
struct SideStats {
    std::uint64_t count = 0;
    TimeNs deviceNs = 0;
    std::uint64_t kernels = 0;
    TimeNs hostNs = 0;
};

// One op name over the paired steps, outer-joined by name: a side is absent when the op did not
// run there. The difference (comparison − baseline device time) splits exactly into
//   moreCallsNs     = (calls_c − calls_b) × avg_b                    (count effect)
//   moreKernelsNs   = calls_c × (kernels/call_c − kernels/call_b) × per-kernel_b
//   slowerKernelsNs = the rest: calls_c × kernels/call_c × (per-kernel_c − per-kernel_b)
// (compare.md §8 R8); with one side absent the whole difference is moreCallsNs.
struct OpDiff {
    std::string name;
    std::optional<SideStats> base;
    std::optional<SideStats> comp;
    TimeNs diffNs = 0;
    std::optional<double> ratio; // comparison / baseline; none when the baseline is absent or 0
    TimeNs moreCallsNs = 0;
    TimeNs moreKernelsNs = 0;
    TimeNs slowerKernelsNs = 0;
};

// One kernel type (same-vendor pairs only): keyed by type, and input shapes when both runs'
// kernel tables give them.
struct KernelDiff {
    std::string type;
    std::string inputShapes;
    std::optional<SideStats> base; // kernels = count here
    std::optional<SideStats> comp;
    TimeNs diffNs = 0;
    std::optional<double> ratio;
};

// The top-level ops of one host thread in a step pair, aligned (positions are into the
// OpIndex instances of each run). Threads are paired by how many ops they ran in the step, most
// first (the forward thread with the forward thread, the backward with the backward).
struct ThreadAlignment {
    std::uint32_t baseTrack = kNoIndex; // kNoIndex when the other run has no such thread
    std::uint32_t compTrack = kNoIndex;
    std::vector<AlignedPair> pairs; // OpIndex instance indices
    std::uint32_t matched = 0;
    bool exact = true;
};

// Findings grouped by what they are about: their kind and their title's first clause with the
// numbers masked ("aten::to blocked #", "device # idle #, host stall"), GPU and NPU both read as
// "device". Only findings that touch a paired step (or are about the whole trace) count.
struct InsightGroup {
    analysis::InsightKind kind = analysis::InsightKind::HostBlockedOnDevice;
    std::string subject;
    std::uint32_t baseCount = 0;
    std::uint32_t compCount = 0;
    TimeNs baseAtStakeNs = 0;
    TimeNs compAtStakeNs = 0;
    std::string baseTitle; // of the group's biggest finding
    std::string compTitle;
};

struct InsightDiff {
    std::vector<InsightGroup> onlyBaseline;
    std::vector<InsightGroup> onlyComparison;
    std::vector<InsightGroup> changed; // in both runs, most change first
};

struct Comparison {
    std::string basePath;
    std::string compPath;
    std::vector<RunStep> baseSteps;
    std::vector<RunStep> compSteps;
    std::vector<std::size_t> baseChosen; // positions, by start
    std::vector<std::size_t> compChosen;
    std::vector<StepPair> stepPairs;
    std::vector<std::size_t> baseUnpaired; // chosen but beyond the other run's count
    std::vector<std::size_t> compUnpaired;
    std::string baseDevice; // "NPU 0"
    std::string compDevice;
    bool sameVendor = false;         // both GPU or both NPU: kernels compare by type
    std::vector<OpDiff> ops;         // largest |diff| first
    std::vector<KernelDiff> kernels; // empty unless sameVendor
    std::vector<std::vector<ThreadAlignment>> alignments; // per step pair
    InsightDiff insights;
    // The op scopes the numbers were taken from: the paired steps' host ranges.
    analysis::OpScope baseScope;
    analysis::OpScope compScope;

    // Totals over the pairs.
    StepTime baseTotal() const;
    StepTime compTotal() const;
    // The matched partner of an op instance of one run in the other (kUnmatched when none).
    std::uint32_t partnerOf(bool inBase, std::uint32_t instance) const;
};

// What makes a difference worth colouring (compare.md §8 R9): both thresholds must be passed.
struct NoiseThreshold {
    TimeNs minNs = 50'000;  // 0.05 ms
    double minShare = 0.05; // of the baseline's time
    bool significant(TimeNs diffNs, TimeNs baseNs) const;
};

// Compares two runs. Steps pair by position among the chosen ones (never by equal numbers,
// §8 R6); steps beyond the shorter choice are listed as unpaired and left out of every number.
Comparison compareRuns(const RunInput& base, const RunInput& comp);

} // namespace lanescope::compare
