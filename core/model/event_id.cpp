#include "model/event_id.h"

namespace lanescope {

bool toEventId(const RawValue& value, StringPool& strings, EventId& out) {
    switch (value.kind) {
    case RawValue::Kind::Integer:
        out = {static_cast<std::uint64_t>(value.integer), false, value.integer < 0};
        return true;
    case RawValue::Kind::Unsigned:
        out = {value.unsignedInteger, false, false};
        return true;
    case RawValue::Kind::Float:
    case RawValue::Kind::String:
        out = {strings.intern(value.text), true, false};
        return true;
    default:
        return false;
    }
}

} // namespace lanescope
