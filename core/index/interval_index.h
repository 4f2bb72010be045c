// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace lanescope::index {

using Time = std::int64_t;

// Static augmented interval tree over one track's start-sorted intervals.
//
// The start-sorted array is read as an implicit balanced BST: a position range [lo, hi) has its
// root at the middle position, its subtrees are the two halves. The only stored data is, at each
// range's root position, the largest "last covered point" of the range, so the owner keeps the
// start/end columns and may move or copy them independently of the index. Ranges of at most
// kLeafSize positions are scanned linearly because that beats descending into them.
//
// An interval [s, e) covers the integer points s .. e-1; a zero-length interval covers s alone.
// Every query is "covers a point of the closed range [lo, hi]", which keeps all arithmetic free
// of overflow near the int64 limits.
//
// Cost: intervals starting inside the query are one contiguous run found by binary search, so
// they cost O(log n + k); each reported interval that started earlier adds at most one O(log n)
// root-to-leaf path, which stays small because few intervals span any one time on a track.
// An empty or reversed query (t0 >= t1) still applies the predicate below literally.
//
// Indices are uint32: a track never holds 2^32 or more intervals (build() asserts it).
class IntervalIndex {
public:
    IntervalIndex() = default;

    // starts sorted ascending (ties allowed), ends[i] >= starts[i], same size. O(n).
    void build(std::span<const Time> starts, std::span<const Time> ends);
    std::size_t size() const { return maxLast_.size(); }

    // Visits, in ascending index order, every i with
    // starts[i] < t1 && (ends[i] > t0 || (ends[i] == starts[i] && starts[i] >= t0)).
    template <class Visit>
    void forEachIntersecting(std::span<const Time> starts, std::span<const Time> ends, Time t0,
                             Time t1, Visit&& visit) const;
    // Visits, in ascending index order, every i with
    // starts[i] <= t && (t < ends[i] || starts[i] == ends[i] == t).
    template <class Visit>
    void forEachContaining(std::span<const Time> starts, std::span<const Time> ends, Time t,
                           Visit&& visit) const;

    std::vector<std::uint32_t> intersecting(std::span<const Time> starts,
                                            std::span<const Time> ends, Time t0, Time t1) const;
    std::vector<std::uint32_t> containing(std::span<const Time> starts, std::span<const Time> ends,
                                          Time t) const;

    std::size_t memoryBytes() const { return maxLast_.capacity() * sizeof(Time); }

private:
    struct Range {
        std::uint32_t lo;
        std::uint32_t hi;
    };

    static constexpr std::uint32_t kLeafSize = 16;
    // A range larger than a leaf must split into two non-empty halves around its middle.
    static_assert(kLeafSize >= 2);
    // Each descent step leaves at most two entries behind (right half, middle node) and a
    // balanced tree over fewer than 2^32 positions is at most 32 levels deep.
    static constexpr std::size_t kMaxStack = 2 * 32 + 2;

    static std::uint32_t middle(Range r) { return r.lo + (r.hi - r.lo) / 2; }
    static Time lastPoint(Time start, Time end) { return end == start ? end : end - 1; }

    template <class Visit>
    void forEachCovering(std::span<const Time> starts, std::span<const Time> ends, Time lo, Time hi,
                         Visit& visit) const;
    template <class Visit>
    void forEachStartedBefore(std::span<const Time> starts, std::span<const Time> ends,
                              std::uint32_t prefixEnd, Time lo, Visit& visit) const;

    // maxLast_[middle(r)] = max lastPoint over range r, for every range of the implicit tree.
    std::vector<Time> maxLast_;
};

template <class Visit>
void IntervalIndex::forEachIntersecting(std::span<const Time> starts, std::span<const Time> ends,
                                        Time t0, Time t1, Visit&& visit) const {
    if (t1 == std::numeric_limits<Time>::min()) {
        return; // nothing starts before the smallest time, and t1 - 1 would overflow
    }
    forEachCovering(starts, ends, t0, t1 - 1, visit);
}

template <class Visit>
void IntervalIndex::forEachContaining(std::span<const Time> starts, std::span<const Time> ends,
                                      Time t, Visit&& visit) const {
    forEachCovering(starts, ends, t, t, visit);
}

// Matches are starts[i] <= hi && lastPoint(i) >= lo. Intervals starting inside [lo, hi] are a
// contiguous run that matches without looking at ends; only those starting before lo need the
// tree, and they all precede the run, which keeps the visit order ascending.
template <class Visit>
void IntervalIndex::forEachCovering(std::span<const Time> starts, std::span<const Time> ends,
                                    Time lo, Time hi, Visit& visit) const {
    assert(starts.size() == size() && ends.size() == size());
    const auto position = [&](auto it) { return static_cast<std::uint32_t>(it - starts.begin()); };
    const std::uint32_t past = position(std::upper_bound(starts.begin(), starts.end(), hi));
    const std::uint32_t firstInside =
        std::min(past, position(std::lower_bound(starts.begin(), starts.end(), lo)));
    forEachStartedBefore(starts, ends, firstInside, lo, visit);
    for (std::uint32_t i = firstInside; i < past; ++i) {
        visit(i);
    }
}

// In-order walk of the implicit tree restricted to positions < prefixEnd, pruning every range
// whose largest last point is below lo.
template <class Visit>
void IntervalIndex::forEachStartedBefore(std::span<const Time> starts, std::span<const Time> ends,
                                         std::uint32_t prefixEnd, Time lo, Visit& visit) const {
    std::array<Range, kMaxStack> stack;
    std::size_t top = 0;
    stack[top++] = {0, static_cast<std::uint32_t>(size())};
    while (top > 0) {
        const Range r = stack[--top];
        if (r.lo >= prefixEnd || maxLast_[middle(r)] < lo) {
            continue;
        }
        if (r.hi - r.lo <= kLeafSize) {
            for (std::uint32_t i = r.lo, end = std::min(r.hi, prefixEnd); i < end; ++i) {
                if (lastPoint(starts[i], ends[i]) >= lo) {
                    visit(i);
                }
            }
            continue;
        }
        const std::uint32_t mid = middle(r);
        assert(top + 3 <= kMaxStack);
        // Pushed in reverse so the left half pops first; the middle node travels as a
        // one-element range and its stored max only prunes conservatively.
        stack[top++] = {mid + 1, r.hi};
        stack[top++] = {mid, mid + 1};
        stack[top++] = {r.lo, mid};
    }
}

} // namespace lanescope::index
