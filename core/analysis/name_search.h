// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace lanescope::analysis {

struct SearchOptions {
    bool caseSensitive = false;
    std::size_t limit = 1'000'000; // matches kept; `total` still counts all of them
};

struct SearchResult {
    std::vector<SliceRef> matches; // ordered by start time, then track, then slice
    std::uint64_t total = 0;       // all matches, even beyond the limit
    bool truncated() const { return total > matches.size(); }
};

// Slices whose name contains `needle` (ASCII case folding unless caseSensitive). Names are
// matched once per distinct string, then the name columns are scanned, so the cost is one pass
// over the slices whatever the needle. An empty needle matches nothing.
SearchResult searchSlices(const Trace& trace, std::string_view needle,
                          const SearchOptions& options = {});

} // namespace lanescope::analysis
