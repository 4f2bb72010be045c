#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/flow.h"
#include "model/time.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::widgets {

// A time range the user selected (box select, or a slice's extent).
struct TimeRange {
    TimeNs start = 0;
    TimeNs end = 0;
    TimeNs duration() const { return end - start; }
};

// The findings drawn on the timeline: each insight's region (hatched host waits, shaded device
// idle gaps, outlined small-op streaks and other findings, each with a short label) and a
// busy/idle strip in each device's header. Shared, never copied: a trace may have thousands.
struct FindingsOverlay {
    std::shared_ptr<const std::vector<analysis::Insight>> insights;
    std::shared_ptr<const analysis::DeviceMap> devices;
    std::string focused; // id of the insight the user picked: drawn emphasised
    bool visible = true;
};

// What the timeline draws over the slices: the findings, the selected slice (outlined), the
// selected range (shaded, with its duration on the ruler) and flow arrows (indices into
// Trace::flows).
struct TimelineOverlay {
    SliceRef selected;
    std::optional<TimeRange> range;
    std::vector<std::uint32_t> rangeTracks; // slice tracks of a box selection; empty: all lanes
    std::vector<std::uint32_t> flows;
    FindingsOverlay findings; // outlives selection changes; replaced with the trace
};

} // namespace lanescope::widgets
