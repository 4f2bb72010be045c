// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The preview a load hands the window while it goes on (model/load_preview.h): its bins checked
// against hand-worked answers and against a brute-force sum, and the loader's reports.

#include "formats/trace_loader.h"
#include "model/load_preview.h"
#include "test_support.h"

#include <QtTest>
#include <random>

using namespace lanescope;

namespace {

// The covered nanoseconds of [binStart, binStart + width) by the slices, summed slice by slice.
double coveredByBruteForce(const std::vector<std::pair<TimeNs, TimeNs>>& slices, TimeNs binStart,
                           TimeNs width) {
    double covered = 0;
    for (const auto& [start, end] : slices) {
        const TimeNs from = std::max(start, binStart);
        const TimeNs to = std::min(std::max(end, start + 1), binStart + width);
        if (from < to)
            covered += static_cast<double>(to - from);
    }
    return covered;
}

} // namespace

class TestLoadPreview : public QObject {
    Q_OBJECT

private slots:
    void binsByHand() {
        PreviewBins bins;
        bins.add(0, 0, 1000);
        QCOMPARE(bins.start(), TimeNs{0});
        QCOMPARE(bins.binWidth(), TimeNs{1000});
        QCOMPARE(bins.binCount(), std::size_t{1});
        bins.add(1, 500, 2500);
        QCOMPARE(bins.binCount(), std::size_t{3});
        QCOMPARE(bins.busy(0), (std::vector<float>{1.0f, 0.0f, 0.0f}));
        QCOMPARE(bins.busy(1), (std::vector<float>{0.5f, 1.0f, 0.5f}));
        // Past what 2048 bins of 1 µs reach: the bins double once, neighbours merged.
        bins.add(2, 0, 2048 * 1000 + 1);
        QCOMPARE(bins.binWidth(), TimeNs{2000});
        QCOMPARE(bins.binCount(), std::size_t{1025});
        QCOMPARE(bins.busy(0)[0], 0.5f);
        QCOMPARE(bins.busy(1)[0], 0.75f);
        QCOMPARE(bins.busy(1)[1], 0.25f);
        QCOMPARE(bins.busy(2)[1023], 1.0f);
        QCOMPARE(bins.busy(2)[1024], 0.0005f);
        QCOMPARE(bins.busy(7), std::vector<float>(1025, 0.0f)); // a lane never added to
    }

    void aSliceBeforeTheFirstBinAddsBinsInFront() {
        PreviewBins bins;
        bins.add(0, 0, 1000);
        bins.add(0, -1500, -500);
        QCOMPARE(bins.start(), TimeNs{-2000});
        QCOMPARE(bins.busy(0), (std::vector<float>{0.5f, 0.5f, 1.0f}));
    }

    void binsMatchABruteForceSum() {
        std::mt19937_64 random(7);
        std::uniform_int_distribution<TimeNs> at(-5'000'000, 400'000'000);
        std::uniform_int_distribution<TimeNs> length(0, 3'000'000);
        std::vector<std::vector<std::pair<TimeNs, TimeNs>>> lanes(3);
        PreviewBins bins;
        for (int i = 0; i < 3000; ++i) {
            const auto lane = static_cast<std::uint32_t>(i % 3);
            const TimeNs start = at(random);
            const TimeNs end = start + length(random);
            lanes[lane].emplace_back(start, end);
            bins.add(lane, start, end);
        }
        QVERIFY(bins.binCount() <= PreviewBins::kMaxBins);
        QVERIFY(bins.binCount() > PreviewBins::kMaxBins / 2);
        for (std::uint32_t lane = 0; lane < 3; ++lane) {
            const std::vector<float> busy = bins.busy(lane);
            for (std::size_t b = 0; b < bins.binCount(); ++b) {
                const TimeNs binStart = bins.start() + static_cast<TimeNs>(b) * bins.binWidth();
                const double expected =
                    std::min(1.0, coveredByBruteForce(lanes[lane], binStart, bins.binWidth()) /
                                      static_cast<double>(bins.binWidth()));
                QVERIFY2(std::abs(busy[b] - expected) < 1e-5,
                         qPrintable(QString("lane %1 bin %2: %3 vs %4")
                                        .arg(lane)
                                        .arg(b)
                                        .arg(busy[b])
                                        .arg(expected)));
            }
        }
    }

    // Previews of ranks read side by side share one time axis: each bin's busy time is spread
    // over the common bins it overlaps, and each lane says its rank.
    void previewsOfSeveralPartsShareOneAxis() {
        auto a = std::make_shared<LoadPreview>();
        a->start = 0;
        a->binWidth = 1000;
        a->lanes.push_back({"python3", "MainThread", {1.0f, 0.5f}});
        auto b = std::make_shared<LoadPreview>();
        b->start = 1500;
        b->binWidth = 2000;
        b->lanes.push_back({"Ascend Hardware", "Stream 2", {1.0f}});
        const auto combined = combinePreviews({a, nullptr, b}, {"rank 0", "rank 1", "rank 2"});
        QCOMPARE(combined->start, TimeNs{0});
        QCOMPARE(combined->binWidth, TimeNs{2000}); // the widest part's, reaching 3500 in 2 bins
        QCOMPARE(combined->binCount(), std::size_t{2});
        QCOMPARE(combined->lanes.size(), std::size_t{2});
        QCOMPARE(combined->lanes[0].process, std::string("rank 0 · python3"));
        QCOMPARE(combined->lanes[0].thread, std::string("MainThread"));
        // [0, 1000) fully busy and [1000, 2000) half: 1500 of the first 2000 ns.
        QCOMPARE(combined->lanes[0].busy, (std::vector<float>{0.75f, 0.0f}));
        QCOMPARE(combined->lanes[1].process, std::string("rank 2 · Ascend Hardware"));
        // [1500, 3500) busy: 500 ns of the first bin, 1500 of the second.
        QCOMPARE(combined->lanes[1].busy, (std::vector<float>{0.25f, 0.75f}));
    }

    // Parts far apart in time: the common bins widen (doubling) until at most kMaxBins cover
    // both, and every lane keeps the busy time it had.
    void combinedBinsStayWithinTheLimitAndKeepTheBusyTime() {
        auto a = std::make_shared<LoadPreview>();
        a->binWidth = 1000;
        a->lanes.push_back({"p", "t", std::vector<float>(PreviewBins::kMaxBins, 0.5f)});
        auto b = std::make_shared<LoadPreview>();
        b->start = 1'000'000'000;
        b->binWidth = 1000;
        b->lanes.push_back({"p", "t", {1.0f}});
        const auto combined = combinePreviews({a, b}, {});
        QCOMPARE(combined->binWidth, TimeNs{512'000}); // 1000 doubled 9 times
        QVERIFY(combined->binCount() <= PreviewBins::kMaxBins);
        QCOMPARE(combined->lanes[0].process, std::string("p")); // no label, no prefix
        const auto busyTime = [&](const LoadPreview::Lane& lane) {
            double sum = 0;
            for (const float share : lane.busy)
                sum += share * static_cast<double>(combined->binWidth);
            return sum;
        };
        QVERIFY(std::abs(busyTime(combined->lanes[0]) - 0.5 * 1000 * PreviewBins::kMaxBins) < 1);
        QVERIFY(std::abs(busyTime(combined->lanes[1]) - 1000) < 0.01);
        QVERIFY(combined->lanes[1].busy[1953] > 0); // 10^9 / 512000 = 1953.1
    }

    // The ranks of a job are read side by side; the window gets one preview of all of them and
    // one progress that only grows.
    void aJobLoadReportsOnePreviewOfAllRanks() {
        formats::LoadOptions options;
        options.threads = 2;
        // Only each rank's first report carries a preview before it ends: the window's interval is
        // longer than reading these ranks takes.
        options.previewInterval = std::chrono::seconds(10);
        std::shared_ptr<const LoadPreview> last;
        std::uint64_t bytesDone = 0;
        bool grows = true;
        options.progress = [&](const formats::LoadProgress& p) {
            if (p.preview)
                last = p.preview;
            grows = grows && p.bytesDone >= bytesDone && p.bytesDone <= p.bytesTotal;
            bytesDone = p.bytesDone;
        };
        const Trace trace = formats::loadTrace(LANESCOPE_TEST_DATA "/ascend/text/level2", options);
        QCOMPARE(trace.files.size(), std::size_t{2});
        QVERIFY(grows);
        QVERIFY(last);
        const auto hasRank = [&](const std::string& prefix) {
            return std::any_of(last->lanes.begin(), last->lanes.end(),
                               [&](const auto& lane) { return lane.process.starts_with(prefix); });
        };
        QVERIFY(hasRank("rank 0 · "));
        QVERIFY(hasRank("rank 1 · "));
        // Once read, every rank's lanes reach the end of their slices, whichever rank finished
        // first: a rank's last preview is made when it ends, not at its last interval.
        int checked = 0;
        for (const Thread& thread : trace.threads) {
            if (thread.sliceTrack == kNoIndex || trace.sliceTracks[thread.sliceTrack].size() == 0)
                continue;
            const Process& process = trace.processes[thread.process];
            const std::string name = "rank " +
                                     std::to_string(*trace.files[process.sourceFile].rank) + " · " +
                                     std::string(trace.str(process.name));
            const auto lane = std::find_if(last->lanes.begin(), last->lanes.end(), [&](auto& l) {
                return l.process == name && l.thread == trace.str(thread.name);
            });
            if (lane == last->lanes.end())
                continue; // a lane the Ascend semantics named after the load
            const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
            TimeNs end = 0;
            for (std::uint32_t i = 0; i < track.size(); ++i)
                end = std::max(end, track.end(i));
            std::size_t lastBusy = 0;
            for (std::size_t b = 0; b < lane->busy.size(); ++b)
                if (lane->busy[b] > 0)
                    lastBusy = b;
            QVERIFY2(last->start + static_cast<TimeNs>(lastBusy + 1) * last->binWidth >= end,
                     qPrintable(QString::fromStdString(lane->process + " · " + lane->thread)));
            ++checked;
        }
        QVERIFY2(checked > 10, qPrintable(QString::number(checked)));
    }

    // A load reports previews as it goes, each holding the lanes read so far; the first report
    // carries one, so the window has a picture at once.
    void aLoadReportsPreviewsAsItGoes() {
        QByteArray text = "{\"traceEvents\":[\n"
                          "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,"
                          "\"args\":{\"name\":\"trainer\"}},\n"
                          "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":2,"
                          "\"args\":{\"name\":\"main\"}}";
        for (int i = 0; i < 40000; ++i)
            text += ",\n{\"ph\":\"X\",\"name\":\"op\",\"pid\":1,\"tid\":" +
                    QByteArray::number(2 + i % 2) + ",\"ts\":" + QByteArray::number(10 * i) +
                    ",\"dur\":5}";
        text += "]}";
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "t.json", text);
        formats::LoadOptions options;
        options.threads = 2;
        options.parseBlockBytes = 4096;
        options.previewInterval = std::chrono::milliseconds(1);
        std::vector<std::shared_ptr<const LoadPreview>> previews;
        bool firstReportHadOne = false;
        int reports = 0;
        options.progress = [&](const formats::LoadProgress& p) {
            if (reports++ == 0)
                firstReportHadOne = p.preview != nullptr;
            if (p.preview)
                previews.push_back(p.preview);
        };
        const Trace trace = formats::loadTrace(path.toStdString(), options);
        QVERIFY(firstReportHadOne);
        QVERIFY2(previews.size() > 3, qPrintable(QString::number(previews.size())));
        const LoadPreview& last = *previews.back();
        QCOMPARE(last.lanes.size(), std::size_t{2});
        QCOMPARE(last.lanes[0].process, std::string("trainer"));
        QCOMPARE(last.lanes[0].thread, std::string("main"));
        QCOMPARE(last.lanes[1].thread, std::string("tid 3"));
        // Each op covers 5 µs of its thread's 20 µs period: the bins say a quarter busy (give or
        // take an op, a bin being 256 µs wide here).
        QCOMPARE(last.binWidth, TimeNs{256'000}); // 1 µs doubled until 400 ms fit 2048 bins
        const std::vector<float>& busy = last.lanes[0].busy;
        QVERIFY2(std::abs(busy[busy.size() / 2] - 0.25f) < 0.03f,
                 qPrintable(QString::number(busy[busy.size() / 2])));
        // Earlier previews hold less: the time read grows.
        const LoadPreview& early = *previews[1];
        QVERIFY(early.start + static_cast<TimeNs>(early.binCount()) * early.binWidth <=
                last.start + static_cast<TimeNs>(last.binCount()) * last.binWidth);
        QCOMPARE(trace.sliceCount(), 40000u);
    }
};

QTEST_GUILESS_MAIN(TestLoadPreview)
#include "tst_load_preview.moc"
