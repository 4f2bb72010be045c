// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "compare/run_comparison.h"
#include "lane_state.h"
#include "model/trace.h"
#include "page_writer.h"
#include "session/annotation_set.h"
#include "timeline_theme.h"
#include "view_export.h"

#include <QString>
#include <memory>

namespace lanescope::widgets {

// One run of a comparison as the pages and the report draw it.
struct ComparedSide {
    std::shared_ptr<const Trace> trace;
    QString path;
    std::shared_ptr<const analysis::DeviceMap> devices;
    std::shared_ptr<const std::vector<analysis::Insight>> insights;
    session::AnnotationSet annotations;
    LaneState lanes;
};

struct CompareRequest {
    int width = 1600;
    double scale = 1;         // PNG only
    QString title;            // empty: "<baseline> against <comparison>"
    std::size_t stepPair = 0; // which pair of steps the timelines show
};

// One page of a comparison for a review: a title, the step chart, and the two runs' timelines
// one above the other over the same stretch of time from the start of the chosen step pair
// (each ruler counting from its own step's start), with their findings and annotations. Drawn by
// the timeline's own renderer: PNG, SVG or PDF.
class CompareExporter {
public:
    CompareExporter(const compare::Comparison& comparison, const ComparedSide& base,
                    const ComparedSide& comp, const TimelineTheme& theme);

    QSize pageSize(const CompareRequest& request) const;
    void paint(QPainter& painter, const CompareRequest& request) const;
    PageSpec page(const CompareRequest& request) const;
    bool save(const QString& path, const CompareRequest& request, QString* error) const;

private:
    ExportRequest sideRequest(const CompareRequest& request, bool base) const;
    QString title(const CompareRequest& request) const;
    int headerHeight() const;

    const compare::Comparison& comparison_;
    const ComparedSide& base_;
    const ComparedSide& comp_;
    TimelineTheme theme_;
    ViewExporter baseExporter_;
    ViewExporter compExporter_;
};

// What a comparison report is made of.
struct CompareReportInput {
    std::shared_ptr<const compare::Comparison> comparison;
    ComparedSide base;
    ComparedSide comp;
    compare::NoiseThreshold noise;
    TimelineTheme theme = TimelineTheme::light();
    int imageWidth = 1400;
};

// Writes `dir`/report.md and `dir`/report.html with images/ for a review of a comparison: the
// runs and the steps compared, the step chart and the step pairs' buckets, the op differences
// above the noise threshold, every op that ran in one run only (what the change removed and
// added), kernel types for runs on the same vendor, the findings gone, new and changed, the two
// timelines aligned at the compared steps, and the annotations of both runs. False with `error`
// naming what could not be written.
bool writeCompareReport(const CompareReportInput& input, const QString& dir, QString* error);

} // namespace lanescope::widgets
