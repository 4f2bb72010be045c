// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>
#include <string_view>

namespace lanescope::formats {

// What repairJsonText changed.
struct JsonRepairs {
    bool strings = false;        // control characters or invalid UTF-8 replaced
    bool trailingCommas = false; // a ',' right before a '}' or ']' blanked
    bool any() const { return strings || trailingCommas; }
};

// The one tolerance of event text beyond strict JSON, shared by the loader's reference parser
// and the on-demand event reader (the fast parser hands such events to the former):
// profilers write raw control characters and broken UTF-8 into names (pytorch#130622), and
// hand-written traces end objects and arrays with a comma. `repaired` is `json` with control
// characters inside strings as spaces, invalid UTF-8 bytes as '?' and each trailing comma
// outside strings as a space (so byte offsets stay those of the file).
JsonRepairs repairJsonText(std::string_view json, std::string& repaired);

// Length of the valid UTF-8 sequence starting at text[i] (a byte >= 0x80), 0 when invalid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i);

// `text` with every byte that is not part of valid UTF-8 replaced by '?', as repairJsonText
// does: for strings from sources that are not JSON (SQLite TEXT columns), so every string in
// the model can be written out as JSON.
std::string validUtf8(std::string_view text);

} // namespace lanescope::formats
