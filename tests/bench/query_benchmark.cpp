// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "query_benchmark.h"

#include "model/slice_track.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

namespace lanescope::bench {

namespace {

using Clock = std::chrono::steady_clock;

// Depth-first call trees: each top-level call holds a random number of children, recursively,
// like a host thread's stacks of PyTorch ops.
SliceTrack::Columns nestedSlices(std::uint64_t count, std::mt19937_64& rng) {
    SliceTrack::Columns c;
    c.starts.reserve(count);
    std::uniform_int_distribution<int> children(0, 3);
    std::uniform_int_distribution<TimeNs> gap(100, 5000);
    TimeNs cursor = 1'700'000'000'000'000'000;
    // Emits a slice at `depth` starting at `start`; returns its end.
    auto emit = [&](auto&& self, TimeNs start, int depth) -> TimeNs {
        const std::size_t index = c.starts.size();
        c.starts.push_back(start);
        c.ends.push_back(start);
        c.rows.push_back(static_cast<std::uint16_t>(depth));
        TimeNs t = start + gap(rng) / 10;
        const int n = depth < 8 ? children(rng) : 0;
        for (int k = 0; k < n && c.starts.size() < count; ++k)
            t = self(self, t, depth + 1) + gap(rng) / 10;
        c.ends[index] = t + gap(rng);
        return c.ends[index];
    };
    while (c.starts.size() < count)
        cursor = emit(emit, cursor, 0) + gap(rng);
    c.names.assign(c.starts.size(), 0);
    c.categories.assign(c.starts.size(), 0);
    c.flags.assign(c.starts.size(), 0);
    c.sourceOffsets.assign(c.starts.size(), 0);
    return c;
}

double percentile(std::vector<double>& v, double p) {
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

} // namespace

QueryMeasurement measureQueries(std::uint64_t slices, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    SliceTrack::Columns columns = nestedSlices(slices, rng);
    const auto buildStart = Clock::now();
    const SliceTrack track(std::move(columns));
    QueryMeasurement m;
    m.buildSeconds = std::chrono::duration<double>(Clock::now() - buildStart).count();
    m.slices = track.size();

    const TimeNs first = track.firstStart();
    const TimeNs span = track.lastEnd() - first;
    const TimeNs window = span / static_cast<TimeNs>(track.size()) * 20;
    std::uniform_int_distribution<TimeNs> where(first, track.lastEnd());
    constexpr int kQueries = 200000;
    std::vector<double> range, point;
    range.reserve(kQueries);
    point.reserve(kQueries);
    std::uint64_t hits = 0;
    for (int q = 0; q < kQueries; ++q) {
        const TimeNs t = where(rng);
        auto start = Clock::now();
        track.forEachIntersecting(t, t + window, [&](std::uint32_t) { ++hits; });
        range.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        start = Clock::now();
        track.forEachContaining(t, [&](std::uint32_t) { ++hits; });
        point.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    m.queries = kQueries;
    m.averageHits = static_cast<double>(hits) / (2.0 * kQueries);
    m.rangeMedianMicros = percentile(range, 0.5);
    m.rangeP99Micros = percentile(range, 0.99);
    m.pointMedianMicros = percentile(point, 0.5);
    m.pointP99Micros = percentile(point, 0.99);
    return m;
}

} // namespace lanescope::bench
