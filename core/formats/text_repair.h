#pragma once

#include <string>
#include <string_view>

namespace lanescope::formats {

// Profilers write raw control characters and broken UTF-8 into names (pytorch#130622), which
// strict JSON rejects. Returns a copy of `json` where control characters inside strings become
// spaces and invalid UTF-8 bytes become '?', or false when there was nothing to repair.
bool repairJsonText(std::string_view json, std::string& repaired);

// `text` with every byte that is not part of valid UTF-8 replaced by '?', as repairJsonText
// does: for strings from sources that are not JSON (SQLite TEXT columns), so every string in
// the model can be written out as JSON.
std::string validUtf8(std::string_view text);

} // namespace lanescope::formats
