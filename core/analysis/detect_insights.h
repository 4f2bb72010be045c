#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <vector>

namespace lanescope::analysis {

// Runs every detector on a loaded trace and ranks what they found (rankInsights).
std::vector<Insight> detectInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds);

} // namespace lanescope::analysis
