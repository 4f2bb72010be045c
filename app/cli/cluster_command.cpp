// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/cluster_command.h"

#include "analysis/insight.h"
#include "cli/json_output.h"
#include "cli/trace_input.h"
#include "cluster/cluster_view.h"
#include "cluster/job_summaries.h"
#include "formats/load_error.h"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace lanescope::cli {

namespace {

using cluster::ClusterStep;
using cluster::ClusterView;
using cluster::RankStep;
using Json = nlohmann::json;

struct ClusterArgs {
    std::string job;
    std::string from;
    std::string report;
    unsigned workers = 0;
    bool json = false;
};

void printClusterUsage() {
    std::cerr << "usage: lanescope-cli cluster JOB_DIR [--jobs N] [--json] [--report DIR]\n"
                 "       lanescope-cli cluster --from DIR_OF_SUMMARIES [--json] [--report DIR]\n";
}

bool parseArgs(const std::vector<std::string>& args, ClusterArgs& parsed) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == "--json") {
            parsed.json = true;
        } else if (arg == "--from" && hasValue) {
            parsed.from = args[++i];
        } else if (arg == "--report" && hasValue) {
            parsed.report = args[++i];
        } else if (arg == "--jobs" && hasValue) {
            const std::string& text = args[++i];
            const auto [end, error] =
                std::from_chars(text.data(), text.data() + text.size(), parsed.workers);
            if (error != std::errc() || end != text.data() + text.size() || parsed.workers == 0) {
                std::cerr << "lanescope-cli cluster: --jobs takes a positive number, got '" << text
                          << "'\n";
                return false;
            }
        } else if (parsed.job.empty() && !arg.starts_with("--")) {
            parsed.job = arg;
        } else {
            printClusterUsage();
            return false;
        }
    }
    if (parsed.job.empty() == parsed.from.empty()) {
        printClusterUsage();
        return false;
    }
    return true;
}

std::string ms(TimeNs ns) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(ns) / 1e6);
    return text;
}

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

std::string bandwidth(double gbps) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GB/s", gbps);
    return text;
}

std::string rankName(const cluster::RankSummary& rank) {
    return rank.rank ? std::to_string(*rank.rank) : "?";
}

std::string stepName(const ClusterStep& step) {
    return step.step.empty() ? std::string("(whole trace)") : step.step;
}

// What a rank paid in one step's communication: synchronization, wait and transit.
struct Waits {
    TimeNs synchronization = 0, wait = 0, transit = 0;
};
Waits waitsOf(const RankStep& step) {
    Waits w;
    for (const auto& c : step.communication) {
        w.synchronization += c.synchronizationNs;
        w.wait += c.waitNs;
        w.transit += c.transitNs;
    }
    return w;
}

std::string slowText(const ClusterView& view, const ClusterStep& step) {
    if (step.slow.empty())
        return "no rank held the step up by more than 5 % of its median time";
    std::string text;
    for (const cluster::SlowRank& s : step.slow)
        text += (text.empty() ? "" : "; ") + std::string("rank ") + rankName(view.ranks[s.rank]) +
                ", " + cluster::toString(s.cause) + " +" +
                analysis::formatTitleDuration(s.excessNs);
    return text;
}

void printText(const ClusterView& view, std::ostream& out) {
    const auto count = [](std::size_t n, const char* noun) {
        return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
    };
    out << "Job:       " << count(view.ranks.size(), "rank") << ", "
        << count(view.steps.size(), "step") << "\n";
    for (const ClusterStep& step : view.steps) {
        out << "\nStep " << stepName(step) << " (median "
            << analysis::formatTitleDuration(step.medianStepNs) << ")\n";
        out << "  rank     step ms  computing  comm (not ovl)   free  preparing    synchr.     "
               "wait    transit\n";
        for (std::size_t i = 0; i < step.ranks.size(); ++i) {
            const RankStep* r = step.ranks[i];
            if (!r)
                continue;
            const Waits w = waitsOf(*r);
            char line[256];
            std::snprintf(line, sizeof line, "  %4s %11s %10s %15s %6s %10s %10s %8s %10s\n",
                          rankName(view.ranks[i]).c_str(), ms(r->stepNs).c_str(),
                          ms(r->computingNs).c_str(), ms(r->communicationNotOverlappedNs).c_str(),
                          ms(r->freeNs).c_str(), ms(r->preparingNs).c_str(),
                          ms(w.synchronization).c_str(), ms(w.wait).c_str(), ms(w.transit).c_str());
            out << line;
        }
        out << "  slow: " << slowText(view, step) << "\n";
    }
    if (!view.communication.empty()) {
        out << "\nCommunication, most wait first:\n";
        for (const cluster::CommunicationTotals& c : view.communication) {
            out << "  " << c.type << ": " << c.count << " ops, "
                << analysis::formatTitleDuration(c.elapseNs);
            if (c.timedCount)
                out << ", waiting " << analysis::formatTitleDuration(c.waitNs) << " ("
                    << analysis::formatTitlePercent(c.waitShare()) << "; synchronization "
                    << analysis::formatTitleDuration(c.synchronizationNs) << "), transit "
                    << analysis::formatTitleDuration(c.transitNs);
            if (c.sizedCount)
                out << ", " << megabytes(c.linkBytes) << " between chips at "
                    << bandwidth(c.linkBandwidthGBps());
            out << "\n";
        }
    }
    for (const std::string& note : view.notes)
        out << "Note:      " << note << "\n";
}

Json stepJson(const RankStep& r) {
    const Waits w = waitsOf(r);
    return {{"step_ns", r.stepNs},
            {"computing_ns", r.computingNs},
            {"communication_ns", r.communicationNs},
            {"communication_not_overlapped_ns", r.communicationNotOverlappedNs},
            {"overlapped_ns", r.overlappedNs},
            {"free_ns", r.freeNs},
            {"preparing_ns", r.preparingNs},
            {"synchronization_ns", w.synchronization},
            {"wait_ns", w.wait},
            {"transit_ns", w.transit}};
}

Json viewJson(const ClusterView& view, const std::vector<std::string>& problems) {
    Json ranks = Json::array();
    for (const cluster::RankSummary& rank : view.ranks)
        ranks.push_back({{"rank", rank.rank ? Json(*rank.rank) : Json(nullptr)},
                         {"source", rank.source},
                         {"device", rank.device},
                         {"notes", rank.notes}});
    Json steps = Json::array();
    for (const ClusterStep& step : view.steps) {
        Json perRank = Json::array();
        for (std::size_t i = 0; i < step.ranks.size(); ++i)
            perRank.push_back(step.ranks[i] ? stepJson(*step.ranks[i]) : Json(nullptr));
        Json slow = Json::array();
        for (const cluster::SlowRank& s : step.slow)
            slow.push_back(
                {{"rank", view.ranks[s.rank].rank ? Json(*view.ranks[s.rank].rank) : Json(nullptr)},
                 {"cause", cluster::toString(s.cause)},
                 {"excess_ns", s.excessNs}});
        steps.push_back({{"step", step.step},
                         {"step_number", step.stepNumber ? Json(*step.stepNumber) : Json(nullptr)},
                         {"median_step_ns", step.medianStepNs},
                         {"slow", slow},
                         {"ranks", perRank}});
    }
    Json communication = Json::array();
    for (const cluster::CommunicationTotals& c : view.communication)
        communication.push_back({{"type", c.type},
                                 {"count", c.count},
                                 {"timed_count", c.timedCount},
                                 {"elapse_ns", c.elapseNs},
                                 {"wait_ns", c.waitNs},
                                 {"synchronization_ns", c.synchronizationNs},
                                 {"transit_ns", c.transitNs},
                                 {"sized_count", c.sizedCount},
                                 {"link_bytes", c.linkBytes},
                                 {"link_ns", c.linkNs}});
    return {{"ranks", ranks},
            {"steps", steps},
            {"communication", communication},
            {"notes", view.notes},
            {"problems", problems}};
}

bool writeFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
        std::cerr << "lanescope-cli cluster: cannot write " << path.string() << "\n";
        return false;
    }
    return true;
}

bool writeReport(const std::string& folder, const ClusterView& view, const Json& json) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
        std::cerr << "lanescope-cli cluster: cannot create " << folder << ": " << error.message()
                  << "\n";
        return false;
    }
    const std::filesystem::path dir(folder);
    return writeFile(dir / "cluster_step_trace_time.csv", cluster::clusterStepTraceTimeCsv(view)) &&
           writeFile(dir / "cluster.json", json.dump(2) + "\n");
}

} // namespace

int runCluster(const std::vector<std::string>& args) {
    ClusterArgs parsed;
    if (!parseArgs(args, parsed))
        return kExitUsage;
    cluster::JobSummaries job;
    try {
        job = parsed.from.empty() ? cluster::summarizeJob(parsed.job, parsed.workers)
                                  : cluster::readSummaries(parsed.from);
    } catch (const formats::LoadError& error) {
        std::cerr << error.what() << "\n";
        return kExitBadInput;
    } catch (const std::runtime_error& error) {
        std::cerr << error.what() << "\n";
        return kExitBadInput;
    }
    for (const std::string& problem : job.problems)
        std::cerr << "warning: " << problem << "\n";
    if (job.ranks.empty()) {
        std::cerr << "lanescope-cli cluster: no rank could be summarised\n";
        return kExitBadInput;
    }
    const std::vector<std::string> problems = job.problems;
    const ClusterView view = cluster::buildClusterView(std::move(job.ranks));
    const Json json = viewJson(view, problems);
    if (parsed.json)
        printJson(std::cout, json);
    else
        printText(view, std::cout);
    if (!parsed.report.empty() && !writeReport(parsed.report, view, json))
        return kExitBadInput;
    return kExitOk;
}

} // namespace lanescope::cli
