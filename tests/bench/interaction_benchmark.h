// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lanescope::bench {

// What a user waits for in the window once a trace is loaded. Cheap operations are the median
// of 5 runs; first-time costs (the gzip seek index) are a single run.
struct InteractionMeasurement {
    std::string file;
    bool gzip = false;
    std::uint64_t slices = 0;
    std::uint64_t flows = 0;
    double loadSeconds = 0;

    double flowIndexMs = 0; // analysis::FlowIndex(trace): built when the trace is shown

    double searchMs = 0;             // searchSlices(trace, "aten::") with the app's default options
    std::uint64_t searchMatches = 0; // total, even beyond SearchOptions::limit
    double noMatchSearchMs = 0;      // a needle no name contains

    double summaryWholeMs = 0;           // summarizeRange over every slice track, the whole span
    double summaryWindowMs = 0;          // ... a 1 % window in the middle of the span
    std::uint64_t summaryWholeNames = 0; // distinct names in each summary
    std::uint64_t summaryWindowNames = 0;

    // Trace::sliceArgs for the slice whose event sits last in the file: the first call after the
    // cache was cleared (gzip: builds the seek index) and the median of 5 calls after it.
    double argsEndFirstMs = 0;
    double argsEndAgainMs = 0;
    // ... and for the slice whose event sits first in the file (median of 5, index built).
    double argsStartMs = 0;
    std::uint64_t endOffset = 0; // decompressed byte offset of the last slice's event
    std::uint64_t gzipAccessPoints = 0;

    // Every detector with the default thresholds, once (the window runs them on a pool thread
    // after each load and after each threshold change), and what they found.
    double detectorsMs = 0;
    std::uint64_t insights = 0;
    // Each registered detector alone (mapDevices excluded), in registry order: name, ms.
    std::vector<std::pair<std::string, double>> detectorMs;
    std::string error; // the first thing that went wrong (a Trace::sliceArgs error), "" when none
};

// Loads `path` once with formats::loadTrace in this process and times the interactions above.
// Throws what loadTrace throws.
InteractionMeasurement measureInteractions(const std::string& path);

} // namespace lanescope::bench
