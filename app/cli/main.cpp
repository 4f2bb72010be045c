#include "cli/info_report.h"
#include "formats/load_error.h"
#include "formats/trace_loader.h"

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitBadInput = 2;

void printUsage(std::ostream& out) {
    out << "usage: lanescope-cli info PATH [--json]\n"
           "\n"
           "  info   load a trace (Chrome trace JSON, PyTorch/Kineto .json or .json.gz) and\n"
           "         print its format, span, lanes, event counts and load diagnostics\n";
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
    try {
        const lanescope::Trace trace = lanescope::formats::loadTrace(path);
        warnAboutDamage(trace);
        if (json)
            std::cout << lanescope::cli::infoJson(trace).dump(2) << "\n";
        else
            lanescope::cli::printInfoText(trace, std::cout);
        return kExitOk;
    } catch (const lanescope::formats::LoadError& error) {
        std::cerr << error.what() << "\n";
        return kExitBadInput;
    } catch (const std::bad_alloc&) {
        std::cerr << path << ": out of memory while loading\n";
        return kExitBadInput;
    }
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
    std::cerr << "lanescope-cli: unknown command '" << command << "'\n";
    printUsage(std::cerr);
    return kExitUsage;
}
