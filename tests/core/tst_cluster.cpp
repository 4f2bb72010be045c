// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// A job's ranks side by side: a 64-rank synthetic job with a slow-compute and a slow-link rank
// (tests/cluster/synthetic_job.h) names both, with their causes and excess, in every step, the
// same on one worker and on two, and agrees with every rank's own summary; damaged ranks are
// reported while the others are summarised; msprof-analyze's CSV columns.
#include "cluster/cluster_view.h"
#include "cluster/job_summaries.h"
#include "cluster/rank_summary.h"
#include "formats/load_error.h"
#include "formats/trace_loader.h"
#include "synthetic_job.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace lanescope;
using namespace lanescope::cluster;

namespace {

JobSpec sixtyFourRanks() {
    JobSpec spec;
    spec.ranks = 64;
    spec.steps = 2;
    spec.slowComputeRank = 17;
    spec.slowLinkRank = 42;
    return spec;
}

} // namespace

class TestCluster : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::vector<std::string> rankFolders_;

private slots:
    void initTestCase() {
        rankFolders_ = writeJob(sixtyFourRanks(), dir_.filePath("job64").toStdString());
    }

    void theSlowRanksAreNamedWithTheirCauses() {
        const JobSpec spec = sixtyFourRanks();
        std::size_t reports = 0;
        JobSummaries job = summarizeJob(dir_.filePath("job64").toStdString(), 2,
                                        [&](std::size_t done, std::size_t total) {
                                            QCOMPARE(total, std::size_t{64});
                                            QCOMPARE(done, ++reports);
                                        });
        QCOMPARE(reports, std::size_t{64});
        QVERIFY(job.problems.empty());
        const ClusterView view = buildClusterView(std::move(job.ranks));
        QCOMPARE(view.ranks.size(), std::size_t{64});
        QVERIFY(view.notes.empty());
        QCOMPARE(view.steps.size(), std::size_t(spec.steps));
        for (const ClusterStep& step : view.steps) {
            QCOMPARE(step.slow.size(), std::size_t{2});
            QCOMPARE(*view.ranks[step.slow[0].rank].rank, std::int64_t{17});
            QCOMPARE(step.slow[0].cause, SlowCause::Computing);
            QCOMPARE(step.slow[0].excessNs, spec.slowComputeExtraUs * 1000);
            QCOMPARE(*view.ranks[step.slow[1].rank].rank, std::int64_t{42});
            QCOMPARE(step.slow[1].cause, SlowCause::Transit);
            QCOMPARE(step.slow[1].excessNs, spec.slowLinkExtraUs * 1000);
            QCOMPARE(step.medianStepNs, rankTruth(spec, 0, 0).stepUs * 1000);
        }
        QCOMPARE(view.communication.size(), std::size_t{1});
        const CommunicationTotals& c = view.communication.front();
        QCOMPARE(c.count, std::uint64_t(64 * spec.steps));
        TimeNs wait = 0;
        for (int r = 0; r < 64; ++r)
            wait += rankTruth(spec, r, 0).waitUs * 1000 * spec.steps;
        QCOMPARE(c.waitNs, wait);
        QVERIFY(c.waitShare() > 0.5);
    }

    // Each rank's row is what summarising that rank alone gives; one worker or two, the same.
    void theViewAgreesWithEveryRanksOwnSummary() {
        const JobSummaries one = summarizeJob(dir_.filePath("job64").toStdString(), 1);
        const JobSummaries two = summarizeJob(dir_.filePath("job64").toStdString(), 2);
        QCOMPARE(one.ranks, two.ranks);
        for (std::size_t r = 0; r < rankFolders_.size(); r += 9) {
            const RankSummary alone =
                summarizeRank(formats::loadTrace(rankFolders_[r]), rankFolders_[r]);
            QCOMPARE(one.ranks[r].steps, alone.steps);
            QCOMPARE(one.ranks[r].rank, alone.rank);
        }
    }

    // A rank folder without its trace and one with a cut trace are reported by name; the
    // others are summarised. A rank with fewer steps leaves its place in the later ones empty.
    void damagedRanksAreReportedAndTheOthersSummarised() {
        JobSpec spec;
        spec.ranks = 6;
        spec.steps = 2;
        const QString job = dir_.filePath("damaged");
        writeJob(spec, job.toStdString());
        QVERIFY(QFile::remove(job + "/rank2_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json"));
        QFile cut(job + "/rank4_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json");
        QVERIFY(cut.open(QIODevice::ReadWrite));
        QVERIFY(cut.resize(40));
        cut.close();
        JobSpec shorter = spec;
        shorter.ranks = 1;
        shorter.steps = 1;
        const QString one = dir_.filePath("one");
        writeJob(shorter, one.toStdString());
        QVERIFY(QFile::remove(job + "/rank5_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json"));
        QVERIFY(QFile::copy(one + "/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json",
                            job + "/rank5_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json"));

        JobSummaries summaries = summarizeJob(job.toStdString(), 2);
        QString problems;
        for (const std::string& p : summaries.problems)
            problems += QString::fromStdString(p) + "\n";
        QVERIFY2(problems.contains("rank2_ascend_pt"), qPrintable(problems));
        QVERIFY2(problems.contains("rank4_ascend_pt"), qPrintable(problems));
        std::vector<std::int64_t> ranks;
        for (const RankSummary& s : summaries.ranks)
            ranks.push_back(*s.rank);
        QCOMPARE(ranks, (std::vector<std::int64_t>{0, 1, 3, 5}));
        const ClusterView view = buildClusterView(std::move(summaries.ranks));
        QCOMPARE(view.steps.size(), std::size_t{2});
        QVERIFY(view.steps[1].ranks[3] == nullptr); // rank 5 has one step
        QCOMPARE(view.notes.size(), std::size_t{1});
        QVERIFY2(QString::fromStdString(view.notes[0])
                     .contains("step 11: 1 of 4 ranks have no "
                               "such step (rank 5)"),
                 view.notes[0].c_str());
    }

    // A rank's overview is the mean of its own steps' times, to the ns the synthetic job gives;
    // the slow ranks count every step they held up, with their largest excess.
    void rankOverviewsAreEachRanksMeans() {
        const JobSpec spec = sixtyFourRanks();
        const ClusterView view =
            buildClusterView(summarizeJob(dir_.filePath("job64").toStdString(), 2).ranks);
        const std::vector<RankOverview> overviews = rankOverviews(view);
        QCOMPARE(overviews.size(), std::size_t{64});
        const auto mean = [&](int rank, std::int64_t RankTruth::*field) {
            std::int64_t sum = 0;
            for (int s = 0; s < spec.steps; ++s)
                sum += rankTruth(spec, rank, s).*field * 1000;
            return sum / spec.steps;
        };
        for (int r : {0, 17, 42, 63}) {
            const RankOverview& o = overviews[static_cast<std::size_t>(r)];
            QCOMPARE(*view.ranks[static_cast<std::size_t>(r)].rank, std::int64_t{r});
            QCOMPARE(o.steps, std::size_t(spec.steps));
            QCOMPARE(o.meanStepNs, mean(r, &RankTruth::stepUs));
            QCOMPARE(o.meanComputingNs, mean(r, &RankTruth::computingUs));
            QCOMPARE(o.meanCommunicationNotOverlappedNs, mean(r, &RankTruth::communicationUs));
            QCOMPARE(o.meanFreeNs, mean(r, &RankTruth::freeUs));
            QCOMPARE(o.meanPreparingNs, mean(r, &RankTruth::preparingUs));
            QCOMPARE(o.meanWaitNs, mean(r, &RankTruth::waitUs));
            QCOMPARE(o.meanTransitNs, mean(r, &RankTruth::transitUs));
        }
        QCOMPARE(overviews[17].slowSteps, std::size_t(spec.steps));
        QCOMPARE(overviews[17].worst->cause, SlowCause::Computing);
        QCOMPARE(overviews[17].worst->excessNs, spec.slowComputeExtraUs * 1000);
        QCOMPARE(overviews[42].worst->cause, SlowCause::Transit);
        QCOMPARE(overviews[0].slowSteps, std::size_t{0});
        QVERIFY(!overviews[0].worst);
    }

    // Of a job folder, the ranks asked for are read (stacked in one trace) and the trace says
    // so; a folder that is not one of its ranks is refused by name.
    void chosenRanksOfAJobLoadStacked() {
        const std::string job = dir_.filePath("job64").toStdString();
        formats::LoadOptions options;
        options.onlyRankFolders = {rankFolders_[42], rankFolders_[5]};
        const Trace trace = formats::loadTrace(job, options);
        QCOMPARE(trace.files.size(), std::size_t{2});
        QVERIFY(QString::fromStdString(trace.files[0].path).contains("rank5_ascend_pt"));
        QVERIFY(QString::fromStdString(trace.files[1].path).contains("rank42_ascend_pt"));
        QVERIFY(std::find(trace.notes.begin(), trace.notes.end(), "2 of the job's 64 ranks read") !=
                trace.notes.end());
        options.onlyRankFolders = {dir_.filePath("elsewhere").toStdString()};
        try {
            formats::loadTrace(job, options);
            QFAIL("a folder outside the job was accepted");
        } catch (const formats::LoadError& error) {
            QVERIFY2(QString(error.what()).contains("elsewhere is not one of its ranks"),
                     error.what());
        }
    }

    void theCsvHasMsprofAnalyzesColumns() {
        JobSpec spec;
        spec.ranks = 2;
        spec.steps = 1;
        const QString job = dir_.filePath("two");
        writeJob(spec, job.toStdString());
        const ClusterView view = buildClusterView(summarizeJob(job.toStdString(), 1).ranks);
        const QStringList lines =
            QString::fromStdString(clusterStepTraceTimeCsv(view)).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QString("Step,Type,Index,Computing,Communication(Not Overlapped),"
                                   "Overlapped,Communication,Free,Stage,Bubble,Communication(Not "
                                   "Overlapped and Exclude Receive),Preparing"));
        const RankTruth t = rankTruth(spec, 1, 0);
        const QString expected = QString("10,rank,1,%1.000,%2.000,0.000,%2.000,0.000,%3.000,0.000,"
                                         "%2.000,%4.000")
                                     .arg(t.computingUs)
                                     .arg(t.communicationUs)
                                     .arg(t.computingUs + t.communicationUs)
                                     .arg(t.preparingUs);
        QCOMPARE(lines[2], expected);
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
