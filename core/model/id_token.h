// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/string_pool.h"

#include <cstdint>
#include <functional>
#include <string>

namespace lanescope {

// A pid or tid exactly as the trace wrote it: a 64-bit integer or an interned string.
// Never folded into 32 bits and 0 is an ordinary value (several viewers merge tid 0 and 1 or
// collapse large tids; profilers write -1, "Spans", "stream 7" and ids above 2^32).
struct IdToken {
    std::int64_t number = 0;
    StringId text = 0;
    bool isText = false;

    static IdToken fromNumber(std::int64_t value) { return {value, 0, false}; }
    static IdToken fromText(StringId id) { return {0, id, true}; }

    friend bool operator==(const IdToken&, const IdToken&) = default;
};

struct IdTokenHash {
    std::size_t operator()(const IdToken& token) const noexcept {
        const auto raw = token.isText ? (static_cast<std::uint64_t>(token.text) << 1) | 1u
                                      : static_cast<std::uint64_t>(token.number) << 1;
        return std::hash<std::uint64_t>{}(raw ^ (raw >> 29));
    }
};

inline std::string toString(const IdToken& token, const StringPool& strings) {
    return token.isText ? std::string(strings.view(token.text)) : std::to_string(token.number);
}

} // namespace lanescope
