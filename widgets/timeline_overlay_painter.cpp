// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The overlay half of TimelineRenderer: selection outline, selected range and flow arrows.
#include "timeline_renderer.h"

#include <QPainterPath>
#include <cmath>

namespace lanescope::widgets {

namespace {

constexpr double kArrowHead = 7.0;

void drawArrowHead(QPainter& p, QPointF tip, QPointF from, const QColor& color) {
    const double angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    QPolygonF head;
    head << tip
         << tip - QPointF(std::cos(angle - 0.4) * kArrowHead, std::sin(angle - 0.4) * kArrowHead)
         << tip - QPointF(std::cos(angle + 0.4) * kArrowHead, std::sin(angle + 0.4) * kArrowHead);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPolygon(head);
}

} // namespace

void TimelineRenderer::paintOverlay(QPainter& p, QSize size, const Trace& trace,
                                    const TimelineLanes& lanes, const TimelineViewport& view,
                                    const TimelineTheme& theme,
                                    const TimelineOverlay& overlay) const {
    p.save();
    p.setClipRect(nameColumnWidth, kRulerHeight, size.width() - nameColumnWidth,
                  size.height() - kRulerHeight);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (std::uint32_t flow : overlay.flows)
        if (flow < trace.flows.size() && trace.flows[flow].bound())
            paintFlow(p, size, trace, lanes, view, theme, trace.flows[flow]);
    p.setRenderHint(QPainter::Antialiasing, false);
    if (overlay.selected.valid())
        paintSelectedSlice(p, size, trace, lanes, view, theme, overlay.selected);
    p.restore();
}

void TimelineRenderer::paintSelectedSlice(QPainter& p, QSize size, const Trace& trace,
                                          const TimelineLanes& lanes, const TimelineViewport& view,
                                          const TimelineTheme& theme, SliceRef slice) const {
    const std::optional<double> centre = rowCentre(trace, lanes, view, slice);
    if (!centre)
        return;
    const SliceTrack& track = trace.sliceTracks[slice.track];
    const double x0 =
        std::max<double>(nameColumnWidth - 2, xOf(track.start(slice.slice), view, size.width()));
    const double x1 =
        std::min<double>(size.width() + 2, xOf(track.end(slice.slice), view, size.width()));
    const double h = lanes.metrics().rowHeight;
    // Never thinner than a few pixels: a selected 1 ns kernel must still be findable.
    const double width = std::max(4.0, x1 - x0);
    const QRectF box(x1 - x0 < 4.0 ? (x0 + x1) / 2 - 2 : x0, *centre - h / 2, width, h);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(theme.accent, 2));
    p.drawRect(box.adjusted(-1, -1, 1, 1));
}

QRectF TimelineRenderer::rangeChip(const QFontMetrics& metrics, QSize size,
                                   const TimelineViewport& view,
                                   const TimelineOverlay& overlay) const {
    if (!overlay.range)
        return {};
    const double x0 =
        std::max<double>(nameColumnWidth, xOf(overlay.range->start, view, size.width()));
    const double x1 = std::min<double>(size.width(), xOf(overlay.range->end, view, size.width()));
    const double width = metrics.horizontalAdvance(formatDuration(overlay.range->duration())) + 12;
    const double centre =
        std::clamp((x0 + x1) / 2, nameColumnWidth + width / 2, size.width() - width / 2);
    return {centre - width / 2, 3, width, kRulerHeight - 6.0};
}

// A box selection shades the lanes it took; a ruler selection shades every lane.
void TimelineRenderer::paintRange(QPainter& p, QSize size, const TimelineLanes& lanes,
                                  const TimelineViewport& view, const TimelineTheme& theme,
                                  const TimelineOverlay& overlay) const {
    const TimeRange range = *overlay.range;
    const double x0 = std::max<double>(nameColumnWidth, xOf(range.start, view, size.width()));
    const double x1 = std::min<double>(size.width(), xOf(range.end, view, size.width()));
    if (x1 < nameColumnWidth || x0 > size.width())
        return;
    const double width = std::max(1.0, x1 - x0);
    p.save();
    p.setClipRect(nameColumnWidth, kRulerHeight, size.width() - nameColumnWidth,
                  size.height() - kRulerHeight);
    if (overlay.rangeTracks.empty()) {
        p.fillRect(QRectF(x0, kRulerHeight, width, size.height() - kRulerHeight), theme.rangeFill);
    } else {
        std::vector<const Lane*> shaded;
        for (std::uint32_t track : overlay.rangeTracks) {
            const Lane* lane = lanes.laneOfTrack(track);
            if (!lane || std::find(shaded.begin(), shaded.end(), lane) != shaded.end())
                continue;
            shaded.push_back(lane);
            const int top = lanes.screenTop(*lane, kRulerHeight, view.scrollY);
            p.fillRect(QRectF(x0, top, width, lane->height), theme.rangeFill);
        }
    }
    p.restore();
    p.setPen(QPen(theme.accent, 1, Qt::DashLine));
    p.drawLine(QPointF(x0, 0), QPointF(x0, size.height()));
    p.drawLine(QPointF(x1, 0), QPointF(x1, size.height()));
    const QRectF chip = rangeChip(p.fontMetrics(), size, view, overlay);
    p.fillRect(chip, theme.accent);
    p.setPen(Qt::white);
    p.drawText(chip, Qt::AlignCenter, formatDuration(range.duration()));
}

void TimelineRenderer::paintFlow(QPainter& p, QSize size, const Trace& trace,
                                 const TimelineLanes& lanes, const TimelineViewport& view,
                                 const TimelineTheme& theme, const Flow& flow) const {
    const std::optional<double> y0 = rowCentre(trace, lanes, view, flow.from);
    const std::optional<double> y1 = rowCentre(trace, lanes, view, flow.to);
    if (!y0 || !y1)
        return;
    const SliceTrack& fromTrack = trace.sliceTracks[flow.from.track];
    const SliceTrack& toTrack = trace.sliceTracks[flow.to.track];
    // Leave the source where the target begins when they overlap (a launch and its kernel), so
    // the arrow points down at the kernel instead of looping back from the launch's end.
    const TimeNs origin = std::clamp(toTrack.start(flow.to.slice), fromTrack.start(flow.from.slice),
                                     fromTrack.end(flow.from.slice));
    const QPointF start(xOf(origin, view, size.width()), *y0);
    const QPointF end(xOf(toTrack.start(flow.to.slice), view, size.width()), *y1);
    const double bend = std::clamp(std::abs(end.x() - start.x()) / 2, 20.0, 120.0);
    QPainterPath path(start);
    path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(theme.flow, 1.5));
    p.drawPath(path);
    drawArrowHead(p, end, path.pointAtPercent(0.97), theme.flow);
}

} // namespace lanescope::widgets
