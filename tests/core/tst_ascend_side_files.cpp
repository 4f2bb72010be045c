// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/ascend_side_files.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using lanescope::TimeNs;
using lanescope::formats::KernelDetail;
using lanescope::formats::parseKernelDetails;
using lanescope::formats::parseProfilerInfo;
using lanescope::formats::parseStepTraceTime;
using lanescope::formats::ProfilerInfo;
using lanescope::formats::readKernelDetails;
using lanescope::formats::readProfilerInfo;
using lanescope::formats::readStepTraceTime;
using lanescope::formats::StepTime;

namespace {

std::string dataPath(const QString& relative) {
    return (QStringLiteral(LANESCOPE_TEST_DATA "/ascend/") + relative).toStdString();
}

std::string outputFile(const char* level, const char* rank, const char* file) {
    return dataPath(
        QString("text/%1/%2_ascend_pt/ASCEND_PROFILER_OUTPUT/%3").arg(level, rank, file));
}

// The header of the real Level1 kernel_details.csv, cut after the columns we read.
constexpr const char* kLevel1Header =
    "Step Id,Model ID,Task ID,Stream ID,Name,Type,OP State,Accelerator Core,Start Time(us),"
    "Duration(us),Wait Time(us),Block Dim,Mix Block Dim,HF32 Eligible,Input Shapes,"
    "Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats\r\n";

} // namespace

class TestAscendSideFiles : public QObject {
    Q_OBJECT

private slots:
    void kernelRowWithAllFields() {
        const std::string text = std::string(kLevel1Header) +
                                 "50,4294967295,11051,2,trans_TransData_0,TransData,dynamic,"
                                 "AI_VECTOR_CORE,\"1736408883704643.212\t\",53.741,0,32,0,NO,"
                                 "\"\"\"32,3,224,224;64\"\"\",FLOAT;INT64,NCHW,\"\"\"\"\"\","
                                 "FLOAT,NC1HWC0\r\n";
        const auto result = parseKernelDetails(text, "k.csv");
        QVERIFY2(result.ok, result.error.c_str());
        QVERIFY(result.problems.empty());
        QCOMPARE(result.rows.size(), std::size_t(1));
        const KernelDetail& k = result.rows[0];
        QCOMPARE(k.stepId, std::optional<std::int64_t>(50));
        QVERIFY(!k.deviceId.has_value());
        QCOMPARE(k.taskId, std::optional<std::int64_t>(11051));
        QCOMPARE(k.streamId, std::optional<std::int64_t>(2));
        QCOMPARE(k.name, std::string("trans_TransData_0"));
        QCOMPARE(k.type, std::string("TransData"));
        QCOMPARE(k.opState, std::string("dynamic"));
        QCOMPARE(k.acceleratorCore, std::string("AI_VECTOR_CORE"));
        QCOMPARE(k.start, TimeNs(1736408883704643212));
        QCOMPARE(k.duration, TimeNs(53741));
        QCOMPARE(k.wait, std::optional<TimeNs>(0));
        QCOMPARE(k.blockDim, std::optional<std::int64_t>(32));
        QCOMPARE(k.mixBlockDim, std::optional<std::int64_t>(0));
        QCOMPARE(k.inputShapes, std::string("32,3,224,224;64"));
        QCOMPARE(k.inputDataTypes, std::string("FLOAT;INT64"));
        QCOMPARE(k.outputShapes, std::string(""));
        QCOMPARE(k.outputDataTypes, std::string("FLOAT"));
    }

    void kernelNotAvailableCells() {
        // A communication row as written at Level1: IDs and most columns N/A, some empty.
        const std::string text = std::string(kLevel1Header) +
                                 "50,4294967295,N/A,N/A,hcom_allReduce__1,N/A,N/A,N/A,"
                                 "1736408883705000.5\t,7,N/A,,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\n";
        const auto result = parseKernelDetails(text, "k.csv");
        QVERIFY(result.ok);
        QVERIFY(result.problems.empty());
        const KernelDetail& k = result.rows.at(0);
        QCOMPARE(k.start, TimeNs(1736408883705000500));
        QCOMPARE(k.duration, TimeNs(7000));
        QVERIFY(!k.taskId && !k.streamId && !k.wait && !k.blockDim && !k.mixBlockDim);
        QVERIFY(k.type.empty() && k.opState.empty() && k.acceleratorCore.empty());
        QVERIFY(k.inputShapes.empty() && k.outputDataTypes.empty());
    }

    void kernelOldAndNewColumnNames() {
        const auto newNames =
            parseKernelDetails("Step Id,Device_id,Name,Start Time(us),Duration(us),Block Num,"
                               "Mix Block Num\n7,3,k,1,2,48,24\n",
                               "new.csv");
        QVERIFY(newNames.ok);
        QCOMPARE(newNames.rows.at(0).deviceId, std::optional<std::int64_t>(3));
        QCOMPARE(newNames.rows.at(0).blockDim, std::optional<std::int64_t>(48));
        QCOMPARE(newNames.rows.at(0).mixBlockDim, std::optional<std::int64_t>(24));

        const auto opSummary =
            parseKernelDetails("Op Name,OP Type,Task Type,Task Start Time(us),Task Duration(us),"
                               "Task Wait Time(us),Block Dim\nk,MatMul,AI_CORE,10,2.5,1.25,8\n",
                               "op_summary.csv");
        QVERIFY(opSummary.ok);
        const KernelDetail& k = opSummary.rows.at(0);
        QCOMPARE(k.name, std::string("k"));
        QCOMPARE(k.type, std::string("MatMul"));
        QCOMPARE(k.acceleratorCore, std::string("AI_CORE"));
        QCOMPARE(k.start, TimeNs(10000));
        QCOMPARE(k.duration, TimeNs(2500));
        QCOMPARE(k.wait, std::optional<TimeNs>(1250));
        QCOMPARE(k.blockDim, std::optional<std::int64_t>(8));
    }

    void kernelMissingRequiredColumn() {
        const auto noStart = parseKernelDetails("Name,Duration(us)\nk,1\n", "dir/k.csv");
        QVERIFY(!noStart.ok);
        QCOMPARE(noStart.error, std::string("dir/k.csv: no \"Start Time(us)\" column"));
        const auto empty = parseKernelDetails("", "empty.csv");
        QVERIFY(!empty.ok);
        QCOMPARE(empty.error, std::string("empty.csv: no \"Name\" column"));
    }

    void kernelBadRowsSkippedWithTheirLines() {
        const auto result = parseKernelDetails("Name,Start Time(us),Duration(us),Stream ID\n"
                                               "a,1,1,2\n"
                                               "b,oops,1,2\n"
                                               "c,3,N/A,2\n"
                                               "d,4,1,two\n"
                                               "e,5,\n",
                                               "k.csv");
        QVERIFY(result.ok);
        QCOMPARE(result.rows.size(), std::size_t(2));
        QCOMPARE(result.rows[1].name, std::string("d"));
        QVERIFY(!result.rows[1].streamId.has_value());
        QCOMPARE(result.skippedRows, std::size_t(3));
        QCOMPARE(result.problems.size(), std::size_t(5));
        QCOMPARE(result.problems[0].line, std::size_t(3));
        QCOMPARE(result.problems[0].message,
                 std::string("row skipped: Start Time(us) \"oops\": not a number"));
        QCOMPARE(result.problems[1].line, std::size_t(4));
        QCOMPARE(result.problems[1].message, std::string("row skipped: no Duration(us)"));
        QCOMPARE(result.problems[2].line, std::size_t(5));
        QCOMPARE(result.problems[2].message, std::string("Stream ID \"two\": not an integer"));
        // The short last row is reported, then skipped for its empty duration.
        QCOMPARE(result.problems[3].line, std::size_t(6));
        QCOMPARE(result.problems[3].message, std::string("row has 3 cells; the header has 4"));
        QCOMPARE(result.problems[4].line, std::size_t(6));
        QCOMPARE(result.problems[4].message, std::string("row skipped: no Duration(us)"));
    }

    void kernelUnterminatedQuote() {
        const auto result =
            parseKernelDetails("Name,Start Time(us),Duration(us)\na,1,1\n\"b,2,2\n", "k.csv");
        QVERIFY(!result.ok);
        QCOMPARE(result.error, std::string("k.csv: line 3: quoted cell is never closed"));
    }

    void kernelUnreadableFile() {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("kernel_details.csv").toStdString();
        const auto result = readKernelDetails(missing);
        QVERIFY(!result.ok);
        QCOMPARE(result.error, missing + ": cannot read: No such file or directory");
        QVERIFY(!readStepTraceTime(missing).ok);
    }

    void realKernelDetails_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("rows");
        QTest::addColumn<qint64>("firstStart");
        QTest::addColumn<qint64>("durationSum");
        QTest::addColumn<qint64>("waitSum");
        QTest::addColumn<int>("problems");
        // Expected values computed independently with Python's csv module and decimal.Decimal
        // (µs * 1000 rounded half up), summed over every row.
        const auto level = [](const char* name, const char* rank) {
            return QString("text/%1/%2_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv")
                .arg(name, rank);
        };
        QTest::newRow("level0/rank0")
            << level("level0", "rank0") << 191 << Q_INT64_C(1736405443881410320)
            << Q_INT64_C(94344340) << Q_INT64_C(95191222) << 0;
        QTest::newRow("level0/rank1")
            << level("level0", "rank1") << 191 << Q_INT64_C(1736405443897037309)
            << Q_INT64_C(77418862) << Q_INT64_C(79579269) << 0;
        QTest::newRow("level1/rank0")
            << level("level1", "rank0") << 191 << Q_INT64_C(1736408883704643212)
            << Q_INT64_C(114865613) << Q_INT64_C(101120641) << 0;
        QTest::newRow("level1/rank1")
            << level("level1", "rank1") << 191 << Q_INT64_C(1736408883709301270)
            << Q_INT64_C(109253559) << Q_INT64_C(96394100) << 0;
        QTest::newRow("level2/rank0")
            << level("level2", "rank0") << 191 << Q_INT64_C(1736412474730135222)
            << Q_INT64_C(108841491) << Q_INT64_C(107771050) << 0;
        QTest::newRow("level2/rank1")
            << level("level2", "rank1") << 191 << Q_INT64_C(1736412474731158720)
            << Q_INT64_C(106357602) << Q_INT64_C(106639088) << 0;
        // Line 17 of the two server files lacks a cell mid-row, so its later cells shift left:
        // two problems, the short row and "NO" read as Mix Block Dim.
        QTest::newRow("server rank0")
            << "server/test_rank_0_kernel_details.csv" << 21 << Q_INT64_C(1695115378713661000)
            << Q_INT64_C(37370966) << Q_INT64_C(6623085) << 2;
        QTest::newRow("server rank1")
            << "server/test_rank_1_kernel_details.csv" << 22 << Q_INT64_C(1695115378710248000)
            << Q_INT64_C(11514860) << Q_INT64_C(4905450) << 0;
        QTest::newRow("op_summary")
            << "server/op_summary_1.csv" << 21 << Q_INT64_C(1695115378713661000)
            << Q_INT64_C(37370966) << Q_INT64_C(6623085) << 2;
    }

    void realKernelDetails() {
        QFETCH(QString, file);
        QFETCH(int, rows);
        QFETCH(qint64, firstStart);
        QFETCH(qint64, durationSum);
        QFETCH(qint64, waitSum);
        QFETCH(int, problems);
        const auto result = readKernelDetails(dataPath(file));
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(result.rows.size(), std::size_t(rows));
        QCOMPARE(result.skippedRows, std::size_t(0));
        QCOMPARE(result.problems.size(), std::size_t(problems));
        QCOMPARE(result.rows[0].start, firstStart);
        TimeNs durations = 0;
        TimeNs waits = 0;
        for (const KernelDetail& k : result.rows) {
            QVERIFY(!k.name.empty());
            durations += k.duration;
            waits += k.wait.value_or(0);
        }
        QCOMPARE(durations, durationSum);
        QCOMPARE(waits, waitSum);
    }

    void realLevel0HasNotAvailableTypes() {
        const auto result = readKernelDetails(outputFile("level0", "rank0", "kernel_details.csv"));
        QVERIFY(result.ok);
        const KernelDetail& k = result.rows.at(0);
        QCOMPARE(k.name, std::string("trans_TransData_0"));
        QCOMPARE(k.stepId, std::optional<std::int64_t>(50));
        QVERIFY(k.type.empty() && k.acceleratorCore.empty());
        QCOMPARE(k.blockDim, std::optional<std::int64_t>(0));
        QVERIFY(!k.streamId && !k.taskId && k.inputShapes.empty());
    }

    void realLevel1Shapes() {
        const auto result = readKernelDetails(outputFile("level1", "rank0", "kernel_details.csv"));
        QVERIFY(result.ok);
        const KernelDetail& k = result.rows.at(0);
        QCOMPARE(k.inputShapes, std::string("32,3,224,224"));
        QCOMPARE(k.outputShapes, std::string("32,1,224,224,8"));
        QCOMPARE(k.taskId, std::optional<std::int64_t>(11051));
        QCOMPARE(k.duration, TimeNs(53741));
    }

    void realOpSummaryCommunicationRow() {
        const auto result = readKernelDetails(dataPath("server/op_summary_1.csv"));
        QVERIFY(result.ok);
        QCOMPARE(result.problems.at(0).line, std::size_t(17));
        QCOMPARE(result.problems.at(1).message,
                 std::string("Mix Block Dim \"NO\": not an integer"));
        const KernelDetail& first = result.rows.at(0);
        QCOMPARE(first.name, std::string("ZerosLike"));
        QCOMPARE(first.acceleratorCore, std::string("AI_CORE"));
        QCOMPARE(first.duration, TimeNs(496851)); // 496.8508 µs, rounded to the ns
        const KernelDetail& comm = result.rows.at(1);
        QCOMPARE(comm.name, std::string("hcom_broadcast__483_0"));
        QCOMPARE(comm.acceleratorCore, std::string("HCCL"));
        QCOMPARE(comm.start, TimeNs(1695115378715400200));
        QVERIFY(!comm.taskId && !comm.streamId && !comm.mixBlockDim);
    }

    void realStepTraceTime() {
        const auto result = readStepTraceTime(outputFile("level1", "rank0", "step_trace_time.csv"));
        QVERIFY2(result.ok, result.error.c_str());
        QVERIFY(result.problems.empty());
        QCOMPARE(result.rows.size(), std::size_t(1));
        const StepTime& s = result.rows[0];
        QVERIFY(!s.deviceId.has_value());
        QCOMPARE(s.step, std::optional<std::int64_t>(50));
        // Exact: the text is read to the nearest double, as the literals are.
        QVERIFY(s.computingUs == 8873.756000000001);
        QVERIFY(s.communicationNotOverlappedUs == 101963.203);
        QVERIFY(s.overlappedUs == 4028.6750000000175);
        QVERIFY(s.communicationUs == 105991.87800000001);
        QVERIFY(s.freeUs == 25744.050000000003);
        QVERIFY(s.stageUs == 136581.0);
        QVERIFY(s.bubbleUs == 0.0);
        QVERIFY(s.communicationNotOverlappedExcludeReceiveUs == 101963.203);
        QVERIFY(s.preparingUs == 17902.5);
    }

    void stepTraceVariants() {
        const auto result = parseStepTraceTime("Device_id,Step,Computing,Free,Bubble\n"
                                               "0,,1.5,N/A,x\n",
                                               "s.csv");
        QVERIFY(result.ok);
        const StepTime& s = result.rows.at(0);
        QCOMPARE(s.deviceId, std::optional<std::int64_t>(0));
        QVERIFY(!s.step.has_value());
        QVERIFY(s.computingUs == 1.5);
        QVERIFY(std::isnan(s.freeUs));
        QVERIFY(std::isnan(s.bubbleUs));
        QVERIFY(std::isnan(s.stageUs)); // no such column
        QCOMPARE(result.problems.size(), std::size_t(1));
        QCOMPARE(result.problems[0].message, std::string("Bubble \"x\": not a number"));

        const auto noComputing = parseStepTraceTime("Step,Free\n1,2\n", "s.csv");
        QVERIFY(!noComputing.ok);
        QCOMPARE(noComputing.error, std::string("s.csv: no \"Computing\" column"));
    }

    void realProfilerInfo_data() {
        QTest::addColumn<QString>("level");
        QTest::addColumn<int>("rank");
        for (const char* level : {"Level0", "Level1", "Level2"})
            for (int rank : {0, 1})
                QTest::newRow(qPrintable(QString("%1/rank%2").arg(level).arg(rank)))
                    << QString(level) << rank;
    }

    void realProfilerInfo() {
        QFETCH(QString, level);
        QFETCH(int, rank);
        const std::string path = dataPath(QString("text/%1/rank%2_ascend_pt/profiler_info_%2.json")
                                              .arg(level.toLower())
                                              .arg(rank));
        ProfilerInfo info;
        std::string error;
        QVERIFY2(readProfilerInfo(path, info, error), error.c_str());
        QCOMPARE(info.rankId, std::optional<std::int64_t>(rank));
        QCOMPARE(info.profilerLevel, level.toStdString());
        QVERIFY(info.endNs.has_value());
    }

    void realProfilerInfoEndTime() {
        ProfilerInfo info;
        std::string error;
        QVERIFY(readProfilerInfo(dataPath("text/level1/rank0_ascend_pt/profiler_info_0.json"), info,
                                 error));
        QCOMPARE(info.endNs, std::optional<TimeNs>(1736408884023552840));
    }

    void profilerInfoOddFiles() {
        ProfilerInfo info;
        std::string error;
        QVERIFY(parseProfilerInfo("{}", "p.json", info, error));
        QVERIFY(!info.rankId && info.profilerLevel.empty() && !info.endNs);

        QVERIFY(parseProfilerInfo("{\"rank_id\": \"0\", \"config\": {\"experimental_config\": 5},"
                                  " \"end_info\": {\"collectionTimeEnd\": 18446744073709551615}}",
                                  "p.json", info, error));
        QVERIFY(!info.rankId && info.profilerLevel.empty() && !info.endNs);

        QVERIFY(!parseProfilerInfo("[1]", "p.json", info, error));
        QCOMPARE(error, std::string("p.json: not a JSON object"));
        QVERIFY(!parseProfilerInfo("{\"rank_id\": 0,", "p.json", info, error));
        QVERIFY2(error.starts_with("p.json: parse error at line 1"), error.c_str());
        QVERIFY(!parseProfilerInfo("", "p.json", info, error));

        QTemporaryDir dir;
        const std::string missing = dir.filePath("profiler_info_0.json").toStdString();
        QVERIFY(!readProfilerInfo(missing, info, error));
        QCOMPARE(error, missing + ": cannot read: No such file or directory");
    }
};

QTEST_APPLESS_MAIN(TestAscendSideFiles)
#include "tst_ascend_side_files.moc"
