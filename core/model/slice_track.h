// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "index/interval_index.h"
#include "index/row_lod.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace lanescope {

// Per-slice flags.
enum SliceFlag : std::uint8_t {
    kSliceUnfinished = 1u << 0, // a B without its E, closed at the end of the trace
    kSliceOverlap = 1u << 1,    // partially overlapped a slice on its thread: placed on a sub-row
    kSliceBeginEnd = 1u << 2,   // built from a B/E pair (args live in two events)
    kSliceAsync = 1u << 3,      // built from b/e (or legacy S/F) async events
};

// Columnar storage of one track's slices, sorted by start (parents before their children on
// equal starts), with an interval index for range/point queries and a per-row order for
// level-of-detail drawing. About 56 resident bytes per slice.
class SliceTrack {
public:
    struct Columns {
        std::vector<TimeNs> starts;
        std::vector<TimeNs> ends;
        std::vector<StringId> names;
        std::vector<StringId> categories;
        std::vector<std::uint16_t> rows;
        std::vector<std::uint8_t> flags;
        // Byte offset of the event in the (decompressed) source, so args can be read on demand
        // instead of being kept resident.
        std::vector<std::uint64_t> sourceOffsets;
    };

    SliceTrack() = default;
    // Columns must already be sorted by start; builds the index and the row order.
    explicit SliceTrack(Columns columns);

    std::uint32_t size() const { return static_cast<std::uint32_t>(c_.starts.size()); }
    bool empty() const { return c_.starts.empty(); }

    TimeNs start(std::uint32_t i) const { return c_.starts[i]; }
    TimeNs end(std::uint32_t i) const { return c_.ends[i]; }
    TimeNs duration(std::uint32_t i) const { return c_.ends[i] - c_.starts[i]; }
    StringId name(std::uint32_t i) const { return c_.names[i]; }
    StringId category(std::uint32_t i) const { return c_.categories[i]; }
    std::uint16_t row(std::uint32_t i) const { return c_.rows[i]; }
    std::uint8_t flags(std::uint32_t i) const { return c_.flags[i]; }
    std::uint64_t sourceOffset(std::uint32_t i) const { return c_.sourceOffsets[i]; }

    std::span<const TimeNs> starts() const { return c_.starts; }
    std::span<const TimeNs> ends() const { return c_.ends; }

    // Earliest start / latest end; meaningless when empty().
    TimeNs firstStart() const { return c_.starts.front(); }
    TimeNs lastEnd() const { return lastEnd_; }
    std::uint16_t rowCount() const { return static_cast<std::uint16_t>(rowOffsets_.size() - 1); }
    std::uint32_t sliceCountInRow(std::uint16_t row) const;

    // B/E slices: the offset of the E event whose args are merged into the B's.
    void setEndOffsets(std::vector<std::pair<std::uint32_t, std::uint64_t>> endOffsets);
    bool endOffset(std::uint32_t slice, std::uint64_t& offset) const;

    template <class Visit> void forEachIntersecting(TimeNs t0, TimeNs t1, Visit&& visit) const {
        index_.forEachIntersecting(starts(), ends(), t0, t1, std::forward<Visit>(visit));
    }
    template <class Visit> void forEachContaining(TimeNs t, Visit&& visit) const {
        index_.forEachContaining(starts(), ends(), t, std::forward<Visit>(visit));
    }
    std::vector<std::uint32_t> intersecting(TimeNs t0, TimeNs t1) const {
        return index_.intersecting(starts(), ends(), t0, t1);
    }
    std::vector<std::uint32_t> containing(TimeNs t) const {
        return index_.containing(starts(), ends(), t);
    }

    // Boxes to draw on one row when one pixel covers `pixelNs`: slices narrower than a pixel
    // are merged with their neighbours (box.first indexes the row; see sliceAtRowPosition).
    template <class Visit>
    void forEachLodBox(std::uint16_t row, TimeNs t0, TimeNs t1, TimeNs pixelNs,
                       Visit&& visit) const {
        const std::uint32_t begin = rowOffsets_[row];
        const std::uint32_t count = rowOffsets_[row + 1] - begin;
        const std::span<const TimeNs> busy(busyPrefix_.data() + begin + row, count + 1);
        index::forEachLodBox(
            count, [&](std::uint32_t k) { return c_.starts[rowOrder_[begin + k]]; },
            [&](std::uint32_t k) { return c_.ends[rowOrder_[begin + k]]; }, busy, t0, t1, pixelNs,
            std::forward<Visit>(visit));
    }
    std::uint32_t sliceAtRowPosition(std::uint16_t row, std::uint32_t position) const {
        return rowOrder_[rowOffsets_[row] + position];
    }

    std::size_t memoryBytes() const;

private:
    void buildRows();

    Columns c_;
    TimeNs lastEnd_ = 0;
    index::IntervalIndex index_;
    std::vector<std::uint32_t> rowOffsets_{0}; // rowOrder_[rowOffsets_[r] .. rowOffsets_[r+1])
    std::vector<std::uint32_t> rowOrder_;      // slice indices grouped by row, by start
    std::vector<TimeNs> busyPrefix_;           // per row: count+1 prefix sums of durations
    std::vector<std::pair<std::uint32_t, std::uint64_t>> endOffsets_;
};

} // namespace lanescope
