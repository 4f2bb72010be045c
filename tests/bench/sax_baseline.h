#pragma once

#include <string>

namespace lanescope::bench {

// MB/s of a nlohmann/json SAX pass with a handler that does nothing, over the file already in
// memory: the ceiling of any reader that hands every byte to nlohmann.
double measureNoOpSaxMegabytesPerSecond(const std::string& path);

} // namespace lanescope::bench
