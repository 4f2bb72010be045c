// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <atomic>
#include <vector>

namespace lanescope::analysis {

// Runs every detector on a loaded trace, up to `threads` at a time (0: one per core), and ranks
// what they found (rankInsights); the findings are the same for any thread count. When `cancel`
// becomes true no further detector starts and nothing is returned (a newer trace or newer
// thresholds made it moot; the largest traces take seconds).
std::vector<Insight> detectInsights(const Trace& trace, const DeviceMap& devices,
                                    const Thresholds& thresholds,
                                    const std::atomic<bool>* cancel = nullptr,
                                    unsigned threads = 0);

} // namespace lanescope::analysis
