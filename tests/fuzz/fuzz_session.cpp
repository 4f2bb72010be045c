// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// libFuzzer target: any bytes read as a session sidecar give a session or a SessionFormatError,
// and a session that was read is written back to JSON that reads as the same session.
#include "session/session_json.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace lanescope::session;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Session session;
    try {
        session = sessionFromJson(text);
    } catch (const SessionFormatError&) {
        return 0;
    }
    const std::string written = toJson(session, "trace.json");
    const std::string again = toJson(sessionFromJson(written), "trace.json");
    if (again != written)
        std::abort(); // what was read must survive a save and a reopen unchanged
    return 0;
}
