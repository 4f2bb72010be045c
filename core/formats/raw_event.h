// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/time.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace lanescope {

// A JSON scalar as a reader saw it; text views are only valid during TraceBuilder::add().
struct RawValue {
    enum class Kind : std::uint8_t {
        Absent,
        Integer,
        Unsigned,
        Float,
        String,
        Bool,
        Null,
        Composite
    };
    Kind kind = Kind::Absent;
    std::int64_t integer = 0;
    std::uint64_t unsignedInteger = 0;
    double floating = 0;
    bool boolean = false;
    std::string_view text; // strings, and the exact source text of floats

    bool present() const { return kind != Kind::Absent; }
};

struct RawArg {
    std::string_view key;
    RawValue value;
};

// One trace event handed from a reader to the TraceBuilder: only the fields the model needs.
// Timestamps are already converted to ns; args are the scalar members of "args" (nested values
// are left in the source and read on demand through `offset`).
struct RawEvent {
    std::uint64_t offset = 0; // byte offset of the event's '{' in the decompressed source
    std::string_view phase;   // "ph" as written ("" when absent)
    bool hasPhase = false;
    std::string_view name;
    bool hasName = false;
    std::string_view category;
    TimeNs ts = 0;
    bool hasTs = false;      // present and convertible
    bool tsPresent = false;  // present at all (a bad value was reported by the reader)
    bool durPresent = false; // likewise for "dur"
    TimeNs dur = 0;
    bool hasDur = false;
    RawValue pid;
    RawValue tid;
    RawValue id;
    RawValue id2Local;
    RawValue id2Global;
    RawValue bindId;
    std::string_view scope;
    std::string_view bindingPoint; // "bp"
    std::string_view instantScope; // "s" on i/I events
    bool flowIn = false;
    bool flowOut = false;
    std::span<const RawArg> args;

    const RawValue* arg(std::string_view key) const {
        for (const RawArg& a : args)
            if (a.key == key)
                return &a.value;
        return nullptr;
    }
};

} // namespace lanescope
