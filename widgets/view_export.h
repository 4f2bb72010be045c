// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/slice_kind.h"
#include "lane_state.h"
#include "model/trace.h"
#include "page_writer.h"
#include "timeline_lanes.h"
#include "timeline_overlay.h"
#include "timeline_theme.h"

#include <QImage>
#include <QPainter>
#include <QSize>
#include <QString>
#include <optional>

namespace lanescope::widgets {

// What to export: a time range of a trace as a page for a review.
struct ExportRequest {
    TimeNs start = 0;
    TimeNs end = 1;
    int width = 1600; // logical pixels (PNG pixels at scale 1)
    int height = 0;   // 0: as tall as the lanes need (up to kMaxAutoHeight)
    double scale = 1; // PNG only: pixels per logical pixel (1, 2, 3)
    QString title;    // empty: the trace's name
    int nameColumnWidth = 260;
    // The ruler's zero and what it is ("the start of ProfilerStep#6"); unset: the trace's start.
    std::optional<TimeNs> origin;
    QString originName;
};

// Paints a review page with the window's own renderer (not a screen grab): a title, the time
// axis, the lane names, the slices with the findings and annotations drawn as on screen, a
// legend of the colours used and a footer naming the trace and the time range. Any QPainter
// target works: PNG, SVG and PDF are written here.
class ViewExporter {
public:
    static constexpr int kMaxAutoHeight = 6000;

    // `sliceKinds` (sliceKindsOf the trace) saves a pass over every slice when several pages of
    // one trace are drawn; without it the exporter finds them.
    ViewExporter(const Trace& trace, const LaneState& lanes, const TimelineOverlay& overlay,
                 const TimelineTheme& theme, QString tracePath,
                 const std::vector<analysis::SliceKind>* sliceKinds = nullptr);

    // The slice kinds a trace contains, in the legend's order.
    static std::vector<analysis::SliceKind> sliceKindsOf(const Trace& trace);

    // The page's size in logical pixels for a request (resolves an automatic height).
    QSize pageSize(const ExportRequest& request) const;
    void paint(QPainter& painter, const ExportRequest& request) const;

    // The page as a PageSpec (size, metadata, painting) for a writer or a larger page.
    PageSpec page(const ExportRequest& request) const;
    QImage image(const ExportRequest& request) const;
    // Writes by the file's extension (.png, .svg, .pdf); false with `error` naming the file.
    bool save(const QString& path, const ExportRequest& request, QString* error) const;

private:
    int lanesHeight() const;
    int legendHeight(int width) const;
    void paintHeader(QPainter& p, const ExportRequest& request, int width) const;
    void paintLegend(QPainter& p, QRect area) const;
    void paintFooter(QPainter& p, const ExportRequest& request, QRect area) const;
    std::vector<std::pair<QString, QColor>>
    legendEntries(const std::vector<analysis::SliceKind>& sliceKinds) const;

    const Trace& trace_;
    TimelineLanes layout_; // laid out once: every page size and paint reads it
    TimelineOverlay overlay_;
    TimelineTheme theme_;
    QString tracePath_;
    std::vector<std::pair<QString, QColor>> legend_; // the colours drawn, with their meaning
};

} // namespace lanescope::widgets
