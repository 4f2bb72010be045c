// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/op_stats.h"

#include "analysis/slice_kind.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace lanescope::analysis {

namespace {

bool isFrameworkOpCategory(std::string_view category) {
    return category == "cpu_op" || category == "Operator" || category == "operator";
}

bool isStepName(std::string_view name) {
    return name.starts_with("ProfilerStep#");
}

// Whether each distinct name is a work task's and a collective's, decided once per name.
class WorkNames {
public:
    explicit WorkNames(const Trace& trace) : trace_(trace) {}
    bool isWork(StringId name) { return of(name).first; }
    bool isCollective(StringId name) { return of(name).second; }

private:
    std::pair<bool, bool> of(StringId name) {
        const auto [it, added] = kinds_.try_emplace(name);
        if (added) {
            const std::string_view text = trace_.str(name);
            it->second = {isDeviceWorkName(text),
                          classifySliceName(text) == SliceKind::Communication};
        }
        return it->second;
    }

    const Trace& trace_;
    std::unordered_map<StringId, std::pair<bool, bool>> kinds_;
};

// Walks taskLinks and taskDetails (both sorted by task) together.
template <class Visit> void forEachTask(const Trace& trace, Visit&& visit) {
    const auto key = [](SliceRef r) { return std::make_tuple(r.track, r.slice); };
    auto detail = trace.taskDetails.begin();
    for (std::size_t i = 0; i < trace.taskLinks.size(); ++i) {
        const TaskLink& link = trace.taskLinks[i];
        while (detail != trace.taskDetails.end() && key(detail->task) < key(link.task))
            ++detail;
        const bool has = detail != trace.taskDetails.end() && detail->task == link.task;
        visit(i, link, has ? &*detail : nullptr);
    }
}

} // namespace

OpIndex::OpIndex(const Trace& trace) : trace_(trace) {
    findInstances();
    attributeTasks();
}

void OpIndex::findInstances() {
    byTrack_.resize(trace_.sliceTracks.size());
    for (const Thread& thread : trace_.threads) {
        if (thread.kind != TrackKind::Host || thread.sliceTrack == kNoIndex)
            continue;
        const SliceTrack& track = trace_.sliceTracks[thread.sliceTrack];
        // Slices come by start with parents first on equal starts, so a framework op that starts
        // before the current top-level op ends lies inside it.
        TimeNs openEnd = kTimeMin;
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            if (track.start(i) < openEnd || !isFrameworkOpCategory(trace_.str(track.category(i))) ||
                isStepName(trace_.str(track.name(i))))
                continue;
            openEnd = track.end(i);
            instances_.push_back({{thread.sliceTrack, i}, track.start(i), track.end(i), 0, 0});
        }
    }
    std::sort(instances_.begin(), instances_.end(), [](const OpInstance& a, const OpInstance& b) {
        return std::tie(a.start, a.op.track, a.op.slice) <
               std::tie(b.start, b.op.track, b.op.slice);
    });
    for (std::uint32_t k = 0; k < instances_.size(); ++k)
        byTrack_[instances_[k].op.track].push_back(k);
}

std::uint32_t OpIndex::instanceAround(SliceRef slice) const {
    if (!slice.valid() || slice.track >= byTrack_.size())
        return kNoIndex;
    const std::vector<std::uint32_t>& ops = byTrack_[slice.track];
    const SliceTrack& track = trace_.sliceTracks[slice.track];
    const TimeNs at = track.start(slice.slice);
    auto it = std::upper_bound(ops.begin(), ops.end(), at,
                               [&](TimeNs t, std::uint32_t k) { return t < instances_[k].start; });
    if (it == ops.begin())
        return kNoIndex;
    const std::uint32_t k = *std::prev(it);
    return instances_[k].op == slice || at < instances_[k].end ? k : kNoIndex;
}

void OpIndex::attributeTasks() {
    WorkNames work(trace_);
    instanceOfTask_.assign(trace_.taskLinks.size(), kNoIndex);
    std::unordered_map<std::uint32_t, std::vector<Interval>> collectives; // per instance
    const auto span = [&](const TaskLink& link) {
        const SliceTrack& track = trace_.sliceTracks[link.task.track];
        return Interval{track.start(link.task.slice), track.end(link.task.slice)};
    };
    for (std::size_t i = 0; i < trace_.taskLinks.size(); ++i) {
        const TaskLink& link = trace_.taskLinks[i];
        const StringId name = trace_.sliceTracks[link.task.track].name(link.task.slice);
        if (!work.isWork(name))
            continue;
        const std::uint32_t k = instanceAround(link.hostOp);
        if (k == kNoIndex) {
            ++unattributed_;
            continue;
        }
        instanceOfTask_[i] = k;
        if (work.isCollective(name))
            collectives[k].push_back(span(link));
    }
    for (std::size_t i = 0; i < trace_.taskLinks.size(); ++i) {
        const std::uint32_t k = instanceOfTask_[i];
        if (k == kNoIndex)
            continue;
        const TaskLink& link = trace_.taskLinks[i];
        const SliceTrack& track = trace_.sliceTracks[link.task.track];
        const Interval task = span(link);
        if (const auto c = collectives.find(k);
            c != collectives.end() && !work.isCollective(track.name(link.task.slice)) &&
            std::any_of(c->second.begin(), c->second.end(), [&](const Interval& op) {
                return op.first <= task.first && task.first < op.second;
            })) {
            instanceOfTask_[i] = kNoIndex; // a step of its op's collective: counted with it
            continue;
        }
        instances_[k].deviceNs += task.second - task.first;
        ++instances_[k].tasks;
    }
}

std::string_view OpIndex::name(const OpInstance& op) const {
    return trace_.str(trace_.sliceTracks[op.op.track].name(op.op.slice));
}

ScopeTest::ScopeTest(OpScope scope) : ranges_(mergeIntervals(std::move(scope))) {}

bool ScopeTest::contains(TimeNs t) const {
    if (ranges_.empty())
        return true;
    const auto after = std::upper_bound(ranges_.begin(), ranges_.end(), t,
                                        [](TimeNs v, const Interval& r) { return v < r.first; });
    return after != ranges_.begin() && t < std::prev(after)->second;
}

std::vector<OpStats> operatorStats(const OpIndex& index, const OpScope& scope) {
    const ScopeTest inScope(scope);
    std::map<std::string_view, OpStats> byName;
    for (const OpInstance& op : index.instances()) {
        if (!inScope.contains(op.start))
            continue;
        const std::string_view name = index.name(op);
        auto [it, added] = byName.try_emplace(name);
        OpStats& s = it->second;
        if (added) {
            s.name = std::string(name);
            s.deviceMinNs = op.deviceNs;
            s.deviceMaxNs = op.deviceNs;
        }
        ++s.count;
        s.hostNs += op.end - op.start;
        s.deviceNs += op.deviceNs;
        s.kernels += op.tasks;
        s.deviceMinNs = std::min(s.deviceMinNs, op.deviceNs);
        s.deviceMaxNs = std::max(s.deviceMaxNs, op.deviceNs);
    }
    std::vector<OpStats> out;
    out.reserve(byName.size());
    for (auto& [name, stats] : byName)
        out.push_back(std::move(stats));
    std::stable_sort(out.begin(), out.end(), [](const OpStats& a, const OpStats& b) {
        return std::tie(b.deviceNs, b.hostNs) < std::tie(a.deviceNs, a.hostNs);
    });
    return out;
}

bool hasKernelShapes(const Trace& trace) {
    return std::any_of(
        trace.taskDetails.begin(), trace.taskDetails.end(),
        [&](const DeviceTaskDetail& d) { return !trace.str(d.inputShapes).empty(); });
}

std::vector<KernelTypeStats> kernelTypeStats(const OpIndex& index, const OpScope& scope,
                                             bool byShape) {
    const Trace& trace = index.trace();
    const ScopeTest inScope(scope);
    WorkNames work(trace);
    std::map<std::pair<std::string_view, std::string_view>, KernelTypeStats> byType;
    forEachTask(trace, [&](std::size_t i, const TaskLink& link, const DeviceTaskDetail* detail) {
        const SliceTrack& track = trace.sliceTracks[link.task.track];
        if (!work.isWork(track.name(link.task.slice)))
            return;
        const std::uint32_t op = index.instanceOfTask(i);
        const TimeNs when =
            op == kNoIndex ? track.start(link.task.slice) : index.instances()[op].start;
        if (!inScope.contains(when))
            return;
        std::string_view type = detail ? trace.str(detail->opType) : std::string_view();
        if (type.empty() || type == "N/A")
            type = trace.str(track.name(link.task.slice));
        const std::string_view shapes =
            byShape && detail ? trace.str(detail->inputShapes) : std::string_view();
        const TimeNs d = track.duration(link.task.slice);
        auto [it, added] = byType.try_emplace({type, shapes});
        KernelTypeStats& s = it->second;
        if (added) {
            s.type = std::string(type);
            s.inputShapes = std::string(shapes);
            s.minNs = d;
            s.maxNs = d;
        }
        ++s.count;
        s.deviceNs += d;
        s.minNs = std::min(s.minNs, d);
        s.maxNs = std::max(s.maxNs, d);
    });
    std::vector<KernelTypeStats> out;
    out.reserve(byType.size());
    for (auto& [key, stats] : byType)
        out.push_back(std::move(stats));
    std::stable_sort(
        out.begin(), out.end(),
        [](const KernelTypeStats& a, const KernelTypeStats& b) { return a.deviceNs > b.deviceNs; });
    return out;
}

} // namespace lanescope::analysis
