// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "model/instants.h"

#include <algorithm>
#include <numeric>

namespace lanescope {

void InstantList::sortByTime() {
    if (std::is_sorted(times.begin(), times.end()))
        return;
    std::vector<std::uint32_t> order(times.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return times[a] < times[b]; });
    InstantList sorted;
    for (std::uint32_t i : order)
        sorted.add(times[i], names[i], categories[i], sourceOffsets[i]);
    *this = std::move(sorted);
}

std::size_t InstantList::memoryBytes() const {
    return times.capacity() * sizeof(TimeNs) + names.capacity() * sizeof(StringId) +
           categories.capacity() * sizeof(StringId) +
           sourceOffsets.capacity() * sizeof(std::uint64_t);
}

} // namespace lanescope
