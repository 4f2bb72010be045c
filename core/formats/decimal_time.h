// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/time.h"

#include <cstdint>
#include <string_view>

namespace lanescope::formats {

// Trace files give times in microseconds as decimal text ("1736408883700059.821", "5.02e1",
// "-3"). These convert that text to nanoseconds exactly, without a double round-trip (a double
// snaps epoch-µs timestamps to 256 ns). Digits below 1 ns are rounded to the nearest ns, halves
// away from zero. They return false when the text is not a finite decimal number or the result
// does not fit in int64 nanoseconds; `error` then says why.
bool microsTextToNs(std::string_view text, TimeNs& out, const char** error = nullptr);
bool microsToNs(std::int64_t micros, TimeNs& out);
bool microsToNs(std::uint64_t micros, TimeNs& out);

// Parses a decimal integer text (optionally signed) exactly; false on anything else or overflow.
bool parseInt64(std::string_view text, std::int64_t& out);

} // namespace lanescope::formats
