// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/summarize_command.h"

#include "cli/trace_input.h"
#include "cluster/rank_summary.h"
#include "cluster/rank_summary_json.h"
#include "formats/atomic_file.h"

#include <iostream>
#include <stdexcept>

namespace lanescope::cli {

namespace {

void printSummarizeUsage() {
    std::cerr << "usage: lanescope-cli summarize RANK_PATH [--out FILE]\n";
}

} // namespace

int runSummarize(const std::vector<std::string>& args) {
    std::string path, out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--out" && i + 1 < args.size()) {
            out = args[++i];
        } else if (path.empty() && !args[i].starts_with("--")) {
            path = args[i];
        } else {
            printSummarizeUsage();
            return kExitUsage;
        }
    }
    if (path.empty()) {
        printSummarizeUsage();
        return kExitUsage;
    }
    const std::optional<Trace> trace = loadOrReport(path);
    if (!trace)
        return kExitBadInput;
    const std::string json = cluster::rankSummaryToJson(cluster::summarizeRank(*trace, path));
    if (out.empty()) {
        std::cout << json;
        return kExitOk;
    }
    try { // whole or not at all: a scheduler's merge must never read half a summary
        formats::writeFileAtomically(out, json, formats::ParentFolders::MustExist);
    } catch (const std::runtime_error& error) {
        std::cerr << "lanescope-cli summarize: " << error.what() << "\n";
        return kExitBadInput;
    }
    return kExitOk;
}

} // namespace lanescope::cli
