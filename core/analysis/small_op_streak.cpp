// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/small_op_streak.h"

#include "analysis/advice.h"
#include "analysis/slice_info.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

namespace lanescope::analysis {

namespace {

struct Run {
    std::uint32_t track = 0;
    std::vector<SliceRef> tasks;
};

// The stream's device tasks by start (then end, then index).
std::vector<std::uint32_t> tasksOf(const Trace& trace, std::uint32_t t) {
    const SliceTrack& track = trace.sliceTracks[t];
    std::vector<std::uint32_t> tasks;
    for (std::uint32_t i = 0; i < track.size(); ++i)
        if (taskLinkOf(trace, {t, i}))
            tasks.push_back(i);
    std::sort(tasks.begin(), tasks.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::make_tuple(track.start(a), track.end(a), a) <
               std::make_tuple(track.start(b), track.end(b), b);
    });
    return tasks;
}

struct TinyRule {
    TimeNs maxTaskNs = 0;
    TimeNs maxLaunchNs = 0;
    TimeNs maxGapNs = 0;

    explicit TinyRule(const Thresholds& th)
        : maxTaskNs(static_cast<TimeNs>(th["small_op.max_task_us"] * 1e3)),
          maxLaunchNs(static_cast<TimeNs>(th["small_op.max_launch_us"] * 1e3)),
          maxGapNs(static_cast<TimeNs>(th["small_op.max_gap_us"] * 1e3)) {}

    bool tiny(const Trace& trace, SliceRef task) const {
        const TimeNs duration = trace.sliceTracks[task.track].duration(task.slice);
        if (duration < maxTaskNs)
            return true;
        const TaskLink* link = taskLinkOf(trace, task);
        if (!link || !link->launch.valid())
            return false;
        const TimeNs launch = trace.sliceTracks[link->launch.track].duration(link->launch.slice);
        return launch <= maxLaunchNs && duration < launch;
    }
};

// Every maximal run of tiny tasks of every device stream, by start, then track.
std::vector<Run> tinyRuns(const Trace& trace, const DeviceMap& devices, const TinyRule& rule) {
    std::vector<Run> runs;
    const auto close = [&runs](Run& run) {
        if (!run.tasks.empty())
            runs.push_back(std::move(run));
        run.tasks.clear();
    };
    for (const DeviceActivity& device : devices.devices)
        for (std::uint32_t t : device.tracks) {
            const SliceTrack& track = trace.sliceTracks[t];
            Run run{t, {}};
            TimeNs runEnd = 0;
            for (std::uint32_t i : tasksOf(trace, t)) {
                if (!rule.tiny(trace, {t, i})) {
                    close(run);
                    continue;
                }
                if (!run.tasks.empty() && track.start(i) - runEnd > rule.maxGapNs)
                    close(run);
                runEnd = run.tasks.empty() ? track.end(i) : std::max(runEnd, track.end(i));
                run.tasks.push_back({t, i});
            }
            close(run);
        }
    std::sort(runs.begin(), runs.end(), [&](const Run& a, const Run& b) {
        const TimeNs sa = trace.sliceTracks[a.track].start(a.tasks.front().slice);
        const TimeNs sb = trace.sliceTracks[b.track].start(b.tasks.front().slice);
        return std::tie(sa, a.track) < std::tie(sb, b.track);
    });
    return runs;
}

SmallOpStreak measure(const Trace& trace, Run run, std::uint32_t ordinal) {
    const SliceTrack& track = trace.sliceTracks[run.track];
    SmallOpStreak streak;
    streak.track = run.track;
    streak.ordinal = ordinal;
    streak.start = track.start(run.tasks.front().slice);
    streak.end = streak.start;
    std::vector<Interval> busy;
    std::map<StringId, std::uint32_t> counts;
    for (SliceRef task : run.tasks) {
        streak.end = std::max(streak.end, track.end(task.slice));
        busy.emplace_back(track.start(task.slice), track.end(task.slice));
        if (const TaskLink* link = taskLinkOf(trace, task); link && link->hostOp.valid())
            ++counts[trace.sliceTracks[link->hostOp.track].name(link->hostOp.slice)];
    }
    for (const Interval& i : mergeIntervals(std::move(busy)))
        streak.busyNs += i.second - i.first;
    streak.launchers.assign(counts.begin(), counts.end());
    std::sort(streak.launchers.begin(), streak.launchers.end(), [&](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : trace.str(a.first) < trace.str(b.first);
    });
    streak.tasks = std::move(run.tasks);
    return streak;
}

Severity severityOf(TimeNs stake, const Thresholds& th) {
    const double stakeUs = static_cast<double>(stake) / 1e3;
    if (stakeUs >= th["small_op.high_stake_us"])
        return Severity::High;
    if (stakeUs >= th["small_op.medium_stake_us"])
        return Severity::Medium;
    return Severity::Low;
}

std::string titleOf(const Trace& trace, const SmallOpStreak& s, const Thresholds& th) {
    const auto maxTaskNs = static_cast<TimeNs>(th["small_op.max_task_us"] * 1e3);
    const bool allShort = std::all_of(s.tasks.begin(), s.tasks.end(), [&](SliceRef task) {
        return trace.sliceTracks[task.track].duration(task.slice) < maxTaskNs;
    });
    std::string title =
        std::to_string(s.tasks.size()) + " " + deviceWord(trace) + " tasks under " +
        formatTitleDuration(maxTaskNs) + (allShort ? "" : " or shorter than their launch call") +
        " in a row on " + streamName(trace, s.track) + " kept the device " +
        formatTitlePercent(s.busyShare()) + " busy over " + formatTitleDuration(s.wallNs());
    if (!s.launchers.empty())
        title += "; launched by " + launcherList(trace, s.launchers);
    return title;
}

Insight insightOf(const Trace& trace, const SmallOpStreak& s, const Thresholds& th) {
    Insight insight = makeInsight(InsightKind::SmallOpStreak, s.ordinal);
    insight.timeAtStake = s.wallNs() - s.busyNs;
    insight.severity = severityOf(insight.timeAtStake, th);
    insight.start = s.start;
    insight.end = s.end;
    insight.tracks.push_back(s.track);
    insight.events = s.tasks;
    insight.numbers = {{Number::Tasks, static_cast<double>(s.tasks.size())},
                       {Number::BusyNs, static_cast<double>(s.busyNs)},
                       {Number::WallNs, static_cast<double>(s.wallNs())},
                       {Number::BusyShare, s.busyShare()}};
    insight.title = titleOf(trace, s, th);
    insight.cause = "streak";
    insight.suggestion = adviceFor(insight.kind, insight.cause, platformOf(trace));
    return insight;
}

} // namespace

double SmallOpStreak::busyShare() const {
    return wallNs() > 0 ? static_cast<double>(busyNs) / static_cast<double>(wallNs()) : 1;
}

std::vector<SmallOpStreak> findSmallOpStreaks(const Trace& trace, const DeviceMap& devices,
                                              const Thresholds& thresholds) {
    const double minTasks = thresholds["small_op.min_streak_tasks"];
    const double maxShare = thresholds["small_op.max_busy_share"];
    std::vector<Run> runs = tinyRuns(trace, devices, TinyRule(thresholds));
    std::vector<SmallOpStreak> streaks;
    for (std::uint32_t i = 0; i < runs.size(); ++i) {
        if (static_cast<double>(runs[i].tasks.size()) < minTasks)
            continue;
        SmallOpStreak streak = measure(trace, std::move(runs[i]), i);
        if (streak.busyShare() < maxShare)
            streaks.push_back(std::move(streak));
    }
    return streaks;
}

std::vector<Insight> detectSmallOpStreaks(const Trace& trace, const DeviceMap& devices,
                                          const Thresholds& thresholds) {
    std::vector<Insight> insights;
    for (const SmallOpStreak& streak : findSmallOpStreaks(trace, devices, thresholds))
        insights.push_back(insightOf(trace, streak, thresholds));
    return insights;
}

} // namespace lanescope::analysis
