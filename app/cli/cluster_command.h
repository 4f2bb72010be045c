// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>
#include <vector>

namespace lanescope::cli {

// `lanescope-cli cluster JOB_DIR [--jobs N] [--json] [--report DIR]` summarises every rank of a
// job folder, N ranks at a time (default: one per core; at most N traces in memory), and
// `lanescope-cli cluster --from DIR [--json] [--report DIR]` merges the summaries `summarize`
// wrote elsewhere (one file per rank, e.g. from a scheduler's array job). Either prints, per
// step, the rank table (step time, computing, communication not overlapped, free, preparing,
// synchronization, wait, transit), the ranks the others waited for and why, and the
// communication op types by wait (cluster/cluster_view.h); --json prints the same as JSON;
// --report DIR also writes DIR/cluster_step_trace_time.csv (msprof-analyze's columns) and
// DIR/cluster.json. Exit 0 when at least one rank was summarised (unreadable ranks are listed on
// stderr); 1 for bad arguments; 2 when no rank could be read or DIR cannot be written.
int runCluster(const std::vector<std::string>& args);

} // namespace lanescope::cli
