// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>

namespace lanescope::bench {

struct QueryMeasurement {
    std::uint64_t slices = 0;
    std::uint64_t queries = 0;
    double rangeMedianMicros = 0; // "slices intersecting [t0,t1)", windows of ~20 slices
    double rangeP99Micros = 0;
    double pointMedianMicros = 0; // "slices containing t"
    double pointP99Micros = 0;
    double averageHits = 0;
    double buildSeconds = 0;
};

// Builds one track of `slices` nested, profiler-like slices (call stacks up to 8 deep with gaps)
// and times interval queries at random places.
QueryMeasurement measureQueries(std::uint64_t slices, std::uint64_t seed);

} // namespace lanescope::bench
