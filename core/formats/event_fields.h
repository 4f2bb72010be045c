#pragma once

#include <cstdint>
#include <string_view>

namespace lanescope::formats {

// The top-level members of a trace event that the model reads.
enum class EventField : std::uint8_t {
    Ignored,
    Phase,
    Name,
    Category,
    Ts,
    Dur,
    Pid,
    Tid,
    Id,
    Id2,
    Scope,
    BindingPoint,
    InstantScope,
    BindId,
    FlowIn,
    FlowOut,
    Args,
};

EventField eventFieldFor(std::string_view key);

// The args read from every event at load time: the join keys of model/join_keys.h. All other
// args stay in the source and are read on demand; M and C events get all of theirs parsed.
bool isArgReadAtLoad(std::string_view key);

} // namespace lanescope::formats
