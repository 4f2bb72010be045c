// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
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

// The times an event may have: from 73 years before the clock origin to 146 years after it,
// lasting at most 73 years. Within these every span and difference of two times fits TimeNs;
// a reader reports an event outside them as a bad timestamp or duration.
inline constexpr TimeNs kMinEventTime = -(TimeNs{1} << 61);
inline constexpr TimeNs kMaxEventTime = TimeNs{1} << 62;
inline constexpr TimeNs kMaxEventDuration = TimeNs{1} << 61;

// Time arithmetic that stops at kTimeMin / kTimeMax instead of overflowing: spans, ticks and
// zoom are computed from whatever timestamps a file holds, up to ±2^63 ns.
constexpr TimeNs saturatingAdd(TimeNs a, TimeNs b) {
    TimeNs sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? kTimeMax : kTimeMin;
    return sum;
}
// A double (a zoomed span, a pixel offset in ns) as TimeNs, rounded, clamped to the range.
inline TimeNs clampToTime(double ns) {
    if (!(ns == ns))
        return 0; // NaN
    if (ns >= 9.2233720368547748e18)
        return kTimeMax;
    if (ns <= -9.2233720368547758e18)
        return kTimeMin;
    return static_cast<TimeNs>(ns < 0 ? ns - 0.5 : ns + 0.5);
}
constexpr TimeNs saturatingSub(TimeNs a, TimeNs b) {
    TimeNs difference = 0;
    if (__builtin_sub_overflow(a, b, &difference))
        return b < 0 ? kTimeMax : kTimeMin;
    return difference;
}

} // namespace lanescope
