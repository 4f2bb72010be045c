// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "cluster/rank_summary.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lanescope::cluster {

// A rank summary as a versioned JSON document, the file `lanescope-cli summarize` writes and
// `lanescope-cli cluster --from` reads (one machine or a scheduler's many make them):
//   {"format": "lanescope-rank-summary", "version": 2, "source": ..., "rank": 3 | null,
//    "trace_format": "ascend", "device": "NPU 0", "notes": [...],
//    "steps": [{"step": "50", "step_number": 50 | null, "step_ns": ..., "computing_ns": ...,
//               "communication_ns", "communication_not_overlapped_ns", "overlapped_ns",
//               "free_ns", "preparing_ns",
//               "communication": [{"type": "hcom_allReduce", "count": 4, "timed_count": 4,
//                                  "elapse_ns", "wait_ns", "synchronization_ns",
//                                  "transit_ns", "sized_count": 4, "link_bytes",
//                                  "link_ns"}]}]}
// Times are whole nanoseconds. Keys are written in a fixed order; unknown keys are ignored on
// reading, so a later version may add some without breaking this one. Version 1 had no
// "sized_count", "link_bytes" and "link_ns": its ops read as of unknown size.
inline constexpr std::string_view kRankSummaryFormat = "lanescope-rank-summary";
inline constexpr std::uint64_t kRankSummaryVersion = 2;

// A document that is not a rank summary this version reads: the message names the byte of a
// JSON error, or the field ("steps[2].computing_ns is not a whole number").
struct RankSummaryFormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string rankSummaryToJson(const RankSummary& summary);
RankSummary rankSummaryFromJson(std::string_view text);

} // namespace lanescope::cluster
