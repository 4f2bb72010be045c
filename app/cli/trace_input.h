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

// Loads a trace for a command: the trace, or nullopt after printing why (the file and
// position) to stderr. Damage the user must not miss is printed even when the trace loads.
std::optional<Trace> loadOrReport(const std::string& path);

} // namespace lanescope::cli
