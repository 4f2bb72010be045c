// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/json_text.h"

#include "formats/text_repair.h"

#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

namespace lanescope::formats::json_text {

std::size_t skipString(std::string_view text, std::size_t open) {
    std::size_t i = open + 1;
    while (i < text.size()) {
        const auto* quote =
            static_cast<const char*>(std::memchr(text.data() + i, '"', text.size() - i));
        if (!quote)
            return std::string_view::npos;
        const auto q = static_cast<std::size_t>(quote - text.data());
        std::size_t backslashes = 0;
        while (q - backslashes > open + 1 && text[q - backslashes - 1] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return q + 1;
        i = q + 1;
    }
    return std::string_view::npos;
}

bool isStrictNumber(std::string_view t) {
    const auto digit = [&](std::size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
    std::size_t i = 0;
    if (i < t.size() && t[i] == '-')
        ++i;
    if (!digit(i))
        return false;
    if (t[i++] != '0')
        while (digit(i))
            ++i;
    if (i < t.size() && t[i] == '.') {
        if (!digit(++i))
            return false;
        while (digit(i))
            ++i;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-'))
            ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    return i == t.size();
}

namespace {

// The 4 hex digits of a \u escape starting at body[i] (just past the 'u'), or -1.
int hexQuad(std::string_view body, std::size_t i) {
    if (i + 4 > body.size())
        return -1;
    int value = 0;
    for (std::size_t k = i; k < i + 4; ++k) {
        const char c = body[k];
        const int digit = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

bool isLiteral(std::string_view token) {
    return token == "true" || token == "false" || token == "null";
}

// Index just past the string whose quote is at `open` (npos when the text ends first); clears
// `strict` when its text is not strict JSON.
std::size_t skipStrictString(std::string_view text, std::size_t open, bool& strict) {
    const std::size_t end = skipString(text, open);
    if (end != std::string_view::npos && !isStrictString(text.substr(open + 1, end - open - 2)))
        strict = false;
    return end;
}

} // namespace

bool detail::isStrictStringFrom(std::string_view body, std::size_t i) {
    while (i < body.size()) {
        std::uint64_t w = 0;
        if (i + 8 <= body.size()) {
            std::memcpy(&w, body.data() + i, 8);
            if (plainWord(w)) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(body[i]);
        if (c >= 0x20 && c < 0x80 && c != '\\') {
            ++i;
            continue;
        }
        if (c < 0x20)
            return false;
        if (c >= 0x80) {
            const std::size_t length = utf8SequenceLength(body, i);
            if (length == 0)
                return false;
            i += length;
            continue;
        }
        if (++i == body.size())
            return false;
        switch (body[i]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            break;
        case 'u': {
            // Surrogates come in pairs, as the reference parser requires.
            const int unit = hexQuad(body, i + 1);
            if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
                return false;
            i += 4;
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                if (i + 2 >= body.size() || body[i + 1] != '\\' || body[i + 2] != 'u')
                    return false;
                const int low = hexQuad(body, i + 3);
                if (low < 0xDC00 || low > 0xDFFF)
                    return false;
                i += 6;
            }
            break;
        }
        default:
            return false;
        }
        ++i; // past the escape's last character
    }
    return true;
}

std::size_t skipValue(std::string_view text, std::size_t begin, bool& strict) {
    constexpr std::size_t kEnd = std::string_view::npos;
    if (begin >= text.size())
        return kEnd;
    const char first = text[begin];
    if (first == '"')
        return skipStrictString(text, begin, strict);
    const auto tokenEnd = [&](std::size_t i) {
        while (i < text.size() && text[i] != ',' && text[i] != '}' && text[i] != ']' &&
               text[i] != ':' && !isSpace(text[i]))
            ++i;
        return i;
    };
    if (first != '{' && first != '[') {
        const std::size_t end = tokenEnd(begin);
        if (end == begin)
            return kEnd;
        const std::string_view token = text.substr(begin, end - begin);
        if (!isLiteral(token) && !isStrictNumber(token))
            strict = false;
        return end;
    }
    // What may come next, outside strings. `Key` and `Value` follow a ',' (so a closing
    // bracket there means a trailing comma).
    enum class Expect { KeyOrClose, Key, Colon, ValueOrClose, Value, CommaOrClose };
    const auto fail = [&] {
        strict = false;
        return begin; // anything but kEnd: the caller hands the event over
    };
    std::string open; // the brackets still open
    Expect expect = Expect::Value;
    for (std::size_t i = begin; i < text.size(); ++i) {
        const char c = text[i];
        if (isSpace(c))
            continue;
        const bool close = c == '}' || c == ']';
        if (close && (expect == Expect::KeyOrClose || expect == Expect::ValueOrClose ||
                      expect == Expect::CommaOrClose)) {
            if (open.back() != (c == '}' ? '{' : '['))
                return fail();
            open.pop_back();
            if (open.empty())
                return i + 1;
            expect = Expect::CommaOrClose;
            continue;
        }
        switch (expect) {
        case Expect::KeyOrClose:
        case Expect::Key: {
            if (c != '"')
                return fail(); // a trailing comma, or not a key
            const std::size_t end = skipStrictString(text, i, strict);
            if (end == kEnd || !strict)
                return end == kEnd ? kEnd : begin;
            i = end - 1;
            expect = Expect::Colon;
            break;
        }
        case Expect::Colon:
            if (c != ':')
                return fail();
            expect = Expect::Value;
            break;
        case Expect::Value:
        case Expect::ValueOrClose:
            if (c == '{' || c == '[') {
                open += c;
                expect = c == '{' ? Expect::KeyOrClose : Expect::ValueOrClose;
            } else if (c == '"') {
                const std::size_t end = skipStrictString(text, i, strict);
                if (end == kEnd || !strict)
                    return end == kEnd ? kEnd : begin;
                i = end - 1;
                expect = Expect::CommaOrClose;
            } else {
                const std::size_t end = tokenEnd(i);
                if (end == text.size())
                    return kEnd;
                const std::string_view token = text.substr(i, end - i);
                if (token.empty() || (!isLiteral(token) && !isStrictNumber(token)))
                    return fail(); // a trailing comma, a ':' or a bad scalar
                i = end - 1;
                expect = Expect::CommaOrClose;
            }
            break;
        case Expect::CommaOrClose:
            if (c != ',')
                return fail();
            expect = open.back() == '{' ? Expect::Key : Expect::Value;
            break;
        }
    }
    return kEnd;
}

bool numberFromText(std::string_view token, RawValue& value) {
    value = RawValue{};
    const char* begin = token.data();
    const char* end = begin + token.size();
    if (!isStrictNumber(token))
        return false;
    if (token.find_first_of(".eE") == std::string_view::npos) {
        if (token.front() != '-') {
            if (auto [p, ec] = std::from_chars(begin, end, value.unsignedInteger);
                ec == std::errc() && p == end) {
                value.kind = RawValue::Kind::Unsigned;
                return true;
            }
        } else if (auto [p, ec] = std::from_chars(begin, end, value.integer);
                   ec == std::errc() && p == end) {
            value.kind = RawValue::Kind::Integer;
            return true;
        }
    }
    const auto [p, ec] = std::from_chars(begin, end, value.floating);
    if (p != end || (ec != std::errc() && ec != std::errc::result_out_of_range))
        return false;
    value.kind = RawValue::Kind::Float;
    value.text = token;
    return true;
}

bool scalarFromText(std::string_view text, RawValue& value, std::string& storage) {
    value = RawValue{};
    if (text.empty())
        return false;
    const char first = text.front();
    if (first == '"') {
        if (text.size() < 2 || !isStrictString(text.substr(1, text.size() - 2)))
            return false;
        if (text.find('\\') != std::string_view::npos) {
            const auto parsed = nlohmann::json::parse(text, nullptr, false);
            if (!parsed.is_string())
                return false;
            storage = parsed.get<std::string>();
        } else {
            storage.assign(text.substr(1, text.size() - 2));
        }
        value.kind = RawValue::Kind::String;
        return true;
    }
    if (first == '{' || first == '[') {
        value.kind = RawValue::Kind::Composite;
        return true;
    }
    if (text == "true" || text == "false") {
        value.kind = RawValue::Kind::Bool;
        value.boolean = text == "true";
        return true;
    }
    if (text == "null") {
        value.kind = RawValue::Kind::Null;
        return true;
    }
    if (!numberFromText(text, value))
        return false;
    if (value.kind == RawValue::Kind::Float)
        storage.assign(text);
    value.text = {};
    return true;
}

} // namespace lanescope::formats::json_text
