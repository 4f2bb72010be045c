#include "analysis/detect_insights.h"
#include "cli/analyze_report.h"
#include "cli/info_report.h"
#include "formats/load_error.h"
#include "formats/trace_loader.h"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitBadInput = 2;

void printUsage(std::ostream& out) {
    out << "usage: lanescope-cli info PATH [--json]\n"
           "       lanescope-cli analyze PATH [--json] [--set NAME=VALUE ...]\n"
           "\n"
           "  info     load a trace (Chrome trace JSON, PyTorch/Kineto .json or .json.gz) and\n"
           "           print its format, span, lanes, event counts and load diagnostics\n"
           "  analyze  find where the host waited for the device (and, as detectors are added,\n"
           "           idle gaps and small unfused operators), ranked by time at stake;\n"
           "           --set overrides a detector threshold (see --set help)\n";
}

// Damage the user must not miss even with --json: the trace loaded, but not all of it.
void warnAboutDamage(const lanescope::Trace& trace) {
    for (const auto& e : trace.diagnostics.examples())
        if (e.kind == lanescope::diag::kTruncatedInput ||
            e.kind == lanescope::diag::kMalformedEvent ||
            e.kind == lanescope::diag::kTrailingGarbage)
            std::cerr << "warning: " << e.file << ": offset " << e.offset << ": " << e.message
                      << "\n";
}

// The trace, or the exit code to return when it cannot be loaded.
std::optional<lanescope::Trace> loadOrReport(const std::string& path, int& exitCode) {
    try {
        lanescope::Trace trace = lanescope::formats::loadTrace(path);
        warnAboutDamage(trace);
        return trace;
    } catch (const lanescope::formats::LoadError& error) {
        std::cerr << error.what() << "\n";
    } catch (const std::bad_alloc&) {
        std::cerr << path << ": out of memory while loading\n";
    }
    exitCode = kExitBadInput;
    return std::nullopt;
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
    int exitCode = kExitOk;
    const std::optional<lanescope::Trace> trace = loadOrReport(parsed.path, exitCode);
    if (!trace)
        return exitCode;
    const lanescope::analysis::DeviceMap devices = lanescope::analysis::mapDevices(*trace);
    const std::vector<lanescope::analysis::Insight> insights =
        lanescope::analysis::detectInsights(*trace, devices, parsed.thresholds);
    const lanescope::cli::AnalyzeResult result{*trace, devices, insights, parsed.thresholds};
    if (parsed.json)
        std::cout << lanescope::cli::analyzeJson(result).dump(2) << "\n";
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
    int exitCode = kExitOk;
    const std::optional<lanescope::Trace> trace = loadOrReport(path, exitCode);
    if (!trace)
        return exitCode;
    if (json)
        std::cout << lanescope::cli::infoJson(*trace).dump(2) << "\n";
    else
        lanescope::cli::printInfoText(*trace, std::cout);
    return kExitOk;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
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
    std::cerr << "lanescope-cli: unknown command '" << command << "'\n";
    printUsage(std::cerr);
    return kExitUsage;
}
