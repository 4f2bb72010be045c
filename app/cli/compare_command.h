// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>
#include <vector>

namespace lanescope::cli {

// `lanescope-cli compare BASE COMP [--json] [--base-steps LIST] [--comp-steps LIST]
// [--noise-ms MS] [--noise-pct PCT] [--report DIR] [--out PAGE.png|.svg|.pdf] [--theme dark]`:
// where the comparison run's time went against the baseline's, per step pair, bucket, op and
// kernel type, and which findings differ; --report writes a review report of it, --out one page
// with the step chart and both timelines aligned at the compared steps. Exit 0; 1 on bad usage;
// 2 when a run cannot be loaded (the message names which) or a step list names no step of it.
int runCompare(const std::vector<std::string>& args);

} // namespace lanescope::cli
