// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "timeline_hit_test.h"

#include "analysis/slice_info.h"

#include <algorithm>

namespace lanescope::widgets {

namespace {

constexpr int kDividerGrip = 4;
constexpr double kClickTolerancePixels = 3.0;

bool inPinnedBand(const TimelineLanes& lanes, double y) {
    return y < TimelineRenderer::kRulerHeight + lanes.pinnedHeight();
}

// Every slice track of a header's group (rank header: all its processes).
void addGroupTracks(const Trace& trace, const Lane& header, std::vector<std::uint32_t>& out) {
    for (std::uint32_t p = 0; p < trace.processes.size(); ++p) {
        const Process& process = trace.processes[p];
        const bool member = header.type == Lane::Type::RankHeader
                                ? process.sourceFile == header.key.group
                                : p == header.process;
        if (!member)
            continue;
        for (std::uint32_t t : process.threads)
            if (trace.threads[t].sliceTrack != kNoIndex)
                out.push_back(trace.threads[t].sliceTrack);
        for (std::uint32_t a : process.asyncTracks)
            out.push_back(trace.asyncTracks[a].sliceTrack);
    }
}

} // namespace

TimelineHit hitTest(const TimelineLanes& lanes, const TimelineRenderer& renderer,
                    const TimelineViewport& view, QSize size, QPointF point) {
    TimelineHit hit;
    hit.time = renderer.timeAt(point.x(), view, size.width());
    if (std::abs(point.x() - renderer.nameColumnWidth) <= kDividerGrip) {
        hit.area = TimelineHit::Area::NameDivider;
        return hit;
    }
    if (point.y() < TimelineRenderer::kRulerHeight) {
        hit.area = TimelineHit::Area::Ruler;
        return hit;
    }
    hit.area = point.x() < renderer.nameColumnWidth ? TimelineHit::Area::NameColumn
                                                    : TimelineHit::Area::Lanes;
    const bool pinned = inPinnedBand(lanes, point.y());
    for (const Lane& lane : lanes.lanes()) {
        if (lane.pinned != pinned)
            continue;
        const int top = lanes.screenTop(lane, TimelineRenderer::kRulerHeight, view.scrollY);
        if (point.y() >= top && point.y() < top + lane.height) {
            hit.lane = &lane;
            if (lane.type == Lane::Type::Slices)
                hit.row = static_cast<int>((point.y() - top) / lanes.metrics().rowHeight);
            break;
        }
    }
    return hit;
}

SliceRef sliceAt(const Trace& trace, const TimelineHit& hit, const TimelineViewport& view,
                 int canvasWidth, int nameColumnWidth) {
    if (hit.area != TimelineHit::Area::Lanes || !hit.lane || hit.lane->type != Lane::Type::Slices ||
        hit.row < 0)
        return {};
    const double nsPerPixel =
        static_cast<double>(view.end - view.start) / std::max(1, canvasWidth - nameColumnWidth);
    const auto tolerance = static_cast<TimeNs>(nsPerPixel * kClickTolerancePixels);
    return analysis::sliceNear(trace, hit.lane->index, static_cast<std::uint16_t>(hit.row),
                               hit.time, tolerance);
}

std::vector<std::uint32_t> tracksInBox(const Trace& trace, const TimelineLanes& lanes,
                                       const TimelineViewport& view, int y0, int y1) {
    std::vector<std::uint32_t> tracks;
    for (const Lane& lane : lanes.lanes()) {
        const int top = lanes.screenTop(lane, TimelineRenderer::kRulerHeight, view.scrollY);
        if (top + lane.height <= std::min(y0, y1) || top > std::max(y0, y1))
            continue;
        if (lane.type == Lane::Type::Slices)
            tracks.push_back(lane.index);
        else if (lane.isHeader() && lane.collapsed)
            addGroupTracks(trace, lane, tracks);
    }
    std::sort(tracks.begin(), tracks.end());
    tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
    return tracks;
}

} // namespace lanescope::widgets
