// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// One rank's summary: on the real 2-rank torch_npu exports against their own
// step_trace_time.csv and communication.json; its JSON read back equal and bad documents
// refused with what is wrong; `lanescope-cli summarize` writing it.
#include "../app/cli_support.h"
#include "cluster/rank_summary.h"
#include "cluster/rank_summary_json.h"
#include "formats/trace_loader.h"
#include "synthetic_job.h"
#include "test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace lanescope;
using namespace lanescope::cluster;
using Json = nlohmann::json;

namespace {

QString rankFolder(const char* level, int rank) {
    return QString(LANESCOPE_TEST_DATA "/ascend/text/%1/rank%2_ascend_pt").arg(level).arg(rank);
}

bool nearUs(TimeNs ns, double us, double toleranceNs) {
    return std::abs(static_cast<double>(ns) - us * 1000.0) <= toleranceNs;
}

// communication.json's "Total Op Info" of its one step: elapse, wait, synchronization, transit
// (ms); then what moved between chips (its "Communication Bandwidth Info": SDMA, which sums HCCS,
// PCIE and SIO, plus RDMA): transit size (MB) and transit time (ms).
std::array<double, 6> communicationTotalsMs(const QString& folder) {
    QFile file(folder + "/ASCEND_PROFILER_OUTPUT/communication.json");
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no communication.json in %s", qPrintable(folder));
    const Json document = Json::parse(file.readAll().toStdString());
    const Json& total = document.at("step50").at("collective").at("Total Op Info");
    const Json& info = total.at("Communication Time Info");
    const Json& links = total.at("Communication Bandwidth Info");
    const auto linkSum = [&](const char* field) {
        return links.at("SDMA").at(field).get<double>() + links.at("RDMA").at(field).get<double>();
    };
    return {info.at("Elapse Time(ms)").get<double>(),
            info.at("Wait Time(ms)").get<double>(),
            info.at("Synchronization Time(ms)").get<double>(),
            info.at("Transit Time(ms)").get<double>(),
            linkSum("Transit Size(MB)"),
            linkSum("Transit Time(ms)")};
}

RankSummary sampleSummary() {
    RankSummary s;
    s.source = "/jobs/run 7/rank3_ascend_pt";
    s.rank = 3;
    s.format = "ascend";
    s.device = "NPU 3";
    s.notes = {"2 devices: NPU 3, with the most tasks, is summarised"};
    RankStep step;
    step.step = "12";
    step.stepNumber = 12;
    step.stepNs = 136'581'000;
    step.computingNs = 8'873'756;
    step.communicationNs = 105'991'878;
    step.communicationNotOverlappedNs = 101'963'203;
    step.overlappedNs = 4'028'675;
    step.freeNs = 25'744'050;
    step.preparingNs = 17'902'500;
    step.communication = {{"hcom_allReduce", 4, 4, 105'991'878, 5'940'000, 5'615'692, 3'680'000, 4,
                           28'647'232, 1'816'836},
                          {"hcom_broadcast", 1, 0, 1'000, 0, 0, 0, 0, 0, 0}};
    s.steps = {step, RankStep{}};
    s.steps[1].step = "";
    return s;
}

} // namespace

class TestRankSummary : public QObject {
    Q_OBJECT

private slots:
    void realRanksAgreeWithTorchNpu_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<int>("rank");
        for (const char* level : {"level1", "level2"})
            for (int rank : {0, 1})
                QTest::addRow("%s rank%d", level, rank) << rankFolder(level, rank) << rank;
    }
    void realRanksAgreeWithTorchNpu() {
        QFETCH(QString, folder);
        QFETCH(int, rank);
        const Trace trace = formats::loadTrace(folder.toStdString());
        const RankSummary s = summarizeRank(trace, folder.toStdString());
        QCOMPARE(s.rank, std::optional<std::int64_t>(rank));
        QCOMPARE(s.format, std::string("ascend"));
        QVERIFY(s.notes.empty());
        QCOMPARE(s.steps.size(), std::size_t{1});
        const RankStep& step = s.steps.front();
        QCOMPARE(step.step, std::string("50"));
        QCOMPARE(trace.profilerSteps.size(), std::size_t{1});
        const ProfilerStepBreakdown& csv = trace.profilerSteps.front(); // step_trace_time.csv
        // Within 1 µs: the segments are rebuilt from float task times (tst_step_breakdown
        // holds the exact bounds).
        QVERIFY(nearUs(step.computingNs, csv.computingUs, 1000));
        QVERIFY(nearUs(step.communicationNs, csv.communicationUs, 1000));
        QVERIFY(nearUs(step.communicationNotOverlappedNs, csv.communicationNotOverlappedUs, 1000));
        QVERIFY(nearUs(step.overlappedNs, csv.overlappedUs, 1000));
        QVERIFY(nearUs(step.freeNs, csv.freeUs, 1000));
        QVERIFY2(
            nearUs(step.preparingNs, csv.preparingUs, 1000),
            qPrintable(QString("%1 ns, csv %2 us").arg(step.preparingNs).arg(csv.preparingUs)));
        QVERIFY(step.stepNs > step.computingNs + step.communicationNotOverlappedNs);
        QCOMPARE(step.communication.size(), std::size_t{1});
        const CommunicationTotals& c = step.communication.front();
        QCOMPARE(c.type, std::string("hcom_allReduce"));
        QCOMPARE(c.count, std::uint64_t{4});
        QCOMPARE(c.timedCount, std::uint64_t{4});
        const auto ms = communicationTotalsMs(folder);
        QVERIFY(nearUs(c.elapseNs, ms[0] * 1000, 400));
        QVERIFY(nearUs(c.waitNs, ms[1] * 1000, 400));
        QVERIFY(nearUs(c.synchronizationNs, ms[2] * 1000, 400));
        QVERIFY(nearUs(c.transitNs, ms[3] * 1000, 400));
        // What the ops moved between chips, read from their tasks' args, on every plane.
        QCOMPARE(c.sizedCount, std::uint64_t{4});
        QVERIFY2(
            std::abs(static_cast<double>(c.linkBytes) - ms[4] * 1e6) < 1.0,
            qPrintable(QString("%1 bytes, communication.json %2 MB").arg(c.linkBytes).arg(ms[4])));
        QVERIFY2(nearUs(c.linkNs, ms[5] * 1000, 400),
                 qPrintable(QString("%1 ns, communication.json %2 ms").arg(c.linkNs).arg(ms[5])));
        QVERIFY(c.linkBandwidthGBps() > 1.0);
    }

    // An 8-rank synthetic job, rank 3 slow to compute and rank 5 on a slow link: every rank's
    // every step as built, to the nanosecond.
    void aSyntheticJobIsSummarisedAsBuilt() {
        JobSpec spec;
        spec.slowComputeRank = 3;
        spec.slowLinkRank = 5;
        QTemporaryDir dir;
        const std::vector<std::string> ranks = writeJob(spec, dir.path().toStdString());
        QCOMPARE(ranks.size(), std::size_t{8});
        for (int r = 0; r < spec.ranks; ++r) {
            const RankSummary s = summarizeRank(formats::loadTrace(ranks[r]), ranks[r]);
            QCOMPARE(s.rank, std::optional<std::int64_t>(r));
            QCOMPARE(s.steps.size(), std::size_t(spec.steps));
            for (int k = 0; k < spec.steps; ++k) {
                const RankTruth truth = rankTruth(spec, r, k);
                const RankStep& step = s.steps[k];
                QCOMPARE(step.stepNumber, std::optional<std::int64_t>(spec.firstStep + k));
                QCOMPARE(step.stepNs, truth.stepUs * 1000);
                QCOMPARE(step.preparingNs, truth.preparingUs * 1000);
                QCOMPARE(step.computingNs, truth.computingUs * 1000);
                QCOMPARE(step.communicationNs, truth.communicationUs * 1000);
                QCOMPARE(step.communicationNotOverlappedNs, truth.communicationUs * 1000);
                QCOMPARE(step.overlappedNs, TimeNs{0});
                QCOMPARE(step.freeNs, truth.freeUs * 1000);
                QCOMPARE(step.communication.size(), std::size_t{1});
                const CommunicationTotals& c = step.communication.front();
                QCOMPARE(c.count, std::uint64_t{1});
                QCOMPARE(c.timedCount, std::uint64_t{1});
                QCOMPARE(c.elapseNs, truth.elapseUs * 1000);
                QCOMPARE(c.synchronizationNs, truth.synchronizationUs * 1000);
                QCOMPARE(c.waitNs, truth.waitUs * 1000);
                QCOMPARE(c.transitNs, truth.transitUs * 1000);
                QCOMPARE(c.sizedCount, std::uint64_t{1});
                QCOMPARE(c.linkBytes, std::uint64_t(truth.linkBytes)); // not the on-chip copy
                QCOMPARE(c.linkNs, truth.transitUs * 1000);
            }
        }
        // The shape the cluster view will read: the slow-compute rank computes longest and
        // waits least; the others wait for the slow link.
        QCOMPARE(rankTruth(spec, 3, 0).synchronizationUs, spec.handshakeUs);
        QVERIFY(rankTruth(spec, 0, 0).waitUs - rankTruth(spec, 0, 0).synchronizationUs ==
                spec.slowLinkExtraUs);
    }

    void jsonReadsBackEqual() {
        const RankSummary s = sampleSummary();
        const std::string text = rankSummaryToJson(s);
        QVERIFY(text.starts_with("{\n \"format\": \"lanescope-rank-summary\",\n \"version\": 2,"));
        QCOMPARE(rankSummaryFromJson(text), s);
        // Version 1 had no link sizes: its ops read back as of unknown size, not of zero.
        Json v1 = Json::parse(text);
        v1["version"] = 1;
        for (Json& step : v1["steps"])
            for (Json& c : step["communication"]) {
                c.erase("sized_count");
                c.erase("link_bytes");
                c.erase("link_ns");
            }
        const RankSummary old = rankSummaryFromJson(v1.dump());
        QCOMPARE(old.steps[0].communication[0].sizedCount, std::uint64_t{0});
        QCOMPARE(old.steps[0].communication[0].waitNs, s.steps[0].communication[0].waitNs);
        // A later version's extra keys are ignored.
        Json document = Json::parse(text);
        document["steps"][0]["future_ns"] = 5;
        document["hosts"] = Json::array();
        QCOMPARE(rankSummaryFromJson(document.dump()), s);
        RankSummary noRank = s;
        noRank.rank.reset();
        noRank.steps[0].stepNumber.reset();
        QCOMPARE(rankSummaryFromJson(rankSummaryToJson(noRank)), noRank);
    }

    // Each row sets the value at a JSON pointer (JSON text; empty: removes the key), or cuts the
    // document in half (pointer "").
    void badDocumentsSayWhatIsWrong_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << "" << QByteArray() << "not valid JSON at byte";
        QTest::newRow("another format")
            << "/format" << QByteArray("\"x\"") << "not a Lanescope rank summary";
        QTest::newRow("newer") << "/version" << QByteArray("3")
                               << "rank summary version 3; this Lanescope reads versions up to 2";
        QTest::newRow("version 2 without link bytes")
            << "/steps/0/communication/0/link_bytes" << QByteArray()
            << "steps[0].communication[0] has no \"link_bytes\"";
        QTest::newRow("missing") << "/steps/0/free_ns" << QByteArray()
                                 << "steps[0] has no \"free_ns\"";
        QTest::newRow("negative") << "/steps/1/computing_ns" << QByteArray("-5")
                                  << "steps[1].computing_ns is negative";
        QTest::newRow("text for a number")
            << "/steps/0/communication/1/wait_ns" << QByteArray("\"a\"")
            << "steps[0].communication[1].wait_ns is not a whole number";
        QTest::newRow("a fraction")
            << "/steps/0/step_ns" << QByteArray("1.5") << "steps[0].step_ns is not a whole number";
        QTest::newRow("steps not a list") << "/steps" << QByteArray("3") << "steps is not an array";
    }
    void badDocumentsSayWhatIsWrong() {
        QFETCH(QString, pointer);
        QFETCH(QByteArray, value);
        QFETCH(QString, message);
        std::string text = rankSummaryToJson(sampleSummary());
        if (pointer.isEmpty()) {
            text.resize(text.size() / 2);
        } else {
            Json document = Json::parse(text);
            const Json::json_pointer at(pointer.toStdString());
            if (value.isEmpty())
                document[at.parent_pointer()].erase(at.back());
            else
                document[at] = Json::parse(value.toStdString());
            text = document.dump();
        }
        try {
            rankSummaryFromJson(text);
            QFAIL("read a bad document");
        } catch (const RankSummaryFormatError& error) {
            QVERIFY2(QString(error.what()).contains(message), error.what());
        }
    }

    // `summarize` to a file and to standard output give the same document; a trace that cannot
    // be read or a file that cannot be written exit 2.
    void theCliWritesIt() {
        QTemporaryDir dir;
        const QString out = dir.filePath("rank1.json");
        const QString folder = rankFolder("level1", 1);
        const test::CliRun toFile = test::runCli({"summarize", folder, "--out", out});
        QVERIFY2(toFile.exitCode == 0, qPrintable(toFile.err));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::string written = file.readAll().toStdString();
        const RankSummary read = rankSummaryFromJson(written);
        QCOMPARE(read.rank, std::optional<std::int64_t>(1));
        QCOMPARE(read,
                 summarizeRank(formats::loadTrace(folder.toStdString()), folder.toStdString()));
        QVERIFY(written.size() < 4096); // kilobytes, not the trace
        const test::CliRun toStdout = test::runCli({"summarize", folder});
        QCOMPARE(toStdout.exitCode, 0);
        QCOMPARE(toStdout.out.toStdString(), written);
        QVERIFY(!QFile::exists(out + ".tmp"));

        const test::CliRun missing = test::runCli({"summarize", dir.filePath("none_ascend_pt")});
        QCOMPARE(missing.exitCode, 2);
        const test::CliRun unwritable =
            test::runCli({"summarize", folder, "--out", dir.filePath("no/such/dir/r.json")});
        QCOMPARE(unwritable.exitCode, 2);
        QVERIFY2(unwritable.err.contains("cannot write"), qPrintable(unwritable.err));
        QCOMPARE(test::runCli({"summarize"}).exitCode, 1);
        QCOMPARE(test::runCli({"summarize", folder, "--bogus"}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestRankSummary)
#include "tst_rank_summary.moc"
