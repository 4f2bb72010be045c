// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "compare/run_comparison.h"

#include "analysis/step_breakdown.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <unordered_map>

namespace lanescope::compare {

namespace {

using analysis::Interval;

// A run's steps with their device time, measured once.
struct MeasuredRun {
    std::vector<RunStep> steps;
    std::vector<std::size_t> chosen;
    std::vector<StepTime> times; // per step
    std::vector<Interval> whole; // per step: host range ∪ device window
    std::string device;
    std::string vendor; // "GPU", "NPU", "device"
};

// The device of the steps' file that worked longest.
std::uint32_t mainDevice(const Trace& trace, const analysis::DeviceMap& devices) {
    const std::uint32_t file = stepsFile(trace);
    std::uint32_t best = kNoIndex;
    TimeNs bestWork = -1;
    for (std::uint32_t d = 0; d < devices.devices.size(); ++d) {
        const analysis::DeviceActivity& device = devices.devices[d];
        if (file != kNoIndex && device.file != file)
            continue;
        if (device.workingNs() > bestWork) {
            bestWork = device.workingNs();
            best = d;
        }
    }
    return best;
}

StepTime timeOf(const analysis::StepBreakdown& row) {
    StepTime t;
    t.windowNs = row.windowNs();
    t.busyNs = row.computingNs + row.communicationNotOverlappedNs;
    t.buckets[std::size_t(Bucket::Computing)] = row.computingNs - row.conversionNs;
    t.buckets[std::size_t(Bucket::Conversion)] = row.conversionNs;
    t.buckets[std::size_t(Bucket::Communication)] = row.communicationNotOverlappedNs;
    t.buckets[std::size_t(Bucket::Copy)] = row.copyNs;
    t.buckets[std::size_t(Bucket::Free)] = row.freeNs - row.copyNs;
    return t;
}

MeasuredRun measure(const RunInput& input) {
    const Trace& trace = *input.trace;
    MeasuredRun run;
    run.steps = runSteps(trace);
    run.chosen = input.steps.empty() ? defaultStepChoice(run.steps) : input.steps;
    std::erase_if(run.chosen, [&](std::size_t i) { return i >= run.steps.size(); });
    std::optional<analysis::DeviceMap> found;
    if (!input.devices)
        found = analysis::mapDevices(trace);
    const analysis::DeviceMap& devices = input.devices ? *input.devices : *found;
    run.vendor = analysis::deviceWord(trace);
    const std::uint32_t device = mainDevice(trace, devices);
    std::vector<analysis::StepBreakdown> rows;
    if (device != kNoIndex) {
        run.device = devices.devices[device].name;
        rows = analysis::computeStepBreakdown(trace, devices);
    }
    for (const RunStep& step : run.steps) {
        StepTime t;
        Interval whole{step.start, step.end};
        if (!step.number) // the whole trace: every op counts
            whole = {kTimeMin, kTimeMax};
        for (const analysis::StepBreakdown& row : rows) {
            if (row.deviceIndex != device || row.stepNumber != step.number)
                continue;
            t = timeOf(row);
            if (step.number && row.windowNs() > 0)
                whole = {std::min(whole.first, row.windowStart),
                         std::max(whole.second, row.windowEnd)};
        }
        t.hostNs = step.durationNs();
        run.times.push_back(t);
        run.whole.push_back(whole);
    }
    return run;
}

std::optional<double> ratioOf(const std::optional<SideStats>& base,
                              const std::optional<SideStats>& comp) {
    if (!base || base->deviceNs == 0)
        return std::nullopt;
    return double(comp ? comp->deviceNs : 0) / double(base->deviceNs);
}

void splitDifference(OpDiff& d) {
    if (!d.base || !d.comp || d.base->count == 0 || d.comp->count == 0) {
        d.moreCallsNs = d.diffNs;
        return;
    }
    const double nb = double(d.base->count), nc = double(d.comp->count);
    const double avgBase = double(d.base->deviceNs) / nb;
    d.moreCallsNs = std::llround((nc - nb) * avgBase);
    if (d.base->kernels == 0) { // nothing ran per call before: every kernel is new
        d.moreKernelsNs = d.diffNs - d.moreCallsNs;
        return;
    }
    const double perKernelBase = double(d.base->deviceNs) / double(d.base->kernels);
    const double kernelsPerCallBase = double(d.base->kernels) / nb;
    const double kernelsPerCallComp = double(d.comp->kernels) / nc;
    d.moreKernelsNs = std::llround(nc * (kernelsPerCallComp - kernelsPerCallBase) * perKernelBase);
    d.slowerKernelsNs = d.diffNs - d.moreCallsNs - d.moreKernelsNs;
}

SideStats sideOf(const analysis::OpStats& s) {
    return {s.count, s.deviceNs, s.kernels, s.hostNs};
}

SideStats sideOf(const analysis::KernelTypeStats& s) {
    return {s.count, s.deviceNs, s.count, 0};
}

template <class Row> TimeNs deviceOf(const std::optional<Row>& side) {
    return side ? side->deviceNs : 0;
}

bool byAbsoluteDiff(TimeNs a, TimeNs b) {
    return std::llabs(a) > std::llabs(b);
}

// Outer-joins the rows of both runs by `keyOf`: `fill` names a row and sets one side; every row
// gets its difference and ratio, and the rows come largest |difference| first.
template <class Diff, class Stats, class Key, class Fill>
std::vector<Diff> outerJoin(const std::vector<Stats>& base, const std::vector<Stats>& comp,
                            Key keyOf, Fill fill) {
    std::map<decltype(keyOf(base.front())), Diff> rows;
    for (const Stats& s : base)
        fill(rows[keyOf(s)], s).base = sideOf(s);
    for (const Stats& s : comp)
        fill(rows[keyOf(s)], s).comp = sideOf(s);
    std::vector<Diff> out;
    for (auto& [key, d] : rows) {
        d.diffNs = deviceOf(d.comp) - deviceOf(d.base);
        d.ratio = ratioOf(d.base, d.comp);
        out.push_back(std::move(d));
    }
    std::stable_sort(out.begin(), out.end(), [](const Diff& a, const Diff& b) {
        return byAbsoluteDiff(a.diffNs, b.diffNs);
    });
    return out;
}

std::vector<OpDiff> diffOps(const RunInput& base, const RunInput& comp,
                            const analysis::OpScope& baseScope,
                            const analysis::OpScope& compScope) {
    std::vector<OpDiff> out = outerJoin<OpDiff>(
        analysis::operatorStats(*base.ops, baseScope),
        analysis::operatorStats(*comp.ops, compScope),
        [](const analysis::OpStats& s) { return s.name; },
        [](OpDiff& d, const analysis::OpStats& s) -> OpDiff& {
            d.name = s.name;
            return d;
        });
    for (OpDiff& d : out)
        splitDifference(d);
    return out;
}

std::vector<KernelDiff> diffKernels(const RunInput& base, const RunInput& comp,
                                    const analysis::OpScope& baseScope,
                                    const analysis::OpScope& compScope) {
    const bool byShape =
        analysis::hasKernelShapes(*base.trace) && analysis::hasKernelShapes(*comp.trace);
    return outerJoin<KernelDiff>(
        analysis::kernelTypeStats(*base.ops, baseScope, byShape),
        analysis::kernelTypeStats(*comp.ops, compScope, byShape),
        [](const analysis::KernelTypeStats& s) { return std::make_pair(s.type, s.inputShapes); },
        [](KernelDiff& d, const analysis::KernelTypeStats& s) -> KernelDiff& {
            d.type = s.type;
            d.inputShapes = s.inputShapes;
            return d;
        });
}

// The top-level ops of a step, per host thread, most ops first.
std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>>
opsByThread(const analysis::OpIndex& index, const RunStep& step) {
    std::map<std::uint32_t, std::vector<std::uint32_t>> byTrack;
    const auto& ops = index.instances(); // by start
    const auto startsBefore = [&](TimeNs t) {
        return static_cast<std::uint32_t>(std::lower_bound(ops.begin(), ops.end(), t,
                                                           [](const analysis::OpInstance& op,
                                                              TimeNs v) { return op.start < v; }) -
                                          ops.begin());
    };
    const std::uint32_t first = step.number ? startsBefore(step.start) : 0;
    const std::uint32_t last =
        step.number ? startsBefore(step.end) : static_cast<std::uint32_t>(ops.size());
    for (std::uint32_t k = first; k < last; ++k)
        byTrack[ops[k].op.track].push_back(k);
    std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> out(byTrack.begin(),
                                                                          byTrack.end());
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second.size() > b.second.size();
    });
    return out;
}

class SymbolTable {
public:
    std::vector<std::uint32_t> of(const analysis::OpIndex& index,
                                  const std::vector<std::uint32_t>& ops) {
        std::vector<std::uint32_t> out;
        out.reserve(ops.size());
        for (std::uint32_t k : ops)
            out.push_back(ids_.try_emplace(index.name(index.instances()[k]),
                                           static_cast<std::uint32_t>(ids_.size()))
                              .first->second);
        return out;
    }

private:
    std::unordered_map<std::string_view, std::uint32_t> ids_;
};

std::vector<ThreadAlignment> alignStep(const RunInput& base, const RunStep& baseStep,
                                       const RunInput& comp, const RunStep& compStep) {
    const auto baseThreads = opsByThread(*base.ops, baseStep);
    const auto compThreads = opsByThread(*comp.ops, compStep);
    SymbolTable symbols;
    std::vector<ThreadAlignment> out;
    const std::size_t n = std::max(baseThreads.size(), compThreads.size());
    static const std::vector<std::uint32_t> kNone;
    for (std::size_t t = 0; t < n; ++t) {
        const auto& b = t < baseThreads.size() ? baseThreads[t].second : kNone;
        const auto& c = t < compThreads.size() ? compThreads[t].second : kNone;
        const std::vector<std::uint32_t> bs = symbols.of(*base.ops, b);
        const std::vector<std::uint32_t> cs = symbols.of(*comp.ops, c);
        Alignment a = alignSequences(bs, cs);
        ThreadAlignment thread;
        thread.baseTrack = t < baseThreads.size() ? baseThreads[t].first : kNoIndex;
        thread.compTrack = t < compThreads.size() ? compThreads[t].first : kNoIndex;
        thread.matched = a.matched;
        thread.exact = a.exact;
        thread.pairs.reserve(a.pairs.size());
        for (const AlignedPair& p : a.pairs)
            thread.pairs.push_back({p.base == kUnmatched ? kUnmatched : b[p.base],
                                    p.comp == kUnmatched ? kUnmatched : c[p.comp]});
        out.push_back(std::move(thread));
    }
    return out;
}

// What a finding is about: its title's first clause (up to ';') with every number and the unit
// after it read as "#", and GPU/NPU read as "device": "aten::to blocked #", "device # idle #, host
// stall", "# tasks under # …".
std::string subjectOf(const std::string& title) {
    const std::string clause = title.substr(0, title.find(';'));
    static constexpr std::string_view kUnits[] = {"ns", "µs", "us", "ms", "s", "%", "×"};
    std::string s;
    std::size_t i = 0;
    while (i < clause.size()) {
        if (!std::isdigit(static_cast<unsigned char>(clause[i]))) {
            s += clause[i++];
            continue;
        }
        while (i < clause.size() && (std::isdigit(static_cast<unsigned char>(clause[i])) ||
                                     clause[i] == '.' || clause[i] == ','))
            ++i;
        s += '#';
        std::size_t unit = i;
        while (unit < clause.size() && clause[unit] == ' ')
            ++unit;
        for (std::string_view u : kUnits) {
            const std::size_t after = unit + u.size();
            if (clause.compare(unit, u.size(), u) == 0 &&
                (after == clause.size() ||
                 !std::isalpha(static_cast<unsigned char>(clause[after])))) {
                i = after;
                break;
            }
        }
    }
    for (const char* vendor : {"GPU", "NPU"})
        for (std::size_t at = s.find(vendor); at != std::string::npos; at = s.find(vendor, at))
            s.replace(at, 3, "device");
    return s;
}

bool touches(const std::vector<Interval>& ranges, const analysis::Insight& insight) {
    if (insight.aggregate)
        return true;
    return std::any_of(ranges.begin(), ranges.end(), [&](const Interval& r) {
        return insight.start < r.second && r.first < std::max(insight.end, insight.start + 1);
    });
}

InsightDiff diffInsights(const RunInput& base, const std::vector<Interval>& baseRanges,
                         const RunInput& comp, const std::vector<Interval>& compRanges) {
    std::map<std::pair<analysis::InsightKind, std::string>, InsightGroup> groups;
    const auto add = [&](const std::vector<analysis::Insight>* insights,
                         const std::vector<Interval>& ranges, bool isBase) {
        if (!insights)
            return;
        for (const analysis::Insight& insight : *insights) {
            if (!touches(ranges, insight))
                continue;
            const std::string subject = subjectOf(insight.title);
            InsightGroup& g = groups[{insight.kind, subject}];
            g.kind = insight.kind;
            g.subject = subject;
            std::uint32_t& count = isBase ? g.baseCount : g.compCount;
            TimeNs& atStake = isBase ? g.baseAtStakeNs : g.compAtStakeNs;
            std::string& title = isBase ? g.baseTitle : g.compTitle;
            // Findings come ranked, so the first of a group is its biggest.
            if (count++ == 0)
                title = insight.title;
            atStake += insight.timeAtStake;
        }
    };
    add(base.insights, baseRanges, true);
    add(comp.insights, compRanges, false);
    InsightDiff diff;
    for (auto& [key, g] : groups) {
        if (g.compCount == 0)
            diff.onlyBaseline.push_back(std::move(g));
        else if (g.baseCount == 0)
            diff.onlyComparison.push_back(std::move(g));
        else
            diff.changed.push_back(std::move(g));
    }
    const auto bySize = [](TimeNs InsightGroup::*field) {
        return
            [field](const InsightGroup& a, const InsightGroup& b) { return a.*field > b.*field; };
    };
    std::stable_sort(diff.onlyBaseline.begin(), diff.onlyBaseline.end(),
                     bySize(&InsightGroup::baseAtStakeNs));
    std::stable_sort(diff.onlyComparison.begin(), diff.onlyComparison.end(),
                     bySize(&InsightGroup::compAtStakeNs));
    std::stable_sort(diff.changed.begin(), diff.changed.end(),
                     [](const InsightGroup& a, const InsightGroup& b) {
                         return byAbsoluteDiff(a.compAtStakeNs - a.baseAtStakeNs,
                                               b.compAtStakeNs - b.baseAtStakeNs);
                     });
    return diff;
}

StepTime sumOf(const std::vector<StepPair>& pairs, StepTime StepPair::*side) {
    StepTime total;
    for (const StepPair& p : pairs) {
        const StepTime& t = p.*side;
        total.hostNs += t.hostNs;
        total.windowNs += t.windowNs;
        total.busyNs += t.busyNs;
        for (std::size_t b = 0; b < kBucketCount; ++b)
            total.buckets[b] += t.buckets[b];
    }
    return total;
}

} // namespace

const char* toString(Bucket bucket) {
    switch (bucket) {
    case Bucket::Computing:
        return "computing";
    case Bucket::Conversion:
        return "conversion";
    case Bucket::Communication:
        return "communication";
    case Bucket::Copy:
        return "copy";
    case Bucket::Free:
        return "free";
    }
    return "?";
}

bool NoiseThreshold::significant(TimeNs diffNs, TimeNs baseNs) const {
    const TimeNs magnitude = std::llabs(diffNs);
    if (magnitude < minNs)
        return false;
    return baseNs <= 0 || double(magnitude) >= minShare * double(baseNs);
}

StepTime Comparison::baseTotal() const {
    return sumOf(stepPairs, &StepPair::baseTime);
}

StepTime Comparison::compTotal() const {
    return sumOf(stepPairs, &StepPair::compTime);
}

std::uint32_t Comparison::partnerOf(bool inBase, std::uint32_t instance) const {
    for (const auto& step : alignments)
        for (const ThreadAlignment& thread : step)
            for (const AlignedPair& p : thread.pairs)
                if ((inBase ? p.base : p.comp) == instance)
                    return inBase ? p.comp : p.base;
    return kUnmatched;
}

Comparison compareRuns(const RunInput& base, const RunInput& comp) {
    const MeasuredRun b = measure(base);
    const MeasuredRun c = measure(comp);
    Comparison out;
    out.basePath = base.path;
    out.compPath = comp.path;
    out.baseSteps = b.steps;
    out.compSteps = c.steps;
    out.baseChosen = b.chosen;
    out.compChosen = c.chosen;
    out.baseDevice = b.device;
    out.compDevice = c.device;
    out.sameVendor = b.vendor == c.vendor && b.vendor != "device";
    const std::size_t pairs = std::min(b.chosen.size(), c.chosen.size());
    std::vector<Interval> baseRanges, compRanges;
    for (std::size_t k = 0; k < pairs; ++k) {
        const std::size_t bi = b.chosen[k], ci = c.chosen[k];
        out.stepPairs.push_back({bi, ci, b.times[bi], c.times[ci]});
        baseRanges.push_back(b.whole[bi]);
        compRanges.push_back(c.whole[ci]);
        const RunStep& bs = b.steps[bi];
        const RunStep& cs = c.steps[ci];
        out.baseScope.push_back(bs.number ? Interval{bs.start, bs.end} : b.whole[bi]);
        out.compScope.push_back(cs.number ? Interval{cs.start, cs.end} : c.whole[ci]);
        out.alignments.push_back(alignStep(base, bs, comp, cs));
    }
    out.baseUnpaired.assign(b.chosen.begin() + static_cast<std::ptrdiff_t>(pairs), b.chosen.end());
    out.compUnpaired.assign(c.chosen.begin() + static_cast<std::ptrdiff_t>(pairs), c.chosen.end());
    if (pairs == 0)
        return out;
    out.ops = diffOps(base, comp, out.baseScope, out.compScope);
    if (out.sameVendor)
        out.kernels = diffKernels(base, comp, out.baseScope, out.compScope);
    out.insights = diffInsights(base, baseRanges, comp, compRanges);
    return out;
}

} // namespace lanescope::compare
