// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "index/interval_index.h"

#include <utility>

namespace lanescope::index {

namespace {

[[maybe_unused]] bool validInput(std::span<const Time> starts, std::span<const Time> ends) {
    if (starts.size() != ends.size() || starts.size() > std::numeric_limits<std::uint32_t>::max()) {
        return false;
    }
    for (std::size_t i = 0; i < starts.size(); ++i) {
        if (ends[i] < starts[i] || (i > 0 && starts[i] < starts[i - 1])) {
            return false;
        }
    }
    return true;
}

} // namespace

// Post-order over the implicit tree with an explicit stack: a range's maximum needs both halves'
// maxima first. The depth is logarithmic, so the stack has the same fixed bound as queries.
void IntervalIndex::build(std::span<const Time> starts, std::span<const Time> ends) {
    assert(validInput(starts, ends));
    std::vector<Time> maxLast(starts.size());
    struct Frame {
        Range range;
        bool halvesDone;
    };
    std::array<Frame, kMaxStack> stack;
    std::size_t top = 0;
    if (!starts.empty()) {
        stack[top++] = {{0, static_cast<std::uint32_t>(starts.size())}, false};
    }
    while (top > 0) {
        const Frame frame = stack[--top];
        const Range r = frame.range;
        const std::uint32_t mid = middle(r);
        if (r.hi - r.lo <= kLeafSize) {
            Time best = lastPoint(starts[r.lo], ends[r.lo]);
            for (std::uint32_t i = r.lo + 1; i < r.hi; ++i) {
                best = std::max(best, lastPoint(starts[i], ends[i]));
            }
            maxLast[mid] = best;
        } else if (frame.halvesDone) {
            const Time halves =
                std::max(maxLast[middle({r.lo, mid})], maxLast[middle({mid + 1, r.hi})]);
            maxLast[mid] = std::max(lastPoint(starts[mid], ends[mid]), halves);
        } else {
            assert(top + 3 <= kMaxStack);
            stack[top++] = {r, true};
            stack[top++] = {{mid + 1, r.hi}, false};
            stack[top++] = {{r.lo, mid}, false};
        }
    }
    maxLast_ = std::move(maxLast);
}

std::vector<std::uint32_t> IntervalIndex::intersecting(std::span<const Time> starts,
                                                       std::span<const Time> ends, Time t0,
                                                       Time t1) const {
    std::vector<std::uint32_t> out;
    forEachIntersecting(starts, ends, t0, t1, [&](std::uint32_t i) { out.push_back(i); });
    return out;
}

std::vector<std::uint32_t> IntervalIndex::containing(std::span<const Time> starts,
                                                     std::span<const Time> ends, Time t) const {
    std::vector<std::uint32_t> out;
    forEachContaining(starts, ends, t, [&](std::uint32_t i) { out.push_back(i); });
    return out;
}

} // namespace lanescope::index
