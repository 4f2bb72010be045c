// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "compare/run_comparison.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace lanescope::cli {

// `lanescope-cli compare --json`: baseline and comparison (path, steps with host_ns, the chosen
// ones), step_pairs with their buckets, ops and kernels outer-joined with diff_ns and ratio, and
// the findings only one run has or both have.
nlohmann::ordered_json compareJson(const compare::Comparison& comparison);

// The same for a terminal: the step pairs' buckets, the op differences above the noise threshold
// and the ops of one run only, the findings that differ.
void printCompareText(const compare::Comparison& comparison, const compare::NoiseThreshold& noise,
                      std::ostream& out);

} // namespace lanescope::cli
