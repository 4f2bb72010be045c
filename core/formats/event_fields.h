// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/raw_event.h"
#include "model/join_keys.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// Problems with one field of an otherwise well-formed event (the event may still be usable).
struct FieldProblem {
    const char* kind; // a diag:: name
    std::string message;
};

// "ts"/"dur" in µs (integer, float text or string) to ns; an absent field is false without a
// problem, an unusable one is false with a problem naming the field.
bool timeFieldToNs(const RawValue& value, const char* field, const char* problemKind, TimeNs& out,
                   std::vector<FieldProblem>& problems);

// An event's "ts" and "dur" into event.ts/hasTs/tsPresent and event.dur/hasDur (event.phase
// set first). Both event parsers use this one place. Metadata events (ph "M") need neither: a
// null or unusable value there is not a problem.
void readEventTimes(const RawValue& ts, const RawValue& dur, RawEvent& event,
                    std::vector<FieldProblem>& problems);

// The args that carry each JoinKey (model/join_keys.h), in its order.
inline constexpr std::array<std::string_view, 3> kJoinKeyArgs = {"correlation", "connection_id",
                                                                 "correlation_id"};

// The args read from every event at load time: the join keys. All other
// args stay in the source and are read on demand; M and C events get all of theirs parsed.
bool isArgReadAtLoad(std::string_view key);

} // namespace lanescope::formats
