// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "model/counter_track.h"

#include <algorithm>
#include <numeric>

namespace lanescope {

std::size_t CounterTrack::sampleCount() const {
    std::size_t n = 0;
    for (const CounterSeries& s : series)
        n += s.times.size();
    return n;
}

std::size_t CounterTrack::memoryBytes() const {
    std::size_t bytes = series.capacity() * sizeof(CounterSeries);
    for (const CounterSeries& s : series)
        bytes += s.times.capacity() * sizeof(TimeNs) + s.values.capacity() * sizeof(double);
    return bytes;
}

void CounterTrack::sortByTime() {
    for (CounterSeries& s : series) {
        if (std::is_sorted(s.times.begin(), s.times.end()))
            continue;
        std::vector<std::uint32_t> order(s.times.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return s.times[a] < s.times[b]; });
        CounterSeries sorted{s.name, {}, {}};
        sorted.times.reserve(order.size());
        sorted.values.reserve(order.size());
        for (std::uint32_t i : order) {
            sorted.times.push_back(s.times[i]);
            sorted.values.push_back(s.values[i]);
        }
        s = std::move(sorted);
    }
}

} // namespace lanescope
