// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "model/slice_layout.h"

#include <algorithm>
#include <limits>

namespace lanescope {

namespace {

constexpr std::uint32_t kMaxRows = std::numeric_limits<std::uint16_t>::max();

bool sortsBefore(const PendingSlice& a, const PendingSlice& b) {
    if (a.ts != b.ts)
        return a.ts < b.ts;
    if (a.kind != b.kind)
        return a.kind < b.kind;
    if (a.kind == PendingSlice::Kind::Complete && a.dur != b.dur)
        return a.dur > b.dur;
    return a.seq < b.seq;
}

TimeNs saturatingEnd(TimeNs ts, TimeNs dur) {
    TimeNs end = 0;
    return __builtin_add_overflow(ts, dur, &end) ? kTimeMax : end;
}

class Layout {
public:
    Layout(std::size_t eventCount, const SliceLayoutContext& context) : ctx_(context) {
        result_.seqToSlice.assign(eventCount, kNoSlice);
        stacks_.emplace_back();
    }

    void run(const std::vector<PendingSlice>& events) {
        reserveColumns(events);
        for (std::size_t i = 0; i < events.size(); ++i) {
            const PendingSlice& event = events[i];
            popEnded(event.ts);
            if (event.kind == PendingSlice::Kind::End) {
                if (!closeBegin(event))
                    deferredEnds_.push_back(&event);
            } else {
                open(event);
            }
            const bool lastAtThisTime = i + 1 == events.size() || events[i + 1].ts != event.ts;
            if (lastAtThisTime)
                retryDeferredEnds();
        }
        closeUnfinished();
        assignRows();
    }

    SliceLayoutResult take() { return std::move(result_); }

private:
    struct Open {
        TimeNs end;
        std::uint32_t slice;
        bool isBegin;
    };

    // Columns are the resident model: size them exactly instead of letting push_back double.
    void reserveColumns(const std::vector<PendingSlice>& events) {
        std::size_t slices = 0;
        for (const PendingSlice& e : events)
            slices += e.kind != PendingSlice::Kind::End ? 1 : 0;
        SliceTrack::Columns& c = columns();
        c.starts.reserve(slices);
        c.ends.reserve(slices);
        c.names.reserve(slices);
        c.categories.reserve(slices);
        c.flags.reserve(slices);
        c.sourceOffsets.reserve(slices);
        group_.reserve(slices);
        depth_.reserve(slices);
    }

    void popEnded(TimeNs ts) {
        for (auto& stack : stacks_)
            while (!stack.empty() && stack.back().end <= ts)
                stack.pop_back();
    }

    void open(const PendingSlice& event) {
        const bool isBegin = event.kind == PendingSlice::Kind::Begin;
        const TimeNs end = isBegin ? kTimeMax : saturatingEnd(event.ts, event.dur);
        const auto slice = static_cast<std::uint32_t>(columns().starts.size());
        columns().starts.push_back(event.ts);
        columns().ends.push_back(end);
        columns().names.push_back(event.name);
        columns().categories.push_back(event.category);
        columns().flags.push_back(
            static_cast<std::uint8_t>(event.flags | (isBegin ? kSliceBeginEnd : 0)));
        columns().sourceOffsets.push_back(event.offset);
        result_.seqToSlice[event.seq] = slice;
        place(slice, end, isBegin, event.offset);
    }

    // Nests the slice under the innermost open slice that contains it; a slice that sticks out
    // of it goes to the next group of sub-rows, where the same rule applies.
    void place(std::uint32_t slice, TimeNs end, bool isBegin, std::uint64_t offset) {
        for (std::size_t g = 0;; ++g) {
            if (g == stacks_.size())
                stacks_.emplace_back();
            auto& stack = stacks_[g];
            if (stack.empty() || stack.back().end >= end || isBegin) {
                group_.push_back(static_cast<std::uint32_t>(g));
                depth_.push_back(static_cast<std::uint32_t>(stack.size()));
                stack.push_back({end, slice, isBegin});
                if (g > 0)
                    markOverlap(slice, offset);
                return;
            }
        }
    }

    bool closeBegin(const PendingSlice& event) {
        for (auto& stack : stacks_) {
            for (std::size_t k = stack.size(); k-- > 0;) {
                if (!stack[k].isBegin)
                    continue;
                const std::uint32_t slice = stack[k].slice;
                columns().ends[slice] = event.ts;
                result_.endOffsets.emplace_back(slice, event.offset);
                if (event.name != 0 && event.name != columns().names[slice])
                    ctx_.diagnostics.report(diag::kEndNameMismatch, ctx_.file, event.offset,
                                            "E event name differs from its B event");
                for (std::size_t above = k + 1; above < stack.size(); ++above)
                    if (stack[above].end > event.ts)
                        markOverlap(stack[above].slice,
                                    columns().sourceOffsets[stack[above].slice]);
                stack.resize(k);
                return true;
            }
        }
        return false;
    }

    void retryDeferredEnds() {
        for (const PendingSlice* event : deferredEnds_)
            if (!closeBegin(*event))
                ctx_.diagnostics.report(diag::kUnmatchedEnd, ctx_.file, event->offset,
                                        "E event without an open B event on its thread");
        deferredEnds_.clear();
    }

    void closeUnfinished() {
        for (auto& stack : stacks_) {
            for (const Open& open : stack) {
                if (!open.isBegin)
                    continue;
                const TimeNs start = columns().starts[open.slice];
                columns().ends[open.slice] = std::max(start, ctx_.closeTime);
                columns().flags[open.slice] |= kSliceUnfinished;
                ctx_.diagnostics.report(diag::kUnfinishedSlice, ctx_.file,
                                        columns().sourceOffsets[open.slice],
                                        "B event never ended; closed at the end of the trace");
            }
            stack.clear();
        }
    }

    // A thread slice that sticks out of its parent is flagged (the details say so, rather than
    // showing it as a child) and reported; on async tracks overlap is how they are drawn.
    void markOverlap(std::uint32_t slice, std::uint64_t offset) {
        if (!ctx_.reportOverlaps)
            return;
        columns().flags[slice] |= kSliceOverlap;
        ctx_.diagnostics.report(diag::kOverlappingSlice, ctx_.file, offset,
                                "slice partially overlaps another on its thread; drawn on a "
                                "sub-row");
    }

    // Rows: group 0's depths first, then each overflow group below. A final pass guarantees
    // that every row holds disjoint slices (B/E pairs can still cross), moving offenders to
    // extra rows at the bottom.
    void assignRows() {
        const std::size_t n = columns().starts.size();
        std::vector<std::uint32_t> groupRows(stacks_.size(), 0);
        for (std::size_t i = 0; i < n; ++i)
            groupRows[group_[i]] = std::max(groupRows[group_[i]], depth_[i] + 1);
        std::vector<std::uint32_t> groupBase(stacks_.size(), 0);
        for (std::size_t g = 1; g < groupBase.size(); ++g)
            groupBase[g] = groupBase[g - 1] + groupRows[g - 1];

        std::vector<std::uint32_t> rows(n);
        for (std::size_t i = 0; i < n; ++i)
            rows[i] = groupBase[group_[i]] + depth_[i];
        separateCrossingSlices(rows);

        columns().rows.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (rows[i] >= kMaxRows) {
                ctx_.diagnostics.report(diag::kTooDeep, ctx_.file, columns().sourceOffsets[i],
                                        "nesting deeper than 65535 rows");
                rows[i] = kMaxRows - 1;
            }
            columns().rows[i] = static_cast<std::uint16_t>(rows[i]);
        }
    }

    void separateCrossingSlices(std::vector<std::uint32_t>& rows) {
        if (rows.empty())
            return;
        std::vector<TimeNs> rowEnd(*std::max_element(rows.begin(), rows.end()) + 1, kTimeMin);
        const std::size_t extraRowsBegin = rowEnd.size();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const TimeNs start = columns().starts[i];
            std::uint32_t row = rows[i];
            if (start < rowEnd[row]) {
                markOverlap(static_cast<std::uint32_t>(i), columns().sourceOffsets[i]);
                row = firstFreeRow(rowEnd, extraRowsBegin, start);
                rows[i] = row;
            }
            rowEnd[row] = std::max(rowEnd[row], columns().ends[i]);
        }
    }

    static std::uint32_t firstFreeRow(std::vector<TimeNs>& rowEnd, std::size_t from, TimeNs start) {
        for (std::size_t r = from; r < rowEnd.size(); ++r)
            if (rowEnd[r] <= start)
                return static_cast<std::uint32_t>(r);
        rowEnd.push_back(kTimeMin);
        return static_cast<std::uint32_t>(rowEnd.size() - 1);
    }

    SliceTrack::Columns& columns() { return result_.columns; }

    const SliceLayoutContext& ctx_;
    SliceLayoutResult result_;
    std::vector<std::vector<Open>> stacks_;
    std::vector<std::uint32_t> group_;
    std::vector<std::uint32_t> depth_;
    std::vector<const PendingSlice*> deferredEnds_;
};

} // namespace

SliceLayoutResult layoutSlices(std::vector<PendingSlice> events,
                               const SliceLayoutContext& context) {
    std::sort(events.begin(), events.end(), sortsBefore);
    Layout layout(events.size(), context);
    layout.run(events);
    return layout.take();
}

} // namespace lanescope
