// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "load_benchmark.h"

#include "formats/trace_loader.h"

#include <chrono>
#include <cstring>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace lanescope::bench {

namespace {

// The numbers a child sends back through the pipe (peak RSS comes from wait4).
struct ChildReport {
    std::uint64_t parsedBytes;
    std::uint64_t fileBytes;
    std::uint64_t events;
    std::uint64_t slices;
    std::uint64_t modelBytes;
    std::uint64_t stringBytes;
    std::uint64_t sliceStorageBytes;
    double seconds;
    bool ok;
};

ChildReport loadAndReport(const std::string& path, unsigned threads) {
    ChildReport report{};
    formats::LoadOptions options;
    options.threads = threads;
    const auto start = std::chrono::steady_clock::now();
    const Trace trace = formats::loadTrace(path, options);
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const SourceFile& file : trace.files) { // every rank of a job
        report.parsedBytes += file.decompressedBytes;
        report.fileBytes += file.bytes;
    }
    for (const auto& [phase, n] : trace.eventsByPhase)
        report.events += n;
    report.slices = trace.sliceCount();
    report.modelBytes = trace.memoryBytes();
    report.stringBytes = trace.strings.memoryBytes();
    for (const SliceTrack& track : trace.sliceTracks)
        report.sliceStorageBytes += track.memoryBytes();
    report.ok = true;
    return report;
}

} // namespace

LoadMeasurement measureLoad(const std::string& path, unsigned threads) {
    int fds[2];
    if (pipe(fds) != 0)
        throw std::runtime_error("pipe failed");
    const pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        ChildReport report{};
        try {
            report = loadAndReport(path, threads);
        } catch (const std::exception&) {
            report.ok = false;
        }
        const ssize_t written = write(fds[1], &report, sizeof report);
        _exit(written == sizeof report ? 0 : 1);
    }
    close(fds[1]);
    ChildReport report{};
    const ssize_t got = read(fds[0], &report, sizeof report);
    close(fds[0]);
    int status = 0;
    struct rusage usage {};
    wait4(child, &status, 0, &usage);
    if (got != sizeof report || !report.ok)
        throw std::runtime_error("loading " + path + " failed");

    LoadMeasurement m;
    m.file = path;
    m.threads = threads;
    m.fileBytes = report.fileBytes;
    m.parsedBytes = report.parsedBytes;
    m.events = report.events;
    m.slices = report.slices;
    m.seconds = report.seconds;
    m.megabytesPerSecond = static_cast<double>(report.parsedBytes) / 1e6 / report.seconds;
    m.eventsPerSecond = static_cast<double>(report.events) / report.seconds;
    m.peakRssBytes = static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
    m.modelBytes = report.modelBytes;
    m.stringBytes = report.stringBytes;
    m.bytesPerSlice = report.slices == 0
                          ? 0
                          : static_cast<double>(report.modelBytes - report.stringBytes) /
                                static_cast<double>(report.slices);
    m.sliceStorageBytesPerSlice =
        report.slices == 0
            ? 0
            : static_cast<double>(report.sliceStorageBytes) / static_cast<double>(report.slices);
    return m;
}

} // namespace lanescope::bench
