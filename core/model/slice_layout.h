// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/diagnostics.h"
#include "model/slice_track.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lanescope {

// A slice-producing event of one thread as read, before ordering and nesting.
struct PendingSlice {
    enum class Kind : std::uint8_t { End = 0, Complete = 1, Begin = 2 };
    TimeNs ts = 0;
    TimeNs dur = 0; // Complete only
    StringId name = 0;
    StringId category = 0;
    std::uint64_t offset = 0;
    std::uint32_t seq = 0; // order within the thread's events as read
    Kind kind = Kind::Complete;
    std::uint8_t flags = 0;
};

struct SliceLayoutResult {
    SliceTrack::Columns columns;
    // seqToSlice[seq] = index of the slice built from that event (kNoSlice for E events).
    std::vector<std::uint32_t> seqToSlice;
    std::vector<std::pair<std::uint32_t, std::uint64_t>> endOffsets;
};

struct SliceLayoutContext {
    const StringPool& strings;
    Diagnostics& diagnostics;
    const std::string& file;
    TimeNs closeTime;    // where slices still open at the end of the trace are closed
    bool reportOverlaps; // false for async tracks, where overlap is normal
};

inline constexpr std::uint32_t kNoSlice = 0xffffffffu;

// Orders one thread's events (by ts; at equal ts: E first, then X longest first, then file
// order), pairs B with E on a per-thread stack, nests slices into rows and moves slices that
// partially overlap an open slice to sub-rows below, so every row holds disjoint slices.
SliceLayoutResult layoutSlices(std::vector<PendingSlice> events, const SliceLayoutContext& context);

} // namespace lanescope
