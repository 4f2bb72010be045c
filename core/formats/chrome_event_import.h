// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/raw_event.h"
#include "model/trace_builder.h"

#include <cstdint>

namespace lanescope::formats {

// Writes Chrome trace events (as the JSON readers parse them, formats/raw_event.h) into a
// TraceBuilder in the model's terms, with the format's rules:
// - "ph" picks what an event is: X/B/E slices, i/I/R instants (scope "s": g, p or t), C counters
//   (one series per numeric arg; "name[id]" when it has an id), b/e/n and S/T/p/F async
//   edges, s/t/f flow steps ("bp":"e" binds an f to its enclosing slice), M metadata
//   (process_name, process_labels, process_sort_index, thread_name, thread_sort_index), and
//   the phases the model does not draw (P, N/O/D, c, (, ), V/v, =) kept as other events;
// - a pid or tid is an integer, or a string unless it is an integer's canonical decimal form;
//   true, null or an array keeps a lane of its own and is reported; a missing tid is the pid;
// - ids: "id", then "id2.global", then "id2.local" (local to its process);
// - a slice's "bind_id" with "flow_in"/"flow_out" binds a flow (v2), and its args named in
//   kJoinKeyArgs (formats/event_fields.h) are its join keys;
// - an event without "ph" or a drawn one without "ts" is reported and skipped.
class ChromeEventImporter {
public:
    explicit ChromeEventImporter(TraceBuilder& builder) : builder_(builder) {}

    void add(const RawEvent& event);

private:
    IdToken idToken(const RawValue& value);
    void checkLaneIds(const RawEvent& event);
    std::uint32_t processOf(const RawEvent& event);
    std::uint32_t threadOf(const RawEvent& event);
    void note(const char* kind, const RawEvent& event, std::string message);

    void addMetadata(const RawEvent& event);
    void addSlice(const RawEvent& event, PendingSlice::Kind kind);
    void addInstant(const RawEvent& event);
    void addCounter(const RawEvent& event);
    void addAsync(const RawEvent& event, AsyncEdge edge);
    void addFlow(const RawEvent& event, FlowStep step);
    void addOther(const RawEvent& event, const char* diagnosticKind);

    TraceBuilder& builder_;
};

} // namespace lanescope::formats
