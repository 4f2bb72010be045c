// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "timeline_lanes.h"
#include "timeline_renderer.h"

#include <QPointF>
#include <QSize>

namespace lanescope::widgets {

// What lies under a point of the timeline canvas.
struct TimelineHit {
    enum class Area { Ruler, NameColumn, NameDivider, Lanes };
    Area area = Area::Lanes;
    const Lane* lane = nullptr; // lane under the point (name column or lanes area)
    int row = -1;               // slice lanes: the sub-row under the point
    TimeNs time = 0;            // time under the point (lanes and ruler)
};

TimelineHit hitTest(const TimelineLanes& lanes, const TimelineRenderer& renderer,
                    const TimelineViewport& view, QSize size, QPointF point);

// The slice a click at `hit` means: the one under the point, or the nearest within a few
// pixels so that tiny kernels stay clickable when zoomed out.
SliceRef sliceAt(const Trace& trace, const TimelineHit& hit, const TimelineViewport& view,
                 int canvasWidth, int nameColumnWidth);

// Slice tracks whose lanes a box from y0 to y1 (screen pixels) touches; a folded group's header
// in the box brings in every slice track of that group.
std::vector<std::uint32_t> tracksInBox(const Trace& trace, const TimelineLanes& lanes,
                                       const TimelineViewport& view, int y0, int y1);

} // namespace lanescope::widgets
