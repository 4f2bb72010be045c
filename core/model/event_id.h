// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/string_pool.h"

#include <cstdint>
#include <vector>

namespace lanescope {

// An async/flow id, compared exactly: integers by value (ids above 2^53 stay exact), strings
// and non-integer numbers by their interned text.
struct EventId {
    std::uint64_t value = 0;
    bool isText = false;
    bool negative = false;

    friend bool operator==(const EventId&, const EventId&) = default;
    friend auto operator<=>(const EventId&, const EventId&) = default;
};

// The same id once its text moved to another pool: ids[s] is the new id of string s.
inline EventId remapped(EventId id, const std::vector<StringId>& ids) {
    if (id.isText)
        id.value = ids[id.value];
    return id;
}

} // namespace lanescope
