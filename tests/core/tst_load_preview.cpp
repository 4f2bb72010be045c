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
