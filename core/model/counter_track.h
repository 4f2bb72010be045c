// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lanescope {

// One named counter of a process ("C" events) with one or more series; each series is a
// step function sampled at its own times (an event may update only some series).
struct CounterSeries {
    StringId name = 0;
    std::vector<TimeNs> times;
    std::vector<double> values;
};

struct CounterTrack {
    std::uint32_t process = 0;
    StringId name = 0; // "name" or "name[id]" when the counter event carried an id
    StringId category = 0;
    std::vector<CounterSeries> series;

    std::size_t sampleCount() const;
    std::size_t memoryBytes() const;
    void sortByTime();
};

} // namespace lanescope
