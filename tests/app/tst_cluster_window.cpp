// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// A job folder in the window: the cluster page comes first, with the rank × step heatmap and the
// sortable rank table of a 64-rank synthetic job whose answers are known (a slow-compute rank 17
// and a slow-link rank 42, tests/cluster/synthetic_job.h), and of the real 2-rank export checked
// against torch_npu's own step_trace_time.csv; double-clicking a rank opens its timeline on
// demand, several selected ranks open stacked, and the cluster page stays a tab away. A rank that
// cannot be read is named while the others are shown.
#include "cluster_heatmap.h"
#include "cluster_page.h"
#include "cluster_rank_model.h"
#include "load_preview_view.h"
#include "main_window.h"
#include "synthetic_job.h"
#include "time_format.h"
#include "timeline_lanes.h"
#include "timeline_view.h"
#include "window_test_support.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace lanescope;
using namespace lanescope::widgets;

namespace {

JobSpec sixtyFourRanks() {
    JobSpec spec;
    spec.ranks = 64;
    spec.steps = 3;
    spec.slowComputeRank = 17;
    spec.slowLinkRank = 42;
    return spec;
}

// The mean over the job's steps of one of a rank's known times, in ns (as RankOverview rounds).
template <typename Field> TimeNs truthMean(const JobSpec& spec, int rank, Field field) {
    std::int64_t sum = 0;
    for (int s = 0; s < spec.steps; ++s)
        sum += rankTruth(spec, rank, s).*field * 1000;
    return sum / spec.steps;
}

// One column of torch_npu's step_trace_time.csv, in ns, one value per step.
std::vector<double> csvColumn(const QString& path, const QString& column) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList header = QString::fromUtf8(file.readLine()).trimmed().split(',');
    const auto at = header.indexOf(column);
    std::vector<double> values;
    while (!file.atEnd()) {
        const QStringList cells = QString::fromUtf8(file.readLine()).trimmed().split(',');
        if (cells.size() == header.size())
            values.push_back(cells[at].toDouble() * 1000.0);
    }
    return values;
}

} // namespace

class TestClusterWindow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString job_;
    std::unique_ptr<app::MainWindow> window_;

    ClusterPage& page() { return *window_->clusterPage(); }
    ClusterRankModel& model() { return *page().model(); }
    QTableView& table() { return *page().table(); }

    QWidget* centrePage() { return window_->findChild<QStackedWidget*>()->currentWidget(); }

    void openJob(const QString& path) {
        QSignalSpy shown(window_.get(), &app::MainWindow::clusterLoaded);
        window_->openPath(path);
        QVERIFY2(shown.wait(60000), qPrintable(path));
    }

    // The view index of the rank numbered `rank`.
    std::size_t rankIndex(std::int64_t rank) {
        const cluster::ClusterView& view = *page().view();
        for (std::size_t i = 0; i < view.ranks.size(); ++i)
            if (view.ranks[i].rank == rank)
                return i;
        return view.ranks.size();
    }

    // The rank number shown in the table's row `row`, as sorted.
    std::int64_t rankInRow(int row) {
        const QModelIndex index = table().model()->index(row, ClusterRankModel::Rank);
        return table().model()->data(index, Qt::UserRole).toLongLong();
    }

    void sortBy(int column) { table().sortByColumn(column, Qt::DescendingOrder); }

    void waitForTrace() {
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        QVERIFY(loaded.wait(60000));
    }

private slots:
    void initTestCase() {
        test::setUpWindowTests();
        job_ = dir_.filePath("job64");
        writeJob(sixtyFourRanks(), job_.toStdString());
    }

    void init() {
        window_ = std::make_unique<app::MainWindow>(false);
        window_->resize(1400, 900);
        window_->show();
    }

    void cleanup() { window_.reset(); }

    void aJobFolderOpensOnItsClusterPage() {
        openJob(job_);
        QVERIFY(window_->pages()->isVisible());
        QCOMPARE(window_->pages()->currentIndex(), 0);
        QCOMPARE(centrePage(), static_cast<QWidget*>(&page()));
        QVERIFY(window_->timeline()->trace() == nullptr); // no rank loaded until asked for
        QCOMPARE(model().rowCount(), 64);
        QCOMPARE(page().heatmap()->rowOrder().size(), std::size_t{64});
        const QString summary = page().summary()->text();
        QVERIFY2(summary.contains("64 ranks") && summary.contains("3 steps"), qPrintable(summary));
        QVERIFY2(
            summary.contains("<b>rank 17</b> in 3 of 3 steps (computing +2 ms over the median)"),
            qPrintable(summary));
        QVERIFY2(summary.contains("<b>rank 42</b> in 3 of 3 steps (transit +1.5 ms"),
                 qPrintable(summary));
        QVERIFY2(summary.contains("hcom_allReduce") &&
                     summary.contains("4.0 MB per op between chips at"),
                 qPrintable(summary));
        QVERIFY(window_->windowTitle().startsWith("job64"));
        // Coloured by the worst slow rank's cause at first: rank 17's computing.
        QCOMPARE(page().heatmap()->metric(), HeatMetric::Computing);
        QCOMPARE(page().metricBox()->currentText(), QString("Computing"));
    }

    // Every rank's row holds the synthetic job's known means; sorting any column reorders the
    // heatmap's rows the same way.
    void theRankTableHoldsTheKnownNumbersAndSorts() {
        openJob(job_);
        const JobSpec spec = sixtyFourRanks();
        for (int r = 0; r < 64; ++r) {
            const int row = static_cast<int>(rankIndex(r));
            const auto raw = [&](int column) {
                return model().data(model().index(row, column), Qt::UserRole).toLongLong();
            };
            QCOMPARE(raw(ClusterRankModel::Steps), qlonglong(spec.steps));
            QCOMPARE(raw(ClusterRankModel::StepTime), truthMean(spec, r, &RankTruth::stepUs));
            QCOMPARE(raw(ClusterRankModel::Computing), truthMean(spec, r, &RankTruth::computingUs));
            QCOMPARE(raw(ClusterRankModel::CommunicationNotOverlapped),
                     truthMean(spec, r, &RankTruth::communicationUs));
            QCOMPARE(raw(ClusterRankModel::Free), truthMean(spec, r, &RankTruth::freeUs));
            QCOMPARE(raw(ClusterRankModel::Preparing), truthMean(spec, r, &RankTruth::preparingUs));
            QCOMPARE(raw(ClusterRankModel::Wait), truthMean(spec, r, &RankTruth::waitUs));
            QCOMPARE(raw(ClusterRankModel::Transit), truthMean(spec, r, &RankTruth::transitUs));
        }
        const QModelIndex slowCompute = model().index(int(rankIndex(17)), ClusterRankModel::Slow);
        QCOMPARE(model().data(slowCompute).toString(),
                 QString("3 of 3 · computing +2 ms over the median"));
        QVERIFY(model().data(model().index(0, ClusterRankModel::Slow)).toString().isEmpty());

        sortBy(ClusterRankModel::Computing);
        QCOMPARE(rankInRow(0), qlonglong(17));
        QCOMPARE(page().heatmap()->rowOrder().front(), rankIndex(17));
        sortBy(ClusterRankModel::Transit);
        QCOMPARE(rankInRow(0), qlonglong(42));
        QCOMPARE(page().heatmap()->rowOrder().front(), rankIndex(42));
        // Bandwidth between chips: the same bytes in a longer transit on the slow link.
        const auto gbps = [&](int rank) {
            return model()
                .data(model().index(int(rankIndex(rank)), ClusterRankModel::LinkBandwidth),
                      Qt::UserRole)
                .toDouble();
        };
        QCOMPARE(gbps(3), double(spec.transitBytes) / double(spec.transitUs * 1000));
        QCOMPARE(gbps(42), double(spec.transitBytes) /
                               double((spec.transitUs + spec.slowLinkExtraUs) * 1000));
        QCOMPARE(model()
                     .data(model().index(int(rankIndex(3)), ClusterRankModel::LinkBandwidth))
                     .toString(),
                 QString("6.7"));
        table().sortByColumn(ClusterRankModel::LinkBandwidth, Qt::AscendingOrder);
        QCOMPARE(rankInRow(0), qlonglong(42));
        sortBy(ClusterRankModel::Slow); // held up as long: the larger excess first
        QCOMPARE(rankInRow(0), qlonglong(17));
        QCOMPARE(rankInRow(1), qlonglong(42));
        table().sortByColumn(ClusterRankModel::Rank, Qt::AscendingOrder);
        QCOMPARE(rankInRow(63), qlonglong(63));
        QCOMPARE(page().heatmap()->rowOrder().back(), rankIndex(63));
    }

    // The colour scale spans the cells' values: by computing, the slow rank's cells are the
    // scale's dark end and every other rank's its light end; by wait, the reverse (everyone
    // waits for rank 17, which waits least).
    void theHeatmapColoursEachCellOnOneScale() {
        openJob(job_);
        const JobSpec spec = sixtyFourRanks();
        ClusterHeatmap& map = *page().heatmap();
        page().setMetric(HeatMetric::Computing);
        QCOMPARE(map.metric(), HeatMetric::Computing);
        QCOMPARE(map.range().first, double(rankTruth(spec, 0, 0).computingUs * 1000));
        QCOMPARE(map.range().second, double(rankTruth(spec, 17, 0).computingUs * 1000));
        const QColor dark = *map.cellColor({rankIndex(17), 1});
        const QColor light = *map.cellColor({rankIndex(3), 1});
        QVERIFY(dark.lightness() < 80);
        QVERIFY(light.lightness() > 200);
        QCOMPARE(*map.cellColor({rankIndex(42), 2}), light);
        page().setMetric(HeatMetric::Wait);
        QVERIFY(map.cellColor({rankIndex(17), 0})->lightness() > 200);
        QVERIFY(map.cellColor({rankIndex(3), 0})->lightness() < 200);
        // The cells are where cellAt finds them, and tell their numbers.
        const QRect cell = map.cellRect({rankIndex(17), 2});
        QVERIFY(!cell.isEmpty());
        const auto hit = map.cellAt(cell.center());
        QVERIFY(hit && hit->rank == rankIndex(17) && hit->step == 2);
        const QString tip = map.cellToolTip(*hit);
        QVERIFY2(tip.contains("rank 17") && tip.contains("step 12") &&
                     tip.contains("Held this step up:</b> computing +2 ms") &&
                     tip.contains("Moved 4.0 MB between chips at 6.7 GB/s"),
                 qPrintable(tip));
        // Clicking a cell selects its rank in the table; Ctrl adds another.
        QTest::mouseClick(&map, Qt::LeftButton, {}, cell.center());
        QCOMPARE(page().selectedRanks(), std::vector<std::size_t>{rankIndex(17)});
        QTest::mouseClick(&map, Qt::LeftButton, Qt::ControlModifier,
                          map.cellRect({rankIndex(42), 0}).center());
        QCOMPARE(page().selectedRanks().size(), std::size_t{2});
        QCOMPARE(page().openButton()->text(), QString("Open 2 Ranks Stacked"));
    }

    void screenshotOfTheClusterPage() {
        openJob(job_);
        page().setMetric(HeatMetric::Computing);
        table().sortByColumn(ClusterRankModel::Slow, Qt::DescendingOrder);
        page().selectRanks({rankIndex(17)});
        QApplication::processEvents();
        const QImage shot = window_->grab().toImage();
        QVERIFY(shot.save(test::screenshotPath("cluster_page_64_ranks")));
        window_->setDarkTheme(true);
        page().setMetric(HeatMetric::FreeShare);
        QApplication::processEvents();
        QVERIFY(window_->grab().toImage().save(test::screenshotPath("cluster_page_dark")));
        window_->setDarkTheme(false);
    }

    // Double-clicking a rank loads that rank alone; the cluster page is one tab away, and
    // double-clicking a heatmap cell opens another rank.
    void doubleClickingARankOpensItsTimeline() {
        openJob(job_);
        // The timeline's docks are put away on the cluster page, and come back with a timeline.
        auto* insights = window_->findChild<QDockWidget*>("insightsDock");
        QVERIFY(insights && !insights->isVisible());
        table().sortByColumn(ClusterRankModel::Computing, Qt::DescendingOrder); // rank 17 first
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        const QRect cell = table().visualRect(table().model()->index(0, ClusterRankModel::Rank));
        // A double click as the platform delivers it: press, release, then the double click.
        QTest::mouseClick(table().viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table().viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(loaded.wait(60000));
        const Trace& trace = *window_->timeline()->trace();
        QVERIFY2(QString::fromStdString(trace.files.front().path).contains("rank17_ascend_pt"),
                 trace.files.front().path.c_str());
        int rankHeaders = 0;
        for (const Lane& lane : window_->timeline()->lanes()->lanes())
            rankHeaders += lane.type == Lane::Type::RankHeader;
        QVERIFY(rankHeaders <= 1);
        QCOMPARE(window_->pages()->currentIndex(), 1);
        QCOMPARE(window_->pages()->tabText(1), QString("Timeline: rank 17"));
        QCOMPARE(centrePage(), static_cast<QWidget*>(window_->timeline()));
        QVERIFY(insights->isVisible());

        window_->pages()->setCurrentIndex(0);
        QCOMPARE(centrePage(), static_cast<QWidget*>(&page()));
        QVERIFY(!insights->isVisible());
        ClusterHeatmap& map = *page().heatmap();
        QTest::mouseDClick(&map, Qt::LeftButton, {}, map.cellRect({rankIndex(42), 1}).center());
        QVERIFY(loaded.wait(60000));
        QVERIFY(QString::fromStdString(window_->timeline()->trace()->files.front().path)
                    .contains("rank42_ascend_pt"));
        QCOMPARE(window_->pages()->currentIndex(), 1);
    }

    // Several selected ranks open in one timeline, one rank header each.
    void selectedRanksOpenStacked() {
        openJob(job_);
        page().selectRanks({rankIndex(42), rankIndex(17), rankIndex(5)});
        QCOMPARE(page().openButton()->text(), QString("Open 3 Ranks Stacked"));
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        QTest::mouseClick(page().openButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(60000));
        const Trace& trace = *window_->timeline()->trace();
        QStringList headers;
        for (const Lane& lane : window_->timeline()->lanes()->lanes())
            if (lane.type == Lane::Type::RankHeader)
                headers << laneTitle(trace, lane);
        QCOMPARE(headers.size(), 3);
        QVERIFY2(headers[0].startsWith("rank 5") && headers[1].startsWith("rank 17") &&
                     headers[2].startsWith("rank 42"),
                 qPrintable(headers.join(" | ")));
        QVERIFY(std::find(trace.notes.begin(), trace.notes.end(), "3 of the job's 64 ranks read") !=
                trace.notes.end());
        QCOMPARE(window_->pages()->tabText(1), QString("Timeline: rank 5, rank 17, rank 42"));
        QVERIFY(
            window_->grab().toImage().save(test::screenshotPath("cluster_three_ranks_stacked")));
    }

    // The real 2-rank export: each rank's row holds the means of its own step_trace_time.csv
    // (torch_npu's numbers, to the µs it rounds to).
    void theRealTwoRankExportAgreesWithTorchNpu() {
        const QString job = LANESCOPE_TEST_DATA "/ascend/text/level1";
        openJob(job);
        QCOMPARE(model().rowCount(), 2);
        for (int r = 0; r < 2; ++r) {
            const QString csv = QString("%1/rank%2_ascend_pt/ASCEND_PROFILER_OUTPUT/"
                                        "step_trace_time.csv")
                                    .arg(job)
                                    .arg(r);
            const int row = static_cast<int>(rankIndex(r));
            const std::pair<int, const char*> columns[] = {
                {ClusterRankModel::Computing, "Computing"},
                {ClusterRankModel::CommunicationNotOverlapped, "Communication(Not Overlapped)"},
                {ClusterRankModel::Free, "Free"},
                {ClusterRankModel::Preparing, "Preparing"}};
            for (const auto& [column, name] : columns) {
                const std::vector<double> values = csvColumn(csv, name);
                QVERIFY2(!values.empty(), qPrintable(csv));
                double mean = 0;
                for (double v : values)
                    mean += v / static_cast<double>(values.size());
                const double shown =
                    model().data(model().index(row, column), Qt::UserRole).toDouble();
                QVERIFY2(std::abs(shown - mean) <= 1000.0,
                         qPrintable(QString("rank %1 %2: %3 ns shown, %4 ns in %5")
                                        .arg(r)
                                        .arg(name)
                                        .arg(shown)
                                        .arg(mean)
                                        .arg(csv)));
            }
        }
        // Rank 0's step is 1.4 % longer: both cells are near the dark end, not at both ends.
        QVERIFY2(page().summary()->text().contains("2 ranks · 1 step ·"),
                 qPrintable(page().summary()->text()));
        QCOMPARE(page().heatmap()->metric(), HeatMetric::StepTime);
        QVERIFY(page().heatmap()->cellColor({rankIndex(1), 0})->lightness() < 200);
        page().setMetric(HeatMetric::Wait); // rank 0 waited 5.9 ms for rank 1, which waited 0.2
        QVERIFY(page().heatmap()->cellColor({rankIndex(1), 0})->lightness() > 200);
        QVERIFY(page().heatmap()->cellColor({rankIndex(0), 0})->lightness() < 80);
        QApplication::processEvents();
        QVERIFY(window_->grab().toImage().save(test::screenshotPath("cluster_page_real_2_ranks")));
    }

    void aRankThatCannotBeReadIsNamedWhileTheOthersShow() {
        QTemporaryDir dir;
        JobSpec spec;
        spec.ranks = 6;
        spec.steps = 2;
        const std::vector<std::string> ranks = writeJob(spec, dir.filePath("job6").toStdString());
        QFile broken(QString::fromStdString(ranks[3]) + "/ASCEND_PROFILER_OUTPUT/trace_view.json");
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("[{\"ph\": \"X\", \"name\": ");
        broken.close();
        openJob(dir.filePath("job6"));
        QCOMPARE(model().rowCount(), 5);
        const QString summary = page().summary()->text();
        QVERIFY2(summary.contains("1 rank could not be read") &&
                     summary.contains("rank3_ascend_pt"),
                 qPrintable(summary));
    }

    // A folder of one rank is no job: it opens as a timeline, without the cluster tabs.
    void aSingleRankFolderOpensItsTimeline() {
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        QSignalSpy cluster(window_.get(), &app::MainWindow::clusterLoaded);
        window_->openPath(job_ + "/rank3_ascend_pt");
        QVERIFY(loaded.wait(60000));
        QVERIFY(cluster.isEmpty());
        QVERIFY(window_->pages()->isHidden());
        QCOMPARE(centrePage(), static_cast<QWidget*>(window_->timeline()));
    }

    // A trace that is not part of the job closes its cluster page: no tabs pairing the two.
    void openingAnotherTraceClosesTheClusterPage() {
        openJob(job_);
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        window_->openPath(LANESCOPE_TEST_DATA "/ascend/text/level1/rank0_ascend_pt");
        QVERIFY(loaded.wait(60000));
        QVERIFY(window_->pages()->isHidden());
        QVERIFY(page().view() == nullptr);
        QCOMPARE(page().model()->rowCount(), 0);
        QCOMPARE(centrePage(), static_cast<QWidget*>(window_->timeline()));
        QVERIFY(window_->findChild<QDockWidget*>("insightsDock")->isVisible());
    }

    void summarisingCanBeCancelled() {
        QSignalSpy cluster(window_.get(), &app::MainWindow::clusterLoaded);
        window_->openPath(job_);
        window_->cancelLoad();
        QTest::qWait(3000);
        QVERIFY(cluster.isEmpty());
        QCOMPARE(centrePage(), static_cast<QWidget*>(window_->timeline()));
    }
};

QTEST_MAIN(TestClusterWindow)
#include "tst_cluster_window.moc"
