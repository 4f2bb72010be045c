#include "analysis/detect_insights.h"

#include "analysis/host_blocked_on_device.h"
#include "analysis/small_op_streak.h"

#include <utility>

namespace lanescope::analysis {

std::vector<Insight> detectInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds) {
    std::vector<Insight> insights = detectHostBlockedOnDevice(trace, devices, thresholds);
    for (Insight& insight : detectSmallOpStreaks(trace, devices, thresholds))
        insights.push_back(std::move(insight));
    rankInsights(insights);
    return insights;
}

} // namespace lanescope::analysis
