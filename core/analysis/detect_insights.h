#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <atomic>
#include <vector>

namespace lanescope::analysis {

// Runs every detector on a loaded trace and ranks what they found (rankInsights). When `cancel`
// becomes true the run stops before the next detector and returns nothing (a newer trace or
// newer thresholds made it moot; the largest traces take seconds).
std::vector<Insight> detectInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds,
                                    const std::atomic<bool>* cancel = nullptr);

} // namespace lanescope::analysis
