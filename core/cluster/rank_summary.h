// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::cluster {

// One communication op type's ops in one step of one rank (analysis/communication_ops.h).
struct CommunicationTotals {
    std::string type;             // hcom_allReduce, ncclKernel_AllReduce
    std::uint64_t count = 0;      // ops of this type that started in the step's window
    std::uint64_t timedCount = 0; // of them, those whose wait and transit are known
    TimeNs elapseNs = 0;
    TimeNs waitNs = 0;            // over the timed ops
    TimeNs synchronizationNs = 0; // over the timed ops
    TimeNs transitNs = 0;         // over the timed ops
    // Of the ops, those whose bytes between chips are known (cluster/link_transfer.h), and
    // over them the bytes their transfer tasks moved over links and the time those tasks took.
    std::uint64_t sizedCount = 0;
    std::uint64_t linkBytes = 0;
    TimeNs linkNs = 0;

    // Adds another's ops (of the same type, in another step or rank).
    CommunicationTotals& operator+=(const CommunicationTotals& other);
    // Wait over elapse: how much of the ops' time went to waiting for the peers.
    double waitShare() const { return elapseNs ? double(waitNs) / double(elapseNs) : 0.0; }
    // Bytes over links per ns of their transfer tasks: GB/s (0 when nothing was sized).
    double linkBandwidthGBps() const { return linkNs ? double(linkBytes) / double(linkNs) : 0.0; }
    bool operator==(const CommunicationTotals&) const = default;
};

// Where one rank's device time went in one step, in the terms of torch_npu's
// step_trace_time.csv (analysis/step_breakdown.h gives the rules), and its communication.
struct RankStep {
    std::string step; // "50"; "" when the trace has no steps (one row for the whole trace)
    std::optional<std::int64_t> stepNumber;
    // The host's ProfilerStep#N, start to end: what the step took on this rank as the training
    // loop saw it. Without steps, the device window.
    TimeNs stepNs = 0;
    TimeNs computingNs = 0;
    TimeNs communicationNs = 0;
    TimeNs communicationNotOverlappedNs = 0;
    TimeNs overlappedNs = 0;
    TimeNs freeNs = 0;
    // From the start of the host's step to the device's first computing or communication in
    // it (torch_npu's Preparing); 0 without steps.
    TimeNs preparingNs = 0;
    std::vector<CommunicationTotals> communication; // by elapse, largest first

    bool operator==(const RankStep&) const = default;
};

// What one rank of a job did, step by step: the numbers a cluster view compares across ranks.
// Small (a few hundred bytes per step), so hundreds can be collected, merged and written out;
// rank_summary_json.h reads and writes it.
//
// A rank is one trace file or profiler folder. When it holds several devices, the one with the
// most device tasks is summarised and `notes` says so.
struct RankSummary {
    std::string source;               // the path summarised, as given
    std::optional<std::int64_t> rank; // from profiler_info / distributedInfo, when known
    std::string format;               // Trace::format
    std::string device;               // "NPU 0"; "" when the trace has no device tasks
    std::vector<RankStep> steps;      // in step order
    std::vector<std::string> notes;

    bool operator==(const RankSummary&) const = default;
};

RankSummary summarizeRank(const Trace& trace, const std::string& source);

} // namespace lanescope::cluster
