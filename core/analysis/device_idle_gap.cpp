// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/device_idle_gap.h"

#include "analysis/advice.h"
#include "analysis/host_lanes.h"
#include "analysis/slice_info.h"
#include "analysis/slice_kind.h"
#include "model/parallel_for.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace lanescope::analysis {

namespace {

constexpr std::size_t kMaxBlamed = 3;
constexpr std::size_t kTitleNameBytes = 60;
constexpr std::size_t kLaunchesPerChunk = std::size_t{1} << 16;

TimeNs startOf(const Trace& trace, SliceRef ref) {
    return trace.sliceTracks[ref.track].start(ref.slice);
}

TimeNs endOf(const Trace& trace, SliceRef ref) {
    return trace.sliceTracks[ref.track].end(ref.slice);
}

std::string_view nameOf(const Trace& trace, SliceRef ref) {
    return trace.str(trace.sliceTracks[ref.track].name(ref.slice));
}

TimeNs lengthOf(const std::vector<Interval>& merged) {
    TimeNs total = 0;
    for (const Interval& i : merged)
        total += i.second - i.first;
    return total;
}

// Device tasks split into work and waits, per device.
struct DeviceTasks {
    std::vector<std::vector<WorkTask>> work;
    std::vector<std::vector<Interval>> waits; // merged
};

DeviceTasks splitDeviceTasks(const Trace& trace, const DeviceMap& devices) {
    DeviceTasks tasks;
    tasks.work.resize(devices.devices.size());
    tasks.waits.resize(devices.devices.size());
    std::unordered_map<StringId, bool> isWork;
    for (const TaskLink& link : trace.taskLinks) {
        const std::uint32_t device = devices.deviceOfTrack[link.task.track];
        if (device == kNoIndex)
            continue;
        const StringId name = trace.sliceTracks[link.task.track].name(link.task.slice);
        const auto [it, added] = isWork.try_emplace(name, false);
        if (added)
            it->second = isDeviceWorkName(trace.str(name));
        const TimeNs start = startOf(trace, link.task);
        const TimeNs end = endOf(trace, link.task);
        if (it->second)
            tasks.work[device].push_back({link.task, start, end});
        else
            tasks.waits[device].emplace_back(start, end);
    }
    for (auto& work : tasks.work)
        std::sort(work.begin(), work.end(), [](const WorkTask& a, const WorkTask& b) {
            return std::tie(a.start, a.end, a.task.track, a.task.slice) <
                   std::tie(b.start, b.end, b.task.track, b.task.slice);
        });
    for (auto& waits : tasks.waits)
        waits = mergeIntervals(std::move(waits));
    return tasks;
}

// Where a gap sits in one device's work, before it is classified.
struct Hole {
    std::uint32_t device = 0;
    const WorkTask* before = nullptr;
    const WorkTask* after = nullptr;
};

// Calls visit(before, after) for every hole in the union of a device's tasks (sorted by start).
// `after` is the first task starting at the hole's end that has a known launch, else the first.
template <class Visit>
void forEachHole(const Trace& trace, const std::vector<WorkTask>& tasks, Visit&& visit) {
    const WorkTask* covering = nullptr; // the task reaching furthest so far
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const WorkTask& task = tasks[i];
        if (task.end <= task.start)
            continue;
        if (covering && task.start > covering->end) {
            const WorkTask* after = &task;
            for (std::size_t j = i; j < tasks.size() && tasks[j].start == task.start; ++j) {
                const TaskLink* link = taskLinkOf(trace, tasks[j].task);
                if (tasks[j].end > tasks[j].start && link &&
                    (link->launch.valid() || link->hostOp.valid())) {
                    after = &tasks[j];
                    break;
                }
            }
            visit(covering, after);
        }
        if (!covering || task.end > covering->end)
            covering = &task;
    }
}

// A host slice seen from a gap.
struct Candidate {
    SliceRef ref;
    TimeNs start = 0;
    TimeNs end = 0;
    TimeNs overlap = 0;
};

// How well a slice matches the gap: the Jaccard index of the two intervals. A DataLoader
// __next__ that spans the gap scores near 1; the training loop around everything, or an op that
// fills a sliver of the gap, near 0.
double matchOf(const Candidate& c, TimeNs gapNs) {
    const TimeNs unionNs = (c.end - c.start) + gapNs - c.overlap;
    return unionNs > 0 ? static_cast<double>(c.overlap) / static_cast<double>(unionNs) : 0;
}

// The best-matching candidates, none inside another, until they cover half the gap (at most
// kMaxBlamed).
std::vector<SliceRef> bestMatches(std::vector<Candidate> candidates, TimeNs gapNs) {
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
        const double ma = matchOf(a, gapNs), mb = matchOf(b, gapNs);
        return ma != mb ? ma > mb
                        : std::tie(a.ref.track, a.ref.slice) < std::tie(b.ref.track, b.ref.slice);
    });
    std::vector<const Candidate*> picked;
    TimeNs covered = 0;
    for (const Candidate& c : candidates) {
        const bool nested = std::any_of(picked.begin(), picked.end(), [&](const Candidate* p) {
            return (p->start <= c.start && c.end <= p->end) ||
                   (c.start <= p->start && p->end <= c.end);
        });
        if (nested)
            continue;
        picked.push_back(&c);
        covered += c.overlap;
        if (2 * covered >= gapNs || picked.size() == kMaxBlamed)
            break;
    }
    std::vector<SliceRef> refs;
    for (const Candidate* p : picked)
        refs.push_back(p->ref);
    return refs;
}

// Length of [t0, t1) covered by the candidates.
TimeNs coveredLength(const std::vector<Candidate>& candidates, TimeNs t0, TimeNs t1) {
    std::vector<Interval> spans;
    for (const Candidate& c : candidates)
        spans.emplace_back(std::max(c.start, t0), std::min(c.end, t1));
    return lengthOf(mergeIntervals(std::move(spans)));
}

// Where host threads were launching work: for every device task, the outermost call of its
// launch API chain (the launch call and the calls of its category around it: CANN's
// aclopCompileAndExecute around Node@launch) and, when its torch op launches, the outermost
// dispatcher op around that op (aten::dropout around npu::_npu_dropout around
// aclnnDropoutGenMaskV2).
class LaunchingIndex {
public:
    LaunchingIndex(const Trace& trace, const HostLanes& lanes) : trace_(trace) {
        std::vector<std::uint64_t> launches;
        std::vector<std::uint64_t> ops;
        for (const TaskLink& link : trace.taskLinks) {
            if (link.launch.valid())
                launches.push_back(link.launch.key());
            if (link.hostOp.valid())
                ops.push_back(link.hostOp.key());
        }
        sortUnique(launches);
        sortUnique(ops);
        for (std::uint64_t key : ops)
            opStarts_[unpack(key).track].push_back(startOf(trace, unpack(key)));
        for (auto& [track, starts] : opStarts_)
            std::sort(starts.begin(), starts.end());
        // A million launches or more at 10^7 events: their roots are found on every core.
        roots_.resize(launches.size());
        const std::size_t chunks = (launches.size() + kLaunchesPerChunk - 1) / kLaunchesPerChunk;
        parallelFor(chunks, 0, [&](std::size_t c) {
            const std::size_t end = std::min(launches.size(), (c + 1) * kLaunchesPerChunk);
            for (std::size_t i = c * kLaunchesPerChunk; i < end; ++i)
                roots_[i] = apiRoot(unpack(launches[i])).key();
        });
        for (std::uint64_t key : ops)
            if (const SliceRef op = unpack(key); isLaunchingOp(op))
                roots_.push_back(opRoot(op).key());
        sortUnique(roots_);
        std::vector<std::vector<Interval>> spans(lanes.tracksOfLane.size());
        for (std::uint64_t key : roots_) {
            const SliceRef root = unpack(key);
            if (const std::uint32_t lane = lanes.laneOfTrack[root.track]; lane != kNoIndex)
                spans[lane].emplace_back(startOf(trace, root), endOf(trace, root));
        }
        byLane_.reserve(spans.size());
        for (auto& laneSpans : spans)
            byLane_.push_back(mergeIntervals(std::move(laneSpans)));
    }

    bool isRoot(SliceRef ref) const {
        return std::binary_search(roots_.begin(), roots_.end(), ref.key());
    }

    // Length of [t0, t1) during which any of the lanes was launching.
    TimeNs lengthIn(const std::vector<std::uint32_t>& lanes, TimeNs t0, TimeNs t1) const {
        std::vector<Interval> pieces;
        for (std::uint32_t lane : lanes) {
            const auto& merged = byLane_[lane];
            auto it = std::upper_bound(merged.begin(), merged.end(), t0,
                                       [](TimeNs t, const Interval& i) { return t < i.second; });
            for (; it != merged.end() && it->first < t1; ++it)
                pieces.emplace_back(std::max(it->first, t0), std::min(it->second, t1));
        }
        return lengthOf(mergeIntervals(std::move(pieces)));
    }

private:
    static void sortUnique(std::vector<std::uint64_t>& keys) {
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }

    static SliceRef unpack(std::uint64_t key) {
        return {static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key)};
    }

    // The slices of the same track and category that enclose `ref`, innermost first.
    std::vector<std::uint32_t> enclosing(SliceRef ref) const {
        const SliceTrack& track = trace_.sliceTracks[ref.track];
        std::vector<std::uint32_t> found;
        track.forEachContaining(track.start(ref.slice), [&](std::uint32_t i) {
            if (i != ref.slice && track.category(i) == track.category(ref.slice) &&
                track.row(i) < track.row(ref.slice) && track.end(i) >= track.end(ref.slice))
                found.push_back(i);
        });
        std::sort(found.begin(), found.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return track.row(a) > track.row(b); });
        return found;
    }

    // The outermost of enclosing(launch), without collecting them: a launch is one of millions.
    SliceRef apiRoot(SliceRef launch) const {
        const SliceTrack& track = trace_.sliceTracks[launch.track];
        std::uint32_t root = launch.slice;
        track.forEachContaining(track.start(launch.slice), [&](std::uint32_t i) {
            if (i != launch.slice && track.category(i) == track.category(launch.slice) &&
                track.row(i) < track.row(launch.slice) && track.end(i) >= track.end(launch.slice) &&
                (root == launch.slice || track.row(i) < track.row(root)))
                root = i;
        });
        return {launch.track, root};
    }

    // How many torch ops of tasks start inside the slice (itself included when it is one).
    std::size_t opsStartingIn(SliceRef ref) const {
        const std::vector<TimeNs>& starts = opStarts_.at(ref.track);
        const SliceTrack& track = trace_.sliceTracks[ref.track];
        return static_cast<std::size_t>(
            std::upper_bound(starts.begin(), starts.end(), track.end(ref.slice)) -
            std::lower_bound(starts.begin(), starts.end(), track.start(ref.slice)));
    }

    static bool isDispatcherOp(std::string_view name) {
        return name.find("::") != std::string_view::npos; // aten::dropout, npu::_npu_dropout
    }

    // A torch op launches when it is a dispatcher op, however many tasks it makes, or encloses
    // no other task's op: Ascend's Conv2D does, while DistributedDataParallel.forward or
    // ProfilerStep#N (also "cpu_op" ranges on Ascend) are scopes.
    bool isLaunchingOp(SliceRef op) const {
        return isDispatcherOp(nameOf(trace_, op)) || opsStartingIn(op) == 1;
    }

    // The outermost dispatcher op around it; user ranges (DataLoader, optimizer step) stop it.
    SliceRef opRoot(SliceRef op) const {
        SliceRef root = op;
        for (std::uint32_t i : enclosing(op)) {
            if (!isDispatcherOp(nameOf(trace_, {op.track, i})))
                break;
            root.slice = i;
        }
        return root;
    }

    const Trace& trace_;
    std::unordered_map<std::uint32_t, std::vector<TimeNs>> opStarts_; // distinct torch ops
    std::vector<std::uint64_t> roots_;                                // sorted keys
    std::vector<std::vector<Interval>> byLane_;
};

class Classifier {
public:
    Classifier(const Trace& trace, const DeviceTasks& tasks, double launchBoundShare)
        : trace_(trace), tasks_(tasks), lanes_(mapHostLanes(trace)), launching_(trace, lanes_),
          launchBoundShare_(launchBoundShare) {
        for (const Step& step : trace.steps)
            steps_.insert(step.slice.key());
    }

    IdleGap classify(const Hole& hole) const {
        IdleGap gap;
        gap.device = hole.device;
        gap.start = hole.before->end;
        gap.end = hole.after->start;
        gap.before = hole.before->task;
        gap.after = hole.after->task;
        gap.deviceWaitNs = overlapLength(tasks_.waits[hole.device], gap.start, gap.end);
        const TaskLink* link = taskLinkOf(trace_, gap.after);
        if (!link || !(link->launch.valid() || link->hostOp.valid()))
            return gap;
        gap.issue = link->launch.valid() ? link->launch : link->hostOp;
        gap.launchDelayNs = startOf(trace_, gap.issue) - gap.start;
        gap.queuedNs = gap.end - endOf(trace_, gap.issue);
        if (2 * gap.queuedNs >= gap.lengthNs()) {
            gap.cause = IdleGapCause::Dependency;
            gap.hostTrack = gap.issue.track;
            return gap;
        }
        judgeHost(gap, *link);
        return gap;
    }

private:
    // The host slices of a lane overlapping the gap, step annotations left out.
    std::vector<Candidate> slicesOver(std::uint32_t lane, const IdleGap& gap,
                                      bool launchingOnly) const {
        std::vector<Candidate> found;
        if (lane == kNoIndex)
            return found;
        for (std::uint32_t t : lanes_.tracksOfLane[lane]) {
            const SliceTrack& track = trace_.sliceTracks[t];
            track.forEachIntersecting(gap.start, gap.end, [&](std::uint32_t i) {
                const std::uint64_t key = SliceRef{t, i}.key();
                if (steps_.count(key) || (launchingOnly && !launching_.isRoot({t, i})))
                    return;
                const TimeNs from = std::max(track.start(i), gap.start);
                const TimeNs to = std::min(track.end(i), gap.end);
                if (from < to)
                    found.push_back({{t, i}, track.start(i), track.end(i), to - from});
            });
        }
        return found;
    }

    void judgeHost(IdleGap& gap, const TaskLink& link) const {
        const SliceRef op = link.hostOp.valid() ? link.hostOp : link.launch;
        const std::uint32_t opLane = lanes_.laneOfTrack[op.track];
        const std::uint32_t issueLane = lanes_.laneOfTrack[gap.issue.track];
        std::vector<std::uint32_t> lanes;
        for (std::uint32_t lane : {opLane, issueLane})
            if (lane != kNoIndex && std::find(lanes.begin(), lanes.end(), lane) == lanes.end())
                lanes.push_back(lane);
        gap.launchingNs = launching_.lengthIn(lanes, gap.start, gap.end);
        const std::vector<Candidate> busy = slicesOver(opLane, gap, false);
        gap.hostBusyNs = coveredLength(busy, gap.start, gap.end);
        if (static_cast<double>(gap.launchingNs) >=
            launchBoundShare_ * static_cast<double>(gap.lengthNs())) {
            gap.cause = IdleGapCause::LaunchBound;
            std::vector<Candidate> launching;
            for (std::uint32_t lane : lanes)
                for (const Candidate& c : slicesOver(lane, gap, true))
                    launching.push_back(c);
            gap.blamed = bestMatches(std::move(launching), gap.lengthNs());
        } else {
            gap.cause = IdleGapCause::HostStall;
            gap.blamed = bestMatches(busy, gap.lengthNs());
        }
        gap.hostTrack = gap.blamed.empty() ? op.track : gap.blamed.front().track;
    }

    const Trace& trace_;
    const DeviceTasks& tasks_;
    HostLanes lanes_;
    LaunchingIndex launching_;
    double launchBoundShare_;
    std::unordered_set<std::uint64_t> steps_;
};

// A gap's position among all gaps of the trace by (start, device), from each device's sorted
// gap starts.
std::uint32_t ordinalOf(const std::vector<std::vector<TimeNs>>& gapStarts, std::uint32_t device,
                        TimeNs start) {
    std::size_t before = 0;
    for (std::uint32_t d = 0; d < gapStarts.size(); ++d) {
        const auto& starts = gapStarts[d];
        before += static_cast<std::size_t>(
            (d < device ? std::upper_bound(starts.begin(), starts.end(), start)
                        : std::lower_bound(starts.begin(), starts.end(), start)) -
            starts.begin());
    }
    return static_cast<std::uint32_t>(before);
}

Severity severityOf(TimeNs gapNs, const Thresholds& th) {
    const double us = static_cast<double>(gapNs) / 1e3;
    if (us >= th["idle_gap.high_stake_us"])
        return Severity::High;
    if (us >= th["idle_gap.medium_stake_us"])
        return Severity::Medium;
    return Severity::Low;
}

// Kernel names run to hundreds of characters; titles keep their start.
std::string shortName(std::string_view name) {
    if (name.size() <= kTitleNameBytes)
        return std::string(name);
    std::size_t cut = kTitleNameBytes;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 sequence
    return std::string(name.substr(0, cut)) + "…";
}

std::string blamedNames(const Trace& trace, const IdleGap& gap) {
    std::string text;
    for (std::size_t i = 0; i < gap.blamed.size(); ++i)
        text += (i ? ", " : "") + shortName(nameOf(trace, gap.blamed[i]));
    return text;
}

std::string titleOf(const Trace& trace, const DeviceMap& devices, const IdleGap& gap) {
    const std::string head =
        devices.devices[gap.device].name + " idle " + formatTitleDuration(gap.lengthNs());
    const std::string next = shortName(nameOf(trace, gap.after));
    switch (gap.cause) {
    case IdleGapCause::LaunchBound:
        return head + ": the host was busy launching in " + blamedNames(trace, gap) + " for " +
               formatTitleDuration(gap.launchingNs) + " of it (launch-bound)";
    case IdleGapCause::HostStall:
        if (gap.blamed.empty() || 2 * gap.hostBusyNs < gap.lengthNs())
            return head + ": no profiled host activity on the thread that launches its work " +
                   "(host stall)";
        return head + ": the host was in " + blamedNames(trace, gap) +
               " and launched nothing (host stall)";
    case IdleGapCause::Dependency:
        return head + ": " + next + " sat queued for " + formatTitleDuration(gap.queuedNs) +
               ", so the device waited on another stream or rank (dependency)";
    case IdleGapCause::Unattributed:
        break;
    }
    return head + " before " + next + ", whose launch is not in the trace (cause unknown)";
}

bool blamesDataLoading(const Trace& trace, const IdleGap& gap) {
    return std::any_of(gap.blamed.begin(), gap.blamed.end(), [&](SliceRef ref) {
        return nameOf(trace, ref).find("DataLoader") != std::string_view::npos;
    });
}

// The advice's cause: the gap's, or data loading for a host stall in a DataLoader.
std::string_view adviceCause(const Trace& trace, const IdleGap& gap) {
    if (gap.cause == IdleGapCause::HostStall && blamesDataLoading(trace, gap))
        return "data_loading";
    return toString(gap.cause);
}

void addUnique(std::vector<std::uint32_t>& tracks, std::uint32_t track) {
    if (track != kNoIndex && std::find(tracks.begin(), tracks.end(), track) == tracks.end())
        tracks.push_back(track);
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const IdleGap& gap,
                  const Thresholds& th) {
    Insight insight = makeInsight(InsightKind::DeviceIdleGap, gap.ordinal);
    insight.severity = severityOf(gap.lengthNs(), th);
    insight.start = gap.start;
    insight.end = gap.end;
    insight.timeAtStake = gap.lengthNs();
    addUnique(insight.tracks, gap.after.track);
    addUnique(insight.tracks, gap.before.track);
    addUnique(insight.tracks, gap.hostTrack);
    insight.events = {gap.before, gap.after};
    insight.events.insert(insight.events.end(), gap.blamed.begin(), gap.blamed.end());
    if (gap.issue.valid() &&
        std::find(gap.blamed.begin(), gap.blamed.end(), gap.issue) == gap.blamed.end())
        insight.events.push_back(gap.issue);
    insight.numbers = {{Number::GapNs, static_cast<double>(gap.lengthNs())},
                       {Number::LaunchingNs, static_cast<double>(gap.launchingNs)},
                       {Number::HostBusyNs, static_cast<double>(gap.hostBusyNs)},
                       {Number::DeviceWaitNs, static_cast<double>(gap.deviceWaitNs)}};
    if (gap.issue.valid()) {
        insight.numbers.emplace_back(Number::LaunchDelayNs, static_cast<double>(gap.launchDelayNs));
        insight.numbers.emplace_back(Number::QueuedNs, static_cast<double>(gap.queuedNs));
    }
    insight.title = titleOf(trace, devices, gap);
    insight.cause = toString(gap.cause);
    insight.suggestion = adviceFor(insight.kind, adviceCause(trace, gap), platformOf(trace));
    return insight;
}

} // namespace

std::vector<std::vector<WorkTask>> workTasksByDevice(const Trace& trace, const DeviceMap& devices) {
    return splitDeviceTasks(trace, devices).work;
}

const char* toString(IdleGapCause cause) {
    switch (cause) {
    case IdleGapCause::LaunchBound:
        return "launch_bound";
    case IdleGapCause::HostStall:
        return "host_stall";
    case IdleGapCause::Dependency:
        return "dependency";
    case IdleGapCause::Unattributed:
        return "unattributed";
    }
    return "unattributed";
}

IdleGapCause idleGapCauseOf(const Insight& insight) {
    for (const IdleGapCause cause :
         {IdleGapCause::LaunchBound, IdleGapCause::HostStall, IdleGapCause::Dependency})
        if (insight.cause == toString(cause))
            return cause;
    return IdleGapCause::Unattributed;
}

std::vector<IdleGap> findIdleGaps(const Trace& trace, const DeviceMap& devices,
                                  const Thresholds& thresholds) {
    const DeviceTasks tasks = splitDeviceTasks(trace, devices);
    const double minGapNs = thresholds["idle_gap.min_gap_us"] * 1e3;
    std::vector<std::vector<TimeNs>> gapStarts(tasks.work.size());
    std::vector<Hole> reported;
    for (std::uint32_t d = 0; d < tasks.work.size(); ++d)
        forEachHole(trace, tasks.work[d], [&](const WorkTask* before, const WorkTask* after) {
            gapStarts[d].push_back(before->end);
            if (static_cast<double>(after->start - before->end) >= minGapNs)
                reported.push_back({d, before, after});
        });
    if (reported.empty())
        return {};
    const Classifier classifier(trace, tasks, thresholds["idle_gap.launch_bound_share"]);
    std::vector<IdleGap> gaps;
    gaps.reserve(reported.size());
    for (const Hole& hole : reported) {
        gaps.push_back(classifier.classify(hole));
        gaps.back().ordinal = ordinalOf(gapStarts, hole.device, gaps.back().start);
    }
    std::sort(gaps.begin(), gaps.end(),
              [](const IdleGap& a, const IdleGap& b) { return a.ordinal < b.ordinal; });
    return gaps;
}

std::vector<Insight> detectDeviceIdleGaps(const Trace& trace, const DeviceMap& devices,
                                          const Thresholds& thresholds) {
    std::vector<Insight> insights;
    for (const IdleGap& gap : findIdleGaps(trace, devices, thresholds))
        insights.push_back(insightOf(trace, devices, gap, thresholds));
    return insights;
}

} // namespace lanescope::analysis
