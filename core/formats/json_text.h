#pragma once

#include "model/raw_event.h"

#include <string>
#include <string_view>

namespace lanescope::formats {

// Small helpers over raw JSON text, used where the full parser would be wasted effort.
namespace json_text {

bool isSpace(char c);
std::size_t skipSpaces(std::string_view text, std::size_t i);
// Index just past the string whose opening quote is at `open`, or npos when it does not close.
std::size_t skipString(std::string_view text, std::size_t open);
// Index just past the value starting at `begin` (string, object, array or scalar), or npos.
// Sets `*trailingComma` when an object or array in it ends with a comma (left to the
// reference parser and its one repair, text_repair.h).
std::size_t skipValue(std::string_view text, std::size_t begin, bool* trailingComma = nullptr);

// A JSON number token as nlohmann reports it: non-negative integers Unsigned, negative ones
// Integer, anything else (fractions, exponents, beyond 64 bits) Float with value.text = token.
bool numberFromText(std::string_view token, RawValue& value);

// The value of a scalar's raw JSON text. String contents go to `storage` (unescaped) and
// Float keeps its text there too; value.text is not set (callers point it at `storage`).
// Returns false on anything that is not a valid scalar.
bool scalarFromText(std::string_view text, RawValue& value, std::string& storage);

// Visits the top-level members of an object without parsing their values: visit(key,
// valueText) gets the raw key (escapes kept) and the raw JSON text of the value. Returns false on
// malformed text and on a trailing comma anywhere in it.
template <class Visit> bool forEachMember(std::string_view object, Visit&& visit) {
    std::size_t i = skipSpaces(object, 0);
    if (i >= object.size() || object[i] != '{')
        return false;
    i = skipSpaces(object, i + 1);
    while (i < object.size() && object[i] != '}') {
        if (object[i] != '"')
            return false;
        const std::size_t keyEnd = skipString(object, i);
        if (keyEnd == std::string_view::npos)
            return false;
        const std::string_view key = object.substr(i + 1, keyEnd - i - 2);
        i = skipSpaces(object, keyEnd);
        if (i >= object.size() || object[i] != ':')
            return false;
        i = skipSpaces(object, i + 1);
        bool trailingComma = false;
        const std::size_t valueEnd = skipValue(object, i, &trailingComma);
        if (valueEnd == std::string_view::npos || trailingComma)
            return false;
        visit(key, object.substr(i, valueEnd - i));
        i = skipSpaces(object, valueEnd);
        if (i < object.size() && object[i] == ',') {
            i = skipSpaces(object, i + 1);
            if (i < object.size() && object[i] == '}')
                return false;
        }
    }
    return i < object.size();
}

} // namespace json_text
} // namespace lanescope::formats
