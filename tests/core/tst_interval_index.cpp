// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "index/interval_index.h"

#include <QtTest>
#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

using lanescope::index::IntervalIndex;
using lanescope::index::Time;

namespace {

constexpr Time kMin = std::numeric_limits<Time>::min();
constexpr Time kMax = std::numeric_limits<Time>::max();

struct Track {
    std::vector<Time> starts;
    std::vector<Time> ends;
};

Time saturatingAdd(Time a, Time b) {
    Time sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) {
        return b > 0 ? kMax : kMin;
    }
    return sum;
}

bool oracleIntersects(Time s, Time e, Time t0, Time t1) {
    return s < t1 && (e > t0 || (e == s && s >= t0));
}

bool oracleContains(Time s, Time e, Time t) {
    return s <= t && (t < e || (s == e && e == t));
}

std::vector<std::uint32_t> oracleIntersecting(const Track& track, Time t0, Time t1) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < track.starts.size(); ++i) {
        if (oracleIntersects(track.starts[i], track.ends[i], t0, t1)) {
            out.push_back(i);
        }
    }
    return out;
}

std::vector<std::uint32_t> oracleContaining(const Track& track, Time t) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < track.starts.size(); ++i) {
        if (oracleContains(track.starts[i], track.ends[i], t)) {
            out.push_back(i);
        }
    }
    return out;
}

// Mixes equal starts, touching neighbours, nesting, zero-length and long intervals, all as
// offsets in [0, span] from base so that base can sit right at either int64 limit.
Track randomTrack(std::mt19937_64& rng, std::size_t n, Time base, Time span) {
    std::uniform_int_distribution<int> pick(0, 99);
    const Time step = std::max<Time>(1, span / static_cast<Time>(std::max<std::size_t>(n, 1)));
    std::uniform_int_distribution<Time> smallStep(0, 2 * step);
    std::uniform_int_distribution<Time> anyOffset(0, span);
    std::vector<Time> starts;
    std::vector<Time> ends;
    Time start = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int gapKind = pick(rng);
        if (i > 0 && gapKind < 20) {
            start = std::max(start, ends.back()); // touching (or nested end reused)
        } else if (gapKind >= 45) {
            start += smallStep(rng);
        } // else equal start
        start = std::min(start, span);
        const int lengthKind = pick(rng);
        Time end = start;
        if (lengthKind < 15) {
            end = start;
        } else if (lengthKind < 35 && i > 0 && ends.back() >= start) {
            end = start + (ends.back() - start) / 2; // nested inside the previous one
        } else if (lengthKind < 40) {
            end = start + anyOffset(rng);
        } else {
            end = start + smallStep(rng) * 2;
        }
        starts.push_back(start);
        ends.push_back(std::min(end, span));
    }
    Track track;
    for (std::size_t i = 0; i < n; ++i) {
        track.starts.push_back(base + starts[i]);
        track.ends.push_back(base + ends[i]);
    }
    return track;
}

Time randomQueryTime(std::mt19937_64& rng, const Track& track, Time base, Time span) {
    std::uniform_int_distribution<int> pick(0, 99);
    const int kind = pick(rng);
    const std::size_t n = track.starts.size();
    if (n > 0 && kind < 50) {
        const std::size_t i = std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
        const Time at = kind < 25 ? track.starts[i] : track.ends[i];
        return saturatingAdd(at, std::uniform_int_distribution<Time>(-1, 1)(rng));
    }
    if (kind < 55) {
        return kind < 53 ? kMin : kMax;
    }
    if (kind < 60) {
        return kind < 58 ? saturatingAdd(base, -1) : saturatingAdd(base + span, 1);
    }
    return base + std::uniform_int_distribution<Time>(0, span)(rng);
}

std::string describe(const std::vector<std::uint32_t>& indices) {
    std::string text = "[";
    for (std::size_t i = 0; i < indices.size() && i < 20; ++i) {
        text += (i ? "," : "") + std::to_string(indices[i]);
    }
    return text + (indices.size() > 20 ? ",...]" : "]");
}

std::string mismatch(const char* what, Time t0, Time t1, const std::vector<std::uint32_t>& got,
                     const std::vector<std::uint32_t>& want) {
    return std::string(what) + " t0=" + std::to_string(t0) + " t1=" + std::to_string(t1) + " got " +
           describe(got) + " want " + describe(want);
}

// Returns an empty string when every query agrees with the oracle, else the first mismatch.
std::string checkQueries(std::mt19937_64& rng, const Track& track, Time base, Time span,
                         int queries) {
    IntervalIndex index;
    index.build(track.starts, track.ends);
    if (index.size() != track.starts.size() ||
        index.memoryBytes() != track.starts.size() * sizeof(Time)) {
        return "size or memoryBytes wrong";
    }
    for (int q = 0; q < queries; ++q) {
        const Time t0 = randomQueryTime(rng, track, base, span);
        const int shape = std::uniform_int_distribution<int>(0, 9)(rng);
        Time t1 = randomQueryTime(rng, track, base, span);
        if (shape < 5) {
            t1 = std::max(t0, t1);
        } else if (shape == 5) {
            t1 = t0;
        } else if (shape == 6) {
            t1 = saturatingAdd(t0, 1);
        }
        std::vector<std::uint32_t> visited;
        index.forEachIntersecting(track.starts, track.ends, t0, t1,
                                  [&](std::uint32_t i) { visited.push_back(i); });
        const auto want = oracleIntersecting(track, t0, t1);
        if (visited != want || index.intersecting(track.starts, track.ends, t0, t1) != want) {
            return mismatch("intersecting", t0, t1, visited, want);
        }
        if (std::adjacent_find(visited.begin(), visited.end(), std::greater_equal<>()) !=
            visited.end()) {
            return mismatch("intersecting order", t0, t1, visited, want);
        }
        std::vector<std::uint32_t> holding;
        index.forEachContaining(track.starts, track.ends, t0,
                                [&](std::uint32_t i) { holding.push_back(i); });
        const auto wantHolding = oracleContaining(track, t0);
        if (holding != wantHolding || index.containing(track.starts, track.ends, t0) != holding) {
            return mismatch("containing", t0, t0, holding, wantHolding);
        }
    }
    return {};
}

struct Placement {
    Time base;
    Time span;
};

Placement randomPlacement(std::mt19937_64& rng, int minLog2Span) {
    const Time span = Time{1} << std::uniform_int_distribution<int>(minLog2Span, 40)(rng);
    switch (std::uniform_int_distribution<int>(0, 4)(rng)) {
    case 0:
        return {kMin, span};
    case 1:
        return {kMax - span, span};
    case 2:
        return {-(Time{1} << 50), span};
    default:
        return {0, span};
    }
}

} // namespace

class TestIntervalIndex : public QObject {
    Q_OBJECT

private slots:
    void emptyIndex();
    void handcrafted();
    void extremeTimes();
    void copiedIndexStaysValid();
    void randomSmallSizes();
    void randomMediumSizes();
    void randomLargeTracks();
};

void TestIntervalIndex::emptyIndex() {
    IntervalIndex index;
    QCOMPARE(index.size(), std::size_t{0});
    QVERIFY(index.intersecting({}, {}, kMin, kMax).empty());
    QVERIFY(index.containing({}, {}, 0).empty());
    index.build({}, {});
    QCOMPARE(index.memoryBytes(), std::size_t{0});
    QVERIFY(index.intersecting({}, {}, kMin, kMax).empty());
}

void TestIntervalIndex::handcrafted() {
    const std::vector<Time> starts{0, 0, 5, 10, 10};
    const std::vector<Time> ends{10, 5, 10, 10, 20};
    IntervalIndex index;
    index.build(starts, ends);
    using V = std::vector<std::uint32_t>;
    // [0,5) only touches 5; the zero-length interval at 10 lies outside [5,10).
    QVERIFY(index.intersecting(starts, ends, 5, 10) == V({0, 2}));
    QVERIFY(index.intersecting(starts, ends, 10, 11) == V({3, 4}));
    QVERIFY(index.intersecting(starts, ends, 9, 10) == V({0, 2}));
    QVERIFY(index.intersecting(starts, ends, 20, 30).empty());
    QVERIFY(index.intersecting(starts, ends, -5, 0).empty());
    QVERIFY(index.intersecting(starts, ends, -5, 1) == V({0, 1}));
    QVERIFY(index.intersecting(starts, ends, kMin, kMax) == V({0, 1, 2, 3, 4}));
    QVERIFY(index.containing(starts, ends, 0) == V({0, 1}));
    QVERIFY(index.containing(starts, ends, 5) == V({0, 2}));
    QVERIFY(index.containing(starts, ends, 10) == V({3, 4}));
    QVERIFY(index.containing(starts, ends, 19) == V({4}));
    QVERIFY(index.containing(starts, ends, 20).empty());

    const std::vector<Time> one{7};
    index.build(one, one);
    QVERIFY(index.intersecting(one, one, 7, 8) == V({0}));
    QVERIFY(index.intersecting(one, one, 6, 7).empty());
    QVERIFY(index.containing(one, one, 7) == V({0}));
}

void TestIntervalIndex::extremeTimes() {
    const std::vector<Time> starts{kMin, kMin, kMax};
    const std::vector<Time> ends{kMin, kMax, kMax};
    IntervalIndex index;
    index.build(starts, ends);
    using V = std::vector<std::uint32_t>;
    QVERIFY(index.intersecting(starts, ends, kMin, kMax) == V({0, 1}));
    QVERIFY(index.intersecting(starts, ends, kMax, kMax).empty());
    QVERIFY(index.intersecting(starts, ends, kMin, kMin).empty());
    QVERIFY(index.intersecting(starts, ends, kMax - 1, kMax) == V({1}));
    QVERIFY(index.containing(starts, ends, kMin) == V({0, 1}));
    QVERIFY(index.containing(starts, ends, kMax) == V({2}));
    QVERIFY(index.containing(starts, ends, 0) == V({1}));
}

void TestIntervalIndex::copiedIndexStaysValid() {
    std::mt19937_64 rng(7);
    Track track = randomTrack(rng, 500, 0, 1 << 20);
    IntervalIndex index;
    index.build(track.starts, track.ends);
    const IntervalIndex copy = index;
    const Track moved = std::move(track);
    QVERIFY(copy.intersecting(moved.starts, moved.ends, 1000, 50000) ==
            oracleIntersecting(moved, 1000, 50000));
}

void TestIntervalIndex::randomSmallSizes() {
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        std::mt19937_64 rng(seed);
        const std::size_t n = seed % 80;
        const auto [base, span] = randomPlacement(rng, 3);
        const Track track = randomTrack(rng, n, base, span);
        const std::string error = checkQueries(rng, track, base, span, 60);
        QVERIFY2(error.empty(), ("seed " + std::to_string(seed) + ": " + error).c_str());
    }
}

void TestIntervalIndex::randomMediumSizes() {
    for (std::uint64_t seed = 1000; seed < 1200; ++seed) {
        std::mt19937_64 rng(seed);
        const auto n = std::uniform_int_distribution<std::size_t>(80, 2000)(rng);
        const auto [base, span] = randomPlacement(rng, 3);
        const Track track = randomTrack(rng, n, base, span);
        const std::string error = checkQueries(rng, track, base, span, 40);
        QVERIFY2(error.empty(), ("seed " + std::to_string(seed) + ": " + error).c_str());
    }
}

void TestIntervalIndex::randomLargeTracks() {
    for (std::uint64_t seed = 5000; seed < 5004; ++seed) {
        std::mt19937_64 rng(seed);
        const auto [base, span] = randomPlacement(rng, 24);
        const Track track = randomTrack(rng, 100000 + seed, base, span);
        const std::string error = checkQueries(rng, track, base, span, 60);
        QVERIFY2(error.empty(), ("seed " + std::to_string(seed) + ": " + error).c_str());
    }
    // A deep nesting stack: every interval contains all later ones.
    Track nested;
    for (Time i = 0; i < 100000; ++i) {
        nested.starts.push_back(i);
        nested.ends.push_back(200000 - i);
    }
    std::mt19937_64 rng(99);
    const std::string error = checkQueries(rng, nested, 0, 200000, 60);
    QVERIFY2(error.empty(), error.c_str());
}

QTEST_APPLESS_MAIN(TestIntervalIndex)
#include "tst_interval_index.moc"
