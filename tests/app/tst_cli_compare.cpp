// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// `lanescope-cli compare` as a user runs it, on the samples that tell the migration story (the
// A10 run against the eager Ascend run, the eager run against the tuned one): the JSON's names
// as the issue writes them, the step pairing with warm-up left out, the ops and kernels one run
// has and the other has not, and bad input (a run that does not load, a step that does not
// exist). Step durations are read from the sample files here, apart from the loader.
#include "cli_support.h"
#include "test_support.h"

#include <QImage>
#include <QtTest>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

using namespace lanescope;
using Json = nlohmann::json;

namespace {

const QString kSamples = QStringLiteral(LANESCOPE_SAMPLES);
const QString kA10 = kSamples + "/bert_a10.pt.trace.json";
const QString kEager = kSamples + "/bert_eager_ascend_pt";
const QString kTuned = kSamples + "/bert_tuned_ascend_pt";

Json compareJson(const QStringList& extra) {
    const test::CliRun run = test::runCli(QStringList{"compare"} + extra + QStringList{"--json"});
    if (run.exitCode != 0)
        qFatal("compare failed: %s", qPrintable(run.err));
    return Json::parse(run.out.toStdString());
}

// ProfilerStep#N → its duration in ns, from the file's own text (µs with 3 decimals).
std::map<std::string, TimeNs> stepDurations(const QString& traceFile) {
    std::ifstream in(traceFile.toStdString());
    const Json doc = Json::parse(in);
    const Json& events = doc.is_array() ? doc : doc["traceEvents"];
    std::map<std::string, TimeNs> out;
    for (const Json& e : events)
        if (e.value("ph", "") == "X" && e.value("name", "").starts_with("ProfilerStep#"))
            out[e["name"]] = test::exactUsToNs(e["dur"]);
    return out;
}

const Json& opNamed(const Json& j, const std::string& name) {
    for (const Json& op : j["ops"])
        if (op["name"] == name)
            return op;
    qFatal("no op %s", name.c_str());
}

} // namespace

class CliCompareTest : public QObject {
    Q_OBJECT

private slots:
    // The A10 run against the eager Ascend run: the A10's warm-up step #5 is left out, #6 pairs
    // with the Ascend run's only step, and the Ascend step is 1.5× as long.
    void a10AgainstAscend() {
        const Json j = compareJson({kA10, kEager});
        for (const char* key :
             {"baseline", "comparison", "step_pairs", "ops", "kernels", "insights"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["baseline"]["path"].get<std::string>(), kA10.toStdString());
        QCOMPARE(j["baseline"]["steps"].size(), std::size_t(2));
        QCOMPARE(j["baseline"]["steps"][0]["chosen"].get<bool>(), false);
        const auto a10 = stepDurations(kA10);
        const auto eager = stepDurations(kEager + "/ASCEND_PROFILER_OUTPUT/trace_view.json");
        QCOMPARE(j["baseline"]["steps"][0]["host_ns"].get<TimeNs>(), a10.at("ProfilerStep#5"));
        QCOMPARE(j["step_pairs"].size(), std::size_t(1));
        const Json& pair = j["step_pairs"][0];
        QCOMPARE(pair["baseline"].get<std::string>(), std::string("ProfilerStep#6"));
        QCOMPARE(pair["comparison"].get<std::string>(), std::string("ProfilerStep#1"));
        QCOMPARE(pair["baseline_ns"].get<TimeNs>(), a10.at("ProfilerStep#6"));
        QCOMPARE(pair["comparison_ns"].get<TimeNs>(), eager.at("ProfilerStep#1"));
        QCOMPARE(pair["diff_ns"].get<TimeNs>(),
                 eager.at("ProfilerStep#1") - a10.at("ProfilerStep#6"));
        for (const char* bucket : {"computing", "conversion", "communication", "copy", "free"})
            QVERIFY2(pair["buckets"][bucket].size() == 2, bucket);
        // Conversion: the Ascend LayerNorm's Cast kernels; none on the GPU.
        QCOMPARE(pair["buckets"]["conversion"][0].get<TimeNs>(), 0);
        QVERIFY(pair["buckets"]["conversion"][1].get<TimeNs>() > 0);
        // GELU: one fused kernel per call on the A10, four on the NPU.
        const Json& gelu = opNamed(j, "aten::gelu");
        QCOMPARE(gelu["baseline"]["count"].get<int>(), 12);
        QCOMPARE(gelu["baseline"]["kernels"].get<int>(), 12);
        QCOMPARE(gelu["comparison"]["kernels"].get<int>(), 48);
        QVERIFY(gelu["ratio"].is_number());
        // Different vendors: no kernel-by-type table (kernel names mean nothing across them).
        QVERIFY(j["kernels"].empty());
        bool toWait = false;
        for (const Json& g : j["insights"]["changed"])
            toWait = toWait || g["subject"] == "aten::to blocked #";
        QVERIFY(toWait);
    }

    // Before and after tuning on the same NPU: the fused npu:: ops replace aten::gelu and the
    // Add+LayerNorm pairs; their kernels appear and the unfused ones are gone.
    void eagerAgainstTuned() {
        const Json j = compareJson({kEager, kTuned});
        QCOMPARE(j["step_pairs"][0]["comparison"].get<std::string>(),
                 std::string("ProfilerStep#2"));
        QVERIFY(j["step_pairs"][0]["diff_ns"].get<TimeNs>() < 0);
        QVERIFY(opNamed(j, "aten::gelu")["comparison"].is_null());
        QVERIFY(opNamed(j, "aten::layer_norm")["comparison"].is_null());
        QVERIFY(opNamed(j, "npu::npu_fast_gelu")["baseline"].is_null());
        QCOMPARE(opNamed(j, "npu::npu_fast_gelu")["comparison"]["kernels"].get<int>(), 12);
        QCOMPARE(opNamed(j, "npu::npu_add_layer_norm")["comparison"]["count"].get<int>(), 24);
        QCOMPARE(opNamed(j, "aten::add")["baseline"]["count"].get<int>(), 72);
        QCOMPARE(opNamed(j, "aten::add")["comparison"]["count"].get<int>(), 48);
        QVERIFY(opNamed(j, "npu::npu_fast_gelu")["ratio"].is_null());
        std::map<std::string, Json> kernels;
        for (const Json& k : j["kernels"])
            kernels[k["type"]] = k;
        QVERIFY(kernels.count("FastGelu") && kernels["FastGelu"]["baseline"].is_null());
        QVERIFY(kernels.count("LayerNormV3") && kernels["LayerNormV3"]["comparison"].is_null());
        QVERIFY(kernels.count("Cast") && kernels["Cast"]["comparison"].is_null());
    }

    void chosenSteps() {
        const Json j = compareJson({kA10, kTuned, "--base-steps", "5-6", "--comp-steps", "1"});
        QCOMPARE(j["step_pairs"].size(), std::size_t(1)); // two chosen against one
        QCOMPARE(j["step_pairs"][0]["baseline"].get<std::string>(), std::string("ProfilerStep#5"));
        QCOMPARE(j["baseline"]["unpaired_steps"][0].get<std::string>(),
                 std::string("ProfilerStep#6"));
    }

    // --report and --out: the review report's sections with the ops the tuning removed and added,
    // its pictures, and one page in each format.
    void reportAndPage() {
        QTemporaryDir dir;
        const QString report = dir.filePath("review");
        const test::CliRun run = test::runCli(
            {"compare", kEager, kTuned, "--report", report, "--out", dir.filePath("page.png")});
        QCOMPARE(run.exitCode, 0);
        QFile md(report + "/report.md");
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(md.readAll());
        QVERIFY(text.contains(" by Lanescope " LANESCOPE_VERSION "_"));
        for (const char* section :
             {"## Runs", "## Steps", "## Operators whose device time changed",
              "## Operators only in the baseline (what the change removed)",
              "## Operators only in the comparison (what the change added)", "## Kernel types",
              "## Findings", "## The two runs, aligned at the compared steps", "## Annotations"})
            QVERIFY2(text.contains(section), section);
        const int removed = text.indexOf("what the change removed");
        const int added = text.indexOf("what the change added");
        QVERIFY(text.indexOf("aten::gelu", removed) < added);
        QVERIFY(text.indexOf("npu::npu_fast_gelu", added) > added);
        QVERIFY(QFile::exists(report + "/report.html"));
        const QImage steps(report + "/images/steps.png");
        const QImage timelines(report + "/images/timelines.png");
        QVERIFY(!steps.isNull() && !timelines.isNull());
        QVERIFY(timelines.height() > 2 * steps.height()); // both timelines under the chart
        const QImage page(dir.filePath("page.png"));
        QCOMPARE(page.width(), 1600);
        for (const char* ext : {"svg", "pdf"}) {
            const QString path = dir.filePath(QStringLiteral("page.") + ext);
            QCOMPARE(test::runCli({"compare", kA10, kEager, "--out", path}).exitCode, 0);
            QVERIFY2(QFileInfo(path).size() > 1000, ext);
        }
        const test::CliRun bad =
            test::runCli({"compare", kA10, kEager, "--out", dir.filePath("page.bmp")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("must end in .png, .svg or .pdf"));
    }

    void badInput() {
        const test::CliRun missing = test::runCli({"compare", kEager, kSamples + "/nothing_here"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("nothing_here"), qPrintable(missing.err));
        QVERIFY2(missing.err.contains("comparison could not be loaded"), qPrintable(missing.err));
        const test::CliRun step = test::runCli({"compare", kA10, kEager, "--comp-steps", "9"});
        QCOMPARE(step.exitCode, 2);
        QVERIFY2(step.err.contains("step 9 is not in this run (its steps: 1)"),
                 qPrintable(step.err));
        QCOMPARE(test::runCli({"compare", kA10}).exitCode, 1);
        // Text for a terminal names the buckets and the ops.
        const test::CliRun text = test::runCli({"compare", kEager, kTuned});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(
            "Operators only in the baseline (what the change removed):\n  aten::"));
        QVERIFY(text.out.contains("npu::npu_fast_gelu"));
        QVERIFY(text.out.contains("conversion"));
    }
};

QTEST_GUILESS_MAIN(CliCompareTest)
#include "tst_cli_compare.moc"
