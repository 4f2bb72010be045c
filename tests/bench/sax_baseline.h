// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>

namespace lanescope::bench {

// MB/s of a nlohmann/json SAX pass with a handler that does nothing, over the file already in
// memory (inflated first when it is gzip): the ceiling of any single-threaded reader that hands
// every byte to nlohmann, and the yardstick loads are compared with.
double measureNoOpSaxMegabytesPerSecond(const std::string& path);

} // namespace lanescope::bench
