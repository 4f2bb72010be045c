#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/time.h"
#include "model/trace.h"

#include <algorithm>
#include <cstdint>

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
