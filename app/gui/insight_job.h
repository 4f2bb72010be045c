#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <QFuture>
#include <atomic>
#include <memory>
#include <vector>

namespace lanescope::app {

// What the detectors found in a trace, for the Insights dock and the timeline's findings.
struct InsightOutcome {
    std::shared_ptr<const Trace> trace; // the trace they are about (a newer one may be shown)
    std::shared_ptr<const analysis::DeviceMap> devices;
    std::shared_ptr<const std::vector<analysis::Insight>> insights;
};

// Runs every detector on the thread pool: seconds on the largest traces, so never on the GUI
// thread. It stops between detectors once `cancel` is true.
QFuture<InsightOutcome> analyseInBackground(std::shared_ptr<const Trace> trace,
                                            const analysis::Thresholds& thresholds,
                                            std::shared_ptr<const std::atomic<bool>> cancel);

} // namespace lanescope::app
