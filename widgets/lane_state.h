// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <compare>
#include <cstdint>
#include <set>
#include <vector>

namespace lanescope::widgets {

// Identifies a lane across layouts: which process it belongs to and, for slice and counter
// lanes, which track. Stable while the trace is loaded, so user choices survive relayouts.
struct LaneKey {
    enum class Kind : std::uint8_t { Rank, Process, Slices, Counter };
    Kind kind = Kind::Slices;
    std::uint32_t group = 0; // Rank: source file; others: process index
    std::uint32_t index = 0; // Slices: slice track; Counter: counter index; else 0
    friend auto operator<=>(const LaneKey&, const LaneKey&) = default;
};

// What the user changed about the lane list: collapsed rank and process groups, hidden lanes
// and lanes pinned to the top (in the order they were pinned).
struct LaneState {
    std::set<LaneKey> collapsed;
    std::set<LaneKey> hidden;
    std::vector<LaneKey> pinned;

    bool isPinned(const LaneKey& key) const;
    void togglePinned(const LaneKey& key);
    void toggleCollapsed(const LaneKey& key);
};

} // namespace lanescope::widgets
