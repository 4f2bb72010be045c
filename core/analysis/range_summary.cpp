// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/range_summary.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace lanescope::analysis {

namespace {

TimeNs saturatingSum(TimeNs a, TimeNs b) {
    TimeNs sum = 0;
    return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<TimeNs>::max() : sum;
}

void add(NameSummary& summary, TimeNs duration) {
    summary.min = summary.count == 0 ? duration : std::min(summary.min, duration);
    summary.max = summary.count == 0 ? duration : std::max(summary.max, duration);
    summary.total = saturatingSum(summary.total, duration);
    ++summary.count;
}

// Listing a track twice must not count its slices twice.
std::vector<std::uint32_t> distinctTracks(const Trace& trace,
                                          std::span<const std::uint32_t> tracks) {
    std::vector<std::uint32_t> distinct;
    for (std::uint32_t t : tracks)
        if (t < trace.sliceTracks.size())
            distinct.push_back(t);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    return distinct;
}

} // namespace

std::vector<NameSummary> summarizeRange(const Trace& trace, std::span<const std::uint32_t> tracks,
                                        TimeNs start, TimeNs end) {
    if (start >= end)
        return {};
    std::unordered_map<StringId, NameSummary> byName;
    for (std::uint32_t t : distinctTracks(trace, tracks)) {
        const SliceTrack& track = trace.sliceTracks[t];
        // The index's intersection test is exactly the rule documented in the header.
        track.forEachIntersecting(start, end, [&](std::uint32_t i) {
            NameSummary& summary = byName[track.name(i)];
            summary.name = track.name(i);
            add(summary, track.duration(i));
        });
    }
    std::vector<NameSummary> result;
    result.reserve(byName.size());
    for (const auto& entry : byName)
        result.push_back(entry.second);
    std::sort(result.begin(), result.end(), [&](const NameSummary& a, const NameSummary& b) {
        if (a.total != b.total)
            return a.total > b.total;
        const std::string_view na = trace.str(a.name);
        const std::string_view nb = trace.str(b.name);
        return na != nb ? na < nb : a.name < b.name;
    });
    return result;
}

} // namespace lanescope::analysis
