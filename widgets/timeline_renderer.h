// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "label_placer.h"
#include "model/trace.h"
#include "time_format.h"
#include "timeline_lanes.h"
#include "timeline_overlay.h"
#include "timeline_theme.h"

#include <QPainter>
#include <QSize>
#include <optional>
#include <vector>

namespace lanescope::widgets {

// The visible time range and vertical scroll of a timeline.
struct TimelineViewport {
    TimeNs start = 0;
    TimeNs end = 1;
    int scrollY = 0;
    friend bool operator==(const TimelineViewport&, const TimelineViewport&) = default;
};

// Paints a trace's lanes for a time range into any QPainter (window, image, SVG, PDF): the time
// ruler, the lane-name column, slices with level-of-detail merging of sub-pixel runs (merged
// boxes are shaded by how busy they are), counters as area charts, the findings (insight
// regions, device busy strips), the user's annotations and the overlay (selection, selected
// range, flow arrows). It never
// allocates per slice: cost follows the pixels on screen, not the events in range.
class TimelineRenderer {
public:
    static constexpr int kRulerHeight = 28;
    static constexpr int kMinNameColumn = 120;
    int nameColumnWidth = 260;
    bool absoluteTime = false; // ruler: wall-clock timestamps instead of time since trace start
    // The ruler's zero when not absolute: the trace start unless set (a compared step's start,
    // so two runs share one relative axis).
    std::optional<TimeNs> rulerOrigin;

    // Forget cached per-trace data; call when a different trace may live at the same address.
    void clearCache() const { cachedTrace_ = nullptr; }

    void paint(QPainter& painter, QSize size, const Trace& trace, const TimelineLanes& lanes,
               const TimelineViewport& view, const TimelineTheme& theme,
               const TimelineOverlay& overlay = {}) const;

    // Pixel x of a time, and the time of a pixel x, for a canvas of `width`.
    double xOf(TimeNs t, const TimelineViewport& view, int width) const;
    TimeNs timeAt(double x, const TimelineViewport& view, int width) const;
    // Vertical centre of a slice's row on screen (its folded group's header when folded).
    std::optional<double> rowCentre(const Trace& trace, const TimelineLanes& lanes,
                                    const TimelineViewport& view, SliceRef slice) const;

private:
    // Slice colours by name id, computed once per trace and theme (hashing a name per box would
    // dominate a zoomed-out frame).
    QColor colorOf(const Trace& trace, StringId name, const TimelineTheme& theme) const;

    mutable const Trace* cachedTrace_ = nullptr;
    mutable int cachedLightness_ = -1;
    mutable std::vector<QRgb> colorCache_;
    mutable LabelPlacer labels_; // the labels of the findings or annotations being painted

    void paintLanes(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                    const TimelineViewport& view, const TimelineTheme& theme, bool pinned) const;
    void paintRuler(QPainter& p, QSize size, const Trace& trace, const TimelineViewport& view,
                    const TimelineTheme& theme, const TimelineOverlay& overlay) const;
    // Rows outside [visibleTop, visibleBottom] (the band the lane is clipped to) are skipped;
    // `background` is the lane band's colour, which merged boxes are mixed with.
    void paintSliceLane(QPainter& p, int top, int width, const Trace& trace, const Lane& lane,
                        const TimelineViewport& view, const TimelineTheme& theme, int visibleTop,
                        int visibleBottom, QColor background) const;
    void paintCounterLane(QPainter& p, int top, int width, const Trace& trace, const Lane& lane,
                          const TimelineViewport& view, const TimelineTheme& theme) const;
    void paintNames(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                    const TimelineViewport& view, const TimelineTheme& theme) const;
    void paintLaneName(QPainter& p, int top, const Trace& trace, const Lane& lane,
                       const TimelineTheme& theme) const;

    // findings_painter.cpp
    void paintFindings(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                       const TimelineViewport& view, const TimelineTheme& theme,
                       const FindingsOverlay& findings) const;
    void paintFinding(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                      const TimelineViewport& view, const TimelineTheme& theme,
                      const FindingsOverlay& findings, const analysis::Insight& insight,
                      bool focused) const;
    void paintHostWait(QPainter& p, const Trace& trace, const TimelineLanes& lanes,
                       const TimelineViewport& view, const TimelineTheme& theme,
                       const analysis::Insight& insight, double x0, double x1, const QString& label,
                       bool focused) const;
    void paintIdleGap(QPainter& p, const TimelineLanes& lanes, const TimelineViewport& view,
                      const TimelineTheme& theme, const FindingsOverlay& findings,
                      const analysis::Insight& insight, double x0, double x1, const QString& label,
                      bool focused) const;
    void paintOutlined(QPainter& p, const TimelineLanes& lanes, const TimelineViewport& view,
                       const QColor& color, const FindingsOverlay& findings,
                       const analysis::Insight& insight, double x0, double x1, const QString& label,
                       bool focused) const;
    void paintFindingEvents(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                            const TimelineViewport& view, const QColor& color,
                            const analysis::Insight& insight) const;
    void paintDeviceStrips(QPainter& p, QSize size, const TimelineLanes& lanes,
                           const TimelineViewport& view, const TimelineTheme& theme,
                           const analysis::DeviceMap& devices) const;

    // annotations_painter.cpp
    std::vector<std::pair<double, double>> annotationBands(QSize size, const TimelineLanes& lanes,
                                                           const TimelineViewport& view,
                                                           const AnnotationMark& mark) const;
    void paintAnnotations(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                          const TimelineViewport& view, const AnnotationsOverlay& notes) const;
    void paintEventNote(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                        const TimelineViewport& view, const AnnotationMark& mark,
                        const QColor& color, const QString& text, bool emphasised) const;
    void paintAnnotationFlags(QPainter& p, QSize size, const TimelineViewport& view,
                              const AnnotationsOverlay& notes) const;

    // timeline_overlay_painter.cpp
    void paintOverlay(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                      const TimelineViewport& view, const TimelineTheme& theme,
                      const TimelineOverlay& overlay) const;
    void paintSelectedSlice(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                            const TimelineViewport& view, const TimelineTheme& theme,
                            SliceRef slice) const;
    void paintRange(QPainter& p, QSize size, const TimelineLanes& lanes,
                    const TimelineViewport& view, const TimelineTheme& theme,
                    const TimelineOverlay& overlay) const;
    // Where the selected range's duration is written on the ruler (empty without a range).
    QRectF rangeChip(const QFontMetrics& metrics, QSize size, const TimelineViewport& view,
                     const TimelineOverlay& overlay) const;
    void paintFlow(QPainter& p, QSize size, const Trace& trace, const TimelineLanes& lanes,
                   const TimelineViewport& view, const TimelineTheme& theme,
                   const Flow& flow) const;
};

// The text a lane shows in the name column.
QString laneTitle(const Trace& trace, const Lane& lane);

} // namespace lanescope::widgets
