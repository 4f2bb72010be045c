// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"
#include "session/annotation_set.h"
#include "timeline_theme.h"
#include "view_export.h"

#include <QString>
#include <memory>
#include <vector>

namespace lanescope::widgets {

// What a review report is made of.
struct ReportInput {
    std::shared_ptr<const Trace> trace;
    QString tracePath;
    std::shared_ptr<const analysis::DeviceMap> devices;
    std::shared_ptr<const std::vector<analysis::Insight>> insights; // ranked
    session::AnnotationSet annotations;
    LaneState lanes;
    TimelineTheme theme = TimelineTheme::light();
    std::size_t maxInsights = 12; // the rest are listed without images
    int imageWidth = 1400;
};

// Writes `dir`/report.md and `dir`/report.html with the images they show in `dir`/images/: the
// trace's summary (files, span, devices' busy and idle time), the ranked insights, each with a
// page of its region and what to try, and the user's annotations with their pages. Every text
// that comes from the trace or the user is escaped (HTML) or fenced (Markdown). False with
// `error` naming the file that could not be written.
bool writeReviewReport(const ReportInput& input, const QString& dir, QString* error);

} // namespace lanescope::widgets
