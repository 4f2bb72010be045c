// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <string_view>
#include <vector>

namespace lanescope::analysis {

// What a detector looks at.
struct DetectorContext {
    const Trace& trace;
    const DeviceMap& devices;
    const Thresholds& thresholds;
};

// One detector: a name, the kind of finding it writes, its thresholds (what `--set NAME=VALUE`
// takes, with defaults and meanings) and how it finds. Every detector is registered in one list,
// detectors(); the thresholds registry (Thresholds::defaults) is theirs plus the shared ones.
class Detector {
public:
    using Find = std::vector<Insight> (*)(const Trace&, const DeviceMap&, const Thresholds&);

    Detector(std::string_view name, InsightKind kind, std::vector<ThresholdDef> thresholds,
             Find find);

    std::string_view name() const { return name_; }
    InsightKind kind() const { return kind_; }
    const std::vector<ThresholdDef>& thresholds() const { return thresholds_; }
    // Its findings; throws std::logic_error when one is of another kind (a registry mistake).
    std::vector<Insight> find(const DetectorContext& context) const;

private:
    std::string_view name_;
    InsightKind kind_;
    std::vector<ThresholdDef> thresholds_;
    Find find_;
};

// Every detector, in the order they run.
const std::vector<Detector>& detectors();

// Thresholds more than one detector reads: msprof-analyze's priority shares (advisor.*) and the
// HTA-compatible breakdown's (hta.*), which is a summary, not a detector.
const std::vector<ThresholdDef>& sharedThresholds();

} // namespace lanescope::analysis
