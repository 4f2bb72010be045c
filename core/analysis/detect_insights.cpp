#include "analysis/detect_insights.h"

#include "analysis/host_blocked_on_device.h"

namespace lanescope::analysis {

std::vector<Insight> detectInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds) {
    std::vector<Insight> insights = detectHostBlockedOnDevice(trace, devices, thresholds);
    rankInsights(insights);
    return insights;
}

} // namespace lanescope::analysis
