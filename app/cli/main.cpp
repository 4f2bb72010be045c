// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/detect_insights.h"
#include "cli/analyze_report.h"
#include "cli/cluster_command.h"
#include "cli/compare_command.h"
#include "cli/export_command.h"
#include "cli/info_report.h"
#include "cli/json_output.h"
#include "cli/report_command.h"
#include "cli/summarize_command.h"
#include "cli/trace_input.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <optional>
#include <string>
#include <vector>

namespace {

using lanescope::cli::kExitBadInput;
using lanescope::cli::kExitOk;
using lanescope::cli::kExitUsage;
using lanescope::cli::loadOrReport;

void printUsage(std::ostream& out) {
    out << "usage: lanescope-cli --version\n"
           "       lanescope-cli info PATH [--json]\n"
           "       lanescope-cli analyze PATH [--json] [--set NAME=VALUE ...]\n"
           "       lanescope-cli export PATH --out FILE.png|.svg|.pdf [--range START_NS..END_NS]\n"
           "                     [--insight ID] [--width W] [--height H] [--scale S]\n"
           "                     [--session FILE] [--title TEXT] [--theme dark]\n"
           "       lanescope-cli report PATH --out DIR [--session FILE] [--theme dark]\n"
           "       lanescope-cli compare BASE COMP [--json] [--base-steps LIST] [--comp-steps "
           "LIST]\n"
           "                     [--noise-ms MS] [--noise-pct PCT] [--report DIR]\n"
           "                     [--out PAGE.png|.svg|.pdf] [--theme dark]\n"
           "       lanescope-cli summarize RANK_PATH [--out FILE]\n"
           "       lanescope-cli cluster JOB_DIR [--jobs N] [--json] [--report DIR]\n"
           "       lanescope-cli cluster --from DIR_OF_SUMMARIES [--json] [--report DIR]\n"
           "\n"
           "  info     load a trace (Chrome trace JSON, PyTorch/Kineto .json or .json.gz, an\n"
           "           Ascend *_ascend_pt folder) and print its format, span, lanes, event\n"
           "           counts and load diagnostics\n"
           "  analyze  find where the host waited for the device, where the device sat idle\n"
           "           and why, small unfused operators and Ascend-specific problems, ranked\n"
           "           by time at stake; --set overrides a detector threshold (--set help)\n"
           "  export   draw the timeline with its findings and annotations (the sidecar\n"
           "           session next to the trace, or --session) to a PNG, SVG or PDF page\n"
           "  report   write a review report (report.md, report.html, images/) with the\n"
           "           trace's summary, the ranked insights and the annotations, each with\n"
           "           a picture of its region\n"
           "  compare  compare two runs of one model (the A10 run against the Ascend run, before\n"
           "           against after a fix): per step pair the host time and the device time\n"
           "           by bucket (computing, conversion, communication, copy, free), per\n"
           "           top-level op and kernel type the device time on each side and the\n"
           "           difference, and the findings one run has and the other has not. Steps\n"
           "           pair by position; by default every step after the first (warm-up);\n"
           "           LIST is step numbers as in ProfilerStep#N: 5,6 or 3-7 or all\n"
           "  summarize one rank of a job, per step: computing, communication (not\n"
           "           overlapped), overlapped, free and preparing time, and per\n"
           "           communication op type its count, time, wait and transit, as JSON\n"
           "           (to FILE or standard output) for a cluster view to merge\n"
           "  cluster  every rank of a job (N at a time; default one per core), or the\n"
           "           summaries in a folder: per step a rank table, the ranks the others\n"
           "           waited for and why (computing, preparing, transit), and the\n"
           "           communication ops by wait; --report writes msprof-analyze's\n"
           "           cluster_step_trace_time.csv and cluster.json\n";
}

struct AnalyzeArgs {
    std::string path;
    bool json = false;
    lanescope::analysis::Thresholds thresholds;
};

void printThresholdNames(std::ostream& out) {
    out << "valid threshold names:\n";
    lanescope::cli::printThresholdHelp(out);
}

// "NAME=VALUE" into the thresholds; false (after saying why) when it is not one.
bool applySetting(const std::string& setting, lanescope::analysis::Thresholds& thresholds) {
    const std::size_t eq = setting.find('=');
    const std::string name = setting.substr(0, eq);
    if (eq == std::string::npos || eq + 1 == setting.size()) {
        std::cerr << "lanescope-cli: --set takes NAME=VALUE, got '" << setting << "'\n";
        return false;
    }
    const std::string text = setting.substr(eq + 1);
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
        std::cerr << "lanescope-cli: --set " << name << ": '" << text << "' is not a number\n";
        return false;
    }
    if (!thresholds.set(name, value)) {
        std::cerr << "lanescope-cli: unknown threshold '" << name << "'\n";
        printThresholdNames(std::cerr);
        return false;
    }
    return true;
}

bool parseAnalyzeArgs(const std::vector<std::string>& args, AnalyzeArgs& parsed) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--json") {
            parsed.json = true;
        } else if (arg == "--set" && i + 1 < args.size()) {
            if (!applySetting(args[++i], parsed.thresholds))
                return false;
        } else if (arg.starts_with("--set=")) {
            if (!applySetting(arg.substr(6), parsed.thresholds))
                return false;
        } else if (parsed.path.empty() && (arg.empty() || arg[0] != '-' || arg == "-")) {
            parsed.path = arg;
        } else {
            printUsage(std::cerr);
            return false;
        }
    }
    if (parsed.path.empty()) {
        printUsage(std::cerr);
        return false;
    }
    return true;
}

int runAnalyze(const std::vector<std::string>& args) {
    if (args.size() == 2 && args[0] == "--set" && args[1] == "help") {
        printThresholdNames(std::cout);
        return kExitOk;
    }
    AnalyzeArgs parsed;
    if (!parseAnalyzeArgs(args, parsed))
        return kExitUsage;
    const std::optional<lanescope::Trace> trace = loadOrReport(parsed.path);
    if (!trace)
        return kExitBadInput;
    const lanescope::analysis::DeviceMap devices = lanescope::analysis::mapDevices(*trace);
    const std::vector<lanescope::analysis::Insight> insights =
        lanescope::analysis::detectInsights(*trace, devices, parsed.thresholds);
    const auto steps = lanescope::analysis::computeStepBreakdown(*trace, devices);
    const auto temporal = lanescope::analysis::htaTemporalBreakdown(*trace, devices);
    const auto idle = lanescope::analysis::htaIdleBreakdown(*trace, devices, parsed.thresholds);
    const lanescope::analysis::OpIndex ops(*trace);
    const auto operators = lanescope::analysis::operatorStats(ops);
    const auto kernels = lanescope::analysis::kernelTypeStats(ops);
    const lanescope::cli::AnalyzeResult result{
        *trace, devices, insights, parsed.thresholds, steps, temporal, idle, operators, kernels};
    if (parsed.json)
        lanescope::cli::printJson(std::cout, lanescope::cli::analyzeJson(result));
    else
        lanescope::cli::printAnalyzeText(result, std::cout);
    return kExitOk;
}

int runInfo(const std::vector<std::string>& args) {
    std::string path;
    bool json = false;
    for (const std::string& arg : args) {
        if (arg == "--json") {
            json = true;
        } else if (path.empty() && (arg.empty() || arg[0] != '-' || arg == "-")) {
            path = arg;
        } else {
            printUsage(std::cerr);
            return kExitUsage;
        }
    }
    if (path.empty()) {
        printUsage(std::cerr);
        return kExitUsage;
    }
    const std::optional<lanescope::Trace> trace = loadOrReport(path);
    if (!trace)
        return kExitBadInput;
    if (json)
        lanescope::cli::printJson(std::cout, lanescope::cli::infoJson(*trace));
    else
        lanescope::cli::printInfoText(*trace, std::cout);
    return kExitOk;
}

} // namespace

namespace {

int dispatch(std::vector<std::string> args);

} // namespace

// No exception leaves main: a failure no command expected is a sentence and exit code 2, not
// an abort with a core dump.
int main(int argc, char** argv) {
    try {
        return dispatch(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::bad_alloc&) {
        std::cerr << "lanescope-cli: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "lanescope-cli: internal error: " << e.what() << "\n";
    }
    return kExitBadInput;
}

namespace {

int dispatch(std::vector<std::string> args) {
    if (!args.empty() && (args[0] == "--version" || args[0] == "-V")) {
        std::cout << "lanescope-cli " << LANESCOPE_VERSION << "\n";
        return kExitOk;
    }
    if (args.empty() || args[0] == "-h" || args[0] == "--help") {
        printUsage(args.empty() ? std::cerr : std::cout);
        return args.empty() ? kExitUsage : kExitOk;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "info")
        return runInfo(args);
    if (command == "analyze")
        return runAnalyze(args);
    if (command == "export")
        return lanescope::cli::runExport(args);
    if (command == "report")
        return lanescope::cli::runReport(args);
    if (command == "compare")
        return lanescope::cli::runCompare(args);
    if (command == "summarize")
        return lanescope::cli::runSummarize(args);
    if (command == "cluster")
        return lanescope::cli::runCluster(args);
    std::cerr << "lanescope-cli: unknown command '" << command << "'\n";
    printUsage(std::cerr);
    return kExitUsage;
}

} // namespace
