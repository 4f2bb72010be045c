#pragma once

#include <cstdint>
#include <limits>

namespace lanescope {

// Nanoseconds. Absolute times are nanoseconds since the trace's clock origin (usually the Unix
// epoch); durations use the same unit. int64 holds ±292 years at ns resolution, enough for
// epoch-based profiler clocks without the 256 ns snapping a double would introduce.
using TimeNs = std::int64_t;

inline constexpr TimeNs kTimeMin = std::numeric_limits<TimeNs>::min();
inline constexpr TimeNs kTimeMax = std::numeric_limits<TimeNs>::max();

} // namespace lanescope
