// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "compare_benchmark.h"

#include "analysis/detect_insights.h"
#include "analysis/op_stats.h"
#include "compare/run_comparison.h"
#include "formats/trace_loader.h"

#include <chrono>
#include <memory>

namespace lanescope::bench {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

CompareMeasurement measureCompare(const std::string& basePath, const std::string& compPath) {
    const Trace base = formats::loadTrace(basePath);
    const Trace comp = formats::loadTrace(compPath);
    const auto baseInsights = analysis::detectInsights(base, analysis::mapDevices(base), {});
    const auto compInsights = analysis::detectInsights(comp, analysis::mapDevices(comp), {});
    CompareMeasurement m;
    m.baseSlices = base.sliceCount();
    m.compSlices = comp.sliceCount();
    auto start = Clock::now();
    const analysis::OpIndex baseOps(base);
    const analysis::OpIndex compOps(comp);
    m.opIndexMs = msSince(start);
    start = Clock::now();
    const compare::Comparison c =
        compare::compareRuns({basePath, &base, &baseOps, &baseInsights, {}},
                             {compPath, &comp, &compOps, &compInsights, {}});
    m.compareMs = msSince(start);
    m.stepPairs = c.stepPairs.size();
    m.ops = c.ops.size();
    for (const auto& step : c.alignments)
        for (const compare::ThreadAlignment& t : step) {
            m.alignedRows += t.pairs.size();
            m.exact = m.exact && t.exact;
        }
    return m;
}

} // namespace lanescope::bench
