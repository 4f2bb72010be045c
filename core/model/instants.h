// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <vector>

namespace lanescope {

// Zero-duration events of one owner (a thread, a process or the whole trace), sorted by time.
struct InstantList {
    std::vector<TimeNs> times;
    std::vector<StringId> names;
    std::vector<StringId> categories;
    std::vector<std::uint64_t> sourceOffsets;

    std::size_t size() const { return times.size(); }
    void add(TimeNs time, StringId name, StringId category, std::uint64_t offset) {
        times.push_back(time);
        names.push_back(name);
        categories.push_back(category);
        sourceOffsets.push_back(offset);
    }
    void sortByTime();
    std::size_t memoryBytes() const;
};

} // namespace lanescope
