#pragma once

#include "model/flow.h"
#include "model/time.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace lanescope::widgets {

// A time range the user selected (box select, or a slice's extent).
struct TimeRange {
    TimeNs start = 0;
    TimeNs end = 0;
    TimeNs duration() const { return end - start; }
};

// What the timeline draws over the slices: the selected slice (outlined), the selected range
// (shaded, with its duration on the ruler) and flow arrows (indices into Trace::flows).
struct TimelineOverlay {
    SliceRef selected;
    std::optional<TimeRange> range;
    std::vector<std::uint32_t> rangeTracks; // slice tracks of a box selection; empty: all lanes
    std::vector<std::uint32_t> flows;
};

} // namespace lanescope::widgets
