// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/event_parser.h"
#include "formats/raw_event.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lanescope::formats {

// The fast path for the events that make up almost every trace: a flat object of plain strings
// (no escapes, ASCII), numbers, booleans and an "args" object. It reads them straight from the
// input buffer without a general JSON parser (nlohmann's SAX runs at about 95 MB/s on this
// machine, below the load target). Anything else — escapes, non-ASCII text, id2, M events,
// malformed text — is reported Unsupported and goes to EventParser, which is the reference.
class SimpleEventParser {
public:
    enum class Result { Parsed, Empty, NeedMoreInput, Unsupported };

    // `text` starts at the event's '{' and runs to the end of the available input. On Parsed the
    // event's views point into `text` and `length` is the event's byte length; Empty is an `{}`.
    Result parse(std::string_view text, std::uint64_t offset, RawEvent& event,
                 std::vector<FieldProblem>& problems, std::size_t& length);

private:
    bool readArgs(std::string_view args, bool all);

    std::vector<RawArg> args_;
    std::vector<std::string> argStorage_;
};

} // namespace lanescope::formats
