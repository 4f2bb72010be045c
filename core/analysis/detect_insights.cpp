// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/detect_insights.h"

#include "analysis/detector.h"
#include "model/parallel_for.h"

#include <utility>

namespace lanescope::analysis {

std::vector<Insight> detectInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds, const std::atomic<bool>* cancel,
                                    unsigned threads) {
    const DetectorContext context{trace, devices, thresholds};
    const std::vector<Detector>& all = detectors();
    std::vector<std::vector<Insight>> found(all.size());
    parallelFor(all.size(), threads, [&](std::size_t d) {
        if (!(cancel && *cancel))
            found[d] = all[d].find(context);
    });
    if (cancel && *cancel)
        return {};
    std::vector<Insight> insights;
    for (std::vector<Insight>& ofOne : found)
        for (Insight& insight : ofOne)
            insights.push_back(std::move(insight));
    rankInsights(insights);
    return insights;
}

} // namespace lanescope::analysis
