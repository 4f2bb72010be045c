// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// lanescope-gen-trace: writes a synthetic Kineto trace for benchmarks and prints what it wrote.

#include "synthetic_kineto.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <zlib.h>

namespace {

using lanescope::bench::SyntheticTraceOptions;
using lanescope::bench::SyntheticTraceStats;

constexpr std::string_view kUsage =
    "usage: lanescope-gen-trace --events N [--seed S] [--streams K] [--threads T] [--epoch-us] "
    "--out FILE\n"
    "  FILE ending in .gz is gzip-compressed. Prints the written counts as one JSON line.\n";

constexpr int kMaxThreadsOrStreams = 64;

// Forwards the generator's large writes to zlib; a short write makes the ostream fail.
class GzipStreamBuf final : public std::streambuf {
public:
    explicit GzipStreamBuf(gzFile file) : file_(file) {}

protected:
    std::streamsize xsputn(const char* data, std::streamsize size) override {
        std::streamsize done = 0;
        while (done < size) {
            const auto chunk = static_cast<unsigned>(
                std::min<std::streamsize>(size - done, std::numeric_limits<int>::max()));
            const int written = gzwrite(file_, data + done, chunk);
            if (written <= 0) {
                break;
            }
            done += written;
        }
        return done;
    }

    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof())) {
            return traits_type::not_eof(ch);
        }
        const char c = traits_type::to_char_type(ch);
        return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
    }

private:
    gzFile file_;
};

struct Arguments {
    SyntheticTraceOptions options;
    std::string out;
};

template <typename T> std::optional<T> parseNumber(std::string_view text) {
    T value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

[[noreturn]] void fail(std::string_view message, bool showUsage = true) {
    std::cerr << "lanescope-gen-trace: " << message << "\n" << (showUsage ? kUsage : "");
    std::exit(2);
}

int parseCount(std::string_view flag, std::string_view value) {
    const auto n = parseNumber<int>(value);
    if (!n || *n < 1 || *n > kMaxThreadsOrStreams) {
        fail(std::string(flag) + " needs a number in 1..64");
    }
    return *n;
}

Arguments parseArguments(int argc, char** argv) {
    Arguments args;
    bool haveEvents = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "--epoch-us") {
            args.options.absoluteEpochTimestamps = true;
            continue;
        }
        if (i + 1 >= argc) {
            fail("missing value or unknown flag: " + std::string(flag));
        }
        const std::string_view value = argv[++i];
        if (flag == "--events") {
            const auto n = parseNumber<std::uint64_t>(value);
            if (!n || *n == 0) {
                fail("--events needs a positive number");
            }
            args.options.events = *n;
            haveEvents = true;
        } else if (flag == "--seed") {
            const auto n = parseNumber<std::uint64_t>(value);
            if (!n) {
                fail("--seed needs a non-negative number");
            }
            args.options.seed = *n;
        } else if (flag == "--streams") {
            args.options.gpuStreams = parseCount(flag, value);
        } else if (flag == "--threads") {
            args.options.hostThreads = parseCount(flag, value);
        } else if (flag == "--out") {
            args.out = value;
        } else {
            fail("unknown flag: " + std::string(flag));
        }
    }
    if (!haveEvents || args.out.empty()) {
        fail("--events and --out are required");
    }
    return args;
}

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

SyntheticTraceStats writeGzip(const Arguments& args) {
    // Level 1: 10^7 events are ~3 GB of JSON, and the benchmark wants them quickly.
    gzFile file = gzopen(args.out.c_str(), "wb1");
    if (file == nullptr) {
        fail("cannot open " + args.out + " for writing", false);
    }
    gzbuffer(file, 1 << 20);
    GzipStreamBuf buffer(file);
    std::ostream out(&buffer);
    const SyntheticTraceStats stats = writeSyntheticKinetoTrace(out, args.options);
    const bool closed = gzclose(file) == Z_OK;
    if (!out || !closed) {
        fail("write to " + args.out + " failed", false);
    }
    return stats;
}

SyntheticTraceStats writePlain(const Arguments& args) {
    std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
    if (!out) {
        fail("cannot open " + args.out + " for writing", false);
    }
    const SyntheticTraceStats stats = writeSyntheticKinetoTrace(out, args.options);
    out.close();
    if (!out) {
        fail("write to " + args.out + " failed", false);
    }
    return stats;
}

void printStats(const SyntheticTraceStats& s) {
    std::cout << "{\"events\": " << s.events << ", \"completeEvents\": " << s.completeEvents
              << ", \"flowStarts\": " << s.flowStarts << ", \"flowEnds\": " << s.flowEnds
              << ", \"instants\": " << s.instants << ", \"counters\": " << s.counters
              << ", \"metadata\": " << s.metadata << ", \"kernels\": " << s.kernels
              << ", \"launches\": " << s.launches << ", \"bytes\": " << s.bytes << "}\n";
}

} // namespace

int main(int argc, char** argv) {
    const Arguments args = parseArguments(argc, argv);
    printStats(endsWith(args.out, ".gz") ? writeGzip(args) : writePlain(args));
    return 0;
}
