// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <optional>
#include <string>

namespace lanescope::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitBadInput = 2;

// What a PATH argument names: a trace, or a session file ("….lanescope.json", as a file
// manager or a shell completes it) and the trace it belongs to.
struct TraceArgument {
    std::string trace;
    std::string session; // the session file PATH named, else empty
};
// nullopt after printing why (the session file and its missing trace) to stderr.
std::optional<TraceArgument> resolveTraceArgument(const std::string& path);

// Loads a trace for a command: the trace, or nullopt after printing why (the file and
// position) to stderr. Damage the user must not miss is printed even when the trace loads. A
// session file loads the trace it belongs to (resolveTraceArgument).
std::optional<Trace> loadOrReport(const std::string& path);

} // namespace lanescope::cli
