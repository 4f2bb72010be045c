// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace lanescope::index {

// Same alias as index/interval_index.h, repeated so this header stands alone.
using Time = std::int64_t;

// One thing for the renderer to draw: a single interval, or a run of intervals too narrow to
// tell apart at the current zoom, with enough data to shade it by density.
struct LodBox {
    Time start;          // first merged interval's start
    Time end;            // last merged interval's end
    std::uint32_t first; // row position of the first interval in the box
    std::uint32_t count; // 1 = a single real interval; >1 = merged run
    Time busy;           // sum of the merged intervals' durations (== end - start when count == 1)
};

namespace lod_detail {

// to - from for to >= from, exact even when the difference does not fit in Time.
inline std::uint64_t distance(Time from, Time to) {
    return static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from);
}

// First position in [lo, hi) where holds() is false; holds() must be true, then false.
template <class Holds>
std::uint32_t firstFailing(std::uint32_t lo, std::uint32_t hi, Holds&& holds) {
    while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        if (holds(mid)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

// The same, searching outward from `lo` first (1, 2, 4, … positions ahead) and then bisecting the
// last step: O(log d) for an answer d positions away, and the probes stay near `lo` in memory.
// A frame jumps a pixel's worth of intervals at a time, so d is small against the row.
template <class Holds>
std::uint32_t firstFailingNear(std::uint32_t lo, std::uint32_t hi, Holds&& holds) {
    if (lo >= hi || !holds(lo))
        return lo;
    std::uint32_t good = lo; // holds(good)
    std::uint64_t step = 1;
    while (true) {
        const std::uint64_t probe = std::uint64_t{good} + step;
        if (probe >= hi)
            return firstFailing(good + 1, hi, holds);
        if (!holds(static_cast<std::uint32_t>(probe)))
            return firstFailing(good + 1, static_cast<std::uint32_t>(probe), holds);
        good = static_cast<std::uint32_t>(probe);
        step *= 2;
    }
}

// Returns the position just past the run that starts with the narrow interval at `first`.
// In a non-overlapping row, every interval starting less than `width` after the run's end also
// ends before the next one starts, so all of them but the last are narrow with narrow gaps and
// one binary search absorbs them together. Two such jumps advance the run by at least `width`.
template <class StartAt, class EndAt>
std::uint32_t runPast(std::uint32_t first, std::uint32_t past, std::uint64_t width,
                      StartAt& startAt, EndAt& endAt) {
    std::uint32_t next = first + 1;
    Time runEnd = endAt(first);
    while (next < past) {
        const std::uint32_t reach = firstFailingNear(
            next, past, [&](std::uint32_t k) { return distance(runEnd, startAt(k)) < width; });
        if (reach == next) {
            break;
        }
        const std::uint32_t last = reach - 1;
        if (distance(startAt(last), endAt(last)) >= width) {
            return last;
        }
        runEnd = endAt(last);
        next = reach;
    }
    return next;
}

} // namespace lod_detail

// Row of n intervals: startAt(k), endAt(k) for row positions k in [0, n), sorted by start and
// non-overlapping (endAt(k) <= startAt(k + 1)). Zero-length intervals count as points, as in
// IntervalIndex. busyPrefix holds n + 1 prefix sums of durations (see buildBusyPrefix).
//
// Visits LodBoxes in time order for the intervals intersecting [t0, t1): an interval at least
// minWidth long is a box of its own; consecutive narrower ones with gaps narrower than minWidth
// share a box. minWidth <= 0 disables merging. Costs O(boxes x log n), and boxes are at most
// about 2 x (t1 - t0) / minWidth + 2, because every run is followed by a gap or a box of at
// least minWidth.
template <class StartAt, class EndAt, class Visit>
void forEachLodBox(std::uint32_t n, StartAt&& startAt, EndAt&& endAt,
                   std::span<const Time> busyPrefix, Time t0, Time t1, Time minWidth,
                   Visit&& visit) {
    assert(busyPrefix.size() == std::size_t{n} + 1);
    const std::uint32_t first = lod_detail::firstFailing(0, n, [&](std::uint32_t k) {
        const Time start = startAt(k);
        const Time end = endAt(k);
        return end == start ? start < t0 : end <= t0;
    });
    const std::uint32_t past =
        lod_detail::firstFailing(first, n, [&](std::uint32_t k) { return startAt(k) < t1; });
    const auto width = static_cast<std::uint64_t>(minWidth);
    for (std::uint32_t k = first; k < past;) {
        const bool narrow = minWidth > 0 && lod_detail::distance(startAt(k), endAt(k)) < width;
        const std::uint32_t boxPast =
            narrow ? lod_detail::runPast(k, past, width, startAt, endAt) : k + 1;
        visit(LodBox{startAt(k), endAt(boxPast - 1), k, boxPast - k,
                     busyPrefix[boxPast] - busyPrefix[k]});
        k = boxPast;
    }
}

// busyPrefix[k] = sum of durAt(j) for j < k. The row's total busy time must fit in Time.
template <class DurAt> std::vector<Time> buildBusyPrefix(std::uint32_t n, DurAt&& durAt) {
    std::vector<Time> prefix(std::size_t{n} + 1, 0);
    for (std::uint32_t k = 0; k < n; ++k) {
        prefix[k + 1] = prefix[k] + durAt(k);
    }
    return prefix;
}

} // namespace lanescope::index
