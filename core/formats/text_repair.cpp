// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/text_repair.h"

namespace lanescope::formats {

namespace {

bool inRange(unsigned char c, unsigned char lo, unsigned char hi) {
    return c >= lo && c <= hi;
}

} // namespace

std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto at = [&](std::size_t k) -> unsigned char {
        return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
    };
    const unsigned char lead = at(0);
    const auto cont = [&](std::size_t k) { return inRange(at(k), 0x80, 0xBF); };
    if (inRange(lead, 0xC2, 0xDF))
        return cont(1) ? 2 : 0;
    if (lead == 0xE0)
        return inRange(at(1), 0xA0, 0xBF) && cont(2) ? 3 : 0;
    if (inRange(lead, 0xE1, 0xEC) || inRange(lead, 0xEE, 0xEF))
        return cont(1) && cont(2) ? 3 : 0;
    if (lead == 0xED)
        return inRange(at(1), 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (lead == 0xF0)
        return inRange(at(1), 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0;
    if (inRange(lead, 0xF1, 0xF3))
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (lead == 0xF4)
        return inRange(at(1), 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

std::string validUtf8(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (static_cast<unsigned char>(out[i]) < 0x80)
            continue;
        const std::size_t length = utf8SequenceLength(out, i);
        if (length == 0)
            out[i] = '?';
        else
            i += length - 1;
    }
    return out;
}

JsonRepairs repairJsonText(std::string_view json, std::string& repaired) {
    repaired.assign(json);
    JsonRepairs repairs;
    bool inString = false;
    std::size_t lastComma = std::string::npos; // outside strings, with only spaces after it
    for (std::size_t i = 0; i < repaired.size(); ++i) {
        const auto c = static_cast<unsigned char>(repaired[i]);
        if (c >= 0x80) {
            const std::size_t length = utf8SequenceLength(repaired, i);
            if (length == 0) {
                repaired[i] = '?';
                repairs.strings = true;
            } else {
                i += length - 1;
            }
        } else if (inString && c < 0x20) {
            repaired[i] = ' ';
            repairs.strings = true;
        } else if (inString && c == '\\') {
            ++i;
        } else if (c == '"') {
            inString = !inString;
        } else if (!inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            continue; // a comma stays "last" across spaces
        } else if (!inString && (c == '}' || c == ']') && lastComma != std::string::npos) {
            repaired[lastComma] = ' ';
            repairs.trailingCommas = true;
        }
        lastComma = !inString && c == ',' ? i : std::string::npos;
    }
    return repairs;
}

} // namespace lanescope::formats
