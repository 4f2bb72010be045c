// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/json_limits.h"

namespace lanescope::formats {

BoundedJson parseBoundedJson(std::string_view text) {
    BoundedJson out;
    using Event = nlohmann::json::parse_event_t;
    const nlohmann::json::parser_callback_t keep = [&](int depth, Event event, nlohmann::json&) {
        if ((event == Event::object_start || event == Event::array_start) &&
            depth > kMaxJsonDepth) {
            out.truncated = true;
            return false;
        }
        return true;
    };
    out.value = nlohmann::json::parse(text, keep, false);
    return out;
}

} // namespace lanescope::formats
