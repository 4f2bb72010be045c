// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "synthetic_kineto.h"

#include <QtTest>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using lanescope::bench::SyntheticTraceOptions;
using lanescope::bench::SyntheticTraceStats;
using nlohmann::json;

namespace {

constexpr std::uint64_t kEvents = 20'000;

struct Generated {
    std::string text;
    SyntheticTraceStats stats;
};

SyntheticTraceOptions smallOptions(std::uint64_t seed = 1) {
    SyntheticTraceOptions options;
    options.events = kEvents;
    options.seed = seed;
    return options;
}

Generated generate(const SyntheticTraceOptions& options) {
    std::ostringstream out;
    const SyntheticTraceStats stats = lanescope::bench::writeSyntheticKinetoTrace(out, options);
    return {std::move(out).str(), stats};
}

// Exact for the generator's ranges: relative times stay below 2^53 / 1000 µs with 3 decimals, so
// the double is within 0.25 ns of the written value; epoch times are integers.
std::int64_t toNs(const json& value) {
    if (value.is_number_integer()) {
        return value.get<std::int64_t>() * 1000;
    }
    return std::llround(value.get<double>() * 1000.0);
}

struct Interval {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string name;
};

bool isHostSlice(const json& e, std::int64_t hostPid) {
    return e["ph"] == "X" && e["pid"].is_number() && e["pid"].get<std::int64_t>() == hostPid;
}

bool isGpuOp(const json& e) {
    const auto cat = e.value("cat", "");
    return e["ph"] == "X" && (cat == "kernel" || cat == "gpu_memcpy" || cat == "gpu_memset");
}

// Every value after `key` must be digits, optionally followed by '.' and exactly three digits.
bool numbersHaveFraction(const std::string& text, std::string_view key, bool withFraction) {
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + 1)) {
        std::size_t i = pos + key.size();
        const std::size_t digits = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            ++i;
        }
        if (i == digits) {
            return false;
        }
        const bool dot = i < text.size() && text[i] == '.';
        if (dot != withFraction) {
            return false;
        }
        if (dot) {
            std::size_t fraction = 0;
            while (++i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
                ++fraction;
            }
            if (fraction != 3) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

class TestSyntheticKineto : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void countsMatchParsedDocument();
    void topLevelKeysInKinetoOrder();
    void sameSeedSameBytes();
    void differentSeedDifferentBytes();
    void flowsArePairedExceptSyncCalls();
    void relativeTimestampsHaveThreeFractionDigits();
    void epochTimestampsAreIntegers();
    void hostSlicesNest_data();
    void hostSlicesNest();
    void gpuOpsFollowLaunchesWithoutOverlap();
    void rejectsBadOptions();

private:
    Generated trace_;
    json doc_;
};

void TestSyntheticKineto::initTestCase() {
    trace_ = generate(smallOptions());
    doc_ = json::parse(trace_.text);
}

void TestSyntheticKineto::countsMatchParsedDocument() {
    SyntheticTraceStats parsed;
    for (const json& e : doc_["traceEvents"]) {
        ++parsed.events;
        const std::string ph = e["ph"];
        parsed.completeEvents += ph == "X";
        parsed.flowStarts += ph == "s";
        parsed.flowEnds += ph == "f";
        parsed.instants += ph == "i";
        parsed.counters += ph == "C";
        parsed.metadata += ph == "M";
        parsed.kernels += e.value("cat", "") == "kernel";
        const std::string name = e.value("name", "");
        parsed.launches += ph == "X" && (name == "cudaLaunchKernel" || name == "cuLaunchKernel");
    }
    const SyntheticTraceStats& s = trace_.stats;
    QCOMPARE(s.events, parsed.events);
    QCOMPARE(s.completeEvents, parsed.completeEvents);
    QCOMPARE(s.flowStarts, parsed.flowStarts);
    QCOMPARE(s.flowEnds, parsed.flowEnds);
    QCOMPARE(s.instants, parsed.instants);
    QCOMPARE(s.counters, parsed.counters);
    QCOMPARE(s.metadata, parsed.metadata);
    QCOMPARE(s.kernels, parsed.kernels);
    QCOMPARE(s.launches, parsed.launches);
    QCOMPARE(s.bytes, static_cast<std::uint64_t>(trace_.text.size()));
    QVERIFY(s.events >= kEvents);
    QVERIFY2(s.events < kEvents + 1000, "should stop within a few layers of the target");
    QVERIFY(s.counters > 0 && s.instants > 0 && s.metadata > 0);
}

void TestSyntheticKineto::topLevelKeysInKinetoOrder() {
    const auto doc = nlohmann::ordered_json::parse(trace_.text);
    std::vector<std::string> keys;
    for (const auto& item : doc.items()) {
        keys.push_back(item.key());
    }
    const std::vector<std::string> expected{
        "schemaVersion",       "deviceProperties", "cupti_version",   "cuda_runtime_version",
        "cuda_driver_version", "distributedInfo",  "displayTimeUnit", "baseTimeNanoseconds",
        "traceEvents",         "traceName"};
    QVERIFY(keys == expected);
    QCOMPARE(doc["distributedInfo"]["world_size"].get<int>(), 2);
}

void TestSyntheticKineto::sameSeedSameBytes() {
    QVERIFY(generate(smallOptions()).text == trace_.text);
}

void TestSyntheticKineto::differentSeedDifferentBytes() {
    QVERIFY(generate(smallOptions(2)).text != trace_.text);
}

// Documented partners that are missing: one ac2g start per cudaStreamSynchronize (one per step)
// and one ac2g end for the kernel launched before the window.
void TestSyntheticKineto::flowsArePairedExceptSyncCalls() {
    std::map<std::pair<std::string, std::uint64_t>, std::pair<int, int>> flows;
    std::set<std::uint64_t> syncCorrelations;
    for (const json& e : doc_["traceEvents"]) {
        const std::string ph = e["ph"];
        if (ph == "s" || ph == "f") {
            auto& ends = flows[{e["cat"].get<std::string>(), e["id"].get<std::uint64_t>()}];
            (ph == "s" ? ends.first : ends.second) += 1;
            QVERIFY(ph == "s" || e["bp"] == "e");
        } else if (e.value("name", "") == "cudaStreamSynchronize") {
            syncCorrelations.insert(e["args"]["correlation"].get<std::uint64_t>());
        }
    }
    std::size_t startsWithoutEnd = 0;
    std::size_t endsWithoutStart = 0;
    for (const auto& [key, ends] : flows) {
        QVERIFY(ends.first <= 1 && ends.second <= 1);
        if (ends.first == 1 && ends.second == 0) {
            ++startsWithoutEnd;
            QCOMPARE(key.first, std::string("ac2g"));
            QVERIFY(syncCorrelations.count(key.second) == 1);
        }
        endsWithoutStart += ends.first == 0 ? 1 : 0;
    }
    QCOMPARE(startsWithoutEnd, syncCorrelations.size());
    QCOMPARE(endsWithoutStart, std::size_t{1});
    QVERIFY(startsWithoutEnd * 250 < trace_.stats.flowStarts); // under 0.4 %
}

void TestSyntheticKineto::relativeTimestampsHaveThreeFractionDigits() {
    QVERIFY(numbersHaveFraction(trace_.text, "\"ts\": ", true));
    QVERIFY(numbersHaveFraction(trace_.text, "\"dur\": ", true));
}

void TestSyntheticKineto::epochTimestampsAreIntegers() {
    SyntheticTraceOptions options = smallOptions();
    options.absoluteEpochTimestamps = true;
    const Generated epoch = generate(options);
    QVERIFY(numbersHaveFraction(epoch.text, "\"ts\": ", false));
    QVERIFY(numbersHaveFraction(epoch.text, "\"dur\": ", false));
    const json doc = json::parse(epoch.text);
    QVERIFY(!doc.contains("baseTimeNanoseconds"));
    const auto firstTs = doc["traceEvents"][0]["ts"].get<std::int64_t>();
    QVERIFY(firstTs > 1'700'000'000'000'000 && firstTs < 1'800'000'000'000'000);
}

void TestSyntheticKineto::hostSlicesNest_data() {
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("streams");
    QTest::addColumn<bool>("epoch");
    QTest::newRow("default") << 2 << 2 << false;
    QTest::newRow("single thread and stream") << 1 << 1 << false;
    QTest::newRow("pin-memory threads") << 4 << 3 << false;
    QTest::newRow("epoch microseconds") << 2 << 2 << true;
}

void TestSyntheticKineto::hostSlicesNest() {
    QFETCH(int, threads);
    QFETCH(int, streams);
    QFETCH(bool, epoch);
    SyntheticTraceOptions options = smallOptions(7);
    options.hostThreads = threads;
    options.gpuStreams = streams;
    options.absoluteEpochTimestamps = epoch;
    const json doc = json::parse(generate(options).text);
    const auto hostPid = doc["traceEvents"][0]["pid"].get<std::int64_t>();

    std::map<std::int64_t, std::vector<Interval>> byThread;
    for (const json& e : doc["traceEvents"]) {
        if (isHostSlice(e, hostPid)) {
            const std::int64_t start = toNs(e["ts"]);
            byThread[e["tid"].get<std::int64_t>()].push_back(
                {start, start + toNs(e["dur"]), e["name"].get<std::string>()});
        }
    }
    QCOMPARE(static_cast<int>(byThread.size()), threads);
    for (auto& [tid, slices] : byThread) {
        std::sort(slices.begin(), slices.end(), [](const Interval& a, const Interval& b) {
            return a.start != b.start ? a.start < b.start : a.end > b.end;
        });
        std::vector<const Interval*> open;
        for (const Interval& s : slices) {
            while (!open.empty() && open.back()->end <= s.start) {
                open.pop_back();
            }
            if (!open.empty() && s.end > open.back()->end) {
                QFAIL(qPrintable(QString("tid %1: %2 crosses the end of %3")
                                     .arg(tid)
                                     .arg(QString::fromStdString(s.name))
                                     .arg(QString::fromStdString(open.back()->name))));
            }
            open.push_back(&s);
        }
    }
}

void TestSyntheticKineto::gpuOpsFollowLaunchesWithoutOverlap() {
    std::map<std::uint64_t, std::int64_t> launchTs;
    for (const json& e : doc_["traceEvents"]) {
        const std::string cat = e.value("cat", "");
        if (cat == "cuda_runtime" || cat == "cuda_driver") {
            launchTs[e["args"]["correlation"].get<std::uint64_t>()] = toNs(e["ts"]);
        }
    }
    std::map<std::int64_t, std::vector<Interval>> byStream;
    int launchedBeforeWindow = 0;
    for (const json& e : doc_["traceEvents"]) {
        if (!isGpuOp(e)) {
            continue;
        }
        const std::int64_t start = toNs(e["ts"]);
        const auto launch = launchTs.find(e["args"]["correlation"].get<std::uint64_t>());
        if (launch == launchTs.end()) {
            ++launchedBeforeWindow;
        } else {
            QVERIFY(launch->second < start);
        }
        byStream[e["tid"].get<std::int64_t>()].push_back(
            {start, start + toNs(e["dur"]), e["name"].get<std::string>()});
    }
    QCOMPARE(launchedBeforeWindow, 1);
    QCOMPARE(byStream.size(), std::size_t{2});
    for (auto& [tid, ops] : byStream) {
        std::sort(ops.begin(), ops.end(),
                  [](const Interval& a, const Interval& b) { return a.start < b.start; });
        for (std::size_t i = 1; i < ops.size(); ++i) {
            QVERIFY(ops[i - 1].end <= ops[i].start);
        }
    }
}

void TestSyntheticKineto::rejectsBadOptions() {
    std::ostringstream out;
    SyntheticTraceOptions options = smallOptions();
    options.gpuStreams = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             lanescope::bench::writeSyntheticKinetoTrace(out, options));
}

QTEST_APPLESS_MAIN(TestSyntheticKineto)

#include "tst_synthetic_kineto.moc"
