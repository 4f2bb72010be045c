// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Communication ops and where their time went: the real torch_npu exports against torch_npu's
// own numbers (communication.json of the text exports, analysis.db's CommAnalyzerTime of the DB
// exports, and what each op moved between chips against their bandwidth tables), a hand-built
// HCCL op whose main plane and times are worked out by hand, and NCCL kernels, whose waits are
// unknown.
#include "analysis/communication_ops.h"
#include "analysis/device_tasks.h"
#include "ascend_fixture.h"
#include "cluster/link_transfer.h"
#include "formats/trace_loader.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

using namespace lanescope;
using namespace lanescope::analysis;
using Json = nlohmann::json;

namespace {

// torch_npu's numbers for one op, in ms as it writes them.
struct Expected {
    double elapse = 0, transit = 0, wait = 0, synchronization = 0, idle = 0;
    double linkMb = 0, linkMs = 0; // moved between chips: SDMA (HCCS + PCIE + SIO) and RDMA
};

std::map<std::string, Expected> fromCommunicationJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    const Json doc = Json::parse(file.readAll().toStdString());
    std::map<std::string, Expected> out;
    for (const auto& [step, kinds] : doc.items())
        for (const auto& [key, op] : kinds.at("collective").items()) {
            if (key == "Total Op Info") // the step's totals (tst_rank_summary reads them)
                continue;
            const Json& info = op.at("Communication Time Info");
            const Json& links = op.at("Communication Bandwidth Info");
            const auto linkSum = [&](const char* field) {
                return links.at("SDMA").at(field).get<double>() +
                       links.at("RDMA").at(field).get<double>();
            };
            out[key.substr(0, key.find('@'))] = {info.at("Elapse Time(ms)").get<double>(),
                                                 info.at("Transit Time(ms)").get<double>(),
                                                 info.at("Wait Time(ms)").get<double>(),
                                                 info.at("Synchronization Time(ms)").get<double>(),
                                                 info.at("Idle Time(ms)").get<double>(),
                                                 linkSum("Transit Size(MB)"),
                                                 linkSum("Transit Time(ms)")};
        }
    return out;
}

std::map<std::string, Expected> fromAnalysisDb(const QString& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        qFatal("cannot open %s", qPrintable(path));
    sqlite3_stmt* rows = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT hccl_op_name, elapse_time, transit_time, wait_time, "
                       "synchronization_time, idle_time FROM CommAnalyzerTime",
                       -1, &rows, nullptr);
    std::map<std::string, Expected> out;
    while (sqlite3_step(rows) == SQLITE_ROW)
        out[reinterpret_cast<const char*>(sqlite3_column_text(rows, 0))] = {
            sqlite3_column_double(rows, 1), sqlite3_column_double(rows, 2),
            sqlite3_column_double(rows, 3), sqlite3_column_double(rows, 4),
            sqlite3_column_double(rows, 5)};
    sqlite3_finalize(rows);
    sqlite3_prepare_v2(db,
                       "SELECT hccl_op_name, SUM(transit_size), SUM(transit_time) FROM "
                       "CommAnalyzerBandwidth WHERE transport_type IN ('SDMA', 'RDMA') GROUP BY "
                       "hccl_op_name",
                       -1, &rows, nullptr);
    while (sqlite3_step(rows) == SQLITE_ROW) {
        Expected& op = out[reinterpret_cast<const char*>(sqlite3_column_text(rows, 0))];
        op.linkMb = sqlite3_column_double(rows, 1);
        op.linkMs = sqlite3_column_double(rows, 2);
    }
    sqlite3_finalize(rows);
    sqlite3_close(db);
    return out;
}

// ns against torch_npu's ms, within 0.1 µs: each task's duration is rounded to the ns once.
void compareMs(TimeNs ns, double ms, const char* what, const std::string& op) {
    QVERIFY2(std::abs(static_cast<double>(ns) - ms * 1e6) < 100.0,
             qPrintable(QString("%1 %2: %3 ns, torch_npu %4 ms")
                            .arg(QString::fromStdString(op), what)
                            .arg(ns)
                            .arg(ms, 0, 'f', 9)));
}

} // namespace

class TestCommunicationOps : public QObject {
    Q_OBJECT

private slots:
    void realExportsMatchTorchNpu_data() {
        QTest::addColumn<QString>("rank");
        QTest::addColumn<bool>("database");
        for (const char* level : {"level1", "level2"})
            for (const char* rank : {"rank0", "rank1"})
                QTest::addRow("text %s %s", level, rank)
                    << QString("ascend/text/%1/%2_ascend_pt").arg(level, rank) << false;
        for (const char* rank : {"rank0", "rank1"})
            QTest::addRow("db level1 %s", rank)
                << QString("ascend/db/level1/%1_ascend_pt").arg(rank) << true;
    }
    void realExportsMatchTorchNpu() {
        QFETCH(QString, rank);
        QFETCH(bool, database);
        const QString folder = QStringLiteral(LANESCOPE_TEST_DATA "/") + rank;
        const auto expected =
            database ? fromAnalysisDb(folder + "/ASCEND_PROFILER_OUTPUT/analysis.db")
                     : fromCommunicationJson(folder + "/ASCEND_PROFILER_OUTPUT/communication.json");
        QVERIFY(!expected.empty());
        const Trace trace = formats::loadTrace(folder.toStdString());
        const std::vector<CommunicationOp> ops = findCommunicationOps(trace, mapDevices(trace));
        QCOMPARE(ops.size(), expected.size());
        for (const CommunicationOp& op : ops) {
            const SliceTrack& track = trace.sliceTracks[op.slice.track];
            const std::string name(trace.str(track.name(op.slice.slice)));
            const auto it = expected.find(name);
            QVERIFY2(it != expected.end(), name.c_str());
            QCOMPARE(op.type, std::string("hcom_allReduce"));
            QVERIFY(op.timesKnown);
            compareMs(op.elapseNs(), it->second.elapse, "elapse", name);
            compareMs(op.transitNs, it->second.transit, "transit", name);
            compareMs(op.waitNs, it->second.wait, "wait", name);
            compareMs(op.synchronizationNs, it->second.synchronization, "synchronization", name);
            compareMs(op.idleNs(), it->second.idle, "idle", name);
            const std::optional<cluster::LinkTransfer> moved = cluster::linkTransferOf(trace, op);
            QVERIFY2(moved, name.c_str());
            QVERIFY2(std::abs(static_cast<double>(moved->bytes) - it->second.linkMb * 1e6) < 1.0,
                     qPrintable(QString("%1: %2 bytes, torch_npu %3 MB")
                                    .arg(QString::fromStdString(name))
                                    .arg(moved->bytes)
                                    .arg(it->second.linkMb)));
            compareMs(moved->ns, it->second.linkMs, "link transit", name);
        }
        QVERIFY(std::is_sorted(ops.begin(), ops.end(),
                               [](const auto& a, const auto& b) { return a.start < b.start; }));
    }

    // One all-reduce [100, 300) µs. Plane 0 holds an on-chip copy and never waits; Plane 1 is
    // the main plane: a Notify_Wait of 40 (synchronization), a Notify_Record, a Memcpy of 30, a
    // Notify_Wait of 10, a Reduce_Inline of 20; Plane 2 waits 150 but is not read. A task on
    // Plane 1 at 300 (the op's end) belongs to the next op.
    void aHandBuiltOpIsReadOnItsMainPlane() {
        using test::ascendTsText;
        constexpr std::int64_t kHost = 1000;
        constexpr std::int64_t kHardware = (kHost << 10) | (13 << 5);
        constexpr std::int64_t kHccl = (kHost << 10) | (15 << 5);
        const auto meta = [](std::int64_t pid, const char* what, const Json& args,
                             std::int64_t tid = 0) {
            return Json{{"ph", "M"}, {"name", what}, {"pid", pid}, {"tid", tid}, {"args", args}};
        };
        const auto task = [](std::int64_t pid, std::int64_t tid, const char* name, std::int64_t ts,
                             std::int64_t dur) {
            return Json{{"ph", "X"},  {"name", name},           {"pid", pid},
                        {"tid", tid}, {"ts", ascendTsText(ts)}, {"dur", dur}};
        };
        Json events = Json::array(
            {meta(kHardware, "process_name", {{"name", "Ascend Hardware"}}),
             meta(kHardware, "process_labels", {{"labels", "NPU"}}),
             meta(kHardware, "thread_name", {{"name", "Stream 2"}}, 2),
             meta(kHccl, "process_name", {{"name", "HCCL"}}),
             meta(kHccl, "process_labels", {{"labels", "NPU"}}),
             meta(kHccl, "thread_name", {{"name", "Group 0 Communication"}}, 0),
             meta(kHccl, "thread_name", {{"name", "Plane 0"}}, 1),
             meta(kHccl, "thread_name", {{"name", "Plane 1"}}, 2),
             meta(kHccl, "thread_name", {{"name", "Plane 2"}}, 3),
             task(kHardware, 2, "aclnnMul_MulAiCore_Mul", 0, 50),
             task(kHccl, 0, "hcom_allReduce__7_0_1", 100, 200), task(kHccl, 1, "Memcpy", 100, 5),
             task(kHccl, 2, "Notify_Wait", 100, 40), task(kHccl, 2, "Notify_Record", 140, 1),
             task(kHccl, 2, "Memcpy", 141, 30), task(kHccl, 2, "Notify_Wait", 171, 10),
             task(kHccl, 2, "Reduce_Inline", 181, 20), task(kHccl, 2, "Notify_Wait", 300, 7),
             task(kHccl, 3, "Notify_Wait", 100, 150)});
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("hccl_ascend_pt/ASCEND_PROFILER_OUTPUT"));
        test::writeFile(dir, "hccl_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json",
                        QByteArray::fromStdString(events.dump()));
        const Trace trace = formats::loadTrace(dir.filePath("hccl_ascend_pt").toStdString());
        const std::vector<CommunicationOp> ops = findCommunicationOps(trace, mapDevices(trace));
        QCOMPARE(ops.size(), std::size_t{1});
        const CommunicationOp& op = ops.front();
        QCOMPARE(op.type, std::string("hcom_allReduce"));
        QVERIFY(op.timesKnown);
        QCOMPARE(op.elapseNs(), TimeNs{200'000});
        QCOMPARE(op.waitNs, TimeNs{50'000});
        QCOMPARE(op.synchronizationNs, TimeNs{40'000});
        QCOMPARE(op.transitNs, TimeNs{50'000});
        QCOMPARE(op.idleNs(), TimeNs{100'000});
    }

    // NCCL kernels on a GPU stream: ops by type, elapse only.
    void ncclKernelsHaveOnlyTheirElapse() {
        const Json events = Json::array({{{"ph", "X"},
                                          {"cat", "kernel"},
                                          {"name", "ncclKernel_AllReduce_RING_LL_Sum_float"},
                                          {"pid", 0},
                                          {"tid", 20},
                                          {"ts", 100},
                                          {"dur", 30},
                                          {"args", {{"stream", 20}}}},
                                         {{"ph", "X"},
                                          {"cat", "kernel"},
                                          {"name", "ncclDevKernel_AllGather_RING_LL(ncclDevComm*)"},
                                          {"pid", 0},
                                          {"tid", 20},
                                          {"ts", 200},
                                          {"dur", 10},
                                          {"args", {{"stream", 20}}}},
                                         {{"ph", "X"},
                                          {"cat", "kernel"},
                                          {"name", "void gemm_kernel<float>()"},
                                          {"pid", 0},
                                          {"tid", 7},
                                          {"ts", 100},
                                          {"dur", 50},
                                          {"args", {{"stream", 7}}}}});
        const Trace trace =
            test::loadText(QByteArray::fromStdString(Json{{"traceEvents", events}}.dump()));
        const std::vector<CommunicationOp> ops = findCommunicationOps(trace, mapDevices(trace));
        QCOMPARE(ops.size(), std::size_t{2});
        QCOMPARE(ops[0].type, std::string("ncclKernel_AllReduce"));
        QCOMPARE(ops[0].elapseNs(), TimeNs{30'000});
        QCOMPARE(ops[1].type, std::string("ncclDevKernel_AllGather"));
        for (const CommunicationOp& op : ops) {
            QVERIFY(!op.timesKnown);
            QCOMPARE(op.idleNs(), TimeNs{0});
        }
    }

    void opTypes() {
        QCOMPARE(communicationOpType("hcom_allReduce__586_0_1"), std::string("hcom_allReduce"));
        QCOMPARE(communicationOpType("hcom_broadcast_"), std::string("hcom_broadcast_"));
        QCOMPARE(communicationOpType("ncclKernel_AllReduce_RING_LL_Sum_float"),
                 std::string("ncclKernel_AllReduce"));
        QCOMPARE(communicationOpType("ncclDevKernel_SendRecv(ncclDevComm*, unsigned long)"),
                 std::string("ncclDevKernel_SendRecv"));
        QCOMPARE(communicationOpType("c10d::allreduce_"), std::string("c10d::allreduce_"));
    }
};

QTEST_APPLESS_MAIN(TestCommunicationOps)
#include "tst_communication_ops.moc"
