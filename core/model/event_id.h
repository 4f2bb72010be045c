#pragma once

#include "model/raw_event.h"
#include "model/string_pool.h"

#include <cstdint>
#include <functional>

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

// False when the value is absent or not a scalar id.
bool toEventId(const RawValue& value, StringPool& strings, EventId& out);

} // namespace lanescope
