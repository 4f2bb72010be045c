// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "index/row_lod.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

using lanescope::index::LodBox;
using lanescope::index::Time;

namespace {

constexpr Time kMin = std::numeric_limits<Time>::min();
constexpr Time kMax = std::numeric_limits<Time>::max();

// Stored in shuffled order behind a position -> slot permutation, as a track stores its rows.
struct Row {
    std::vector<Time> slotStart;
    std::vector<Time> slotEnd;
    std::vector<std::uint32_t> slotOf;

    std::uint32_t size() const { return static_cast<std::uint32_t>(slotOf.size()); }
    Time start(std::uint32_t k) const { return slotStart[slotOf[k]]; }
    Time end(std::uint32_t k) const { return slotEnd[slotOf[k]]; }
};

Row makeRow(const std::vector<Time>& starts, const std::vector<Time>& ends, std::uint64_t seed) {
    Row row;
    row.slotOf.resize(starts.size());
    std::iota(row.slotOf.begin(), row.slotOf.end(), 0u);
    std::mt19937_64 rng(seed);
    std::shuffle(row.slotOf.begin(), row.slotOf.end(), rng);
    row.slotStart.resize(starts.size());
    row.slotEnd.resize(starts.size());
    for (std::size_t k = 0; k < starts.size(); ++k) {
        row.slotStart[row.slotOf[k]] = starts[k];
        row.slotEnd[row.slotOf[k]] = ends[k];
    }
    return row;
}

struct Result {
    std::vector<LodBox> boxes;
    std::uint64_t accessorCalls = 0;
};

Result lodBoxes(const Row& row, Time t0, Time t1, Time minWidth) {
    Result result;
    const auto prefix = lanescope::index::buildBusyPrefix(
        row.size(), [&](std::uint32_t k) { return row.end(k) - row.start(k); });
    lanescope::index::forEachLodBox(
        row.size(),
        [&](std::uint32_t k) {
            ++result.accessorCalls;
            return row.start(k);
        },
        [&](std::uint32_t k) {
            ++result.accessorCalls;
            return row.end(k);
        },
        prefix, t0, t1, minWidth, [&](const LodBox& box) { result.boxes.push_back(box); });
    return result;
}

// Heavy-tailed so that every zoom level finds some gaps and intervals wider than a pixel.
Time heavyTail(std::mt19937_64& rng, double maxLog2) {
    const double exponent = std::uniform_real_distribution<double>(0.0, maxLog2)(rng);
    return static_cast<Time>(std::exp2(exponent)) - 1;
}

Row randomRow(std::mt19937_64& rng, std::size_t n, Time base, std::uint64_t seed) {
    std::uniform_int_distribution<int> pick(0, 99);
    std::vector<Time> starts;
    std::vector<Time> ends;
    Time cursor = base;
    for (std::size_t i = 0; i < n; ++i) {
        const int gapKind = pick(rng);
        cursor += gapKind < 25 ? 0 : heavyTail(rng, gapKind < 90 ? 6.0 : 16.0);
        const int lengthKind = pick(rng);
        const Time length = lengthKind < 15 ? 0 : heavyTail(rng, lengthKind < 90 ? 5.0 : 14.0);
        starts.push_back(cursor);
        ends.push_back(cursor + length);
        cursor += length;
    }
    return makeRow(starts, ends, seed);
}

Time saturatingAdd(Time a, Time b) {
    Time sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) {
        return b > 0 ? kMax : kMin;
    }
    return sum;
}

bool intersects(Time s, Time e, Time t0, Time t1) {
    return s < t1 && (e > t0 || (e == s && s >= t0));
}

std::string boxText(const LodBox& b) {
    return "{" + std::to_string(b.start) + "," + std::to_string(b.end) + ",#" +
           std::to_string(b.first) + "x" + std::to_string(b.count) + ",busy " +
           std::to_string(b.busy) + "}";
}

bool allNarrow(const Row& row, const LodBox& box, Time minWidth) {
    for (std::uint32_t k = box.first; k < box.first + box.count; ++k) {
        if (row.end(k) - row.start(k) >= minWidth) {
            return false;
        }
    }
    return true;
}

std::string checkBox(const Row& row, const LodBox& box, Time minWidth) {
    const std::uint32_t last = box.first + box.count - 1;
    if (box.count == 0 || last >= row.size() || box.start != row.start(box.first) ||
        box.end != row.end(last)) {
        return "box does not match its intervals " + boxText(box);
    }
    Time busy = 0;
    for (std::uint32_t k = box.first; k <= last; ++k) {
        busy += row.end(k) - row.start(k);
        if (k > box.first && row.start(k) - row.end(k - 1) >= minWidth) {
            return "merged across a wide gap " + boxText(box);
        }
    }
    if (busy != box.busy) {
        return "busy wrong " + boxText(box);
    }
    if (box.count > 1 && (minWidth <= 0 || !allNarrow(row, box, minWidth))) {
        return "merged a wide interval " + boxText(box);
    }
    return {};
}

// Oracle: the boxes partition exactly the intersecting positions, in order, and obey the rule.
std::string checkLod(const Row& row, Time t0, Time t1, Time minWidth,
                     const std::vector<LodBox>& boxes) {
    std::vector<std::uint32_t> hit;
    for (std::uint32_t k = 0; k < row.size(); ++k) {
        if (intersects(row.start(k), row.end(k), t0, t1)) {
            hit.push_back(k);
        }
    }
    if (!hit.empty() && hit.back() - hit.front() + 1 != hit.size()) {
        return "oracle: intersecting positions not contiguous (bad row)";
    }
    std::uint32_t next = hit.empty() ? 0 : hit.front();
    std::uint64_t covered = 0;
    for (std::size_t b = 0; b < boxes.size(); ++b) {
        const LodBox& box = boxes[b];
        if (box.first != next) {
            return "box not contiguous with the previous one " + boxText(box);
        }
        if (const std::string error = checkBox(row, box, minWidth); !error.empty()) {
            return error;
        }
        if (b > 0) {
            const LodBox& prev = boxes[b - 1];
            if (prev.end > box.start) {
                return "boxes overlap " + boxText(prev) + boxText(box);
            }
            if (minWidth > 0 && allNarrow(row, prev, minWidth) && allNarrow(row, box, minWidth) &&
                box.start - prev.end < minWidth) {
                return "mergeable neighbours " + boxText(prev) + boxText(box);
            }
        }
        next += box.count;
        covered += box.count;
    }
    if (covered != hit.size()) {
        return "covered " + std::to_string(covered) + " of " + std::to_string(hit.size());
    }
    return {};
}

Time randomQueryTime(std::mt19937_64& rng, const Row& row) {
    const int kind = std::uniform_int_distribution<int>(0, 99)(rng);
    if (row.size() == 0 || kind < 4) {
        return kind % 2 ? kMin : kMax;
    }
    const auto k = std::uniform_int_distribution<std::uint32_t>(0, row.size() - 1)(rng);
    const Time at = kind < 40 ? row.start(k) : row.end(k);
    if (kind < 70) {
        return at;
    }
    const Time lo = row.start(0);
    const Time hi = row.end(row.size() - 1);
    const Time margin = (hi - lo) / 8 + 2;
    return std::uniform_int_distribution<Time>(saturatingAdd(lo, -margin),
                                               saturatingAdd(hi, margin))(rng);
}

Time randomWidth(std::mt19937_64& rng) {
    switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0:
        return 0;
    case 1:
        return -3;
    case 2:
        return kMax;
    default:
        return heavyTail(rng, 18.0) + 1;
    }
}

std::string boxesBound(Time t0, Time t1, Time minWidth, std::size_t boxes) {
    const Time pixels = (t1 - t0 + minWidth - 1) / minWidth;
    if (boxes > static_cast<std::size_t>(2 * pixels + 2)) {
        return std::to_string(boxes) + " boxes for " + std::to_string(pixels) + " pixels";
    }
    return {};
}

bool sameBoxes(const std::vector<LodBox>& got, const std::vector<LodBox>& want) {
    return std::equal(got.begin(), got.end(), want.begin(), want.end(),
                      [](const LodBox& a, const LodBox& b) {
                          return a.start == b.start && a.end == b.end && a.first == b.first &&
                                 a.count == b.count && a.busy == b.busy;
                      });
}

} // namespace

class TestRowLod : public QObject {
    Q_OBJECT

private slots:
    void busyPrefix();
    void emptyRow();
    void handcraftedMerging();
    void handcraftedWindow();
    void zeroLengthIntervals();
    void extremeTimes();
    void noMergingWithoutWidth();
    void randomRowsMatchOracle();
    void pixelJumpingOnDenseRow();
    void pixelJumpingOnMixedRow();
    void searchOutwardFromStart();
};

// The outward search answers what plain bisection answers, for every range and boundary.
void TestRowLod::searchOutwardFromStart() {
    using lanescope::index::lod_detail::firstFailing;
    using lanescope::index::lod_detail::firstFailingNear;
    for (std::uint32_t lo = 0; lo < 3; ++lo)
        for (std::uint32_t hi = lo; hi < 40; ++hi)
            for (std::uint32_t boundary = lo; boundary <= hi; ++boundary) {
                const auto holds = [boundary](std::uint32_t k) { return k < boundary; };
                const std::uint32_t expected = firstFailing(lo, hi, holds);
                QCOMPARE(expected, boundary);
                QCOMPARE(firstFailingNear(lo, hi, holds), expected);
            }
}

void TestRowLod::busyPrefix() {
    const std::vector<Time> durations{3, 0, 5};
    const auto prefix =
        lanescope::index::buildBusyPrefix(3, [&](std::uint32_t k) { return durations[k]; });
    QVERIFY(prefix == std::vector<Time>({0, 3, 3, 8}));
    QVERIFY(lanescope::index::buildBusyPrefix(0, [](std::uint32_t) { return Time{1}; }) ==
            std::vector<Time>({0}));
}

void TestRowLod::emptyRow() {
    const Row row = makeRow({}, {}, 1);
    QVERIFY(lodBoxes(row, kMin, kMax, 10).boxes.empty());
    QVERIFY(lodBoxes(row, 0, 0, 0).boxes.empty());
}

void TestRowLod::handcraftedMerging() {
    const Row row = makeRow({0, 2, 4, 10, 31, 40, 100}, {1, 3, 5, 30, 32, 41, 101}, 3);
    // Gaps of 1 merge the first three; [10,30) is wide until minWidth exceeds 20.
    QVERIFY(sameBoxes(lodBoxes(row, 0, 200, 3).boxes, {{0, 5, 0, 3, 3},
                                                       {10, 30, 3, 1, 20},
                                                       {31, 32, 4, 1, 1},
                                                       {40, 41, 5, 1, 1},
                                                       {100, 101, 6, 1, 1}}));
    QVERIFY(sameBoxes(lodBoxes(row, 0, 200, 5).boxes, {{0, 5, 0, 3, 3},
                                                       {10, 30, 3, 1, 20},
                                                       {31, 32, 4, 1, 1},
                                                       {40, 41, 5, 1, 1},
                                                       {100, 101, 6, 1, 1}}));
    QVERIFY(
        sameBoxes(lodBoxes(row, 0, 200, 9).boxes,
                  {{0, 5, 0, 3, 3}, {10, 30, 3, 1, 20}, {31, 41, 4, 2, 2}, {100, 101, 6, 1, 1}}));
    QVERIFY(sameBoxes(lodBoxes(row, 0, 200, 21).boxes, {{0, 41, 0, 6, 25}, {100, 101, 6, 1, 1}}));

    // A gap or a duration equal to minWidth is already too wide to merge.
    const Row pair = makeRow({0, 4}, {1, 5}, 2);
    QVERIFY(sameBoxes(lodBoxes(pair, 0, 10, 3).boxes, {{0, 1, 0, 1, 1}, {4, 5, 1, 1, 1}}));
    QVERIFY(sameBoxes(lodBoxes(pair, 0, 10, 4).boxes, {{0, 5, 0, 2, 2}}));
    QVERIFY(sameBoxes(lodBoxes(pair, 0, 10, 1).boxes, {{0, 1, 0, 1, 1}, {4, 5, 1, 1, 1}}));

    // The wide interval reached by the jump ends the run and stands alone.
    const Row wideLast = makeRow({0, 2, 3}, {1, 3, 20}, 4);
    QVERIFY(sameBoxes(lodBoxes(wideLast, 0, 100, 3).boxes, {{0, 3, 0, 2, 2}, {3, 20, 2, 1, 17}}));
}

void TestRowLod::handcraftedWindow() {
    const Row row = makeRow({0, 2, 4, 10, 31, 40, 100}, {1, 3, 5, 30, 32, 41, 101}, 5);
    // [2,3) ends at t0 so it is outside; the box for [10,30) extends past t1.
    QVERIFY(sameBoxes(lodBoxes(row, 3, 11, 3).boxes, {{4, 5, 2, 1, 1}, {10, 30, 3, 1, 20}}));
    // Intervals starting at or after t1 are not absorbed even though the gap is narrow.
    QVERIFY(sameBoxes(lodBoxes(row, 0, 4, 10).boxes, {{0, 3, 0, 2, 2}}));
    QVERIFY(sameBoxes(lodBoxes(row, 0, 5, 10).boxes, {{0, 5, 0, 3, 3}}));
    QVERIFY(lodBoxes(row, 5, 10, 10).boxes.empty());
    QVERIFY(lodBoxes(row, 101, 500, 10).boxes.empty());
    QVERIFY(lodBoxes(row, -50, 0, 10).boxes.empty());
}

void TestRowLod::zeroLengthIntervals() {
    const Row row = makeRow({5, 5, 7}, {5, 6, 7}, 6);
    QVERIFY(sameBoxes(lodBoxes(row, 5, 8, 2).boxes, {{5, 7, 0, 3, 1}}));
    QVERIFY(lodBoxes(row, 6, 7, 2).boxes.empty());
    QVERIFY(sameBoxes(lodBoxes(row, 7, 8, 2).boxes, {{7, 7, 2, 1, 0}}));
    QVERIFY(sameBoxes(lodBoxes(row, 0, 6, 0).boxes, {{5, 5, 0, 1, 0}, {5, 6, 1, 1, 1}}));
}

void TestRowLod::extremeTimes() {
    const Row high = makeRow({kMax - 10, kMax - 5}, {kMax - 9, kMax}, 7);
    QVERIFY(sameBoxes(lodBoxes(high, kMin, kMax, kMax).boxes, {{kMax - 10, kMax, 0, 2, 6}}));
    QVERIFY(sameBoxes(lodBoxes(high, kMax - 1, kMax, 3).boxes, {{kMax - 5, kMax, 1, 1, 5}}));
    const Row low = makeRow({kMin, kMin + 3}, {kMin + 1, kMin + 4}, 8);
    QVERIFY(sameBoxes(lodBoxes(low, kMin, kMax, kMax).boxes, {{kMin, kMin + 4, 0, 2, 2}}));
    QVERIFY(sameBoxes(lodBoxes(low, kMin, kMax, 2).boxes,
                      {{kMin, kMin + 1, 0, 1, 1}, {kMin + 3, kMin + 4, 1, 1, 1}}));
}

void TestRowLod::noMergingWithoutWidth() {
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        std::mt19937_64 rng(seed);
        const Row row = randomRow(rng, seed * 7, 0, seed);
        for (const Time width : {Time{0}, Time{-1}, kMin}) {
            const auto boxes = lodBoxes(row, kMin, kMax, width).boxes;
            QCOMPARE(boxes.size(), std::size_t{row.size()});
            for (std::uint32_t k = 0; k < boxes.size(); ++k) {
                QCOMPARE(boxes[k].first, k);
                QCOMPARE(boxes[k].count, 1u);
                QCOMPARE(boxes[k].busy, boxes[k].end - boxes[k].start);
            }
        }
    }
}

void TestRowLod::randomRowsMatchOracle() {
    for (std::uint64_t seed = 1; seed <= 600; ++seed) {
        std::mt19937_64 rng(seed);
        const std::size_t n = seed % 3 == 0 ? seed % 40 : (seed * 37) % 1500;
        const int placement = static_cast<int>(seed % 4);
        const Time base = placement == 0 ? kMin : placement == 1 ? -(Time{1} << 45) : 0;
        Row row = randomRow(rng, n, base, seed);
        if (placement == 3 && n > 0) {
            // Shift the row so that it ends exactly at the largest time.
            const Time shift = kMax - row.end(row.size() - 1);
            for (std::size_t i = 0; i < row.slotStart.size(); ++i) {
                row.slotStart[i] += shift;
                row.slotEnd[i] += shift;
            }
        }
        for (int q = 0; q < 30; ++q) {
            Time t0 = randomQueryTime(rng, row);
            Time t1 = randomQueryTime(rng, row);
            if (q % 5 != 0 && t0 > t1) {
                std::swap(t0, t1);
            }
            const Time width = randomWidth(rng);
            const auto boxes = lodBoxes(row, t0, t1, width).boxes;
            const std::string error = checkLod(row, t0, t1, width, boxes);
            QVERIFY2(error.empty(),
                     ("seed " + std::to_string(seed) + " t0=" + std::to_string(t0) +
                      " t1=" + std::to_string(t1) + " w=" + std::to_string(width) + ": " + error)
                         .c_str());
        }
    }
}

void TestRowLod::pixelJumpingOnDenseRow() {
    constexpr std::uint32_t n = 1000000;
    std::vector<Time> starts(n);
    std::vector<Time> ends(n);
    for (std::uint32_t k = 0; k < n; ++k) {
        starts[k] = 2 * Time{k};
        ends[k] = 2 * Time{k} + 1;
    }
    const Row row = makeRow(starts, ends, 9);
    for (const Time pixels : {Time{1}, Time{200}, Time{1000}}) {
        const Time t0 = 12345;
        const Time t1 = 2 * Time{n} - 777;
        const Time width = (t1 - t0) / pixels;
        const Result result = lodBoxes(row, t0, t1, width);
        QCOMPARE(result.boxes.size(), std::size_t{1});
        QVERIFY(checkLod(row, t0, t1, width, result.boxes).empty());
        // About one binary search per pixel: far fewer probes than the ~1e6 intervals in range.
        QVERIFY2(result.accessorCalls <= static_cast<std::uint64_t>(4 * (pixels + 2) * 24),
                 std::to_string(result.accessorCalls).c_str());
    }
}

void TestRowLod::pixelJumpingOnMixedRow() {
    std::mt19937_64 rng(11);
    const Row row = randomRow(rng, 1000000, 0, 11);
    const Time rowEnd = row.end(row.size() - 1);
    const std::vector<std::pair<Time, Time>> views{
        {0, rowEnd}, {rowEnd / 3, rowEnd / 2}, {rowEnd / 2, rowEnd / 2 + rowEnd / 50}};
    for (const auto& [t0, t1] : views) {
        for (const Time pixels : {Time{100}, Time{400}}) {
            const Time width = (t1 - t0) / pixels;
            const Result result = lodBoxes(row, t0, t1, width);
            const std::string error = checkLod(row, t0, t1, width, result.boxes);
            QVERIFY2(error.empty(), error.c_str());
            const std::string bound = boxesBound(t0, t1, width, result.boxes.size());
            QVERIFY2(bound.empty(), bound.c_str());
            const auto maxCalls = static_cast<std::uint64_t>(6 * (2 * pixels + 4) * 24);
            QVERIFY2(result.accessorCalls <= maxCalls,
                     std::to_string(result.accessorCalls).c_str());
        }
    }
}

QTEST_APPLESS_MAIN(TestRowLod)
#include "tst_row_lod.moc"
