// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/raw_event.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace lanescope::formats {

// Small helpers over raw JSON text, used where the full parser would be wasted effort.
namespace json_text {

// Inline: the scanners call these for nearly every byte outside strings.
inline bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}
inline std::size_t skipSpaces(std::string_view text, std::size_t i) {
    while (i < text.size() && isSpace(text[i]))
        ++i;
    return i;
}
// Index just past the string whose opening quote is at `open`, or npos when it does not close.
std::size_t skipString(std::string_view text, std::size_t open);
// The fast readers accept only strict JSON and leave everything else (a trailing comma, a
// control character or broken UTF-8 in a string, a bad escape, a number JSON does not allow,
// a missing ':' or ',') to the reference parser, which applies the one tolerance there is
// (text_repair.h) or rejects the event. So both paths load the same events alike.

namespace detail {
// Eight bytes at a time: true when none is a control character, a backslash or above 0x7F
// (the common case, which needs no further look).
inline bool plainWord(std::uint64_t w) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHigh = 0x8080808080808080ull;
    const std::uint64_t below20 = (w - kOnes * 0x20) & ~w;
    const std::uint64_t x = w ^ (kOnes * '\\');
    const std::uint64_t backslash = (x - kOnes) & ~x;
    return ((w | below20 | backslash) & kHigh) == 0;
}
// Byte by byte from `from`: escapes, UTF-8 sequences, control characters.
bool isStrictStringFrom(std::string_view body, std::size_t from);
} // namespace detail

// A string's text between its quotes is strict JSON: no control characters, valid escapes,
// valid UTF-8. Inline: every key and string the fast parser meets goes through it.
inline bool isStrictString(std::string_view body) {
    std::size_t i = 0;
    std::uint64_t w = 0;
    for (; i + 8 <= body.size(); i += 8) {
        std::memcpy(&w, body.data() + i, 8);
        if (!detail::plainWord(w))
            return detail::isStrictStringFrom(body, i);
    }
    w = 0x6161616161616161ull; // 'a' in the bytes past the end
    if (i < body.size())
        std::memcpy(&w, body.data() + i, body.size() - i);
    return detail::plainWord(w) || detail::isStrictStringFrom(body, i);
}
// A number token in JSON's grammar (no leading zeros, '+', or bare '.').
bool isStrictNumber(std::string_view token);

// Index just past the value starting at `begin` (string, object, array or scalar), or npos
// when the text ends first. `*strict` is cleared when the value is not strict JSON.
std::size_t skipValue(std::string_view text, std::size_t begin, bool& strict);

// A JSON number token as nlohmann reports it: non-negative integers Unsigned, negative ones
// Integer, anything else (fractions, exponents, beyond 64 bits) Float with value.text = token.
bool numberFromText(std::string_view token, RawValue& value);

// The value of a scalar's raw JSON text. String contents go to `storage` (unescaped) and
// Float keeps its text there too; value.text is not set (callers point it at `storage`).
// Returns false on anything that is not a valid scalar.
bool scalarFromText(std::string_view text, RawValue& value, std::string& storage);

// Visits the top-level members of an object without parsing their values: visit(key,
// valueText) gets the raw key (escapes kept) and the raw JSON text of the value. Returns false on
// text that is not strict JSON (then some members may have been visited).
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
        if (!isStrictString(key))
            return false;
        i = skipSpaces(object, keyEnd);
        if (i >= object.size() || object[i] != ':')
            return false;
        i = skipSpaces(object, i + 1);
        bool strict = true;
        const std::size_t valueEnd = skipValue(object, i, strict);
        if (valueEnd == std::string_view::npos || !strict)
            return false;
        visit(key, object.substr(i, valueEnd - i));
        i = skipSpaces(object, valueEnd);
        if (i < object.size() && object[i] == ',') {
            i = skipSpaces(object, i + 1);
            if (i < object.size() && object[i] == '}')
                return false;
        } else if (i < object.size() && object[i] != '}') {
            return false; // a missing ','
        }
    }
    return i < object.size();
}

} // namespace json_text
} // namespace lanescope::formats
