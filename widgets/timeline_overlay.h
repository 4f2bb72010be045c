// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/flow.h"
#include "model/time.h"
#include "session/annotation.h"

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

// An annotation as the timeline draws it, resolved against the loaded trace.
struct AnnotationMark {
    std::uint64_t id = 0;
    session::AnnotationKind kind = session::AnnotationKind::Point;
    TimeNs start = 0;
    TimeNs end = 0;
    std::string text;                  // the first line is drawn
    std::string color;                 // "#rrggbb"
    std::vector<std::uint32_t> tracks; // empty: every lane
    SliceRef event;                    // event notes
    bool detached = false;             // its lane or event is not in this trace
};

// The user's annotations: point markers as lines with a flag on the ruler, range markers as
// bands, event notes as an outline of their slice, each with its text.
struct AnnotationsOverlay {
    std::vector<AnnotationMark> marks;
    std::uint64_t selected = 0; // drawn emphasised
    bool visible = true;
};

// What the timeline draws over the slices: the findings, the annotations, the selected slice
// (outlined), the selected range (shaded, with its duration on the ruler) and flow arrows (indices
// into Trace::flows).
struct TimelineOverlay {
    SliceRef selected;
    std::optional<TimeRange> range;
    std::vector<std::uint32_t> rangeTracks; // slice tracks of a box selection; empty: all lanes
    std::vector<std::uint32_t> flows;
    FindingsOverlay findings; // these two outlive selection changes; replaced with the trace
    AnnotationsOverlay annotations;
};

} // namespace lanescope::widgets
