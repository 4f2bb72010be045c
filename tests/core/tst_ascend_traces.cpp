// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Real torch_npu exports (tests/data/ascend): what the loader builds is compared with counts
// computed independently from a DOM parse, and the Ascend-specific links are checked.
#include "formats/ascend_semantics.h"
#include "formats/load_error.h"
#include "formats/trace_loader.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QtTest>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

using namespace lanescope;
using test::processNamed;
using test::threadNamed;
using Json = nlohmann::json;

namespace {

const QString kText = QStringLiteral(LANESCOPE_TEST_DATA "/ascend/text");

QString traceOf(const QString& level, int rank) {
    return kText + "/" + level + "/rank" + QString::number(rank) +
           "_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json";
}

Json readJson(const QString& path) {
    return Json::parse(test::readWholeFile(path));
}

std::string pidKey(const Json& pid) {
    return pid.dump();
}

std::uint64_t numericArgs(const Json& args) {
    std::uint64_t n = 0;
    for (const auto& [key, value] : args.items())
        n += value.is_number() ? 1 : 0;
    return n;
}

void copyFile(const QString& from, const QString& to, qint64 bytes = -1) {
    QFile in(from);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QFile out(to);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes < 0 ? in.readAll() : in.read(bytes));
}

} // namespace

class TestAscendTraces : public QObject {
    Q_OBJECT

private slots:
    void everyTraceViewLoadsCompletely_data() {
        QTest::addColumn<QString>("path");
        for (const char* level : {"level0", "level1", "level2"})
            for (int rank : {0, 1})
                QTest::newRow(qPrintable(QString(level) + "/rank" + QString::number(rank)))
                    << traceOf(level, rank);
        QTest::newRow("server heatmap")
            << QStringLiteral(LANESCOPE_TEST_DATA "/ascend/server/heatmap_trace_view.json");
    }
    void everyTraceViewLoadsCompletely() {
        QFETCH(QString, path);
        const Json events = readJson(path);
        QVERIFY(events.is_array());
        std::map<std::string, std::uint64_t> phases;
        std::uint64_t complete = 0, samples = 0;
        std::map<std::string, std::string> processNames;
        std::map<std::string, std::int64_t> processSort;
        std::map<std::pair<std::string, std::string>, std::string> threadNames;
        for (const Json& e : events) {
            if (e.empty())
                continue;
            const std::string ph = e.value("ph", "?");
            ++phases[ph];
            complete += ph == "X";
            if (ph == "C")
                samples += numericArgs(e["args"]);
            if (ph != "M")
                continue;
            const std::string name = e["name"];
            if (name == "process_name")
                processNames[pidKey(e["pid"])] = e["args"]["name"];
            else if (name == "process_sort_index")
                processSort[pidKey(e["pid"])] = e["args"]["sort_index"];
            else if (name == "thread_name")
                threadNames[{pidKey(e["pid"]), e["tid"].dump()}] = e["args"]["name"];
        }
        const Trace trace = formats::loadTrace(path.toStdString());
        QCOMPARE(trace.format, std::string("ascend"));
        QCOMPARE(trace.eventsByPhase, phases);
        QCOMPARE(trace.sliceCount(), complete);
        QCOMPARE(trace.counterSampleCount(), samples);

        // Lane names come from the file; lanes are ordered by its sort indexes.
        std::int64_t previousSort = INT64_MIN;
        for (const Process& p : trace.processes) {
            const std::string key = std::to_string(p.pid.number);
            if (processNames.count(key))
                QCOMPARE(std::string(trace.str(p.name)), processNames[key]);
            else
                QVERIFY(trace.str(p.name).substr(0, 15) == "Unnamed process");
            if (processSort.count(key)) {
                QCOMPARE(p.sortIndex, processSort[key]);
                QVERIFY(p.sortIndex >= previousSort);
                previousSort = p.sortIndex;
            }
            for (std::uint32_t t : p.threads) {
                const Thread& thread = trace.threads[t];
                const auto name = threadNames.find({key, std::to_string(thread.tid.number)});
                if (name != threadNames.end())
                    QCOMPARE(std::string(trace.str(thread.name)), name->second);
            }
        }
    }

    void flowIdsSurviveExactly() {
        const Json events = readJson(traceOf("level1", 0));
        std::set<std::uint64_t> asyncNpuIds;
        std::map<std::string, int> hostToDeviceEnds;
        for (const Json& e : events) {
            if (e.value("cat", "") == "async_npu" && e["ph"] == "f")
                asyncNpuIds.insert(e["id"].get<std::uint64_t>());
            if (e.value("cat", "") == "HostToDevice" && e["ph"] == "f")
                ++hostToDeviceEnds[e["id"].get<std::string>()];
        }
        const Trace trace = formats::loadTrace(traceOf("level1", 0).toStdString());
        std::set<std::uint64_t> loadedIds;
        std::map<std::uint64_t, int> endsPerStart;
        std::uint64_t hostToDevice = 0;
        for (const Flow& flow : trace.flows) {
            QVERIFY(flow.bound());
            const std::string_view category = trace.str(flow.category);
            if (category == "async_npu") {
                QVERIFY(!flow.id.isText);
                loadedIds.insert(flow.id.value);
            } else if (category == "HostToDevice") {
                ++hostToDevice;
                ++endsPerStart[(std::uint64_t{flow.from.track} << 32) | flow.from.slice];
            }
        }
        QCOMPARE(loadedIds, asyncNpuIds);
        QVERIFY(*asyncNpuIds.rbegin() > (std::uint64_t{1} << 53));
        int twoEnds = 0;
        for (const auto& [id, n] : hostToDeviceEnds)
            twoEnds += n == 2;
        QVERIFY(twoEnds > 0);
        int loadedTwoEnds = 0;
        for (const auto& [start, n] : endsPerStart)
            loadedTwoEnds += n == 2;
        QCOMPARE(loadedTwoEnds, twoEnds); // one CANN call -> two device tasks, both bound
        QCOMPARE(hostToDevice, std::uint64_t(std::accumulate(
                                   hostToDeviceEnds.begin(), hostToDeviceEnds.end(), 0,
                                   [](int sum, const auto& kv) { return sum + kv.second; })));
    }

    void overlappingHcclTasksAreAllKept() {
        const Json events = readJson(traceOf("level1", 0));
        const Trace trace = formats::loadTrace(traceOf("level1", 0).toStdString());
        const Process* hardware = processNamed(trace, "Ascend Hardware");
        QVERIFY(hardware);
        const Thread* stream4 = threadNamed(trace, *hardware, "Stream 4");
        QVERIFY(stream4);
        std::uint32_t expected = 0;
        for (const Json& e : events)
            expected += e["ph"] == "X" && e["pid"] == hardware->pid.number && e["tid"] == 4;
        const SliceTrack& track = trace.sliceTracks[stream4->sliceTrack];
        QCOMPARE(track.size(), expected);
        QCOMPARE(track.size(), 308u);
        QVERIFY(track.rowCount() > 1);
        for (std::uint16_t r = 0; r < track.rowCount(); ++r)
            for (std::uint32_t k = 1; k < track.sliceCountInRow(r); ++k)
                QVERIFY(track.start(track.sliceAtRowPosition(r, k)) >=
                        track.end(track.sliceAtRowPosition(r, k - 1)));
        QVERIFY(trace.diagnostics.get(diag::kOverlappingSlice) >= 100);
        QCOMPARE(stream4->kind, TrackKind::Device);
    }

    void laneKindsAndDevices() {
        const Trace trace = formats::loadTrace(traceOf("level1", 0).toStdString());
        const auto kindOf = [&](std::string_view process, std::string_view thread) {
            const Process* p = processNamed(trace, process);
            const Thread* t = p ? threadNamed(trace, *p, thread) : nullptr;
            return t ? t->kind : TrackKind::Other;
        };
        QCOMPARE(kindOf("Python", "Thread 3096504"), TrackKind::Host);
        QCOMPARE(kindOf("CANN", "Thread 3099702"), TrackKind::Host);
        QCOMPARE(kindOf("Ascend Hardware", "Stream 2"), TrackKind::Device);
        QCOMPARE(kindOf("HCCL", "Group 0 Communication"), TrackKind::Device);
        QCOMPARE(kindOf("HCCL", "Plane 3"), TrackKind::Device);
        QCOMPARE(kindOf("Overlap Analysis", "Computing"), TrackKind::Derived);
        const Process* hardware = processNamed(trace, "Ascend Hardware");
        QCOMPARE(hardware->deviceId.value_or(-1), std::int64_t{0});
        QCOMPARE(formats::decodeCannPid(hardware->pid.number).hostPid,
                 processNamed(trace, "Python")->pid.number);
        QVERIFY(!processNamed(trace, "HBM")->counters.empty());
    }

    void level0OrphansGetAName() {
        const Trace trace = formats::loadTrace(traceOf("level0", 0).toStdString());
        const Process* orphan = nullptr;
        for (const Process& p : trace.processes)
            if (trace.str(p.name).substr(0, 15) == "Unnamed process")
                orphan = &p;
        QVERIFY(orphan);
        QVERIFY(trace.str(orphan->name).find("host pid") != std::string_view::npos);
        QVERIFY(!orphan->threads.empty()); // its thread names survived the pruning
        QVERIFY(trace.diagnostics.get(diag::kFlowUnbound) > 0); // launches were pruned
    }

    void deviceTasksKnowTheirLaunchAndOp() {
        const Trace trace = formats::loadTrace(traceOf("level1", 0).toStdString());
        const formats::AscendLinkStats stats = formats::ascendLinkStats(trace);
        QVERIFY(stats.deviceTasks > 500);
        QVERIFY(stats.withLaunch * 100 >= stats.deviceTasks * 99);
        QVERIFY(stats.withHostOp * 100 >= stats.deviceTasks * 99);
        const Process* cann = processNamed(trace, "CANN");
        for (const TaskLink& link : trace.taskLinks) {
            if (link.launch.valid()) {
                bool onCann = false;
                for (std::uint32_t t : cann->threads)
                    onCann = onCann || trace.threads[t].sliceTrack == link.launch.track;
                QVERIFY(onCann);
            }
            if (link.hostOp.valid())
                QCOMPARE(
                    trace.str(trace.sliceTracks[link.hostOp.track].category(link.hostOp.slice)),
                    std::string_view("cpu_op"));
        }
    }

    void multiRankJobKeepsRanksApart() {
        const Trace trace = formats::loadTrace((kText + "/level1").toStdString());
        QCOMPARE(trace.files.size(), std::size_t{2});
        QCOMPARE(trace.files[0].rank.value_or(-1), std::int64_t{0});
        QCOMPARE(trace.files[1].rank.value_or(-1), std::int64_t{1});
        std::uint32_t previousFile = 0;
        for (const Process& p : trace.processes) {
            QVERIFY(p.sourceFile >= previousFile);
            previousFile = p.sourceFile;
        }
        QVERIFY(processNamed(trace, "Ascend Hardware", 0));
        QVERIFY(processNamed(trace, "Ascend Hardware", 1));
        // Flow ids repeat across ranks ("936" in both): flows never cross files.
        for (const Flow& flow : trace.flows) {
            const auto fileOfTrack = [&](std::uint32_t track) {
                for (const Thread& t : trace.threads)
                    if (t.sliceTrack == track)
                        return trace.processes[t.process].sourceFile;
                return kNoIndex;
            };
            QCOMPARE(fileOfTrack(flow.from.track), fileOfTrack(flow.to.track));
        }
        QCOMPARE(trace.steps.size(), std::size_t{2});
    }

    void sideFilesJoinTheirTasks() {
        const Trace trace = formats::loadTrace((kText + "/level1").toStdString());
        std::uint64_t kernelRows = 0, joined = 0;
        for (const SideFileSummary& f : trace.sideFiles) {
            QVERIFY2(f.error.empty(), f.error.c_str());
            if (f.joinsTasks) {
                kernelRows += f.rows;
                joined += f.joined;
            }
        }
        QCOMPARE(kernelRows, std::uint64_t{382});
        QCOMPARE(joined, kernelRows);
        QCOMPARE(trace.taskDetails.size(), std::size_t(joined));
        std::set<std::string_view> cores;
        for (const DeviceTaskDetail& d : trace.taskDetails)
            cores.insert(trace.str(d.acceleratorCore));
        QVERIFY(cores.count("AI_CORE") == 1);
        QCOMPARE(trace.profilerSteps.size(), std::size_t{2});
        QCOMPARE(trace.profilerSteps.front().step.value_or(-1), std::int64_t{50});
        QCOMPARE(trace.profilerSteps.front().computingUs, 8873.756000000001);
    }

    void damagedRanksAndSideFiles() {
        QTemporaryDir dir;
        QDir root(dir.path());
        for (const char* rank : {"rank0_ascend_pt", "rank1_ascend_pt"})
            QVERIFY(root.mkpath(QString(rank) + "/ASCEND_PROFILER_OUTPUT"));
        const QString out0 = dir.filePath("rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/");
        const qint64 size = QFileInfo(traceOf("level1", 0)).size();
        copyFile(traceOf("level1", 0), out0 + "trace_view.json", size * 6 / 10); // cut mid-file
        test::writeFile(dir, "rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv",
                        "Name,Start Time(us),Duration(us)\r\n\"unterminated,1,2\r\n");
        test::writeFile(dir, "rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json",
                        "this is not json");
        QVERIFY(root.mkpath("rank2_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json")); // a folder
        const Trace trace = formats::loadTrace(dir.path().toStdString());
        QVERIFY(trace.sliceCount() > 1000);
        QVERIFY(std::any_of(trace.notes.begin(), trace.notes.end(), [](const std::string& note) {
            return note.find("ignored") == 0 && note.find("rank2_ascend_pt") != std::string::npos;
        }));
        QCOMPARE(trace.diagnostics.get(diag::kTruncatedInput), 1u);
        QCOMPARE(trace.diagnostics.get("rank_not_loaded"), 1u);
        QCOMPARE(trace.diagnostics.get("side_file_unreadable"), 1u);
        QVERIFY(!trace.notes.empty()); // analyse.done is missing
    }

    void inputsWithNothingToShow() {
        // Metadata only (23 process and thread names): a trace without events, as the format
        // allows; its lanes are there, empty.
        const Trace tiny =
            formats::loadTrace(LANESCOPE_TEST_DATA "/ascend/server/trace_view_tiny.json");
        QCOMPARE(tiny.sliceCount(), std::uint64_t(0));
        QVERIFY(!tiny.processes.empty());
        QTemporaryDir dir;
        QDir(dir.path()).mkpath("job/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT");
        try {
            formats::loadTrace(dir.filePath("job").toStdString());
            QFAIL("a job folder without traces must not load");
        } catch (const formats::LoadError& error) {
            QVERIFY2(error.message().find("no trace_view.json") != std::string::npos, error.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestAscendTraces)
#include "tst_ascend_traces.moc"
