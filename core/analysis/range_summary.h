// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <span>
#include <vector>

namespace lanescope::analysis {

// Per-name statistics of the slices in a box selection.
struct NameSummary {
    StringId name = 0;
    std::uint64_t count = 0;
    TimeNs total = 0; // sum of whole durations
    TimeNs min = 0;
    TimeNs max = 0;
    double average() const { return count ? static_cast<double>(total) / count : 0.0; }
};

// Slices of `tracks` that overlap the range [start, end), grouped by name and counted with their
// whole durations (not clipped to the range), ordered by total descending, then by name text.
// Exact rule: a slice [s, e) with e > s counts when s < end && e > start, so one that only
// touches an edge (e == start or s == end) does not; a zero-length slice at s counts when
// start <= s < end (strictly inside or at the range start, not at its end). An empty or reversed
// range (start >= end) gives nothing; a track listed twice counts once; unknown track indices
// are ignored.
std::vector<NameSummary> summarizeRange(const Trace& trace, std::span<const std::uint32_t> tracks,
                                        TimeNs start, TimeNs end);

} // namespace lanescope::analysis
