// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/event_fields.h"

#include "formats/decimal_time.h"
#include "model/diagnostics.h"
#include "model/join_keys.h"
#include "model/time.h"

#include <string_view>

namespace lanescope::formats {

EventField eventFieldFor(std::string_view key) {
    using F = EventField;
    switch (key.size()) {
    case 1:
        return key[0] == 's' ? F::InstantScope : F::Ignored;
    case 2:
        return key == "ph"   ? F::Phase
               : key == "ts" ? F::Ts
               : key == "id" ? F::Id
               : key == "bp" ? F::BindingPoint
                             : F::Ignored;
    case 3:
        return key == "dur"   ? F::Dur
               : key == "pid" ? F::Pid
               : key == "tid" ? F::Tid
               : key == "cat" ? F::Category
               : key == "id2" ? F::Id2
                              : F::Ignored;
    case 4:
        return key == "name" ? F::Name : key == "args" ? F::Args : F::Ignored;
    case 5:
        return key == "scope" ? F::Scope : F::Ignored;
    case 7:
        return key == "bind_id" ? F::BindId : key == "flow_in" ? F::FlowIn : F::Ignored;
    case 8:
        return key == "flow_out" ? F::FlowOut : F::Ignored;
    default:
        return F::Ignored;
    }
}

bool isArgReadAtLoad(std::string_view key) {
    for (std::string_view joinKey : kJoinKeyArgs)
        if (key == joinKey)
            return true;
    return false;
}

namespace {

const char* typeName(RawValue::Kind kind) {
    switch (kind) {
    case RawValue::Kind::Bool:
        return "a boolean";
    case RawValue::Kind::Null:
        return "null";
    case RawValue::Kind::Composite:
        return "an object or array";
    default:
        return "not a number";
    }
}

} // namespace

bool timeFieldToNs(const RawValue& value, const char* field, const char* problemKind, TimeNs& out,
                   std::vector<FieldProblem>& problems) {
    bool ok = false;
    const char* why = "number out of range";
    switch (value.kind) {
    case RawValue::Kind::Absent:
        return false;
    case RawValue::Kind::Integer:
        ok = microsToNs(value.integer, out);
        break;
    case RawValue::Kind::Unsigned:
        ok = microsToNs(value.unsignedInteger, out);
        break;
    case RawValue::Kind::Float:
    case RawValue::Kind::String:
        ok = microsTextToNs(value.text, out, &why);
        break;
    default:
        why = typeName(value.kind);
        break;
    }
    if (ok && std::string_view(field) == "ts" && (out < kMinEventTime || out >= kMaxEventTime)) {
        ok = false;
        why = "is more than 146 years after (or 73 years before) the clock's origin";
    } else if (ok && std::string_view(field) == "dur" &&
               (out > kMaxEventDuration || out < -kMaxEventDuration)) {
        ok = false;
        why = "is longer than 73 years";
    }
    if (!ok)
        problems.push_back({problemKind, std::string("\"") + field + "\" " + why});
    return ok;
}

void readEventTimes(const RawValue& ts, const RawValue& dur, RawEvent& event,
                    std::vector<FieldProblem>& problems) {
    std::vector<FieldProblem> ignored;
    std::vector<FieldProblem>& noted = event.phase == "M" ? ignored : problems;
    event.tsPresent = ts.present();
    event.durPresent = dur.present();
    event.hasTs = timeFieldToNs(ts, "ts", diag::kBadTimestamp, event.ts, noted);
    event.hasDur = timeFieldToNs(dur, "dur", diag::kBadDuration, event.dur, noted);
}

} // namespace lanescope::formats
