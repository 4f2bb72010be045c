// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Every real Kineto trace in tests/data/kineto loads completely: the counts the loader reports
// are compared with counts computed independently from a DOM parse of the same file.
#include "formats/kineto_semantics.h"
#include "formats/trace_loader.h"
#include "test_support.h"

#include <QDir>
#include <QtTest>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <zlib.h>

using namespace lanescope;
using Json = nlohmann::json;

namespace {

const Json& eventsOf(const Json& document) {
    return document.is_array() ? document : document.at("traceEvents");
}

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string categoryOf(const Json& e) {
    auto it = e.find("cat");
    return it != e.end() && it->is_string() ? lower(it->get<std::string>()) : "";
}

struct Oracle {
    std::map<std::string, std::uint64_t> phases;
    std::uint64_t complete = 0;
    std::uint64_t instants = 0;
    std::uint64_t flows = 0;
    std::uint64_t deviceOps = 0;
    std::uint64_t linkable = 0;
};

Oracle computeOracle(const Json& events) {
    static const std::set<std::string> device = {"kernel", "gpu_memcpy", "gpu_memset",
                                                 "memcpy", "memset",     "mtia_ccp_events"};
    static const std::set<std::string> launch = {
        "cuda_runtime",       "cuda_driver", "runtime",      "mtia_runtime",
        "xpu_runtime",        "xpu_driver",  "glow_runtime", "privateuse1_runtime",
        "privateuse1_driver", "hip_runtime"};
    Oracle o;
    std::set<std::int64_t> launchCorrelations;
    std::vector<std::int64_t> opCorrelations;
    // (cat, name, id) -> list of (ts, phase rank)
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::pair<double, int>>>
        flowGroups;
    for (const Json& e : events) {
        if (e.is_object() && e.empty())
            continue;
        const auto ph = e.find("ph");
        const std::string phase = ph != e.end() && ph->is_string() ? ph->get<std::string>() : "?";
        ++o.phases[phase];
        const std::string cat = categoryOf(e);
        if (phase == "X") {
            ++o.complete;
            const Json* args = e.contains("args") ? &e["args"] : nullptr;
            const bool hasCorrelation =
                args && args->contains("correlation") && (*args)["correlation"].is_number();
            if (launch.count(cat) && hasCorrelation)
                launchCorrelations.insert((*args)["correlation"].get<std::int64_t>());
            if (device.count(cat)) {
                ++o.deviceOps;
                opCorrelations.push_back(hasCorrelation ? (*args)["correlation"].get<std::int64_t>()
                                                        : std::int64_t{-1});
            }
        } else if (phase == "i" || phase == "I") {
            ++o.instants;
        } else if (phase == "s" || phase == "t" || phase == "f") {
            flowGroups[{e.value("cat", ""), e.value("name", ""), e["id"].dump()}].push_back(
                {e["ts"].get<double>(), phase == "s"   ? 0
                                        : phase == "t" ? 1
                                                       : 2});
        }
    }
    for (auto& [key, group] : flowGroups) {
        std::sort(group.begin(), group.end());
        bool started = false;
        for (const auto& [ts, rank] : group) {
            if (rank > 0 && started)
                ++o.flows;
            started = started || rank < 2;
        }
    }
    for (std::int64_t c : opCorrelations)
        o.linkable += launchCorrelations.count(c);
    return o;
}

} // namespace

class TestRealTraces : public QObject {
    Q_OBJECT

private slots:
    void loadsCompletely_data() {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(LANESCOPE_TEST_DATA "/kineto"));
        const QStringList files = dir.entryList({"*.json", "*.json.gz"}, QDir::Files);
        QVERIFY(files.size() >= 10);
        for (const QString& file : files)
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    void loadsCompletely() {
        QFETCH(QString, path);
        const Json document = Json::parse(test::readWholeFile(path));
        const Oracle oracle = computeOracle(eventsOf(document));
        const Trace trace = formats::loadTrace(path.toStdString());

        QCOMPARE(trace.format, std::string("kineto"));
        QCOMPARE(trace.eventsByPhase, oracle.phases);
        QCOMPARE(trace.sliceCount(), oracle.complete);
        QCOMPARE(trace.instantCount(), oracle.instants);

        std::uint64_t eventFlows = 0;
        for (const Flow& flow : trace.flows) {
            QVERIFY2(flow.bound(), "every flow of a real trace binds to slices at both ends");
            eventFlows += flow.origin == FlowOrigin::FlowEvents ? 1 : 0;
        }
        QCOMPARE(eventFlows, oracle.flows);

        const formats::LaunchLinkStats links = formats::launchLinkStats(trace);
        QCOMPARE(links.deviceOps, oracle.deviceOps);
        QCOMPARE(links.linked, oracle.linkable);

        for (const Thread& thread : trace.threads) {
            if (thread.sliceTrack == kNoIndex)
                continue;
            const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
            bool hasKernel = false;
            for (std::uint32_t i = 0; i < track.size() && !hasKernel; ++i)
                hasKernel = lower(std::string(trace.str(track.category(i)))) == "kernel";
            if (hasKernel)
                QCOMPARE(thread.kind, TrackKind::Device);
            // Rows hold disjoint slices: the level-of-detail renderer relies on it.
            for (std::uint16_t r = 0; r < track.rowCount(); ++r)
                for (std::uint32_t k = 1; k < track.sliceCountInRow(r); ++k)
                    QVERIFY(track.start(track.sliceAtRowPosition(r, k)) >=
                            track.end(track.sliceAtRowPosition(r, k - 1)));
        }
    }

    void alexnetDetails() {
        const Trace trace = formats::loadTrace(
            LANESCOPE_TEST_DATA
            "/kineto/hta__alexnet__benchmark_result_2869224_1695835535_trace.json.gz");
        QCOMPARE(trace.metadata.rank.value_or(-1), 0);
        QCOMPARE(trace.metadata.devices.size(), std::size_t{8});
        QCOMPARE(trace.metadata.devices.front().name, std::string("NVIDIA A100-PG509-200"));
        // Host process first (sort index = its pid), GPU 0 after, the "Spans" process last.
        QCOMPARE(trace.processes.front().pid.number, std::int64_t{2869224});
        QVERIFY(trace.processes.back().pid.isText);
        QCOMPARE(trace.str(trace.processes.back().pid.text), std::string_view("Spans"));
        // Integer µs timestamps become exact ns.
        QCOMPARE(trace.spanStart, TimeNs{1695835542481129000});
    }

    void modernKinetoKeepsNanoseconds() {
        const Trace trace = formats::loadTrace(
            LANESCOPE_TEST_DATA "/kineto/kineto__docs_traces__before_fix_trace.json");
        QVERIFY(trace.metadata.baseTimeNs.has_value());
        const Thread* stream = nullptr;
        for (const Thread& t : trace.threads)
            if (t.kind == TrackKind::Device)
                stream = &t;
        QVERIFY(stream);
        // Kernel times end in a 3-digit ns fraction; they must not be rounded to µs.
        const SliceTrack& track = trace.sliceTracks[stream->sliceTrack];
        bool sawFraction = false;
        for (std::uint32_t i = 0; i < track.size(); ++i)
            sawFraction = sawFraction || track.start(i) % 1000 != 0;
        QVERIFY(sawFraction);
    }

    void deviceWorkKnowsItsLaunchAndOp() {
        const Trace trace = formats::loadTrace(
            LANESCOPE_TEST_DATA "/kineto/hta__cuda_event_sync__event_sync_trace.json.gz");
        QCOMPARE(trace.taskLinks.size(), std::size_t{5});
        bool sawCopy = false;
        std::size_t withOp = 0;
        for (const TaskLink& link : trace.taskLinks) {
            QVERIFY(link.launch.valid());
            withOp += link.hostOp.valid() ? 1 : 0;
            if (test::nameOf(trace, link.task).rfind("Memcpy DtoH", 0) == 0) {
                sawCopy = true;
                QCOMPARE(test::nameOf(trace, link.launch), std::string("cudaMemcpyAsync"));
                QCOMPARE(test::nameOf(trace, link.hostOp),
                         std::string("aten::_local_scalar_dense"));
            }
        }
        QVERIFY(sawCopy); // the .item() copy: launched by cudaMemcpyAsync inside aten::item
        QCOMPARE(withOp, std::size_t{4}); // the spin kernel is launched outside any torch op
    }

    void legacyStringTidsJoinTheirThread() {
        const Trace trace = formats::loadTrace(
            LANESCOPE_TEST_DATA
            "/kineto/"
            "kineto__tbplugin_resnet50_num_workers_0__worker0.1623143089861.pt.trace.json.gz");
        QCOMPARE(trace.steps.size(), std::size_t{6});
        QVERIFY(trace.diagnostics.get(diag::kFlowUnbound) == 0);
    }
};

QTEST_APPLESS_MAIN(TestRealTraces)
#include "tst_real_traces.moc"
