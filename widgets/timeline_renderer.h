#pragma once

#include "model/trace.h"
#include "timeline_lanes.h"
#include "timeline_theme.h"

#include <QPainter>
#include <QSize>
#include <vector>

namespace lanescope::widgets {

// The visible time range and vertical scroll of a timeline.
struct TimelineViewport {
    TimeNs start = 0;
    TimeNs end = 1;
    int scrollY = 0;
};

// Paints a trace's lanes for a time range into any QPainter (window, image, SVG, PDF): the time
// ruler, the lane-name column, slices with level-of-detail merging of sub-pixel runs (merged
// boxes are shaded by how busy they are) and counters as area charts. It never allocates per
// slice: cost follows the pixels on screen, not the events in range.
class TimelineRenderer {
public:
    static constexpr int kRulerHeight = 28;
    int nameColumnWidth = 240;

    // Forget cached per-trace data; call when a different trace may live at the same address.
    void clearCache() const { cachedTrace_ = nullptr; }

    void paint(QPainter& painter, QSize size, const Trace& trace, const TimelineLanes& lanes,
               const TimelineViewport& view, const TimelineTheme& theme) const;

    // Pixel x of a time, and the time of a pixel x, for a canvas of `width`.
    double xOf(TimeNs t, const TimelineViewport& view, int width) const;
    TimeNs timeAt(double x, const TimelineViewport& view, int width) const;

private:
    // Slice colours by name id, computed once per trace and theme (hashing a name per box would
    // dominate a zoomed-out frame).
    QColor colorOf(const Trace& trace, StringId name, const TimelineTheme& theme) const;

    mutable const Trace* cachedTrace_ = nullptr;
    mutable int cachedLightness_ = -1;
    mutable std::vector<QRgb> colorCache_;

    void paintRuler(QPainter& p, QSize size, const Trace& trace, const TimelineViewport& view,
                    const TimelineTheme& theme) const;
    void paintSliceLane(QPainter& p, int top, int width, const Trace& trace, const Lane& lane,
                        const TimelineViewport& view, const TimelineTheme& theme) const;
    void paintCounterLane(QPainter& p, int top, int width, const Trace& trace, const Lane& lane,
                          const TimelineViewport& view, const TimelineTheme& theme) const;
    void paintNames(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                    const TimelineViewport& view, const TimelineTheme& theme) const;
};

// "12.5 ms", "830 ns": a duration in the unit that reads best.
QString formatDuration(TimeNs ns);

} // namespace lanescope::widgets
