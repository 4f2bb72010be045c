// lanescope-bench: load throughput, peak memory, resident bytes per slice and interval-query
// latency on seeded synthetic Kineto traces. `make bench` runs it; docs/PERFORMANCE.md keeps the
// figures.
#include "ascend_inflate.h"
#include "load_benchmark.h"
#include "query_benchmark.h"
#include "sax_baseline.h"
#include "synthetic_kineto.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace lanescope::bench;

namespace {

struct Options {
    fs::path out = "build/bench";
    std::vector<std::uint64_t> loadSizes = {100'000, 1'000'000};
    std::uint64_t querySlices = 10'000'000;
    std::uint64_t seed = 1;
    int repeats = 3;
    int ascendCopies = 90;          // ~199 MB Ascend trace_view.json; 0 skips it
    std::vector<std::string> files; // real traces to load as well
};

void usage() {
    std::cerr << "usage: lanescope-bench [--out DIR] [--events N[,N...]] [--query-slices N]\n"
                 "                       [--repeats R] [--seed S] [--ascend-copies K] [TRACE...]\n"
                 "  Generates synthetic Kineto traces of N events (cached in DIR), loads each R\n"
                 "  times in a fresh process and reports the best run; then times interval\n"
                 "  queries on one track of --query-slices slices. An Ascend trace_view.json made\n"
                 "  of K time-shifted copies of a real one (tests/data) and TRACE files are\n"
                 "  loaded too.\n";
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

fs::path syntheticTrace(const Options& o, std::uint64_t events) {
    const fs::path path = o.out / ("synthetic_kineto_" + std::to_string(events) + "_seed" +
                                   std::to_string(o.seed) + ".json");
    if (fs::exists(path))
        return path;
    std::cout << "generating " << path.string() << " ..." << std::endl;
    const fs::path partial = path.string() + ".part";
    {
        std::ofstream file(partial, std::ios::binary);
        SyntheticTraceOptions options;
        options.events = events;
        options.seed = o.seed;
        writeSyntheticKinetoTrace(file, options);
    }
    fs::rename(partial, path);
    return path;
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

    std::printf("| trace | events | parsed MB | load s | MB/s | events/s | peak RSS MB | "
                "RSS / file on disk | model B/slice | slice tracks B/slice |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    std::vector<std::string> paths;
    for (std::uint64_t events : o.loadSizes)
        paths.push_back(syntheticTrace(o, events).string());
    if (o.ascendCopies > 0)
        paths.push_back(inflatedAscendTrace(o).string());
    paths.insert(paths.end(), o.files.begin(), o.files.end());
    for (const std::string& path : paths) {
        LoadMeasurement best;
        for (int r = 0; r < o.repeats; ++r) {
            const LoadMeasurement m = measureLoad(path);
            if (r == 0 || m.seconds < best.seconds)
                best = m;
        }
        std::printf("| %s | %llu | %.1f | %.3f | %.1f | %.0f | %.1f | %.2f | %.1f | %.1f |\n",
                    fs::path(path).filename().c_str(), static_cast<unsigned long long>(best.events),
                    static_cast<double>(best.parsedBytes) / 1e6, best.seconds,
                    best.megabytesPerSecond, best.eventsPerSecond,
                    static_cast<double>(best.peakRssBytes) / 1e6,
                    static_cast<double>(best.peakRssBytes) / static_cast<double>(best.fileBytes),
                    best.bytesPerSlice, best.sliceStorageBytesPerSlice);
        std::fflush(stdout);
    }
    if (!o.loadSizes.empty()) {
        const std::string reference = syntheticTrace(o, o.loadSizes.back()).string();
        std::printf("\nnlohmann/json SAX with a no-op handler on %s (in memory): %.1f MB/s\n",
                    fs::path(reference).filename().c_str(),
                    measureNoOpSaxMegabytesPerSecond(reference));
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
