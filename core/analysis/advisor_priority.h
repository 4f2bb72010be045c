// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/time.h"
#include "model/trace.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace lanescope::analysis {

// msprof-analyze's priority rule for the findings that follow its checks (fusion candidates,
// small blocks, AI CPU, operator compile, dynamic shape): an issue whose time is at least
// advisor.high_share of the step is high, from advisor.medium_share medium
// (ANALYZER_HIGH/MEDIUM_PRIORITY_TIME_RATIO in base_analyzer.py). The base here is the device's
// active span, which a trace always has (steps are optional).
inline Severity advisorSeverity(TimeNs stake, TimeNs span, const Thresholds& thresholds) {
    const double share = span > 0 ? static_cast<double>(stake) / static_cast<double>(span) : 0;
    if (share >= thresholds["advisor.high_share"])
        return Severity::High;
    if (share >= thresholds["advisor.medium_share"])
        return Severity::Medium;
    return Severity::Low;
}

// What every finding that follows msprof-analyze's checks shares: it is about many places at
// once (aggregate), its time at stake is ranked by advisorSeverity against `span`, its region is
// [start, end) and its events (and their tracks, in order) are `events`. The caller adds the
// numbers, title, cause and advice.
inline void setAdvisorStake(Insight& insight, TimeNs stake, TimeNs span, TimeNs start, TimeNs end,
                            const std::vector<SliceRef>& events, const Thresholds& thresholds) {
    insight.aggregate = true;
    insight.timeAtStake = stake;
    insight.severity = advisorSeverity(stake, span, thresholds);
    insight.start = start;
    insight.end = end;
    insight.events = events;
    addTracksOf(insight, events);
}

// The base for a finding about a whole file (rank): the longest active span among its devices,
// else the trace's span.
inline TimeNs activeSpanOfFile(const Trace& trace, const DeviceMap& devices, std::uint32_t file) {
    TimeNs span = 0;
    for (const DeviceActivity& device : devices.devices)
        if (device.file == file)
            span = std::max(span, device.spanNs());
    return span > 0 ? span : trace.spanEnd - trace.spanStart;
}

} // namespace lanescope::analysis
