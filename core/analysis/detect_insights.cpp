#include "analysis/detect_insights.h"

#include "analysis/detector.h"

#include <utility>

namespace lanescope::analysis {

std::vector<Insight> detectInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds, const std::atomic<bool>* cancel) {
    const DetectorContext context{trace, devices, thresholds};
    std::vector<Insight> insights;
    for (const Detector& detector : detectors()) {
        if (cancel && *cancel)
            return {};
        for (Insight& insight : detector.find(context))
            insights.push_back(std::move(insight));
    }
    rankInsights(insights);
    return insights;
}

} // namespace lanescope::analysis
