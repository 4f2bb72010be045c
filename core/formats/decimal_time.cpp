// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/decimal_time.h"

#include <charconv>
#include <limits>

namespace lanescope::formats {

namespace {

struct Decimal {
    bool negative = false;
    // Significant digits with the decimal point removed; value = digits * 10^exponent.
    std::string_view integerPart;
    std::string_view fractionPart;
    std::int64_t exponent = 0;
};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool splitDecimal(std::string_view text, Decimal& d, const char** error) {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        d.negative = text[i++] == '-';
    const std::size_t intBegin = i;
    while (i < text.size() && isDigit(text[i]))
        ++i;
    d.integerPart = text.substr(intBegin, i - intBegin);
    if (i < text.size() && text[i] == '.') {
        const std::size_t fracBegin = ++i;
        while (i < text.size() && isDigit(text[i]))
            ++i;
        d.fractionPart = text.substr(fracBegin, i - fracBegin);
    }
    if (d.integerPart.empty() && d.fractionPart.empty()) {
        *error = "not a number";
        return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool expNegative = false;
        if (i < text.size() && (text[i] == '-' || text[i] == '+'))
            expNegative = text[i++] == '-';
        const std::size_t expBegin = i;
        std::int64_t exponent = 0;
        while (i < text.size() && isDigit(text[i])) {
            if (exponent < 100000)
                exponent = exponent * 10 + (text[i] - '0');
            ++i;
        }
        if (i == expBegin) {
            *error = "malformed exponent";
            return false;
        }
        d.exponent = expNegative ? -exponent : exponent;
    }
    if (i != text.size()) {
        *error = "not a number";
        return false;
    }
    return true;
}

} // namespace

bool microsTextToNs(std::string_view text, TimeNs& out, const char** error) {
    const char* ignored = nullptr;
    const char** why = error ? error : &ignored;
    Decimal d;
    if (!splitDecimal(trimSpaces(text), d, why))
        return false;

    // value_ns = digits * 10^(exponent + 3 - fractionDigits). Walk the digit string once,
    // keeping the integer part of the ns value and the first dropped digit for rounding.
    const std::int64_t shift = d.exponent + 3 - static_cast<std::int64_t>(d.fractionPart.size());
    const std::int64_t totalDigits =
        static_cast<std::int64_t>(d.integerPart.size() + d.fractionPart.size());
    const std::int64_t keptDigits = totalDigits + shift; // digits left of the ns decimal point
    std::uint64_t value = 0;
    bool overflow = false;
    const auto append = [&](int digit) {
        overflow = overflow || __builtin_mul_overflow(value, 10u, &value) ||
                   __builtin_add_overflow(value, static_cast<unsigned>(digit), &value);
    };
    int roundDigit = 0;
    for (std::int64_t k = 0; k < totalDigits && !overflow; ++k) {
        const std::size_t idx = static_cast<std::size_t>(k);
        const char c = idx < d.integerPart.size() ? d.integerPart[idx]
                                                  : d.fractionPart[idx - d.integerPart.size()];
        if (k < keptDigits)
            append(c - '0');
        else if (k == keptDigits)
            roundDigit = c - '0';
    }
    for (std::int64_t k = totalDigits; k < keptDigits && value != 0 && !overflow; ++k)
        append(0);
    if (roundDigit >= 5)
        overflow = overflow || __builtin_add_overflow(value, 1u, &value);

    const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (overflow || value > limit + (d.negative ? 1u : 0u)) {
        *why = "number out of range";
        return false;
    }
    out = d.negative ? static_cast<TimeNs>(0u - value) : static_cast<TimeNs>(value);
    return true;
}

bool microsToNs(std::int64_t micros, TimeNs& out) {
    return !__builtin_mul_overflow(micros, std::int64_t{1000}, &out);
}

bool microsToNs(std::uint64_t micros, TimeNs& out) {
    if (micros > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return false;
    return microsToNs(static_cast<std::int64_t>(micros), out);
}

bool parseInt64(std::string_view text, std::int64_t& out) {
    text = trimSpaces(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

} // namespace lanescope::formats
