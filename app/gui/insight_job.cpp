#include "insight_job.h"

#include "analysis/detect_insights.h"

#include <QtConcurrent/QtConcurrentRun>

namespace lanescope::app {

QFuture<InsightOutcome> analyseInBackground(std::shared_ptr<const Trace> trace,
                                            const analysis::Thresholds& thresholds,
                                            std::shared_ptr<const std::atomic<bool>> cancel) {
    return QtConcurrent::run([trace = std::move(trace), thresholds, cancel = std::move(cancel)] {
        auto devices = std::make_shared<const analysis::DeviceMap>(analysis::mapDevices(*trace));
        auto insights = std::make_shared<const std::vector<analysis::Insight>>(
            analysis::detectInsights(*trace, *devices, thresholds, cancel.get()));
        return InsightOutcome{trace, std::move(devices), std::move(insights)};
    });
}

} // namespace lanescope::app
