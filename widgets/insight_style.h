// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/insight.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace lanescope::widgets {

// How findings look wherever they are shown (the Insights dock, the timeline, exports): one
// colour, icon and name per kind, a colour per severity, and the few words drawn next to a
// finding on the timeline.
QString kindLabel(analysis::InsightKind kind); // "Host blocked", "Device idle", ...
QColor kindColor(analysis::InsightKind kind);  // the icon's fill
QIcon kindIcon(analysis::InsightKind kind);    // a rounded badge with the kind's letter
QString severityLabel(analysis::Severity severity);
QColor severityColor(analysis::Severity severity);

// "waited 95.6 % of 9.5 ms", "idle 12 ms, host stall", "23 tiny tasks", "fusion ×48": short
// enough for a chip on a lane.
QString timelineLabel(const analysis::Insight& insight);

} // namespace lanescope::widgets
