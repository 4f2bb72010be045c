// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace lanescope::compare {

inline constexpr std::uint32_t kUnmatched = std::numeric_limits<std::uint32_t>::max();

// One step of an alignment: positions in the two sequences, or kUnmatched for the side an element
// is missing from.
struct AlignedPair {
    std::uint32_t base = kUnmatched;
    std::uint32_t comp = kUnmatched;
    friend bool operator==(const AlignedPair&, const AlignedPair&) = default;
};

struct Alignment {
    // Every element of both sequences exactly once, in order: matched pairs, and elements of one
    // side alone between them (base-only before comp-only).
    std::vector<AlignedPair> pairs;
    std::uint32_t matched = 0;
    // False when the sequences were too long for an exact alignment: then the k-th occurrence of
    // a symbol on one side is paired with its k-th occurrence on the other, keeping only pairs in
    // order (still a common subsequence, not necessarily the longest).
    bool exact = true;
};

// A longest common subsequence of two symbol sequences (op names as ids), with the pairs it
// matches. The common prefix and suffix are matched directly; the middle is aligned by
// Hirschberg's algorithm: O(n·m) time and O(n + m) memory, so long steps never need an n·m table
// (compare.md §8 R5; msprof-analyze's DP reads its current row as the previous one and misses
// matches, §1.3). When the middle has more than `maxCells` cells (n·m) the alignment falls back
// to occurrence pairing (Alignment::exact is false).
Alignment alignSequences(std::span<const std::uint32_t> base, std::span<const std::uint32_t> comp,
                         std::uint64_t maxCells = 200'000'000);

} // namespace lanescope::compare
