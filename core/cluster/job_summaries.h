// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "cluster/rank_summary.h"
#include "formats/ascend_folder.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace lanescope::cluster {

// A job's rank summaries, and what could not be summarised (each naming the rank's folder or
// the summary file, and why).
struct JobSummaries {
    std::vector<RankSummary> ranks; // in rank order
    std::vector<std::string> problems;
};

// Summarises every rank of a job folder (formats::discoverAscendInput finds them), `workers`
// ranks at a time (0: one per core), each rank read on its worker's thread alone: at most
// `workers` traces are in memory at once, whatever the job's size. A rank that cannot be read
// is a problem, and the others are summarised. `progress(done, total)` is called after each
// rank, one call at a time. Throws formats::LoadError when the folder holds no rank at all, and
// formats::LoadCancelled when `cancel` becomes true.
JobSummaries summarizeJob(const std::string& jobFolder, unsigned workers,
                          const std::function<void(std::size_t, std::size_t)>& progress = {},
                          const std::atomic<bool>* cancel = nullptr);
// The same for the ranks a discovery found (the caller looked first, e.g. to tell a job from
// one rank).
JobSummaries summarizeJob(const formats::AscendDiscovery& discovery, unsigned workers,
                          const std::function<void(std::size_t, std::size_t)>& progress = {},
                          const std::atomic<bool>* cancel = nullptr);

// Reads the rank summaries `lanescope-cli summarize` wrote: every *.json file directly in
// `folder`. A file that is not a rank summary is a problem. Throws std::runtime_error when the
// folder cannot be listed or holds no summary at all.
JobSummaries readSummaries(const std::string& folder);

} // namespace lanescope::cluster
