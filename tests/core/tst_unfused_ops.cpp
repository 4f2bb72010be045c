// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The unfused operators the seed names: chains of small elementwise kernels (activations, norms,
// softmaxes written out op by op) with their device-time saving, whether or not the device
// idles, and format conversions (TransData, Cast, Transpose) with their share of kernel time.
// Hand-built Kineto traces with exact answers, the embedded samples, and the real torch_npu
// exports against tests/oracle/format_conversion_oracle.py.
#include "analysis/detect_insights.h"
#include "analysis/device_tasks.h"
#include "analysis/elementwise_chain.h"
#include "analysis/format_conversion.h"
#include "analysis/insight.h"
#include "test_support.h"

#include <QtTest>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace lanescope;
using namespace lanescope::analysis;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t kBaseUs = 1'000'000;
constexpr TimeNs kUs = 1000;

struct Op {
    std::string name; // the torch op ("aten::mul")
    double us;        // its kernel's device time
};

// A Kineto trace whose host launches every op far ahead of the GPU (a queue backlog): each op
// is a cpu_op with a cudaLaunchKernel inside, 10 µs apart on the host, and the GPU runs the
// kernels back to back from t = 50 µs with no gap at all.
Json backlogTrace(const std::vector<Op>& ops) {
    Json events = Json::array();
    events.push_back({{"ph", "M"},
                      {"name", "process_labels"},
                      {"pid", 0},
                      {"tid", 0},
                      {"args", {{"labels", "GPU 0"}}}});
    double host = 0, gpu = 50;
    int correlation = 0;
    for (const Op& op : ops) {
        ++correlation;
        events.push_back({{"ph", "X"},
                          {"cat", "cpu_op"},
                          {"name", op.name},
                          {"pid", 100},
                          {"tid", 100},
                          {"ts", kBaseUs + host},
                          {"dur", 8}});
        events.push_back({{"ph", "X"},
                          {"cat", "cuda_runtime"},
                          {"name", "cudaLaunchKernel"},
                          {"pid", 100},
                          {"tid", 100},
                          {"ts", kBaseUs + host + 2},
                          {"dur", 4},
                          {"args", {{"correlation", correlation}}}});
        events.push_back({{"ph", "X"},
                          {"cat", "kernel"},
                          {"name", "void at::native::vectorized_elementwise_kernel<4>()"},
                          {"pid", 0},
                          {"tid", 7},
                          {"ts", kBaseUs + gpu},
                          {"dur", op.us},
                          {"args", {{"correlation", correlation}, {"stream", 7}}}});
        host += 10;
        gpu += op.us;
    }
    return {{"traceEvents", events}};
}

Trace load(const Json& doc) {
    return test::loadText(QByteArray::fromStdString(doc.dump()));
}

// One layer: a GEMM, then GELU written out as in the issue (0.5 * x * (1 + tanh(sqrt(2/pi) *
// (x + 0.044715 * x^3)))), nine kernels of 2.5-3.3 µs.
std::vector<Op> geluLayer() {
    return {{"aten::linear", 120}, {"aten::mul", 2.5}, {"aten::pow", 3.3},  {"aten::mul", 2.6},
            {"aten::add", 2.7},    {"aten::mul", 2.5}, {"aten::tanh", 3.1}, {"aten::add", 2.8},
            {"aten::mul", 2.6},    {"aten::mul", 2.9}};
}

const Insight* findKind(const std::vector<Insight>& insights, InsightKind kind) {
    const auto it = std::find_if(insights.begin(), insights.end(),
                                 [&](const Insight& i) { return i.kind == kind; });
    return it == insights.end() ? nullptr : &*it;
}

} // namespace

class TestUnfusedOps : public QObject {
    Q_OBJECT

private slots:
    void opNamesNormalize() {
        QCOMPARE(elementwiseOpOf("aten::mul"), std::string("mul"));
        QCOMPARE(elementwiseOpOf("aten::mul_"), std::string("mul"));
        QCOMPARE(elementwiseOpOf("Muls"), std::string("mul"));
        QCOMPARE(elementwiseOpOf("RealDiv"), std::string("div"));
        QCOMPARE(elementwiseOpOf("ReduceMaxD"), std::string("max"));
        QCOMPARE(elementwiseOpOf("aten::amax"), std::string("max"));
        QCOMPARE(elementwiseOpOf("ConcatD"), std::string("cat"));
        QCOMPARE(elementwiseOpOf("Square"), std::string("pow"));
        QCOMPARE(elementwiseOpOf("aten::linear"), std::string());
        QCOMPARE(elementwiseOpOf("MatMulV2"), std::string());
    }

    // The case: 12 layers of a tanh-GELU written out as nine kernels, run back to back
    // from a backlog, so the device never idles and no launch gap exists to save. The saving is
    // device time: per layer the nine kernels' 25.0 µs minus the longest (pow, 3.3 µs).
    void geluWrittenOutOnABusyDevice() {
        std::vector<Op> ops;
        for (int layer = 0; layer < 12; ++layer)
            for (const Op& op : geluLayer())
                ops.push_back(op);
        const Trace trace = load(backlogTrace(ops));
        const DeviceMap devices = mapDevices(trace);
        QCOMPARE(devices.devices[0].idleNs(), TimeNs{0}); // back to back
        const auto chains = findElementwiseChains(trace, devices, Thresholds());
        QCOMPARE(chains.size(), std::size_t(1));
        const ElementwiseChain& g = chains[0];
        QCOMPARE(g.occurrences, 12u);
        QCOMPARE(g.length(), 9u);
        QCOMPARE(g.known, std::string_view("gelu_tanh"));
        QCOMPARE(g.busyNs, 12 * 25'000);
        QCOMPARE(g.savingNs, 12 * (25'000 - 3'300));
        QCOMPARE(g.tasks.size(), std::size_t(108));

        const auto insights = detectInsights(trace, devices, Thresholds());
        const Insight* i = findKind(insights, InsightKind::ElementwiseChain);
        QVERIFY(i);
        QCOMPARE(i->timeAtStake, 12 * 21'700);
        QCOMPARE(i->cause, std::string("gelu_tanh"));
        QCOMPARE(i->number(Number::Occurrences), 12.0);
        QCOMPARE(i->title,
                 std::string("aten::mul → aten::pow → aten::mul → aten::add → … (tanh-GELU "
                             "written out as 9 kernels) ran 12 times on GPU 0: 300 µs of device "
                             "time; a fused kernel would save about 260 µs (each chain's time "
                             "minus its longest kernel); launched by aten::mul, aten::add, "
                             "aten::pow, …"));
        QVERIFY2(i->suggestion.find("F.gelu(x, approximate='tanh')") != std::string::npos,
                 i->suggestion.c_str());
        // Neither launch-gap detector sees it: there are no gaps.
        QVERIFY(!findKind(insights, InsightKind::SmallOpStreak));
    }

    // Each known decomposition, three times, is recognised and named with its fused API.
    void knownDecompositions_data() {
        QTest::addColumn<QStringList>("ops");
        QTest::addColumn<QString>("cause");
        QTest::addColumn<QString>("api");
        QTest::newRow("SiLU") << QStringList{"aten::sigmoid", "aten::mul"} << "silu"
                              << "F.silu(x)";
        QTest::newRow("SwiGLU") << QStringList{"aten::sigmoid", "aten::mul", "aten::mul"}
                                << "swiglu"
                                << "fused SwiGLU";
        QTest::newRow("RMSNorm") << QStringList{"aten::pow",   "aten::mean", "aten::add",
                                                "aten::rsqrt", "aten::mul",  "aten::mul"}
                                 << "rms_norm"
                                 << "torch.nn.functional.rms_norm";
        QTest::newRow("rotary") << QStringList{"aten::mul", "aten::neg", "aten::cat", "aten::mul",
                                               "aten::add"}
                                << "rotary"
                                << "apply_rotary_emb";
        QTest::newRow("softmax") << QStringList{"aten::amax", "aten::sub", "aten::exp", "aten::sum",
                                                "aten::div"}
                                 << "softmax"
                                 << "torch.softmax(x, dim)";
        QTest::newRow("erf-GELU") << QStringList{"aten::div", "aten::erf", "aten::add", "aten::mul",
                                                 "aten::mul"}
                                  << "gelu_erf"
                                  << "F.gelu(x)";
        QTest::newRow("generic") << QStringList{"aten::mul", "aten::exp", "aten::abs"} << "generic"
                                 << "torch.compile";
    }

    void knownDecompositions() {
        QFETCH(QStringList, ops);
        QFETCH(QString, cause);
        QFETCH(QString, api);
        std::vector<Op> trace;
        for (int layer = 0; layer < 3; ++layer) {
            trace.push_back({"aten::linear", 100});
            for (const QString& op : ops)
                trace.push_back({op.toStdString(), 4});
        }
        const Trace t = load(backlogTrace(trace));
        const auto insights = detectElementwiseChains(t, mapDevices(t), Thresholds());
        QCOMPARE(insights.size(), std::size_t(1));
        QCOMPARE(insights[0].cause, cause.toStdString());
        QCOMPARE(insights[0].timeAtStake, 3 * (ops.size() - 1) * 4 * kUs);
        QVERIFY2(insights[0].suggestion.find(api.toStdString()) != std::string::npos,
                 insights[0].suggestion.c_str());
    }

    // A chain ends at a kernel that is not elementwise, at a long kernel and at a long gap;
    // fewer occurrences than elementwise.min_occurrences are not reported.
    void chainsEndWhereTheExpressionEnds() {
        std::vector<Op> ops;
        for (int layer = 0; layer < 3; ++layer) {
            ops.push_back({"aten::linear", 100});
            ops.push_back({"aten::mul", 3});
            ops.push_back({"aten::exp", 3});
            ops.push_back({"aten::add", 30}); // too long: ends the chain, not in it
            ops.push_back({"aten::mul", 3});
        }
        const Trace trace = load(backlogTrace(ops));
        const DeviceMap devices = mapDevices(trace);
        // mul → exp is two kernels and no known decomposition: below min_length.
        QVERIFY(findElementwiseChains(trace, devices, Thresholds()).empty());
        Thresholds th;
        QVERIFY(th.set("elementwise.min_length", 2));
        auto chains = findElementwiseChains(trace, devices, th);
        QCOMPARE(chains.size(), std::size_t(1));
        QCOMPARE(chains[0].ops, (std::vector<std::string>{"mul", "exp"}));
        QCOMPARE(chains[0].savingNs, 3 * 3 * kUs);
        QVERIFY(th.set("elementwise.min_occurrences", 4));
        QVERIFY(findElementwiseChains(trace, devices, th).empty());
        QVERIFY(th.set("elementwise.min_occurrences", 3));
        QVERIFY(th.set("elementwise.max_task_us", 40)); // now the add joins: mul exp add mul
        chains = findElementwiseChains(trace, devices, th);
        QCOMPARE(chains.size(), std::size_t(1));
        QCOMPARE(chains[0].length(), 4u);
        QCOMPARE(chains[0].savingNs, 3 * 9 * kUs); // 39 µs minus the 30 µs add, three times
    }

    // The embedded samples, as a user comparing them sees it: the eager run writes attention's
    // scale, mask and softmax out as seven kernels and GELU as four; after tuning the GELU is
    // one FastGelu kernel and its chain is gone, the softmax chain is still there.
    void samplesBeforeAndAfterTuning() {
        const Trace eager = formats::loadTrace(LANESCOPE_SAMPLE);
        const auto before = findElementwiseChains(eager, mapDevices(eager), Thresholds());
        QCOMPARE(before.size(), std::size_t(2));
        QCOMPARE(before[0].known, std::string_view("scaled_masked_softmax"));
        QCOMPARE(before[0].length(), 7u);
        QCOMPARE(before[1].known, std::string_view("gelu_tanh"));
        QCOMPARE(before[1].length(), 4u);
        QCOMPARE(before[1].occurrences, 12u);
        const Trace tuned = formats::loadTrace(LANESCOPE_SAMPLES "/bert_tuned_ascend_pt");
        const auto after = findElementwiseChains(tuned, mapDevices(tuned), Thresholds());
        QVERIFY(std::none_of(after.begin(), after.end(),
                             [](const ElementwiseChain& g) { return g.known == "gelu_tanh"; }));
        QVERIFY(std::any_of(after.begin(), after.end(), [](const ElementwiseChain& g) {
            return g.known == "scaled_masked_softmax";
        }));
        const auto insights = detectElementwiseChains(eager, mapDevices(eager), Thresholds());
        QVERIFY(insights[0].suggestion.find("torch_npu.npu_scaled_masked_softmax") !=
                std::string::npos);
        QVERIFY(insights[1].suggestion.find("torch_npu.npu_fast_gelu") != std::string::npos);
    }

    // The real Level1/Level2 exports: TransData, Transpose and Cast against the kernel table
    // (tests/oracle/format_conversion_oracle.py): 1547.946 µs of 8873.737 µs (66 kernels) on
    // level1 rank 0, 1535.181 of 8902.276 (66) on level2 rank 1. The trace's durations are
    // rounded to the ns per kernel, hence 1 ns per kernel of slack.
    void formatConversionOnRealExports_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<qint64>("conversionNs");
        QTest::addColumn<qint64>("kernelNs");
        QTest::newRow("level1/rank0")
            << "level1/rank0_ascend_pt" << qint64(1'547'946) << qint64(8'873'737);
        QTest::newRow("level2/rank1")
            << "level2/rank1_ascend_pt" << qint64(1'535'181) << qint64(8'902'276);
    }

    void formatConversionOnRealExports() {
        QFETCH(QString, folder);
        QFETCH(qint64, conversionNs);
        QFETCH(qint64, kernelNs);
        const Trace trace = formats::loadTrace(std::string(LANESCOPE_TEST_DATA "/ascend/text/") +
                                               folder.toStdString());
        const DeviceMap devices = mapDevices(trace);
        const auto summaries = summarizeFormatConversions(trace, devices);
        QCOMPARE(summaries.size(), std::size_t(1));
        const FormatConversionSummary& s = summaries[0];
        QCOMPARE(s.tasks.size(), std::size_t(66));
        QVERIFY2(std::abs(s.conversionNs - conversionNs) <= 66,
                 std::to_string(s.conversionNs).c_str());
        QVERIFY2(std::abs(s.kernelNs - kernelNs) <= 191, std::to_string(s.kernelNs).c_str());
        QCOMPARE(std::string(trace.str(s.types[0].name)), std::string("TransData"));
        QCOMPARE(s.types[0].count, 57u);
        const auto insights = detectInsights(trace, devices, Thresholds());
        const Insight* i = findKind(insights, InsightKind::FormatConversion);
        QVERIFY(i);
        QVERIFY2(i->title.starts_with("Format and type conversions took 17."), i->title.c_str());
        QVERIFY(i->suggestion.find("allow_internal_format = False") != std::string::npos);
        Thresholds strict;
        QVERIFY(strict.set("format_conversion.min_share", 0.2));
        QVERIFY(detectFormatConversions(trace, devices, strict).empty());
    }

    // The DB export of the same job finds the same share: its communication op's own task on
    // a compute stream (88 ms, no COMPUTE_TASK_INFO row) is the all-reduce, not a kernel.
    void formatConversionInTheDbExport() {
        const Trace trace =
            formats::loadTrace(LANESCOPE_TEST_DATA "/ascend/db/level1/rank0_ascend_pt");
        const auto summaries = summarizeFormatConversions(trace, mapDevices(trace));
        QCOMPARE(summaries.size(), std::size_t(1));
        QVERIFY2(summaries[0].share() > 0.15 && summaries[0].share() < 0.20,
                 std::to_string(summaries[0].share()).c_str());
    }
};

QTEST_GUILESS_MAIN(TestUnfusedOps)
#include "tst_unfused_ops.moc"
