// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// lanescope-bench: load throughput, peak memory, resident bytes per slice, interaction costs
// (flow index, search, range summary, args) and interval-query latency on seeded synthetic
// Kineto traces. `make bench` runs it; docs/PERFORMANCE.md keeps the figures.
#include "ascend_inflate.h"
#include "compare_benchmark.h"
#include "interaction_benchmark.h"
#include "load_benchmark.h"
#include "query_benchmark.h"
#include "sax_baseline.h"
#include "synthetic_kineto.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>
#include <zlib.h>

namespace fs = std::filesystem;
using namespace lanescope::bench;

namespace {

struct Options {
    fs::path out = "build/bench";
    std::vector<std::uint64_t> loadSizes = {100'000, 1'000'000};
    std::uint64_t querySlices = 10'000'000;
    std::uint64_t seed = 1;
    int repeats = 3;
    int ascendCopies = 90;                    // ~199 MB Ascend trace_view.json; 0 skips it
    int ascendRanks = 4;                      // a job folder of that many such ranks; 0 skips it
    bool gzip = false;                        // synthetic traces as .json.gz
    std::vector<std::string> files;           // real traces to load as well
    std::vector<std::uint64_t> threads{1, 0}; // LoadOptions::threads of each load (0: all cores)
    bool sax = true;                          // time the SAX yardstick of every trace
};

void usage() {
    std::cerr
        << "usage: lanescope-bench [--out DIR] [--events N[,N...]] [--query-slices N]\n"
           "                       [--repeats R] [--seed S] [--ascend-copies K]\n"
           "                       [--ascend-ranks J] [--gzip]\n"
           "                       [--threads T[,T...]] [--no-sax] [TRACE...]\n"
           "  Generates synthetic Kineto traces of N events (cached in DIR; gzip level 6\n"
           "  .json.gz with --gzip), loads each R times in a fresh process and reports the\n"
           "  best run, then loads each once more and times what the window does with it\n"
           "  (flow index, search, range summary, args); then times interval queries on one\n"
           "  track of --query-slices slices. An Ascend trace_view.json made of K\n"
           "  time-shifted copies of a real one (tests/data), a job folder of J ranks each\n"
           "  holding that trace, and TRACE files are loaded too.\n"
           "  Each load runs with each --threads count (default 1,0; 0 is one per core) and is\n"
           "  shown against a single-threaded no-op nlohmann SAX pass over the same bytes in\n"
           "  memory (inflated for gzip; --no-sax skips it).\n";
}

std::vector<std::uint64_t> parseList(const std::string& text) {
    std::vector<std::uint64_t> values;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        values.push_back(std::stoull(item));
    return values;
}

bool parseOptions(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--out" && hasValue)
            o.out = argv[++i];
        else if (arg == "--events" && hasValue)
            o.loadSizes = parseList(argv[++i]);
        else if (arg == "--query-slices" && hasValue)
            o.querySlices = std::stoull(argv[++i]);
        else if (arg == "--repeats" && hasValue)
            o.repeats = std::max(1, std::stoi(argv[++i]));
        else if (arg == "--ascend-copies" && hasValue)
            o.ascendCopies = std::max(0, std::stoi(argv[++i]));
        else if (arg == "--ascend-ranks" && hasValue)
            o.ascendRanks = std::max(0, std::stoi(argv[++i]));
        else if (arg == "--gzip")
            o.gzip = true;
        else if (arg == "--threads" && hasValue)
            o.threads = parseList(argv[++i]);
        else if (arg == "--no-sax")
            o.sax = false;
        else if (arg == "--seed" && hasValue)
            o.seed = std::stoull(argv[++i]);
        else if (!arg.empty() && arg[0] != '-')
            o.files.push_back(arg);
        else
            return false;
    }
    return true;
}

fs::path inflatedAscendTrace(const Options& o) {
    const fs::path path =
        o.out / ("ascend_trace_view_x" + std::to_string(o.ascendCopies) + ".json");
    if (fs::exists(path))
        return path;
    std::cout << "generating " << path.string() << " ..." << std::endl;
    const fs::path partial = path.string() + ".part";
    writeInflatedAscendTrace(LANESCOPE_ASCEND_SAMPLE, partial.string(), o.ascendCopies);
    fs::rename(partial, path);
    return path;
}

// A job folder as torch_npu writes it for `ranks` cards, every rank's trace_view.json a hard
// link to `trace` (a copy where links are not allowed).
fs::path ascendJob(const Options& o, const fs::path& trace) {
    const fs::path job = o.out / ("ascend_job_" + std::to_string(o.ascendRanks) + "_ranks_x" +
                                  std::to_string(o.ascendCopies));
    for (int rank = 0; rank < o.ascendRanks; ++rank) {
        const fs::path folder = job / ("rank" + std::to_string(rank) + "_ascend_pt");
        const fs::path output = folder / "ASCEND_PROFILER_OUTPUT";
        fs::create_directories(output);
        std::ofstream(folder / ("profiler_info_" + std::to_string(rank) + ".json"))
            << "{\"rank_id\": " << rank << "}\n";
        const fs::path view = output / "trace_view.json";
        if (fs::exists(view))
            continue;
        std::error_code ec;
        fs::create_hard_link(trace, view, ec);
        if (ec)
            fs::copy_file(trace, view);
    }
    return job;
}

// Hands the generator's (large) writes to zlib; a short write fails the ostream.
class GzipWriteBuf final : public std::streambuf {
public:
    explicit GzipWriteBuf(gzFile file) : file_(file) {}

protected:
    std::streamsize xsputn(const char* data, std::streamsize size) override {
        std::streamsize done = 0;
        while (done < size) {
            const auto chunk =
                static_cast<unsigned>(std::min<std::streamsize>(size - done, 1 << 30));
            const int written = gzwrite(file_, data + done, chunk);
            if (written <= 0)
                break;
            done += written;
        }
        return done;
    }
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof()))
            return traits_type::not_eof(ch);
        const char c = traits_type::to_char_type(ch);
        return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
    }

private:
    gzFile file_;
};

void writeGzipTrace(const fs::path& path, const SyntheticTraceOptions& options) {
    gzFile file = gzopen(path.c_str(), "wb6"); // gzip's default level
    if (file == nullptr)
        throw std::runtime_error("cannot write " + path.string());
    gzbuffer(file, 1 << 20);
    GzipWriteBuf buffer(file);
    std::ostream out(&buffer);
    writeSyntheticKinetoTrace(out, options);
    if (gzclose(file) != Z_OK || !out)
        throw std::runtime_error("writing " + path.string() + " failed");
}

fs::path syntheticTrace(const Options& o, std::uint64_t events) {
    const fs::path path = o.out / ("synthetic_kineto_" + std::to_string(events) + "_seed" +
                                   std::to_string(o.seed) + (o.gzip ? ".json.gz" : ".json"));
    if (fs::exists(path))
        return path;
    std::cout << "generating " << path.string() << " ..." << std::endl;
    const fs::path partial = path.string() + ".part";
    SyntheticTraceOptions options;
    options.events = events;
    options.seed = o.seed;
    if (o.gzip) {
        writeGzipTrace(partial, options);
    } else {
        std::ofstream file(partial, std::ios::binary);
        writeSyntheticKinetoTrace(file, options);
    }
    fs::rename(partial, path);
    return path;
}

std::string ratio(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

std::string cpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parseOptions(argc, argv, o)) {
        usage();
        return 2;
    }
    fs::create_directories(o.out);
    std::cout << "machine: " << cpuModel() << ", " << std::thread::hardware_concurrency()
              << " hardware threads\n\n";

    std::printf("| trace | threads | events | parsed MB | load s | MB/s | x SAX | x 1 thread | "
                "peak RSS MB | RSS / file on disk | model B/slice | slice tracks B/slice |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    std::vector<std::string> paths;
    for (std::uint64_t events : o.loadSizes)
        paths.push_back(syntheticTrace(o, events).string());
    // The SAX yardstick of a job folder is that of its ranks' trace, which they all share.
    std::map<std::string, std::string> saxOf;
    if (o.ascendCopies > 0) {
        const fs::path trace = inflatedAscendTrace(o);
        paths.push_back(trace.string());
        if (o.ascendRanks > 0) {
            paths.push_back(ascendJob(o, trace).string());
            saxOf[paths.back()] = trace.string();
        }
    }
    paths.insert(paths.end(), o.files.begin(), o.files.end());
    std::vector<std::pair<std::string, double>> saxSpeeds;
    for (const std::string& path : paths) {
        const double sax = !o.sax                 ? 0
                           : saxOf.contains(path) ? measureNoOpSaxMegabytesPerSecond(saxOf[path])
                                                  : measureNoOpSaxMegabytesPerSecond(path);
        saxSpeeds.emplace_back(fs::path(path).filename().string(), sax);
        double oneThreadSeconds = 0;
        for (const std::uint64_t threads : o.threads) {
            LoadMeasurement best;
            for (int r = 0; r < o.repeats; ++r) {
                const LoadMeasurement m = measureLoad(path, static_cast<unsigned>(threads));
                if (r == 0 || m.seconds < best.seconds)
                    best = m;
            }
            if (threads == 1)
                oneThreadSeconds = best.seconds;
            std::printf(
                "| %s | %s | %llu | %.1f | %.3f | %.1f | %s | %s | %.1f | %.2f | %.1f | "
                "%.1f |\n",
                fs::path(path).filename().c_str(),
                threads == 0 ? "all" : std::to_string(threads).c_str(),
                static_cast<unsigned long long>(best.events),
                static_cast<double>(best.parsedBytes) / 1e6, best.seconds, best.megabytesPerSecond,
                sax > 0 ? ratio(best.megabytesPerSecond / sax).c_str() : "-",
                oneThreadSeconds > 0 ? ratio(oneThreadSeconds / best.seconds).c_str() : "-",
                static_cast<double>(best.peakRssBytes) / 1e6,
                static_cast<double>(best.peakRssBytes) / static_cast<double>(best.fileBytes),
                best.bytesPerSlice, best.sliceStorageBytesPerSlice);
            std::fflush(stdout);
        }
    }
    if (o.sax) {
        std::printf("\nx SAX: the load's MB/s over a single-threaded nlohmann/json SAX pass with a "
                    "no-op handler over the same bytes in memory:");
        for (const auto& [name, speed] : saxSpeeds)
            std::printf(" %s %.1f MB/s;", name.c_str(), speed);
        std::printf("\n");
    }

    std::printf(
        "\n| trace | slices | flows | flow index ms | search ms (matches) | no-match search ms | "
        "summary whole ms | summary 1 %% ms | args first ms | args again ms |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    std::vector<InteractionMeasurement> interactions;
    for (const std::string& path : paths) {
        const InteractionMeasurement& m = interactions.emplace_back(measureInteractions(path));
        std::printf(
            "| %s | %llu | %llu | %.1f | %.1f (%llu) | %.1f | %.1f | %.2f | %.2f | %.2f |\n",
            fs::path(path).filename().c_str(), static_cast<unsigned long long>(m.slices),
            static_cast<unsigned long long>(m.flows), m.flowIndexMs, m.searchMs,
            static_cast<unsigned long long>(m.searchMatches), m.noMatchSearchMs, m.summaryWholeMs,
            m.summaryWindowMs, m.argsEndFirstMs, m.argsEndAgainMs);
        std::fflush(stdout);
        if (!m.error.empty())
            std::cerr << path << ": " << m.error << "\n";
    }
    std::printf(
        "\nargs first/again: the slice whose event is last in the file, first call after the "
        "cache was cleared\n(gzip: builds the seek index) and median of 5 more; args at "
        "start: the file's first slice.\n\n"
        "| trace | gzip | last event at MB | seek index points | args at start ms | "
        "summary names whole / 1 %% | detectors ms | insights |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (const InteractionMeasurement& m : interactions)
        std::printf("| %s | %s | %.1f | %llu | %.2f | %llu / %llu | %.0f | %llu |\n",
                    fs::path(m.file).filename().c_str(), m.gzip ? "yes" : "no",
                    static_cast<double>(m.endOffset) / 1e6,
                    static_cast<unsigned long long>(m.gzipAccessPoints), m.argsStartMs,
                    static_cast<unsigned long long>(m.summaryWholeNames),
                    static_cast<unsigned long long>(m.summaryWindowNames), m.detectorsMs,
                    static_cast<unsigned long long>(m.insights));
    if (!interactions.empty()) {
        std::printf("\nEach detector alone, ms (mapDevices excluded):\n\n| trace |");
        for (const auto& [name, ms] : interactions.front().detectorMs)
            std::printf(" %s |", name.c_str());
        std::printf("\n|---|");
        for (std::size_t i = 0; i < interactions.front().detectorMs.size(); ++i)
            std::printf("---:|");
        std::printf("\n");
        for (const InteractionMeasurement& m : interactions) {
            std::printf("| %s |", fs::path(m.file).filename().c_str());
            for (const auto& [name, ms] : m.detectorMs)
                std::printf(" %.0f |", ms);
            std::printf("\n");
        }
    }

    if (!o.loadSizes.empty()) {
        std::printf(
            "\nComparing two runs of the same size (seeds %llu and %llu), loads and "
            "detectors excluded:\n\n| events | slices base / comp | step pairs | op names | "
            "aligned rows | exact | op index ms (both) | compare ms |\n"
            "|---:|---|---:|---:|---:|---|---:|---:|\n",
            static_cast<unsigned long long>(o.seed), static_cast<unsigned long long>(o.seed + 1));
        for (std::uint64_t events : o.loadSizes) {
            Options other = o;
            other.seed = o.seed + 1;
            const CompareMeasurement m = measureCompare(syntheticTrace(o, events).string(),
                                                        syntheticTrace(other, events).string());
            std::printf("| %llu | %llu / %llu | %llu | %llu | %llu | %s | %.0f | %.0f |\n",
                        static_cast<unsigned long long>(events),
                        static_cast<unsigned long long>(m.baseSlices),
                        static_cast<unsigned long long>(m.compSlices),
                        static_cast<unsigned long long>(m.stepPairs),
                        static_cast<unsigned long long>(m.ops),
                        static_cast<unsigned long long>(m.alignedRows), m.exact ? "yes" : "no",
                        m.opIndexMs, m.compareMs);
            std::fflush(stdout);
        }
    }

    const QueryMeasurement q = measureQueries(o.querySlices, o.seed);
    std::printf(
        "\n| slices in track | index build s | range query median us | p99 us | "
        "point query median us | p99 us | avg hits |\n|---:|---:|---:|---:|---:|---:|---:|\n"
        "| %llu | %.3f | %.2f | %.2f | %.2f | %.2f | %.1f |\n",
        static_cast<unsigned long long>(q.slices), q.buildSeconds, q.rangeMedianMicros,
        q.rangeP99Micros, q.pointMedianMicros, q.pointP99Micros, q.averageHits);
    return 0;
}
