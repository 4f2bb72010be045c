// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/elementwise_chain.h"

#include "analysis/advice.h"
#include "analysis/advisor_priority.h"
#include "analysis/slice_info.h"
#include "analysis/task_role.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <tuple>
#include <unordered_map>

namespace lanescope::analysis {

namespace {

constexpr std::size_t kOpsInTitle = 4;

// Names as CANN op types and aten ops spell them (lower-cased, no "aten::", no trailing "_"),
// and the op a chain holds them as.
constexpr std::array<std::pair<std::string_view, std::string_view>, 41> kAliases = {{
    {"mul", "mul"},         {"muls", "mul"},
    {"add", "add"},         {"adds", "add"},
    {"addv2", "add"},       {"sub", "sub"},
    {"subs", "sub"},        {"rsub", "sub"},
    {"div", "div"},         {"divs", "div"},
    {"realdiv", "div"},     {"pow", "pow"},
    {"pows", "pow"},        {"square", "pow"},
    {"tanh", "tanh"},       {"exp", "exp"},
    {"erf", "erf"},         {"sigmoid", "sigmoid"},
    {"neg", "neg"},         {"rsqrt", "rsqrt"},
    {"sqrt", "sqrt"},       {"reciprocal", "reciprocal"},
    {"relu", "relu"},       {"abs", "abs"},
    {"log", "log"},         {"maximum", "maximum"},
    {"minimum", "minimum"}, {"cast", "cast"},
    {"reducemaxd", "max"},  {"reducemax", "max"},
    {"amax", "max"},        {"max", "max"},
    {"reducesumd", "sum"},  {"reducesum", "sum"},
    {"sum", "sum"},         {"reducemeand", "mean"},
    {"reducemean", "mean"}, {"mean", "mean"},
    {"concatd", "cat"},     {"concat", "cat"},
    {"cat", "cat"},
}};

struct Decomposition {
    std::string_view cause; // the advice table's key
    std::string_view name;
    std::vector<std::string_view> ops;
};

// Longest first, so a chain holding a whole tanh-GELU is not named by its tail.
const std::vector<Decomposition>& decompositions() {
    static const std::vector<Decomposition> known = [] {
        std::vector<Decomposition> list = {
            {"gelu_tanh",
             "tanh-GELU",
             {"mul", "pow", "mul", "add", "mul", "tanh", "add", "mul", "mul"}},
            {"rms_norm", "RMSNorm", {"cast", "pow", "mean", "add", "rsqrt", "mul", "cast", "mul"}},
            {"scaled_masked_softmax",
             "scaled masked softmax",
             {"div", "add", "max", "sub", "exp", "sum", "div"}},
            {"rms_norm", "RMSNorm", {"pow", "mean", "add", "rsqrt", "mul", "mul"}},
            {"gelu_erf", "erf-GELU", {"div", "erf", "add", "mul", "mul"}},
            {"gelu_erf", "erf-GELU", {"mul", "erf", "add", "mul", "mul"}},
            {"rotary", "rotary embedding", {"mul", "neg", "cat", "mul", "add"}},
            {"softmax", "softmax", {"max", "sub", "exp", "sum", "div"}},
            {"gelu_tanh", "tanh-GELU", {"mul", "tanh", "add", "mul"}},
            {"swiglu", "SwiGLU", {"sigmoid", "mul", "mul"}},
            {"silu", "SiLU", {"sigmoid", "mul"}},
        };
        std::stable_sort(list.begin(), list.end(),
                         [](const auto& a, const auto& b) { return a.ops.size() > b.ops.size(); });
        return list;
    }();
    return known;
}

const Decomposition* decompositionIn(const std::vector<std::string>& ops) {
    for (const Decomposition& d : decompositions()) {
        const auto it =
            std::search(ops.begin(), ops.end(), d.ops.begin(), d.ops.end(),
                        [](const std::string& a, std::string_view b) { return a == b; });
        if (it != ops.end())
            return &d;
    }
    return nullptr;
}

struct Piece {
    SliceRef ref;
    StringId shown = 0;
    std::string op;
    TimeNs start = 0;
    TimeNs end = 0;
};
using Chain = std::vector<Piece>;

struct Params {
    TimeNs maxTaskNs = 0;
    TimeNs maxGapNs = 0;
    std::uint32_t minLength = 0;
    std::uint32_t minOccurrences = 0;
    std::size_t maxPatterns = 0;
};

Params paramsOf(const Thresholds& th) {
    return {static_cast<TimeNs>(th["elementwise.max_task_us"] * 1e3),
            static_cast<TimeNs>(th["elementwise.max_gap_us"] * 1e3),
            static_cast<std::uint32_t>(th["elementwise.min_length"]),
            static_cast<std::uint32_t>(th["elementwise.min_occurrences"]),
            static_cast<std::size_t>(th["elementwise.max_patterns"])};
}

// A kernel's op as the trace names it: the kernel table's op type, else its torch op, else it.
StringId shownOpOf(const Trace& trace, const RoledTask& task) {
    if (const StringId type = knownOpType(trace, task.detail))
        return type;
    if (const TaskLink* link = taskLinkOf(trace, task.task); link && link->hostOp.valid())
        return trace.sliceTracks[link->hostOp.track].name(link->hostOp.slice);
    return trace.sliceTracks[task.task.track].name(task.task.slice);
}

// Every stream's chains, per device.
std::vector<std::vector<Chain>> chainsByDevice(const Trace& trace, const DeviceMap& devices,
                                               const Params& params) {
    std::vector<std::vector<Chain>> out(devices.devices.size());
    std::unordered_map<StringId, std::string> opOf; // traces repeat a few hundred op names
    const auto normalized = [&](StringId shown) -> const std::string& {
        const auto [it, added] = opOf.try_emplace(shown);
        if (added)
            it->second = elementwiseOpOf(trace.str(shown));
        return it->second;
    };
    Chain run;
    std::uint32_t runDevice = kNoIndex;
    const auto flush = [&] {
        if (run.size() >= 2)
            out[runDevice].push_back(std::move(run));
        run.clear();
    };
    for (const RoledTask& task : roleDeviceTasks(trace)) {
        const std::uint32_t device = devices.deviceOfTrack[task.task.track];
        if (device == kNoIndex || task.role == TaskRole::Marker)
            continue;
        if (!run.empty() && run.back().ref.track != task.task.track)
            flush();
        runDevice = device;
        const SliceTrack& track = trace.sliceTracks[task.task.track];
        Piece piece{task.task, 0, "", track.start(task.task.slice), track.end(task.task.slice)};
        if (task.role == TaskRole::Kernel && !task.aiCpu) {
            piece.shown = shownOpOf(trace, task);
            piece.op = normalized(piece.shown);
        }
        if (piece.op.empty() || piece.end - piece.start >= params.maxTaskNs) {
            flush();
            continue;
        }
        if (!run.empty() && piece.start - run.back().end > params.maxGapNs)
            flush();
        run.push_back(std::move(piece));
    }
    flush();
    return out;
}

ElementwiseChain groupOf(const Trace& trace, std::uint32_t device,
                         const std::vector<const Chain*>& chains) {
    ElementwiseChain g;
    g.device = device;
    for (const Piece& p : *chains.front()) {
        g.ops.push_back(p.op);
        g.shown.push_back(p.shown);
    }
    if (const Decomposition* d = decompositionIn(g.ops)) {
        g.known = d->cause;
        g.knownName = d->name;
    }
    g.occurrences = static_cast<std::uint32_t>(chains.size());
    g.start = chains.front()->front().start;
    for (const Chain* chain : chains) {
        TimeNs busy = 0, longest = 0;
        for (const Piece& p : *chain) {
            busy += p.end - p.start;
            longest = std::max(longest, p.end - p.start);
            g.tasks.push_back(p.ref);
        }
        g.busyNs += busy;
        g.savingNs += busy - longest;
        g.end = std::max(g.end, chain->back().end);
    }
    g.launchers = launcherCounts(trace, g.tasks);
    return g;
}

std::string opList(const Trace& trace, const ElementwiseChain& g) {
    std::string text;
    const std::size_t shown = std::min(g.shown.size(), kOpsInTitle);
    for (std::size_t i = 0; i < shown; ++i)
        text += (i ? " → " : "") + std::string(trace.str(g.shown[i]));
    if (shown < g.shown.size())
        text += " → …";
    return text;
}

std::string titleOf(const Trace& trace, const DeviceMap& devices, const ElementwiseChain& g) {
    std::string title =
        opList(trace, g) + " (" +
        (g.knownName.empty() ? std::string("small elementwise kernels")
                             : std::string(g.knownName) + " written out as") +
        " " + std::to_string(g.length()) + " kernels) ran " + std::to_string(g.occurrences) +
        " times on " + devices.devices[g.device].name + ": " + formatTitleDuration(g.busyNs) +
        " of device time; a fused kernel would save about " + formatTitleDuration(g.savingNs) +
        " (each chain's time minus its longest "
        "kernel)";
    if (!g.launchers.empty())
        title += "; launched by " + launcherList(trace, g.launchers);
    return title;
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const ElementwiseChain& g,
                  const Thresholds& th) {
    const SliceRef first = g.tasks.front();
    Insight insight = makeInsight(InsightKind::ElementwiseChain,
                                  std::to_string(first.track) + "-" + std::to_string(first.slice));
    setAdvisorStake(insight, g.savingNs, devices.devices[g.device].spanNs(), g.start, g.end,
                    g.tasks, th);
    insight.numbers = {{Number::Occurrences, static_cast<double>(g.occurrences)},
                       {Number::Length, static_cast<double>(g.length())},
                       {Number::Tasks, static_cast<double>(g.tasks.size())},
                       {Number::BusyNs, static_cast<double>(g.busyNs)},
                       {Number::SavingNs, static_cast<double>(g.savingNs)}};
    insight.title = titleOf(trace, devices, g);
    insight.cause = g.known.empty() ? "generic" : std::string(g.known);
    insight.suggestion = adviceFor(insight.kind, insight.cause, platformOf(trace),
                                   {{"length", std::to_string(g.length())}});
    return insight;
}

} // namespace

std::string elementwiseOpOf(std::string_view op) {
    if (op.starts_with("aten::"))
        op.remove_prefix(6);
    while (!op.empty() && op.back() == '_')
        op.remove_suffix(1);
    std::string lower(op);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& [alias, name] : kAliases)
        if (lower == alias)
            return std::string(name);
    return "";
}

std::vector<ElementwiseChain> findElementwiseChains(const Trace& trace, const DeviceMap& devices,
                                                    const Thresholds& thresholds) {
    const Params params = paramsOf(thresholds);
    const auto byDevice = chainsByDevice(trace, devices, params);
    std::vector<ElementwiseChain> groups;
    for (std::uint32_t d = 0; d < byDevice.size(); ++d) {
        std::map<std::vector<std::string>, std::vector<const Chain*>> bySequence;
        for (const Chain& chain : byDevice[d]) {
            std::vector<std::string> ops;
            for (const Piece& p : chain)
                ops.push_back(p.op);
            bySequence[ops].push_back(&chain);
        }
        for (auto& [ops, chains] : bySequence) {
            if (chains.size() < params.minOccurrences)
                continue;
            if (ops.size() < params.minLength && !decompositionIn(ops))
                continue;
            std::sort(chains.begin(), chains.end(), [](const Chain* a, const Chain* b) {
                return a->front().start < b->front().start;
            });
            groups.push_back(groupOf(trace, d, chains));
        }
    }
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
        return std::tie(b.savingNs, a.start) < std::tie(a.savingNs, b.start);
    });
    if (groups.size() > params.maxPatterns)
        groups.resize(params.maxPatterns);
    return groups;
}

std::vector<Insight> detectElementwiseChains(const Trace& trace, const DeviceMap& devices,
                                             const Thresholds& thresholds) {
    std::vector<Insight> insights;
    for (const ElementwiseChain& g : findElementwiseChains(trace, devices, thresholds))
        insights.push_back(insightOf(trace, devices, g, thresholds));
    return insights;
}

} // namespace lanescope::analysis
