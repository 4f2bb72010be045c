// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// `lanescope-cli analyze` as a user runs it: the JSON shape the issue fixes, the embedded
// sample's top finding, --set overriding thresholds, and the exit codes for bad use.
#include "cli_support.h"

#include <QProcess>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <set>

using Json = nlohmann::json;

namespace {

using lanescope::test::CliRun;
using lanescope::test::runCli;

Json analyzeJson(QStringList extra = {}) {
    const CliRun run = runCli(QStringList{"analyze", "--json", LANESCOPE_SAMPLE} + extra);
    if (run.exitCode != 0)
        qFatal("analyze failed: %s", qPrintable(run.err));
    return Json::parse(run.out.toStdString());
}

} // namespace

class TestCliAnalyze : public QObject {
    Q_OBJECT

private slots:
    void jsonHasTheIssuesShape() {
        const Json j = analyzeJson();
        QVERIFY(j["insights"].is_array() && !j["insights"].empty());
        const std::set<std::string> kinds = {
            "host_blocked_on_device", "device_idle_gap", "small_op_streak",
            "fusion_candidate",       "ai_cpu_op",       "op_compile",
            "dynamic_shape",          "dispatch_bound",  "elementwise_chain",
            "format_conversion"};
        for (const Json& i : j["insights"]) {
            QVERIFY(i["id"].is_string());
            QVERIFY(kinds.count(i["kind"].get<std::string>()));
            const std::string severity = i["severity"].get<std::string>();
            QVERIFY(severity == "high" || severity == "medium" || severity == "low");
            QVERIFY(i["start_ns"].is_number_integer() && i["end_ns"].is_number_integer());
            QVERIFY(i["end_ns"].get<std::int64_t>() >= i["start_ns"].get<std::int64_t>());
            QVERIFY(i["title"].is_string() && i["suggestion"].is_string());
            QVERIFY(i["numbers"].is_object());
            for (const auto& [name, value] : i["numbers"].items())
                QVERIFY2(value.is_number(), name.c_str());
            QVERIFY(i["tracks"].is_array() && !i["tracks"].empty());
            for (const Json& track : i["tracks"])
                QVERIFY(track.is_string());
            if (i["kind"] == "host_blocked_on_device")
                for (const char* key : {"blocked_ns", "waited_ns", "copy_ns", "waited_tasks"})
                    QVERIFY2(i["numbers"][key].is_number_integer(), key);
        }
        QVERIFY(j["summary"]["devices"].is_array());
        QCOMPARE(j["summary"]["devices"].size(), std::size_t(1));
        const Json& device = j["summary"]["devices"][0];
        QCOMPARE(device["device"].get<std::string>(), std::string("NPU 0"));
        for (const char* key : {"span_ns", "busy_ns", "idle_ns"})
            QVERIFY2(device[key].is_number_integer(), key);
        QCOMPARE(device["busy_ns"].get<std::int64_t>() + device["idle_ns"].get<std::int64_t>(),
                 device["span_ns"].get<std::int64_t>());
        QVERIFY(j["thresholds"].is_object());
        QCOMPARE(j["thresholds"]["host_blocked.min_waited_us"].get<double>(), 20.0);
    }

    void sampleTopInsightIsTheToCpu() {
        const Json top = analyzeJson()["insights"][0];
        QCOMPARE(top["kind"].get<std::string>(), std::string("host_blocked_on_device"));
        QCOMPARE(top["severity"].get<std::string>(), std::string("high"));
        QVERIFY(top["title"].get<std::string>().starts_with("aten::to blocked 9.5 ms; the copy "
                                                            "took 14 µs; 95.6 % was waiting for "
                                                            "259 queued NPU tasks"));
        QCOMPARE(top["numbers"]["waited_tasks"].get<int>(), 259);
        QCOMPARE(top["numbers"]["copy_ns"].get<int>(), 13838);
        QCOMPARE(top["tracks"][0].get<std::string>(), std::string("Python / Thread 2480317"));
    }

    void textOutputIsARankedList() {
        const CliRun run = runCli({"analyze", LANESCOPE_SAMPLE});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("1. [high] host_blocked_on_device"), qPrintable(run.out));
        QVERIFY(run.out.contains("aten::to blocked 9.5 ms"));
        QVERIFY(run.out.contains("NPU 0:"));
    }

    void setChangesTheResult() {
        const Json high = analyzeJson({"--set", "host_blocked.high_waited_us=100000"});
        QCOMPARE(high["insights"][0]["severity"].get<std::string>(), std::string("medium"));
        QCOMPARE(high["thresholds"]["host_blocked.high_waited_us"].get<double>(), 100000.0);
        const Json none = analyzeJson({"--set=host_blocked.min_waited_us=20000"});
        for (const Json& insight : none["insights"]) // the other detectors still report
            QVERIFY(insight["kind"] != "host_blocked_on_device");
        QVERIFY(none["insights"].size() < analyzeJson({})["insights"].size());
    }

    void theSummaryHasStepsAndHtaNumbers() {
        const Json summary = analyzeJson()["summary"];
        const Json& steps = summary["steps"];
        QCOMPARE(steps.size(), std::size_t(1)); // ProfilerStep#1 on NPU 0
        const Json& step = steps[0];
        QCOMPARE(step["step"].get<std::string>(), std::string("1"));
        QCOMPARE(step["device"].get<std::string>(), std::string("NPU 0"));
        for (const char* key : {"computing_ns", "communication_ns",
                                "communication_not_overlapped_ns", "overlapped_ns", "free_ns"})
            QVERIFY2(step[key].is_number_integer(), key);
        QCOMPARE(step["computing_ns"].get<std::int64_t>() +
                     step["communication_not_overlapped_ns"].get<std::int64_t>() +
                     step["free_ns"].get<std::int64_t>(),
                 step["window_end_ns"].get<std::int64_t>() -
                     step["window_start_ns"].get<std::int64_t>());
        const Json& temporal = summary["hta"]["temporal"];
        QCOMPARE(temporal.size(), std::size_t(1));
        QCOMPARE(temporal[0]["idle_ns"].get<std::int64_t>() +
                     temporal[0]["compute_ns"].get<std::int64_t>() +
                     temporal[0]["non_compute_ns"].get<std::int64_t>(),
                 temporal[0]["kernel_time_ns"].get<std::int64_t>());
        const Json& idle = summary["hta"]["idle_breakdown"];
        QCOMPARE(idle.size(), std::size_t(1));
        QCOMPARE(idle[0]["stream"].get<std::string>(), std::string("Stream 2"));
        // The NPU never waits for the host in the sample: every gap is a short kernel wait.
        QCOMPARE(idle[0]["host_wait_ns"].get<std::int64_t>(), 0);
        QCOMPARE(idle[0]["kernel_wait_ns"].get<std::int64_t>(),
                 temporal[0]["idle_ns"].get<std::int64_t>());
        const QString text = runCli({"analyze", LANESCOPE_SAMPLE}).out;
        QVERIFY(text.contains("Steps (computing"));
        QVERIFY(text.contains("HTA-compatible temporal breakdown"));
    }

    void unknownSettingIsAUsageError() {
        const CliRun run = runCli({"analyze", LANESCOPE_SAMPLE, "--set", "no_such.knob=1"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("no_such.knob"));
        QVERIFY(run.err.contains("host_blocked.min_waited_us"));
        QCOMPARE(
            runCli({"analyze", LANESCOPE_SAMPLE, "--set", "host_blocked.high_share=lots"}).exitCode,
            1);
        QCOMPARE(runCli({"analyze", LANESCOPE_SAMPLE, "--set"}).exitCode, 1);
        QCOMPARE(runCli({"analyze"}).exitCode, 1);
    }

    void missingFileIsBadInput() {
        const CliRun run = runCli({"analyze", "/nonexistent/trace.json"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("/nonexistent/trace.json"));
    }
};

QTEST_APPLESS_MAIN(TestCliAnalyze)
#include "tst_cli_analyze.moc"
