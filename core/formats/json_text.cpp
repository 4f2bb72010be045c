#include "formats/json_text.h"

#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

namespace lanescope::formats::json_text {

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::size_t skipSpaces(std::string_view text, std::size_t i) {
    while (i < text.size() && isSpace(text[i]))
        ++i;
    return i;
}

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

std::size_t skipValue(std::string_view text, std::size_t begin, bool* trailingComma) {
    if (begin >= text.size())
        return std::string_view::npos;
    const char first = text[begin];
    if (first == '"')
        return skipString(text, begin);
    if (first != '{' && first != '[') {
        std::size_t i = begin;
        while (i < text.size() && text[i] != ',' && text[i] != '}' && text[i] != ']' &&
               !isSpace(text[i]))
            ++i;
        return i == begin ? std::string_view::npos : i;
    }
    int depth = 0;
    char last = 0; // the last byte outside strings that is not a space
    for (std::size_t i = begin; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            i = skipString(text, i);
            if (i == std::string_view::npos)
                return i;
            --i;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (last == ',' && trailingComma)
                *trailingComma = true;
            if (--depth == 0)
                return i + 1;
        }
        if (!isSpace(c))
            last = c;
    }
    return std::string_view::npos;
}

bool numberFromText(std::string_view token, RawValue& value) {
    value = RawValue{};
    const char* begin = token.data();
    const char* end = begin + token.size();
    if (token.empty())
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
