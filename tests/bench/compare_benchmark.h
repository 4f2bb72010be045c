// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <string>

namespace lanescope::bench {

// What comparing two runs costs once both are loaded and their findings found: indexing the
// top-level ops of both and the comparison itself (steps, buckets, op and kernel diffs, per-thread
// alignment, findings diff) — what the compare window and `lanescope-cli compare` add to loading.
struct CompareMeasurement {
    std::uint64_t baseSlices = 0;
    std::uint64_t compSlices = 0;
    std::uint64_t stepPairs = 0;
    std::uint64_t ops = 0;         // op names in the diff
    std::uint64_t alignedRows = 0; // rows of the per-thread alignments
    bool exact = true;             // every alignment exact (no fallback)
    double opIndexMs = 0;          // both runs
    double compareMs = 0;
};

CompareMeasurement measureCompare(const std::string& basePath, const std::string& compPath);

} // namespace lanescope::bench
