// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "cluster/rank_summary.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::cluster {

// What made a rank slow in a step.
enum class SlowCause : std::uint8_t {
    Computing, // it computed longer than the others: they waited for it to arrive
    Preparing, // its device started the step late (the host, the data loader)
    Transit,   // its communication moved data slower (a slow link): the others waited in the op
};
const char* toString(SlowCause cause);

// A rank that held a step up, and by how much.
struct SlowRank {
    std::size_t rank = 0; // into ClusterView::ranks
    SlowCause cause = SlowCause::Computing;
    TimeNs excessNs = 0; // over the median of the ranks, in the cause's own time

    bool operator==(const SlowRank&) const = default;
};

// One step across the ranks that have it.
struct ClusterStep {
    std::string step;
    std::optional<std::int64_t> stepNumber;
    std::vector<const RankStep*> ranks; // per ClusterView::ranks; null where a rank lacks it
    TimeNs medianStepNs = 0;
    // The ranks the others waited for, most excess first. A rank is slow when its computing,
    // preparing or transit time exceeds the median of all ranks' by more than
    // kSlowShare of the median step time (msprof-analyze's RATIO_THRESHOLD); its cause is
    // the one of the three with the largest excess. Every other rank pays for it as
    // synchronization (computing, preparing) or wait after transit began (transit).
    std::vector<SlowRank> slow;
};

inline constexpr double kSlowShare = 0.05;

// A job's ranks side by side. Steps are matched by number (by position when the ranks have no
// step numbers); a step some ranks lack is kept, with those ranks missing, and said so.
struct ClusterView {
    std::vector<RankSummary> ranks; // by rank (unknown ranks last)
    std::vector<ClusterStep> steps; // by step number
    // Each communication op type over all ranks and steps, most wait first: the ops the ranks
    // sat in waiting for each other.
    std::vector<CommunicationTotals> communication;
    std::vector<std::string> notes;

    // Points into `ranks`: moves are fine, copies are not.
    ClusterView() = default;
    ClusterView(ClusterView&&) = default;
    ClusterView& operator=(ClusterView&&) = default;
    ClusterView(const ClusterView&) = delete;
    ClusterView& operator=(const ClusterView&) = delete;
};

ClusterView buildClusterView(std::vector<RankSummary> ranks);

// The median of `values` (the lower of the middle two for an even count); 0 for none.
TimeNs medianOf(std::vector<TimeNs> values);

// A step's communication times summed over its op types (of the timed ops).
TimeNs waitOf(const RankStep& step);
TimeNs transitOf(const RankStep& step);

// "rank 17"; the summarised path when the rank is not known.
std::string rankLabel(const RankSummary& summary);

// One rank over the steps it has: the mean of each time per step (rounded down), and how often it
// held the others up. What the window's rank table lists and sorts.
struct RankOverview {
    std::size_t steps = 0;
    TimeNs meanStepNs = 0;
    TimeNs maxStepNs = 0;
    TimeNs meanComputingNs = 0;
    TimeNs meanCommunicationNotOverlappedNs = 0;
    TimeNs meanFreeNs = 0;
    TimeNs meanPreparingNs = 0;
    TimeNs meanWaitNs = 0;
    TimeNs meanTransitNs = 0;
    // Over every step's sized communication ops: the bytes moved between chips and the time
    // their transfer tasks took (cluster/link_transfer.h); a slow link shows as low bandwidth.
    std::uint64_t linkBytes = 0;
    TimeNs linkNs = 0;
    std::size_t slowSteps = 0;     // steps in whose ClusterStep::slow it is
    std::optional<SlowRank> worst; // of those, the one with the largest excess

    double linkBandwidthGBps() const { return linkNs ? double(linkBytes) / double(linkNs) : 0.0; }
    bool operator==(const RankOverview&) const = default;
};

// Per ClusterView::ranks.
std::vector<RankOverview> rankOverviews(const ClusterView& view);

// msprof-analyze's cluster_step_trace_time.csv, one row per step and rank ("rank" rows; no
// pipeline "stage" rows), times in µs: Step, Type, Index, Computing, Communication(Not
// Overlapped), Overlapped, Communication, Free, Stage, Bubble, Communication(Not Overlapped and
// Exclude Receive), Preparing. Stage is the device window (computing + not overlapped + free)
// less Bubble, the time in receive ops (types with "receive" in their name).
std::string clusterStepTraceTimeCsv(const ClusterView& view);

} // namespace lanescope::cluster
