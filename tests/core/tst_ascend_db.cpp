// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// torch_npu's DB export (tests/data/ascend/db/level1: ascend_pytorch_profiler_{0,1}.db of a
// 2-rank Level1 job) read into the lanes of the text export.
//
// The expected numbers were counted with sqlite3 on these files. The "text" numbers in the
// comments come from the text export of the same job (Ascend/msinsight
// test/data/pytorch/text/level1, loaded with lanescope-cli info); the two exports are separate
// runs of the same script, so structure agrees and counts differ a little.
#include "formats/ascend_db_reader.h"
#include "formats/ascend_folder.h"
#include "formats/ascend_semantics.h"
#include "formats/load_error.h"
#include "formats/trace_loader.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <nlohmann/json.hpp>

using namespace lanescope;
using test::processNamed;
using test::threadNamed;

namespace {

const std::string kJob = LANESCOPE_TEST_DATA "/ascend/db/level1";
const std::string kRank0 = kJob + "/rank0_ascend_pt";
const std::string kDb0 = kRank0 + "/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db";

std::uint64_t slicesOf(const Trace& trace, const Thread& thread) {
    return thread.sliceTrack == kNoIndex ? 0 : trace.sliceTracks[thread.sliceTrack].size();
}

std::uint64_t slicesOf(const Trace& trace, const Process& process) {
    std::uint64_t n = 0;
    for (std::uint32_t t : process.threads)
        n += slicesOf(trace, trace.threads[t]);
    return n;
}

// The first slice named `name` on a process's lanes.
SliceRef sliceNamed(const Trace& trace, const Process& process, std::string_view name) {
    for (std::uint32_t t : process.threads) {
        const std::uint32_t track = trace.threads[t].sliceTrack;
        if (track == kNoIndex)
            continue;
        for (std::uint32_t i = 0; i < trace.sliceTracks[track].size(); ++i)
            if (trace.str(trace.sliceTracks[track].name(i)) == name)
                return {track, i};
    }
    return {};
}

// Flows by category whose start lies in `file`; unbound flows count as "unbound".
std::map<std::string, std::uint64_t> flowsByCategory(const Trace& trace, std::uint32_t file) {
    std::map<std::uint32_t, std::uint32_t> fileOfTrack;
    for (const Thread& thread : trace.threads)
        if (thread.sliceTrack != kNoIndex)
            fileOfTrack[thread.sliceTrack] = trace.processes[thread.process].sourceFile;
    std::map<std::string, std::uint64_t> counts;
    for (const Flow& flow : trace.flows) {
        if (!flow.bound())
            ++counts["unbound"];
        else if (fileOfTrack[flow.from.track] == file)
            ++counts[std::string(trace.str(flow.category))];
    }
    return counts;
}

QString loadErrorOf(const std::string& path) {
    try {
        formats::loadTrace(path);
    } catch (const formats::LoadError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestAscendDb : public QObject {
    Q_OBJECT

private slots:
    void lanesMatchTheTextExport() {
        const Trace trace = formats::loadTrace(kRank0);
        QCOMPARE(trace.format, std::string("ascend"));
        QCOMPARE(trace.files.size(), std::size_t(1));
        QVERIFY(trace.files[0].database);
        QCOMPARE(trace.files[0].path, kDb0);
        QCOMPARE(trace.files[0].rank, std::optional<std::int64_t>(0));

        // Process names and order as in trace_view.json (sort 0, 7, 13, 14, 15, 23).
        std::vector<std::string> names;
        for (const Process& p : trace.processes)
            names.emplace_back(trace.str(p.name));
        QCOMPARE(names, (std::vector<std::string>{"Python", "CANN", "Ascend Hardware",
                                                  "AI Core Freq", "HCCL", "Overlap Analysis"}));

        // Python: PYTORCH_API rows per thread (text: 1651 / 650 / 159, the same), the dequeue
        // thread last.
        const Process* python = processNamed(trace, "Python");
        QVERIFY(python);
        QCOMPARE(python->pid.number, std::int64_t(3136493));
        std::vector<std::pair<std::string, std::uint64_t>> lanes;
        for (std::uint32_t t : python->threads) {
            QCOMPARE(trace.threads[t].kind, TrackKind::Host);
            lanes.emplace_back(trace.str(trace.threads[t].name), slicesOf(trace, trace.threads[t]));
        }
        QCOMPARE(lanes,
                 (std::vector<std::pair<std::string, std::uint64_t>>{
                     {"Thread 3136493", 1651}, {"Thread 3146352", 650}, {"Thread 3140046", 159}}));

        // CANN_API: 710 rows on 4 threads (text: 707).
        const Process* cann = processNamed(trace, "CANN");
        QVERIFY(cann);
        QCOMPARE(slicesOf(trace, *cann), std::uint64_t(710));
        QCOMPARE(cann->threads.size(), std::size_t(4));
        QVERIFY(sliceNamed(trace, *cann, "AscendCL@aclrtMemcpyAsync").valid());
        QVERIFY(sliceNamed(trace, *cann, "Node@launch").valid());
        QVERIFY(sliceNamed(trace, *cann, "Hccl@Launch_Ffts").valid());
        QCOMPARE(formats::decodeCannPid(cann->pid.number).hostPid, std::int64_t(3136493));

        // TASK: 552 rows on streams 0, 2, 3, 4 (text: 535 on the same streams).
        const Process* hardware = processNamed(trace, "Ascend Hardware");
        QVERIFY(hardware);
        QCOMPARE(hardware->deviceId, std::optional<std::int64_t>(0));
        lanes.clear();
        for (std::uint32_t t : hardware->threads) {
            QCOMPARE(trace.threads[t].kind, TrackKind::Device);
            lanes.emplace_back(trace.str(trace.threads[t].name), slicesOf(trace, trace.threads[t]));
        }
        QCOMPARE(lanes,
                 (std::vector<std::pair<std::string, std::uint64_t>>{
                     {"Stream 0", 2}, {"Stream 2", 232}, {"Stream 3", 6}, {"Stream 4", 312}}));

        // HCCL: 4 ops on the group lane and 296 steps on 8 planes (text: the same).
        const Process* hccl = processNamed(trace, "HCCL");
        QVERIFY(hccl);
        QCOMPARE(hccl->threads.size(), std::size_t(9));
        const Thread* group = threadNamed(trace, *hccl, "Group 0 Communication");
        QVERIFY(group);
        QCOMPARE(slicesOf(trace, *group), std::uint64_t(4));
        QCOMPARE(slicesOf(trace, *hccl), std::uint64_t(300));
        QCOMPARE(slicesOf(trace, *threadNamed(trace, *hccl, "Plane 0")), std::uint64_t(16));
        QCOMPARE(slicesOf(trace, *threadNamed(trace, *hccl, "Plane 7")), std::uint64_t(40));
        QVERIFY(sliceNamed(trace, *hccl, "hcom_allReduce__210_0_1").valid());
        QVERIFY(sliceNamed(trace, *hccl, "Reduce_Inline").valid());

        // OVERLAP_ANALYSIS: 187 / 4 / 101 / 90 (text: the same).
        const Process* overlap = processNamed(trace, "Overlap Analysis");
        QVERIFY(overlap);
        lanes.clear();
        for (std::uint32_t t : overlap->threads) {
            QCOMPARE(trace.threads[t].kind, TrackKind::Derived);
            lanes.emplace_back(trace.str(trace.threads[t].name), slicesOf(trace, trace.threads[t]));
        }
        QCOMPARE(lanes, (std::vector<std::pair<std::string, std::uint64_t>>{
                            {"Computing", 187},
                            {"Communication", 4},
                            {"Communication(Not Overlapped)", 101},
                            {"Free", 90}}));

        QCOMPARE(trace.sliceCount(), std::uint64_t(2460 + 710 + 552 + 300 + 382));
        QCOMPARE(trace.counterSampleCount(), std::uint64_t(3)); // AICORE_FREQ rows
        QCOMPARE(trace.steps.size(), std::size_t(1));
        QCOMPARE(trace.steps[0].number, std::int64_t(50));
        // STEP_TIME id 50: 1736410576386409710 .. 1736410576538298460.
        QCOMPARE(trace.steps[0].start, TimeNs(1736410576386409710));
        QCOMPARE(trace.steps[0].end, TimeNs(1736410576538298460));
    }

    void knownDurationsAreExactNs() {
        const Trace trace = formats::loadTrace(kRank0);
        // TASK rowid 4 (COMPUTE_TASK_INFO name trans_TransData_0): 1736410576404465403 ..
        // 1736410576404519164.
        const SliceRef task =
            sliceNamed(trace, *processNamed(trace, "Ascend Hardware"), "trans_TransData_0");
        QVERIFY(task.valid());
        const SliceTrack& track = trace.sliceTracks[task.track];
        QCOMPARE(track.start(task.slice), TimeNs(1736410576404465403));
        QCOMPARE(track.duration(task.slice), TimeNs(53761));
        // PYTORCH_API keeps startNs as TEXT; ProfilerStep#50 lasts 151888750 ns.
        const SliceRef step = sliceNamed(trace, *processNamed(trace, "Python"), "ProfilerStep#50");
        QVERIFY(step.valid());
        QCOMPARE(trace.sliceTracks[step.track].duration(step.slice), TimeNs(151888750));
        QCOMPARE(trace.str(trace.sliceTracks[step.track].category(step.slice)),
                 std::string_view("cpu_op"));
    }

    void flowsAndTaskLinks() {
        const Trace trace = formats::loadTrace(kRank0);
        // HostToDevice: 250 tasks + 4 communication ops whose connectionId is a CANN_API row's
        // (text: 215 flow ends); async_npu: 187 launch ids -> 200 tasks + 4 HCCL ops (text: 210);
        // task queue 159 and fwdbwd 27 (text: the same).
        QCOMPARE(flowsByCategory(trace, 0),
                 (std::map<std::string, std::uint64_t>{{"HostToDevice", 254},
                                                       {"async_npu", 204},
                                                       {"async_task_queue", 159},
                                                       {"fwdbwd", 27}}));
        QCOMPARE(trace.flows.size(), std::size_t(644));
        for (const Flow& flow : trace.flows) {
            const std::string_view category = trace.str(flow.category);
            const std::string_view from =
                trace.str(trace.sliceTracks[flow.from.track].name(flow.from.slice));
            const std::string_view to =
                trace.str(trace.sliceTracks[flow.to.track].name(flow.to.slice));
            if (category == "async_task_queue") {
                QVERIFY(from == "Enqueue");
                QVERIFY(to.starts_with("Dequeue@"));
            }
        }

        // Every NPU task (TASK rows on streams + HCCL ops) knows its CANN call and torch op,
        // except PROFILING_ENABLE / PROFILING_DISABLE (text: 539 tasks, 537 linked).
        const formats::AscendLinkStats links = formats::ascendLinkStats(trace);
        QCOMPARE(links.deviceTasks, std::uint64_t(556));
        QCOMPARE(links.withLaunch, std::uint64_t(554));
        QCOMPARE(links.withHostOp, std::uint64_t(554));

        // trans_TransData_0 was launched by Node@launch inside a torch op.
        const SliceRef task =
            sliceNamed(trace, *processNamed(trace, "Ascend Hardware"), "trans_TransData_0");
        const auto link = std::find_if(trace.taskLinks.begin(), trace.taskLinks.end(),
                                       [&](const TaskLink& l) { return l.task == task; });
        QVERIFY(link != trace.taskLinks.end());
        QCOMPARE(trace.str(trace.sliceTracks[link->launch.track].name(link->launch.slice)),
                 std::string_view("Node@launch"));
        QCOMPARE(trace.str(trace.sliceTracks[link->hostOp.track].category(link->hostOp.slice)),
                 std::string_view("cpu_op"));
    }

    void jobFolderLoadsBothRanks() {
        const Trace trace = formats::loadTrace(kJob);
        QCOMPARE(trace.files.size(), std::size_t(2));
        QCOMPARE(trace.files[1].rank, std::optional<std::int64_t>(1));
        const Process* hardware1 = processNamed(trace, "Ascend Hardware", 1);
        QVERIFY(hardware1);
        QCOMPARE(hardware1->deviceId, std::optional<std::int64_t>(1));
        // Rank 1's DB has no OVERLAP_ANALYSIS table (MindStudio Insight added it to rank 0).
        QVERIFY(!processNamed(trace, "Overlap Analysis", 1));
        QCOMPARE(slicesOf(trace, *processNamed(trace, "CANN", 1)), std::uint64_t(709));
        const formats::AscendLinkStats links = formats::ascendLinkStats(trace);
        QCOMPARE(links.deviceTasks, std::uint64_t(1112));
        QCOMPARE(links.withLaunch, std::uint64_t(1108));
    }

    void theDbFileAndItsFolderOpenToo() {
        for (const std::string& path : {kDb0, kRank0 + "/ASCEND_PROFILER_OUTPUT"}) {
            const Trace trace = formats::loadTrace(path);
            QCOMPARE(trace.files.size(), std::size_t(1));
            QCOMPARE(trace.files[0].path, kDb0);
            QCOMPARE(trace.sliceCount(), std::uint64_t(4404));
        }
    }

    void flattenedDbFolderOpens() {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("flat")));
        QVERIFY(QFile::copy(QString::fromStdString(kDb0),
                            dir.filePath("flat/ascend_pytorch_profiler.db")));
        const Trace trace = formats::loadTrace(dir.path().toStdString());
        QCOMPARE(trace.files.size(), std::size_t(1));
        QCOMPARE(trace.sliceCount(), std::uint64_t(4404));
    }

    void argsComeFromTheRow() {
        const Trace trace = formats::loadTrace(kRank0);
        const SliceRef task =
            sliceNamed(trace, *processNamed(trace, "Ascend Hardware"), "trans_TransData_0");
        const SliceArgs args = trace.sliceArgs(task);
        QVERIFY2(args.error.empty(), args.error.c_str());
        const auto columns = nlohmann::json::parse(args.argsJson);
        QCOMPARE(columns.value("startNs", std::int64_t(0)), std::int64_t(1736410576404465403));
        QCOMPARE(columns.value("taskType", std::string()), std::string("KERNEL_AIVEC"));
        QCOMPARE(columns.value("connectionId", std::int64_t(0)), std::int64_t(962));
        const auto& compute = columns.at("COMPUTE_TASK_INFO");
        QCOMPARE(compute.value("name", std::string()), std::string("trans_TransData_0"));
        QCOMPARE(compute.value("opType", std::string()), std::string("TransData"));
        QCOMPARE(compute.value("inputShapes", std::string()), std::string("\"32,3,224,224\""));
        const auto event = nlohmann::json::parse(args.eventJson);
        QCOMPARE(event.value("table", std::string()), std::string("TASK"));
        QCOMPARE(event.value("rowid", std::int64_t(0)), std::int64_t(4));

        const SliceRef op = sliceNamed(trace, *processNamed(trace, "Python"), "ProfilerStep#50");
        const SliceArgs opArgs = trace.sliceArgs(op);
        QVERIFY2(opArgs.error.empty(), opArgs.error.c_str());
        QCOMPARE(nlohmann::json::parse(opArgs.argsJson).value("name", std::string()),
                 std::string("ProfilerStep#50"));
    }

    void notSqliteIsALoadErrorNamingTheFile() {
        QTemporaryDir dir;
        const QString db =
            dir.filePath("bad_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db");
        writeFile(db, "this is not SQLite at all, just text that is long enough");
        for (const QString& path : {db, dir.filePath("bad_ascend_pt")}) {
            const QString error = loadErrorOf(path.toStdString());
            QVERIFY2(error.startsWith(db + ": "), qPrintable(error));
            QVERIFY2(error.contains("not a readable SQLite database"), qPrintable(error));
        }
        // A truncated copy of a real export.
        QFile real(QString::fromStdString(kDb0));
        QVERIFY(real.open(QIODevice::ReadOnly));
        const QString truncated = dir.filePath("truncated.db");
        writeFile(truncated, real.read(8192));
        const QString error = loadErrorOf(truncated.toStdString());
        QVERIFY2(error.startsWith(truncated + ": "), qPrintable(error));
    }

    void emptyDbFolderHasNoTrace() {
        QTemporaryDir dir;
        writeFile(dir.filePath("x_ascend_pt/profiler_info_0.json"), "{\"rank_id\": 0}");
        QDir().mkpath(dir.filePath("x_ascend_pt/ASCEND_PROFILER_OUTPUT"));
        const QString error = loadErrorOf(dir.filePath("x_ascend_pt").toStdString());
        QVERIFY2(error.contains("no trace_view.json found"), qPrintable(error));
    }

    void textIsPreferredOverTheDb() {
        QTemporaryDir dir;
        const QString output = dir.filePath("both_ascend_pt/ASCEND_PROFILER_OUTPUT");
        QVERIFY(QDir().mkpath(output));
        QVERIFY(
            QFile::copy(QString::fromStdString(kDb0), output + "/ascend_pytorch_profiler_0.db"));
        writeFile(output + "/trace_view.json",
                  "[{\"ph\": \"X\", \"name\": \"a\", \"pid\": 1, \"tid\": 1, \"ts\": 1, "
                  "\"dur\": 2}]");
        const Trace trace = formats::loadTrace(dir.filePath("both_ascend_pt").toStdString());
        QCOMPARE(trace.files.size(), std::size_t(1));
        QVERIFY(!trace.files[0].database);
        QCOMPARE(trace.sliceCount(), std::uint64_t(1));
    }
};

QTEST_APPLESS_MAIN(TestAscendDb)
#include "tst_ascend_db.moc"
