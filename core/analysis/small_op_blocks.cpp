// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/small_op_blocks.h"

#include "analysis/advice.h"
#include "analysis/advisor_priority.h"
#include "analysis/task_role.h"

#include <algorithm>
#include <string>
#include <tuple>

namespace lanescope::analysis {

namespace {

struct DeviceTaskSets {
    std::vector<std::pair<Interval, SliceRef>> kernels; // by start
    std::vector<Interval> communication;
};

std::vector<DeviceTaskSets> taskSets(const Trace& trace, const DeviceMap& devices) {
    std::vector<DeviceTaskSets> sets(devices.devices.size());
    for (const RoledTask& task : roleDeviceTasks(trace)) {
        const std::uint32_t device = devices.deviceOfTrack[task.task.track];
        if (device == kNoIndex)
            continue;
        const SliceTrack& track = trace.sliceTracks[task.task.track];
        const Interval span{track.start(task.task.slice), track.end(task.task.slice)};
        if (task.role == TaskRole::Kernel)
            sets[device].kernels.emplace_back(span, task.task);
        else if (task.role == TaskRole::Communication)
            sets[device].communication.push_back(span);
    }
    for (DeviceTaskSets& set : sets)
        std::sort(set.kernels.begin(), set.kernels.end(), [](const auto& a, const auto& b) {
            return std::tie(a.first, a.second.track, a.second.slice) <
                   std::tie(b.first, b.second.track, b.second.slice);
        });
    return sets;
}

TimeNs lengthOf(const std::vector<Interval>& merged) {
    TimeNs total = 0;
    for (const Interval& i : merged)
        total += i.second - i.first;
    return total;
}

SmallBlockSummary summarize(const DeviceActivity& device, std::uint32_t index,
                            const DeviceTaskSets& set, double gapRatio, TimeNs maxGapNs) {
    SmallBlockSummary s;
    s.device = index;
    std::vector<Interval> kernelSpans;
    for (const auto& [span, ref] : set.kernels)
        kernelSpans.push_back(span);
    const std::vector<Interval> blocks = mergeIntervals(kernelSpans);
    const std::vector<Interval> communication = mergeIntervals(set.communication);
    std::vector<Interval> occupied = kernelSpans;
    occupied.insert(occupied.end(), communication.begin(), communication.end());
    s.blocks = static_cast<std::uint32_t>(blocks.size());
    s.computingNs = lengthOf(blocks);
    s.freeNs = device.spanNs() - lengthOf(mergeIntervals(std::move(occupied)));
    auto kernel = set.kernels.begin();
    for (std::size_t b = 0; b + 1 < blocks.size(); ++b) {
        const Interval& block = blocks[b];
        const TimeNs next = blocks[b + 1].first;
        const TimeNs gap = next - block.second - overlapLength(communication, block.second, next);
        // Kernels start in start order, so the ones of block b come before block b + 1's.
        while (kernel != set.kernels.end() && kernel->first.first < block.first)
            ++kernel;
        if (static_cast<double>(gap) <= gapRatio * static_cast<double>(block.second - block.first))
            continue;
        if (s.smallBlocks++ == 0)
            s.firstSmall = block.first;
        (gap <= maxGapNs ? s.smallGapNs : s.stallNs) += gap;
        s.lastSmallGap = next;
        for (; kernel != set.kernels.end() && kernel->first.first < block.second; ++kernel)
            s.smallBlockTasks.push_back(kernel->second);
    }
    return s;
}

std::string titleOf(const Trace& trace, const DeviceMap& devices, const SmallBlockSummary& s,
                    const Thresholds& th) {
    return formatTitlePercent(s.smallShare()) + " of the " + std::to_string(s.blocks) +
           " computing blocks on " + devices.devices[s.device].name +
           " are small (the device then idles more than " +
           formatTitlePercent(th["small_op.block_gap_ratio"]) +
           " of the block): " + formatTitleDuration(s.smallGapNs) +
           " idle in the launch gaps after " + std::to_string(s.smallBlocks) + " small blocks of " +
           deviceWord(trace) + " kernels";
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const SmallBlockSummary& s,
                  const Thresholds& th) {
    const DeviceActivity& device = devices.devices[s.device];
    Insight insight = makeInsight(InsightKind::SmallOpStreak, "blocks-" + std::to_string(s.device));
    setAdvisorStake(insight, s.smallGapNs, device.spanNs(), s.firstSmall, s.lastSmallGap,
                    s.smallBlockTasks, th);
    insight.numbers = {{Number::Blocks, static_cast<double>(s.blocks)},
                       {Number::SmallBlocks, static_cast<double>(s.smallBlocks)},
                       {Number::SmallShare, s.smallShare()},
                       {Number::GapNs, static_cast<double>(s.smallGapNs)},
                       {Number::StallNs, static_cast<double>(s.stallNs)},
                       {Number::ComputingNs, static_cast<double>(s.computingNs)},
                       {Number::FreeNs, static_cast<double>(s.freeNs)}};
    insight.title = titleOf(trace, devices, s, th);
    insight.cause = "small_blocks";
    insight.suggestion = adviceFor(insight.kind, insight.cause, platformOf(trace));
    return insight;
}

} // namespace

double SmallBlockSummary::smallShare() const {
    return blocks > 0 ? static_cast<double>(smallBlocks) / static_cast<double>(blocks) : 0;
}

std::vector<SmallBlockSummary> summarizeSmallBlocks(const Trace& trace, const DeviceMap& devices,
                                                    const Thresholds& thresholds) {
    const double gapRatio = thresholds["small_op.block_gap_ratio"];
    const auto maxGapNs = static_cast<TimeNs>(thresholds["small_op.max_gap_us"] * 1e3);
    const std::vector<DeviceTaskSets> sets = taskSets(trace, devices);
    std::vector<SmallBlockSummary> summaries;
    for (std::uint32_t d = 0; d < devices.devices.size(); ++d)
        if (!sets[d].kernels.empty())
            summaries.push_back(summarize(devices.devices[d], d, sets[d], gapRatio, maxGapNs));
    return summaries;
}

std::vector<Insight> detectSmallOpBlocks(const Trace& trace, const DeviceMap& devices,
                                         const Thresholds& thresholds) {
    const double minFree = thresholds["small_op.block_min_free_share"];
    const double maxShare = thresholds["small_op.block_share"];
    const double minBlocks = thresholds["small_op.block_min_blocks"];
    std::vector<Insight> insights;
    for (const SmallBlockSummary& s : summarizeSmallBlocks(trace, devices, thresholds)) {
        const auto span = static_cast<double>(devices.devices[s.device].spanNs());
        if (static_cast<double>(s.blocks) >= minBlocks &&
            static_cast<double>(s.freeNs) >= minFree * span && s.smallShare() > maxShare)
            insights.push_back(insightOf(trace, devices, s, thresholds));
    }
    return insights;
}

} // namespace lanescope::analysis
