// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/event_fields.h"
#include "formats/raw_event.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lanescope::formats {

// Parses the text of one trace event object with nlohmann/json's SAX interface into a RawEvent,
// keeping only what the model needs. Holds no state between events other than reusable
// buffers, so several parsers can work on separate chunks of a file in parallel.
class EventParser {
public:
    EventParser();
    ~EventParser();
    EventParser(const EventParser&) = delete;
    EventParser& operator=(const EventParser&) = delete;

    // On success, `event` views stay valid until the next call. On malformed JSON returns false
    // with `error` describing it and `errorPosition` relative to the start of `text`.
    bool parse(std::string_view text, std::uint64_t offset, RawEvent& event,
               std::vector<FieldProblem>& problems, std::string& error, std::size_t& errorPosition);

private:
    class Handler;
    std::unique_ptr<Handler> handler_;
};

} // namespace lanescope::formats
