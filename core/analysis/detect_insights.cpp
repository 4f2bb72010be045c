#include "analysis/detect_insights.h"

#include "analysis/ai_cpu_op.h"
#include "analysis/device_idle_gap.h"
#include "analysis/dispatch_bound.h"
#include "analysis/dynamic_shape.h"
#include "analysis/fusion_candidate.h"
#include "analysis/host_blocked_on_device.h"
#include "analysis/op_compile.h"
#include "analysis/small_op_blocks.h"
#include "analysis/small_op_streak.h"

#include <utility>

namespace lanescope::analysis {

std::vector<Insight> detectInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds, const std::atomic<bool>* cancel) {
    std::vector<Insight> insights;
    for (auto* detect : {detectHostBlockedOnDevice, detectSmallOpStreaks, detectDispatchBound,
                         detectDeviceIdleGaps, detectSmallOpBlocks, detectFusionCandidates,
                         detectAiCpuOps, detectOpCompile, detectDynamicShape}) {
        if (cancel && *cancel)
            return {};
        for (Insight& insight : detect(trace, devices, thresholds))
            insights.push_back(std::move(insight));
    }
    rankInsights(insights);
    return insights;
}

} // namespace lanescope::analysis
