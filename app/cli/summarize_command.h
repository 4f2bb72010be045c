// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>
#include <vector>

namespace lanescope::cli {

// `lanescope-cli summarize RANK_PATH [--out FILE]`: one rank's summary
// (cluster/rank_summary.h) as JSON (cluster/rank_summary_json.h), to FILE or standard output.
// Many ranks can be summarised anywhere (one scheduler task each) and merged later. Exit 0; 1 for
// bad arguments; 2 when the trace cannot be loaded or FILE cannot be written.
int runSummarize(const std::vector<std::string>& args);

} // namespace lanescope::cli
