// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/summarize_command.h"

#include "cli/trace_input.h"
#include "cluster/rank_summary.h"
#include "cluster/rank_summary_json.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

namespace lanescope::cli {

namespace {

void printSummarizeUsage() {
    std::cerr << "usage: lanescope-cli summarize RANK_PATH [--out FILE]\n";
}

// Written whole or not at all: into FILE.tmp, then renamed over FILE.
bool writeAtomically(const std::string& path, const std::string& text) {
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::cerr << "lanescope-cli summarize: cannot write " << temp << ": "
                      << std::strerror(errno) << "\n";
            std::remove(temp.c_str());
            return false;
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        std::cerr << "lanescope-cli summarize: cannot write " << path << ": "
                  << std::strerror(errno) << "\n";
        std::remove(temp.c_str());
        return false;
    }
    return true;
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
    return writeAtomically(out, json) ? kExitOk : kExitBadInput;
}

} // namespace lanescope::cli
