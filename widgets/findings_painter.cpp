// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The findings half of TimelineRenderer: insight regions on their lanes and the busy/idle strip
// in each device's header.
#include "insight_style.h"
#include "label_placer.h"
#include "timeline_renderer.h"

#include <algorithm>

namespace lanescope::widgets {

namespace {

using analysis::Insight;
using analysis::InsightKind;

constexpr int kStripHeight = 5;
constexpr double kStripColumn = 2.0; // pixels per busy-share sample
constexpr double kMinRegionWidth = 3.0;

// A white-on-colour label; `at` is its top-left corner, moved left to stay inside `maxX` and
// down to stay clear of the labels already placed.
void drawChip(QPainter& p, LabelPlacer& labels, QPointF at, double maxX, const QString& text,
              const QColor& color) {
    const QFontMetrics metrics(p.font());
    const double width = metrics.horizontalAdvance(text) + 8;
    const double height = metrics.height() + 2;
    const QRectF chip = labels.place(QRectF(std::min(at.x(), maxX - width), at.y(), width, height));
    p.fillRect(chip, color);
    p.setPen(Qt::white);
    p.drawText(chip, Qt::AlignCenter, text);
}

QColor mix(const QColor& a, const QColor& b, double t) {
    const auto blend = [t](int x, int y) { return static_cast<int>(x + (y - x) * t); };
    return QColor(blend(a.red(), b.red()), blend(a.green(), b.green()), blend(a.blue(), b.blue()));
}

bool isDeviceTrack(const analysis::DeviceMap* devices, std::uint32_t track) {
    return devices && track < devices->deviceOfTrack.size() &&
           devices->deviceOfTrack[track] != kNoIndex;
}

// The distinct lanes showing these tracks (a folded group shows once, as its header).
std::vector<const Lane*> lanesOf(const TimelineLanes& lanes,
                                 const std::vector<std::uint32_t>& tracks) {
    std::vector<const Lane*> shown;
    for (std::uint32_t track : tracks)
        if (const Lane* lane = lanes.laneOfTrack(track);
            lane && std::find(shown.begin(), shown.end(), lane) == shown.end())
            shown.push_back(lane);
    return shown;
}

} // namespace

void TimelineRenderer::paintFindings(QPainter& p, QSize size, const Trace& trace,
                                     const TimelineLanes& lanes, const TimelineViewport& view,
                                     const TimelineTheme& theme,
                                     const FindingsOverlay& findings) const {
    if (!findings.visible)
        return;
    p.save();
    p.setClipRect(nameColumnWidth, kRulerHeight, size.width() - nameColumnWidth,
                  size.height() - kRulerHeight);
    if (findings.devices)
        paintDeviceStrips(p, size, lanes, view, theme, *findings.devices);
    if (findings.insights) {
        const Insight* focused = nullptr;
        // Zoomed out, thousands of findings fall on a few pixels: one per kind and pixel column
        // is drawn, so a frame costs the pixels on screen, not the findings in range.
        constexpr std::size_t kKinds = 8;
        std::vector<bool> narrowDrawn(kKinds * static_cast<std::size_t>(size.width() + 1));
        for (const Insight& insight : *findings.insights) {
            if (insight.end < view.start || insight.start > view.end)
                continue;
            if (insight.id == findings.focused) {
                focused = &insight; // drawn last, over its neighbours
                continue;
            }
            if (insight.aggregate)
                continue;
            const double x0 = xOf(insight.start, view, size.width());
            if (xOf(insight.end, view, size.width()) - x0 < kMinRegionWidth) {
                const auto column =
                    static_cast<std::size_t>(std::clamp<double>(x0, 0, size.width()));
                const std::size_t slot =
                    static_cast<std::size_t>(insight.kind) * (size.width() + 1) + column;
                if (narrowDrawn[slot])
                    continue;
                narrowDrawn[slot] = true;
            }
            paintFinding(p, size, trace, lanes, view, theme, findings, insight, false);
        }
        if (focused)
            paintFinding(p, size, trace, lanes, view, theme, findings, *focused, true);
    }
    p.restore();
}

void TimelineRenderer::paintFinding(QPainter& p, QSize size, const Trace& trace,
                                    const TimelineLanes& lanes, const TimelineViewport& view,
                                    const TimelineTheme& theme, const FindingsOverlay& findings,
                                    const Insight& insight, bool focused) const {
    double x0 = std::max<double>(nameColumnWidth, xOf(insight.start, view, size.width()));
    double x1 = std::min<double>(size.width(), xOf(insight.end, view, size.width()));
    if (x1 - x0 < kMinRegionWidth) {
        const double centre = (x0 + x1) / 2;
        x0 = centre - kMinRegionWidth / 2;
        x1 = centre + kMinRegionWidth / 2;
    }
    // Labels only where they fit and where the finding starts in view, so a zoomed-out view of
    // many findings stays readable and findings reaching in from the left do not pile up at
    // the edge; the focused finding is always labelled.
    // (Text is measured only for regions that could hold it: zoomed out, most cannot.)
    constexpr double kMinLabelledWidth = 40;
    const bool startsInView = xOf(insight.start, view, size.width()) >= nameColumnWidth;
    QString label;
    if (focused || (startsInView && x1 - x0 >= kMinLabelledWidth)) {
        label = timelineLabel(insight);
        if (!focused && x1 - x0 < QFontMetrics(p.font()).horizontalAdvance(label) + 12)
            label.clear();
    }
    const bool labelled = !label.isEmpty();
    switch (insight.kind) {
    case InsightKind::HostBlockedOnDevice:
        paintHostWait(p, trace, lanes, view, theme, insight, x0, x1, labelled ? label : QString(),
                      focused);
        return;
    case InsightKind::DeviceIdleGap:
        paintIdleGap(p, lanes, view, theme, findings, insight, x0, x1, labelled ? label : QString(),
                     focused);
        return;
    default: {
        const bool smallOps = insight.kind == InsightKind::SmallOpStreak ||
                              insight.kind == InsightKind::FusionCandidate;
        const QColor color = smallOps ? theme.smallOps : theme.finding;
        if (focused) // first, so the label stays on top
            paintFindingEvents(p, size, trace, lanes, view, color, insight);
        paintOutlined(p, lanes, view, color, findings, insight, x0, x1,
                      labelled ? label : QString(), focused);
    }
    }
}

// Hatched from the blocking call's row to the bottom of its lane: the call and everything it
// ran were waiting.
void TimelineRenderer::paintHostWait(QPainter& p, const Trace& trace, const TimelineLanes& lanes,
                                     const TimelineViewport& view, const TimelineTheme& theme,
                                     const Insight& insight, double x0, double x1,
                                     const QString& label, bool focused) const {
    if (insight.events.empty())
        return;
    const Lane* lane = lanes.laneOfTrack(insight.events.front().track);
    const std::optional<double> centre = rowCentre(trace, lanes, view, insight.events.front());
    if (!lane || !centre)
        return;
    const double top = *centre - lanes.metrics().rowHeight / 2.0;
    const double bottom = lanes.screenTop(*lane, kRulerHeight, view.scrollY) + lane->height;
    const QRectF region(x0, top, x1 - x0, std::max(4.0, bottom - top));
    QColor hatch = theme.hostWait;
    hatch.setAlpha(focused ? 200 : 130);
    p.fillRect(region, QBrush(hatch, Qt::BDiagPattern));
    p.setPen(QPen(theme.hostWait, focused ? 2.5 : 1.2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(region);
    if (!label.isEmpty())
        drawChip(p, labels_,
                 QPointF(region.left() + 2, region.bottom() - QFontMetrics(p.font()).height() - 3),
                 p.clipBoundingRect().right(), label, theme.hostWait);
}

// Shaded across the device's lanes, edges marked, the gap's length written in the first lane.
void TimelineRenderer::paintIdleGap(QPainter& p, const TimelineLanes& lanes,
                                    const TimelineViewport& view, const TimelineTheme& theme,
                                    const FindingsOverlay& findings, const Insight& insight,
                                    double x0, double x1, const QString& label,
                                    bool focused) const {
    std::vector<std::uint32_t> deviceTracks;
    for (std::uint32_t track : insight.tracks)
        if (isDeviceTrack(findings.devices.get(), track))
            deviceTracks.push_back(track);
    const std::vector<const Lane*> shown = lanesOf(lanes, deviceTracks);
    QColor fill = theme.deviceIdle;
    if (focused)
        fill.setAlpha(std::min(255, fill.alpha() * 3));
    QColor edge = theme.hostWait;
    edge.setAlpha(focused ? 255 : 150);
    // Edges only where the gap is wide enough to show them apart from its fill.
    const bool edges = focused || x1 - x0 >= 6;
    for (const Lane* lane : shown) {
        const int top = lanes.screenTop(*lane, kRulerHeight, view.scrollY);
        p.fillRect(QRectF(x0, top, x1 - x0, lane->height), fill);
        if (!edges)
            continue;
        p.setPen(QPen(edge, focused ? 2 : 1, Qt::DashLine));
        p.drawLine(QPointF(x0, top), QPointF(x0, top + lane->height));
        p.drawLine(QPointF(x1, top), QPointF(x1, top + lane->height));
    }
    if (!label.isEmpty() && !shown.empty())
        drawChip(p, labels_,
                 QPointF(x0 + 2, lanes.screenTop(*shown.front(), kRulerHeight, view.scrollY) + 2),
                 p.clipBoundingRect().right(), label, edge);
}

// Outlined on the finding's device lanes (its main lane when it names none).
void TimelineRenderer::paintOutlined(QPainter& p, const TimelineLanes& lanes,
                                     const TimelineViewport& view, const QColor& color,
                                     const FindingsOverlay& findings, const Insight& insight,
                                     double x0, double x1, const QString& label,
                                     bool focused) const {
    std::vector<std::uint32_t> tracks;
    for (std::uint32_t track : insight.tracks)
        if (isDeviceTrack(findings.devices.get(), track))
            tracks.push_back(track);
    if (tracks.empty() && !insight.tracks.empty())
        tracks.push_back(insight.tracks.front());
    const std::vector<const Lane*> shown = lanesOf(lanes, tracks);
    QColor fill = color;
    fill.setAlpha(focused ? 60 : 28);
    for (const Lane* lane : shown) {
        const int top = lanes.screenTop(*lane, kRulerHeight, view.scrollY);
        const QRectF region(x0, top + 1, x1 - x0, lane->height - 2);
        p.fillRect(region, fill);
        p.setPen(QPen(color, focused ? 2.5 : 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawRect(region);
    }
    if (!label.isEmpty() && !shown.empty())
        drawChip(p, labels_,
                 QPointF(x0 + 2, lanes.screenTop(*shown.front(), kRulerHeight, view.scrollY) + 2),
                 p.clipBoundingRect().right(), label, color);
}

// The picked finding's own slices outlined on their rows (the kernels of a streak or of every
// occurrence of a fusion pattern), up to a few thousand in view.
void TimelineRenderer::paintFindingEvents(QPainter& p, QSize size, const Trace& trace,
                                          const TimelineLanes& lanes, const TimelineViewport& view,
                                          const QColor& color, const Insight& insight) const {
    constexpr int kMaxOutlined = 4000;
    const double h = lanes.metrics().rowHeight;
    int drawn = 0;
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, 1.5));
    for (SliceRef event : insight.events) {
        const SliceTrack& track = trace.sliceTracks[event.track];
        if (track.end(event.slice) < view.start || track.start(event.slice) > view.end)
            continue;
        const std::optional<double> centre = rowCentre(trace, lanes, view, event);
        if (!centre)
            continue;
        const double x0 = xOf(track.start(event.slice), view, size.width());
        const double x1 = std::max(x0 + 3, xOf(track.end(event.slice), view, size.width()));
        p.drawRect(QRectF(x0 - 1, *centre - h / 2, x1 - x0 + 2, h));
        if (++drawn == kMaxOutlined)
            return;
    }
}

// A thin strip along the bottom of each device process's header: green where the device ran a
// task, red where it sat idle between its first and last task.
void TimelineRenderer::paintDeviceStrips(QPainter& p, QSize size, const TimelineLanes& lanes,
                                         const TimelineViewport& view, const TimelineTheme& theme,
                                         const analysis::DeviceMap& devices) const {
    const double pixelNs =
        static_cast<double>(view.end - view.start) / std::max(1, size.width() - nameColumnWidth);
    for (const analysis::DeviceActivity& device : devices.devices) {
        if (device.working.empty())
            continue;
        const double from = std::max<double>(nameColumnWidth,
                                             xOf(device.working.front().first, view, size.width()));
        const double to =
            std::min<double>(size.width(), xOf(device.working.back().second, view, size.width()));
        for (const Lane& lane : lanes.lanes()) {
            if (lane.type != Lane::Type::ProcessHeader ||
                std::find(device.processes.begin(), device.processes.end(), lane.process) ==
                    device.processes.end())
                continue;
            const int y =
                lanes.screenTop(lane, kRulerHeight, view.scrollY) + lane.height - kStripHeight;
            for (double x = from; x < to; x += kStripColumn) {
                const TimeNs t0 = view.start + static_cast<TimeNs>((x - nameColumnWidth) * pixelNs);
                const TimeNs t1 = std::max<TimeNs>(
                    t0 + 1, view.start + static_cast<TimeNs>((x + kStripColumn - nameColumnWidth) *
                                                             pixelNs));
                const double share = static_cast<double>(device.workingWithin(t0, t1)) /
                                     static_cast<double>(t1 - t0);
                p.fillRect(QRectF(x, y, std::min(kStripColumn, to - x), kStripHeight),
                           mix(theme.deviceIdleStrip, theme.deviceBusy, share));
            }
        }
    }
}

} // namespace lanescope::widgets
