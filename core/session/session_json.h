// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "session/session.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lanescope::session {

// A session file that cannot be read as this version's format.
struct SessionFormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// A session file written by a newer Lanescope (its version is larger than kSessionVersion).
struct SessionTooNew : SessionFormatError {
    std::uint64_t version;
    SessionTooNew(const std::string& what, std::uint64_t v)
        : SessionFormatError(what), version(v) {}
};

// The session as a versioned JSON document (pretty-printed, stable key order).
std::string toJson(const Session& session, const std::string& tracePath);
// Throws SessionFormatError (with the byte position for malformed JSON) or SessionTooNew.
Session sessionFromJson(std::string_view text);
// The trace path a session document records ("" when none); SessionFormatError as above, but
// any version is read.
std::string recordedTracePath(std::string_view text);

} // namespace lanescope::session
