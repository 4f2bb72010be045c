// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Operator statistics and the comparison of two runs: hand-built Kineto- and Ascend-shaped runs
// with answers worked out by hand (nested and wrapper ops, a backward thread, a device that lags
// the host by a whole step, the task queue), the sequence alignment against a full-table LCS on
// random sequences, and step choice and pairing.
#include "analysis/op_stats.h"
#include "analysis/slice_kind.h"
#include "compare/run_comparison.h"
#include "compare/sequence_alignment.h"
#include "test_support.h"

#include <QDir>
#include <QtTest>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

using namespace lanescope;
using namespace lanescope::analysis;
using namespace lanescope::compare;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t kBaseUs = 1'000'000;
constexpr TimeNs kUs = 1000;
constexpr int kMainTid = 100;
constexpr int kBackwardTid = 101;

// A Kineto-like run written event by event; times in µs after kBaseUs.
class KinetoRun {
public:
    void op(const std::string& name, std::int64_t ts, std::int64_t dur, int tid = kMainTid) {
        events_.push_back({{"ph", "X"},
                           {"cat", "cpu_op"},
                           {"name", name},
                           {"pid", 100},
                           {"tid", tid},
                           {"ts", kBaseUs + ts},
                           {"dur", dur}});
    }
    void step(int number, std::int64_t ts, std::int64_t dur) {
        events_.push_back({{"ph", "X"},
                           {"cat", "user_annotation"},
                           {"name", "ProfilerStep#" + std::to_string(number)},
                           {"pid", 100},
                           {"tid", kMainTid},
                           {"ts", kBaseUs + ts},
                           {"dur", dur}});
    }
    // A launch call at `ts` (inside whatever op encloses it on `tid`) of a kernel [start, +dur).
    void kernel(std::int64_t ts, const std::string& name, std::int64_t start, std::int64_t dur,
                int tid = kMainTid, const char* category = "kernel") {
        const int correlation = ++correlation_;
        events_.push_back({{"ph", "X"},
                           {"cat", "cuda_runtime"},
                           {"name", "cudaLaunchKernel"},
                           {"pid", 100},
                           {"tid", tid},
                           {"ts", kBaseUs + ts},
                           {"dur", 1},
                           {"args", {{"correlation", correlation}}}});
        events_.push_back({{"ph", "X"},
                           {"cat", category},
                           {"name", name},
                           {"pid", 0},
                           {"tid", 7},
                           {"ts", kBaseUs + start},
                           {"dur", dur},
                           {"args", {{"correlation", correlation}, {"stream", 7}}}});
    }
    Trace load() const {
        const Json doc = {{"traceEvents", events_},
                          {"deviceProperties", Json::array({{{"id", 0}, {"name", "A10"}}})}};
        return test::loadText(QByteArray::fromStdString(doc.dump()));
    }

private:
    Json events_ = Json::array();
    int correlation_ = 0;
};

const OpStats* statsNamed(const std::vector<OpStats>& stats, const std::string& name) {
    for (const OpStats& s : stats)
        if (s.name == name)
            return &s;
    return nullptr;
}

const OpDiff* diffNamed(const Comparison& c, const std::string& name) {
    for (const OpDiff& d : c.ops)
        if (d.name == name)
            return &d;
    return nullptr;
}

// One step's model on a GPU: linear (addmm: gemm + bias kernel), gelu (1 kernel), an op that
// launches nothing, and the backward thread's mm. `slow` stretches the gelu kernel.
void gpuStep(KinetoRun& run, int number, std::int64_t t0, std::int64_t geluUs = 10) {
    run.step(number, t0, 1000);
    run.op("aten::linear", t0 + 10, 100);
    run.op("aten::addmm", t0 + 20, 80);
    run.kernel(t0 + 30, "ampere_sgemm_64x64_tn", t0 + 200, 40);
    run.kernel(t0 + 50, "void splitKreduce_kernel<float>()", t0 + 240, 5);
    run.op("aten::gelu", t0 + 120, 30);
    run.kernel(t0 + 130, "void at::native::GeluCUDAKernelImpl()", t0 + 250, geluUs);
    run.op("aten::view", t0 + 160, 5);
    run.op("aten::mm", t0 + 300, 50, kBackwardTid);
    run.kernel(t0 + 310, "ampere_sgemm_32x32_nn", t0 + 400, 30, kBackwardTid);
}

// The directory an Ascend run is written to; removed with the test.
QTemporaryDir& ascendDir() {
    static QTemporaryDir dir;
    return dir;
}

constexpr std::int64_t kAscendBaseUs = 1'736'400'000'000'000;
constexpr std::int64_t kHostPid = 2000;
constexpr std::int64_t kDequeueTid = 2001;
constexpr std::int64_t kCannPid = (kHostPid << 10) | (7 << 5);
constexpr std::int64_t kHardwarePid = (kHostPid << 10) | (13 << 5);

std::string ascendTs(std::int64_t us) {
    return std::to_string(kAscendBaseUs + us) + ".000";
}

// An Ascend run shaped like torch_npu's task queue: each op enqueues on the main thread, the
// dequeue thread later runs the CANN launch calls, and the NPU runs the tasks from a backlog long
// after the host moved on (a whole step later). `ops` per step: (aten op, aclnn wrapper, tasks).
struct NpuOp {
    std::string op;
    std::string wrapper;                                     // "" for none
    std::vector<std::pair<std::string, std::int64_t>> tasks; // (name, µs)
};

Trace loadAscendRun(const std::string& folder, const std::vector<std::vector<NpuOp>>& steps) {
    const auto meta = [](std::int64_t pid, const char* what, const Json& args,
                         std::int64_t tid = 0) {
        return Json{{"ph", "M"}, {"name", what}, {"pid", pid}, {"tid", tid}, {"args", args}};
    };
    Json ev = Json::array({meta(kHostPid, "process_name", {{"name", "Python"}}),
                           meta(kCannPid, "process_name", {{"name", "CANN"}}),
                           meta(kHardwarePid, "process_name", {{"name", "Ascend Hardware"}}),
                           meta(kHardwarePid, "thread_name", {{"name", "Stream 2"}}, 2)});
    const auto x = [&](std::int64_t pid, std::int64_t tid, const std::string& name, std::int64_t ts,
                       std::int64_t dur, const char* cat) {
        Json e = {{"ph", "X"},  {"name", name},       {"pid", pid},
                  {"tid", tid}, {"ts", ascendTs(ts)}, {"dur", dur}};
        if (cat)
            e["cat"] = cat;
        ev.push_back(e);
    };
    const auto flow = [&](const char* ph, const char* cat, const std::string& id, std::int64_t pid,
                          std::int64_t tid, std::int64_t ts) {
        ev.push_back({{"ph", ph},
                      {"cat", cat},
                      {"name", cat},
                      {"id", id},
                      {"pid", pid},
                      {"tid", tid},
                      {"ts", ascendTs(ts)},
                      {"bp", "e"}});
    };
    std::int64_t host = 0, dequeue = 0, device = 0;
    int connection = 0, queue = 0;
    for (std::size_t s = 0; s < steps.size(); ++s) {
        const std::int64_t stepStart = host;
        host += 5;
        for (const NpuOp& op : steps[s]) {
            const std::int64_t opStart = host;
            const std::int64_t opDur = 20;
            x(kHostPid, kHostPid, op.op, opStart, opDur, "cpu_op");
            std::int64_t inner = opStart + 2;
            if (!op.wrapper.empty())
                x(kHostPid, kHostPid, op.wrapper, inner, 16, "cpu_op");
            const std::string q = std::to_string(++queue);
            x(kHostPid, kHostPid, "Enqueue", inner + 2, 5, "enqueue");
            flow("s", "async_task_queue", q, kHostPid, kHostPid, inner + 2);
            dequeue = std::max(dequeue, opStart + 10);
            const std::int64_t dqStart = dequeue;
            x(kHostPid, kDequeueTid, "Dequeue@" + op.op, dqStart, 4 + 4 * op.tasks.size(),
              "dequeue");
            flow("f", "async_task_queue", q, kHostPid, kDequeueTid, dqStart);
            std::int64_t call = dqStart + 1;
            for (const auto& [task, dur] : op.tasks) {
                const std::string c = std::to_string(++connection);
                x(kCannPid, kDequeueTid, "AscendCL@aclnnLaunch", call, 3, nullptr);
                flow("s", "HostToDevice", c, kCannPid, kDequeueTid, call);
                device = std::max(device + 1, call + 2000); // a 2 ms backlog
                x(kHardwarePid, 2, task, device, dur, nullptr);
                flow("f", "HostToDevice", c, kHardwarePid, 2, device);
                device += dur;
                call += 4;
            }
            dequeue = call + 1;
            host = opStart + opDur + 5;
        }
        x(kHostPid, kHostPid, "ProfilerStep#" + std::to_string(s + 10), stepStart, host - stepStart,
          "cpu_op");
        host += 2500; // the host waits for the device between steps
    }
    const QString path = ascendDir().filePath(QString::fromStdString(folder));
    QDir().mkpath(path + "/ASCEND_PROFILER_OUTPUT");
    test::writeFile(ascendDir(),
                    QString::fromStdString(folder) + "/ASCEND_PROFILER_OUTPUT/trace_view.json",
                    QByteArray::fromStdString(ev.dump()));
    return formats::loadTrace(path.toStdString());
}

// A full-table LCS length, written apart from the code under test.
std::size_t lcsLength(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j)
            t[i][j] =
                a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    return t[a.size()][b.size()];
}

// Every element once, in order, matches on equal symbols.
void checkAlignment(const Alignment& al, const std::vector<std::uint32_t>& a,
                    const std::vector<std::uint32_t>& b) {
    std::uint32_t nextA = 0, nextB = 0, matched = 0;
    for (const AlignedPair& p : al.pairs) {
        if (p.base != kUnmatched)
            QCOMPARE(p.base, nextA++);
        if (p.comp != kUnmatched)
            QCOMPARE(p.comp, nextB++);
        if (p.base != kUnmatched && p.comp != kUnmatched) {
            QCOMPARE(a[p.base], b[p.comp]);
            ++matched;
        }
        QVERIFY(p.base != kUnmatched || p.comp != kUnmatched);
    }
    QCOMPARE(nextA, std::uint32_t(a.size()));
    QCOMPARE(nextB, std::uint32_t(b.size()));
    QCOMPARE(matched, al.matched);
}

} // namespace

class CompareTest : public QObject {
    Q_OBJECT

private slots:
    // Nested ops fold into the outermost framework op; kernels count through their launch calls;
    // an op that launches nothing still counts with zero device time; the backward thread's ops
    // are top-level ops of their own thread.
    void operatorStatsFoldNestedOps() {
        KinetoRun run;
        gpuStep(run, 1, 0);
        gpuStep(run, 2, 1000, 30);
        const Trace trace = run.load();
        const OpIndex index(trace);
        QCOMPARE(index.instances().size(), std::size_t(8)); // linear, gelu, view, mm per step
        const std::vector<OpStats> all = operatorStats(index);
        const OpStats* linear = statsNamed(all, "aten::linear");
        QVERIFY(linear);
        QCOMPARE(linear->count, 2u);
        QCOMPARE(linear->deviceNs, 2 * 45 * kUs);
        QCOMPARE(linear->kernels, 4u);
        QCOMPARE(linear->hostNs, 2 * 100 * kUs);
        QVERIFY(!statsNamed(all, "aten::addmm")); // folded into aten::linear
        const OpStats* gelu = statsNamed(all, "aten::gelu");
        QCOMPARE(gelu->deviceNs, 40 * kUs);
        QCOMPARE(gelu->deviceMinNs, 10 * kUs);
        QCOMPARE(gelu->deviceMaxNs, 30 * kUs);
        const OpStats* view = statsNamed(all, "aten::view");
        QCOMPARE(view->count, 2u);
        QCOMPARE(view->deviceNs, 0);
        QCOMPARE(view->kernels, 0u);
        QCOMPARE(statsNamed(all, "aten::mm")->deviceNs, 60 * kUs);
        QCOMPARE(all.front().name, std::string("aten::linear")); // most device time first
        // One step's scope.
        const std::vector<OpStats> second =
            operatorStats(index, {{1000 * kUs + kBaseUs * kUs, 2000 * kUs + kBaseUs * kUs}});
        QCOMPARE(statsNamed(second, "aten::gelu")->deviceNs, 30 * kUs);
        QCOMPARE(statsNamed(second, "aten::linear")->count, 1u);
        // Kernel types.
        const auto kernels = kernelTypeStats(index);
        QCOMPARE(kernels.size(), std::size_t(4));
        QCOMPARE(kernels.front().type, std::string("ampere_sgemm_64x64_tn"));
        QCOMPARE(kernels.front().count, 2u);
        QCOMPARE(kernels.front().deviceNs, 80 * kUs);
    }

    // The task queue: each op's tasks reach the device through Enqueue → Dequeue → CANN call →
    // HostToDevice, two milliseconds after the op; the aclnn wrapper folds into its aten op.
    void operatorStatsFollowTheTaskQueue() {
        const NpuOp linear{"aten::linear",
                           "aclnnAddmm",
                           {{"aclnnAddmm_TransData_TransData", 3},
                            {"aclnnAddmm_MatMulCommon_MatMulV2", 40},
                            {"aclnnAddmm_Cast_Cast", 2}}};
        const NpuOp gelu{"aten::gelu",
                         "aclnnGelu",
                         {{"aclnnMul_MulAiCore_Mul", 3},
                          {"aclnnTanh_TanhAiCore_Tanh", 3},
                          {"aclnnAdd_AddAiCore_Add", 2}}};
        const Trace trace = loadAscendRun("queue_ascend_pt", {{linear, gelu}, {linear, gelu}});
        QCOMPARE(trace.format, std::string("ascend"));
        const OpIndex index(trace);
        QCOMPARE(index.unattributedTasks(), 0u);
        const auto all = operatorStats(index);
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(statsNamed(all, "aten::linear")->deviceNs, 2 * 45 * kUs);
        QCOMPARE(statsNamed(all, "aten::linear")->kernels, 6u);
        QCOMPARE(statsNamed(all, "aten::gelu")->kernels, 6u);
        QVERIFY(!statsNamed(all, "aclnnAddmm"));
    }

    void formatConversionNames() {
        for (const char* yes : {"TransData", "aclnnAddmm_TransData_TransData", "trans_Cast_7",
                                "Cast3", "TransposeD", "aclnnCast_CastAiCore_Cast", "Transpose"})
            QVERIFY2(isFormatConversion(yes), yes);
        for (const char* no : {"BroadcastTo", "CastleNet", "MatMulV2", "TransDataLike", "Podcast"})
            QVERIFY2(!isFormatConversion(no), no);
    }

    void alignmentMatchesFullTableLcs() {
        std::mt19937 rng(12345);
        for (int round = 0; round < 3000; ++round) {
            std::uniform_int_distribution<int> len(0, 12), sym(0, round % 2 ? 3 : 6);
            std::vector<std::uint32_t> a(len(rng)), b(len(rng));
            for (auto& v : a)
                v = sym(rng);
            for (auto& v : b)
                v = sym(rng);
            const Alignment al = alignSequences(a, b);
            QVERIFY(al.exact);
            checkAlignment(al, a, b);
            QCOMPARE(std::size_t(al.matched), lcsLength(a, b));
        }
    }

    // Too long for the exact table: occurrences pair up, still a valid common subsequence; the
    // common prefix and suffix stay matched.
    void alignmentFallsBackWhenTooLong() {
        std::vector<std::uint32_t> a{9, 9, 1, 2, 3, 1, 2, 8}, b{9, 9, 2, 1, 3, 2, 8};
        const Alignment al = alignSequences(a, b, 4);
        QVERIFY(!al.exact);
        checkAlignment(al, a, b);
        QVERIFY(al.matched >= 3 + 1); // 9 9 … 8, and at least one in the middle
        const Alignment exact = alignSequences(a, b);
        QCOMPARE(std::size_t(exact.matched), lcsLength(a, b));
    }

    void stepChoiceDefaultsAndLists() {
        std::vector<RunStep> steps;
        for (int n : {5, 6, 7, 8})
            steps.push_back({"ProfilerStep#" + std::to_string(n), n, n * 100, n * 100 + 90, true});
        steps.back().complete = false; // cut off by the end of the capture
        QCOMPARE(defaultStepChoice(steps), (std::vector<std::size_t>{1, 2}));
        std::string error;
        QCOMPARE(*parseStepChoice("5,7", steps, &error), (std::vector<std::size_t>{0, 2}));
        QCOMPARE(*parseStepChoice("6-8", steps, &error), (std::vector<std::size_t>{1, 2, 3}));
        QCOMPARE(*parseStepChoice("#6", steps, &error), (std::vector<std::size_t>{1}));
        QVERIFY(!parseStepChoice("9", steps, &error));
        QCOMPARE(error, std::string("step 9 is not in this run (its steps: 5–8)"));
        QVERIFY(!parseStepChoice("x", steps, &error));
        QVERIFY(!parseStepChoice("7-5", steps, &error));
        QCOMPARE(describeSteps(steps), std::string("5–8"));
        // One step only: it is compared (nothing to leave out as warm-up).
        QCOMPARE(defaultStepChoice({steps.front()}), (std::vector<std::size_t>{0}));
    }

    // Baseline three steps, comparison four: the first of each is warm-up; the steps pair by
    // position (#2↔#11, #3↔#12) although their numbers differ, #13 has no partner. Gelu is slower
    // and launches a second kernel; view is gone; a new op appears.
    void compareTwoGpuRuns() {
        KinetoRun base;
        gpuStep(base, 1, 0, 100); // warm-up: would dominate every number if it were counted
        gpuStep(base, 2, 1000);
        gpuStep(base, 3, 2000);
        KinetoRun comp;
        for (int s = 0; s < 4; ++s) {
            const std::int64_t t0 = s * 1000;
            comp.step(10 + s, t0, 900);
            comp.op("aten::linear", t0 + 10, 100);
            comp.kernel(t0 + 30, "ampere_sgemm_64x64_tn", t0 + 200, 40);
            comp.kernel(t0 + 50, "void splitKreduce_kernel<float>()", t0 + 240, 5);
            comp.op("aten::gelu", t0 + 120, 30);
            comp.kernel(t0 + 130, "void at::native::GeluCUDAKernelImpl()", t0 + 250, 14);
            comp.kernel(t0 + 140, "void at::native::GeluBackwardish()", t0 + 270, 6);
            comp.op("npu::npu_new", t0 + 160, 5);
            comp.kernel(t0 + 161, "void fused()", t0 + 280, 7);
            comp.op("aten::mm", t0 + 300, 50, kBackwardTid);
            comp.kernel(t0 + 310, "ampere_sgemm_32x32_nn", t0 + 400, 30, kBackwardTid);
        }
        const Trace b = base.load(), c = comp.load();
        const OpIndex bi(b), ci(c);
        const Comparison cmp =
            compareRuns({"base", &b, &bi, nullptr, {}}, {"comp", &c, &ci, nullptr, {}});
        QCOMPARE(cmp.baseChosen, (std::vector<std::size_t>{1, 2}));
        QCOMPARE(cmp.compChosen, (std::vector<std::size_t>{1, 2, 3}));
        QCOMPARE(cmp.stepPairs.size(), std::size_t(2));
        QCOMPARE(cmp.baseSteps[cmp.stepPairs[0].base].name, std::string("ProfilerStep#2"));
        QCOMPARE(cmp.compSteps[cmp.stepPairs[0].comp].name, std::string("ProfilerStep#11"));
        QCOMPARE(cmp.compUnpaired, (std::vector<std::size_t>{3}));
        QCOMPARE(cmp.stepPairs[0].diffNs(), -100 * kUs);
        QVERIFY(cmp.sameVendor);

        const OpDiff* gelu = diffNamed(cmp, "aten::gelu");
        QVERIFY(gelu && gelu->base && gelu->comp);
        QCOMPARE(gelu->base->count, 2u);
        QCOMPARE(gelu->base->deviceNs, 20 * kUs);
        QCOMPARE(gelu->comp->deviceNs, 40 * kUs);
        QCOMPARE(gelu->diffNs, 20 * kUs);
        QCOMPARE(*gelu->ratio, 2.0);
        // Same calls; 2 kernels per call instead of 1 at 10 µs each: +20 µs more kernels, and the
        // kernels are no slower on average (40 µs / 4 = 10 µs).
        QCOMPARE(gelu->moreCallsNs, 0);
        QCOMPARE(gelu->moreKernelsNs, 20 * kUs);
        QCOMPARE(gelu->slowerKernelsNs, 0);

        const OpDiff* view = diffNamed(cmp, "aten::view");
        QVERIFY(view && view->base && !view->comp);
        QCOMPARE(view->base->count, 2u);
        const OpDiff* added = diffNamed(cmp, "npu::npu_new");
        QVERIFY(added && !added->base && added->comp);
        QCOMPARE(added->diffNs, 14 * kUs);
        QCOMPARE(added->moreCallsNs, 14 * kUs);
        QVERIFY(!added->ratio);
        const OpDiff* linear = diffNamed(cmp, "aten::linear");
        QCOMPARE(linear->diffNs, 0);
        QCOMPARE(*linear->ratio, 1.0);
        // Largest |diff| first.
        QCOMPARE(cmp.ops.front().name, std::string("aten::gelu"));
        for (const OpDiff& d : cmp.ops)
            QCOMPARE(d.moreCallsNs + d.moreKernelsNs + d.slowerKernelsNs, d.diffNs);

        // Kernels by type (same vendor).
        bool sawNewKernel = false;
        for (const KernelDiff& k : cmp.kernels)
            if (k.type == "void at::native::GeluBackwardish()") {
                QVERIFY(!k.base && k.comp);
                QCOMPARE(k.comp->count, 2u);
                sawNewKernel = true;
            }
        QVERIFY(sawNewKernel);

        // The ops of each step pair aligned per thread: main thread linear, gelu, view | linear,
        // gelu, npu_new → 2 matched; the backward thread's mm with mm.
        QCOMPARE(cmp.alignments.size(), std::size_t(2));
        const auto& threads = cmp.alignments[0];
        QCOMPARE(threads.size(), std::size_t(2));
        QCOMPARE(threads[0].matched, 2u);
        QCOMPARE(threads[0].pairs.size(), std::size_t(4));
        QCOMPARE(threads[1].matched, 1u);
        const std::uint32_t baseGelu = threads[0].pairs[1].base;
        QCOMPARE(bi.name(bi.instances()[baseGelu]), std::string_view("aten::gelu"));
        const std::uint32_t partner = cmp.partnerOf(true, baseGelu);
        QCOMPARE(ci.name(ci.instances()[partner]), std::string_view("aten::gelu"));
        QVERIFY(ci.instances()[partner].start >= 1000 * kUs + kBaseUs * kUs); // step #11, not #10
        QCOMPARE(cmp.partnerOf(false, partner), baseGelu);
    }

    // Ops in another order: the name-keyed join still pairs every op; the alignment pairs the
    // longest common subsequence and leaves the rest unmatched on its own side.
    void reorderedOps() {
        const auto run = [](const std::vector<std::string>& names) {
            KinetoRun r;
            r.step(1, 0, 500);
            std::int64_t t = 10;
            for (const std::string& name : names) {
                r.op(name, t, 20);
                r.kernel(t + 1, name + "_kernel", t + 100, 5);
                t += 30;
            }
            return r.load();
        };
        const Trace b = run({"aten::linear", "aten::gelu", "aten::add", "aten::view"});
        const Trace c = run({"aten::gelu", "aten::linear", "aten::add", "aten::reshape"});
        const OpIndex bi(b), ci(c);
        const Comparison cmp =
            compareRuns({"b", &b, &bi, nullptr, {}}, {"c", &c, &ci, nullptr, {}});
        QCOMPARE(cmp.ops.size(), std::size_t(5));
        for (const char* both : {"aten::linear", "aten::gelu", "aten::add"}) {
            const OpDiff* d = diffNamed(cmp, both);
            QVERIFY2(d && d->base && d->comp && d->diffNs == 0, both);
        }
        QVERIFY(!diffNamed(cmp, "aten::view")->comp);
        QVERIFY(!diffNamed(cmp, "aten::reshape")->base);
        const ThreadAlignment& t = cmp.alignments[0][0];
        QCOMPARE(t.matched, 2u); // gelu or linear, then add
        QCOMPARE(t.pairs.size(), std::size_t(6));
        const auto nameOf = [](const OpIndex& index, std::uint32_t k) {
            return std::string(index.name(index.instances()[k]));
        };
        for (const AlignedPair& p : t.pairs)
            if (p.base != kUnmatched && p.comp != kUnmatched)
                QCOMPARE(nameOf(bi, p.base), nameOf(ci, p.comp));
        std::uint32_t add = kUnmatched;
        for (std::uint32_t k = 0; k < bi.instances().size(); ++k)
            if (nameOf(bi, k) == "aten::add")
                add = k;
        QCOMPARE(nameOf(ci, cmp.partnerOf(true, add)), std::string("aten::add"));
    }

    // Buckets partition the device window; a TransData/Cast kernel is conversion, not computing.
    void bucketsPartitionTheWindow() {
        const NpuOp linear{"aten::linear",
                           "aclnnAddmm",
                           {{"aclnnAddmm_TransData_TransData", 3},
                            {"aclnnAddmm_MatMulCommon_MatMulV2", 40},
                            {"aclnnAddmm_Cast_Cast", 2}}};
        const Trace eager = loadAscendRun("eager_ascend_pt", {{linear}, {linear}, {linear}});
        const NpuOp fused{"aten::linear", "aclnnAddmm", {{"aclnnAddmm_MatMulCommon_MatMulV2", 40}}};
        const Trace tuned = loadAscendRun("tuned_ascend_pt", {{fused}, {fused}, {fused}});
        const OpIndex ei(eager), ti(tuned);
        const Comparison cmp =
            compareRuns({"eager", &eager, &ei, nullptr, {}}, {"tuned", &tuned, &ti, nullptr, {}});
        QCOMPARE(cmp.stepPairs.size(), std::size_t(2));
        for (const StepPair& p : cmp.stepPairs)
            for (const StepTime* t : {&p.baseTime, &p.compTime}) {
                TimeNs sum = 0;
                for (TimeNs b : t->buckets) {
                    QVERIFY(b >= 0);
                    sum += b;
                }
                QCOMPARE(sum, t->windowNs);
            }
        const StepTime& e = cmp.stepPairs[0].baseTime;
        QCOMPARE(e.buckets[std::size_t(Bucket::Conversion)], 5 * kUs);
        QCOMPARE(cmp.stepPairs[0].compTime.buckets[std::size_t(Bucket::Conversion)], 0);
        const OpDiff* d = diffNamed(cmp, "aten::linear");
        QCOMPARE(d->base->kernels, 6u);
        QCOMPARE(d->comp->kernels, 2u);
        QCOMPARE(d->diffNs, -10 * kUs);
        // Fewer kernels per call (3 → 1) at the baseline's 15 µs per kernel: −60 µs; the one left
        // is slower than the baseline's average kernel: +50 µs.
        QCOMPARE(d->moreKernelsNs, -60 * kUs);
        QCOMPARE(d->slowerKernelsNs, 50 * kUs);
        // Kernel types: TransData and Cast gone.
        int gone = 0;
        for (const KernelDiff& k : cmp.kernels)
            gone += k.base && !k.comp ? 1 : 0;
        QCOMPARE(gone, 2);
    }

    // A trace without ProfilerStep is one "whole trace" step; chosen lists out of range fail.
    void traceWithoutSteps() {
        KinetoRun run;
        run.op("aten::add", 0, 10);
        run.kernel(2, "add_kernel", 20, 5);
        const Trace t = run.load();
        const auto steps = runSteps(t);
        QCOMPARE(steps.size(), std::size_t(1));
        QCOMPARE(steps[0].name, std::string("whole trace"));
        const OpIndex index(t);
        const Comparison cmp =
            compareRuns({"a", &t, &index, nullptr, {}}, {"b", &t, &index, nullptr, {}});
        QCOMPARE(cmp.stepPairs.size(), std::size_t(1));
        QCOMPARE(cmp.ops.size(), std::size_t(1));
        QCOMPARE(cmp.ops[0].base->deviceNs, 5 * kUs);
        QCOMPARE(cmp.ops[0].diffNs, 0);
        std::string error;
        QVERIFY(!parseStepChoice("1", steps, &error));
        QVERIFY(error.find("no ProfilerStep") != std::string::npos);
    }

    void insightsDifferByKindAndSubject() {
        KinetoRun run;
        gpuStep(run, 1, 0);
        const Trace t = run.load();
        const OpIndex index(t);
        const auto finding = [](InsightKind kind, const std::string& title, TimeNs atStake) {
            Insight i;
            i.kind = kind;
            i.title = title;
            i.timeAtStake = atStake;
            i.aggregate = true;
            return i;
        };
        const std::vector<Insight> before{
            finding(InsightKind::HostBlockedOnDevice, "aten::to blocked 18.6 ms; 99 % was waiting",
                    18'600'000),
            finding(InsightKind::FusionCandidate,
                    "Mul → Tanh → Add → Mul ran 12 times on NPU 0 (1 ms)", 900'000)};
        const std::vector<Insight> after{
            finding(InsightKind::HostBlockedOnDevice, "aten::to blocked 9.7 ms; 98 % was waiting",
                    9'700'000),
            finding(InsightKind::DeviceIdleGap, "GPU 0 idle 2 ms, host stall", 2'000'000)};
        const Comparison cmp =
            compareRuns({"a", &t, &index, &before, {}}, {"b", &t, &index, &after, {}});
        QCOMPARE(cmp.insights.changed.size(), std::size_t(1));
        QCOMPARE(cmp.insights.changed[0].subject, std::string("aten::to blocked #"));
        QCOMPARE(cmp.insights.changed[0].baseAtStakeNs, 18'600'000);
        QCOMPARE(cmp.insights.changed[0].compAtStakeNs, 9'700'000);
        QCOMPARE(cmp.insights.onlyBaseline.size(), std::size_t(1));
        QCOMPARE(cmp.insights.onlyBaseline[0].kind, InsightKind::FusionCandidate);
        QCOMPARE(cmp.insights.onlyComparison.size(), std::size_t(1));
        QCOMPARE(cmp.insights.onlyComparison[0].subject,
                 std::string("device # idle #, host stall"));
    }

    void noiseThreshold() {
        const NoiseThreshold noise{50'000, 0.05};
        QVERIFY(!noise.significant(40'000, 100'000));    // under 0.05 ms
        QVERIFY(!noise.significant(60'000, 10'000'000)); // under 5 %
        QVERIFY(noise.significant(-600'000, 10'000'000));
        QVERIFY(noise.significant(60'000, 0)); // new: any size above the time floor
    }
};

QTEST_GUILESS_MAIN(CompareTest)
#include "tst_compare.moc"
