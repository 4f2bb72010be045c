// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace lanescope::formats {

// How deep Lanescope follows nested JSON it turns into a value (top-level keys such as
// deviceProperties or otherData, an event's args shown on demand). nlohmann's parser does not
// recurse, but printing and walking a value do: a value nested 10^5 levels deep would overflow
// the stack. No profiler writes more than a dozen levels.
inline constexpr int kMaxJsonDepth = 128;

struct BoundedJson {
    nlohmann::json value;   // discarded() when the text is not valid JSON
    bool truncated = false; // some array or object deeper than kMaxJsonDepth was left out
};

// Parses `text`, leaving out (as if absent) every array or object nested deeper than
// kMaxJsonDepth. Never throws on bad input.
BoundedJson parseBoundedJson(std::string_view text);

} // namespace lanescope::formats
