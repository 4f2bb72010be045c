// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lanescope::session {

// A point marker (at a time, on lanes or every lane), a range marker (a time range, optionally
// limited to lanes) or a note on one event.
enum class AnnotationKind : std::uint8_t { Point, Range, EventNote };
const char* toString(AnnotationKind kind); // "point", "range", "event"
std::optional<AnnotationKind> annotationKindFrom(std::string_view text);

// The event a note is about, by what survives reloading: its lane's identity
// (LaneIdentities::track), its start and its name.
struct EventAnchor {
    std::string track;
    TimeNs start = 0;
    std::string name;
    friend bool operator==(const EventAnchor&, const EventAnchor&) = default;
};

// What a user wrote on the trace. Times are the trace's own (ns, as loaded).
struct Annotation {
    std::uint64_t id = 0; // unique within its set, never reused
    AnnotationKind kind = AnnotationKind::Point;
    std::string text;
    std::string color = "#e11d48"; // "#rrggbb"
    TimeNs start = 0;
    TimeNs end = 0;                   // a point marker has end == start
    std::vector<std::string> lanes;   // track identities; empty: global
    std::optional<EventAnchor> event; // EventNote only
    std::string insight;              // the id of the insight it was made from, if any
    std::string author;
    std::int64_t createdMs = 0; // Unix time, ms
    std::int64_t modifiedMs = 0;
    friend bool operator==(const Annotation&, const Annotation&) = default;
};

// True for "#rrggbb" (what the session file and the colour pickers exchange).
bool isHexColor(std::string_view text);

} // namespace lanescope::session
