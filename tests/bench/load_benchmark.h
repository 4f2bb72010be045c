// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <string>

namespace lanescope::bench {

struct LoadMeasurement {
    std::string file;
    unsigned threads = 0; // LoadOptions::threads (0: one per core)
    std::uint64_t fileBytes = 0;
    std::uint64_t parsedBytes = 0; // decompressed
    std::uint64_t events = 0;      // event objects in the file (sum of events_by_phase)
    std::uint64_t slices = 0;
    double seconds = 0;
    double megabytesPerSecond = 0; // parsed (decompressed) bytes / s
    double eventsPerSecond = 0;
    std::uint64_t peakRssBytes = 0;       // of a process that only loads the trace
    std::uint64_t modelBytes = 0;         // resident bytes of the built model
    std::uint64_t stringBytes = 0;        // ... of which the string pool
    double bytesPerSlice = 0;             // (model - strings) / slices
    double sliceStorageBytesPerSlice = 0; // slice tracks only (columns, index, rows) / slices
};

// Loads `path` in a forked child (so peak RSS is the load's own) and reports what it measured.
// Throws std::runtime_error when the child fails.
LoadMeasurement measureLoad(const std::string& path, unsigned threads);

} // namespace lanescope::bench
