// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster/cluster_view.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <utility>

namespace lanescope::cluster {

namespace {

// A step's key across ranks: its number, or its position when the rank's steps have none.
using StepKey = std::pair<int, std::int64_t>;

StepKey keyOf(const RankStep& step, std::size_t position) {
    return step.stepNumber ? StepKey{0, *step.stepNumber}
                           : StepKey{1, static_cast<std::int64_t>(position)};
}

TimeNs bubbleOf(const RankStep& step) {
    TimeNs total = 0;
    for (const CommunicationTotals& c : step.communication) {
        std::string lower = c.type;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (lower.find("receive") != std::string::npos)
            total += c.elapseNs;
    }
    return total;
}

void sortRanks(std::vector<RankSummary>& ranks) {
    std::stable_sort(ranks.begin(), ranks.end(), [](const RankSummary& a, const RankSummary& b) {
        if (a.rank.has_value() != b.rank.has_value())
            return a.rank.has_value();
        return a.rank < b.rank;
    });
}

void findSlowRanks(ClusterStep& step) {
    std::vector<TimeNs> stepNs, computing, preparing, transit;
    for (const RankStep* r : step.ranks)
        if (r) {
            stepNs.push_back(r->stepNs);
            computing.push_back(r->computingNs);
            preparing.push_back(r->preparingNs);
            transit.push_back(transitOf(*r));
        }
    step.medianStepNs = medianOf(stepNs);
    const TimeNs medians[3] = {medianOf(computing), medianOf(preparing), medianOf(transit)};
    const auto threshold = static_cast<TimeNs>(kSlowShare * static_cast<double>(step.medianStepNs));
    for (std::size_t i = 0; i < step.ranks.size(); ++i) {
        const RankStep* r = step.ranks[i];
        if (!r)
            continue;
        const TimeNs excess[3] = {r->computingNs - medians[0], r->preparingNs - medians[1],
                                  transitOf(*r) - medians[2]};
        const auto worst = static_cast<std::size_t>(std::max_element(excess, excess + 3) - excess);
        if (excess[worst] > threshold)
            step.slow.push_back({i, static_cast<SlowCause>(worst), excess[worst]});
    }
    std::stable_sort(step.slow.begin(), step.slow.end(),
                     [](const SlowRank& a, const SlowRank& b) { return a.excessNs > b.excessNs; });
}

std::vector<CommunicationTotals> communicationOf(const std::vector<RankSummary>& ranks) {
    std::map<std::string, CommunicationTotals> byType;
    for (const RankSummary& rank : ranks)
        for (const RankStep& step : rank.steps)
            for (const CommunicationTotals& c : step.communication) {
                CommunicationTotals& total = byType[c.type];
                total.type = c.type;
                total += c;
            }
    std::vector<CommunicationTotals> out;
    for (auto& [type, total] : byType)
        out.push_back(std::move(total));
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.waitNs > b.waitNs; });
    return out;
}

void noteMissing(const ClusterView& view, const ClusterStep& step,
                 std::vector<std::string>& notes) {
    std::string missing;
    std::size_t count = 0;
    for (std::size_t i = 0; i < step.ranks.size(); ++i)
        if (!step.ranks[i] && ++count <= 8)
            missing += (missing.empty() ? "" : ", ") + rankLabel(view.ranks[i]);
    if (count == 0)
        return;
    if (count > 8)
        missing += " and " + std::to_string(count - 8) + " more";
    notes.push_back("step " + (step.step.empty() ? std::string("(whole trace)") : step.step) +
                    ": " + std::to_string(count) + " of " + std::to_string(step.ranks.size()) +
                    " ranks have no such step (" + missing + ")");
}

std::string microseconds(TimeNs ns) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(ns) / 1000.0);
    return text;
}

} // namespace

TimeNs medianOf(std::vector<TimeNs> values) {
    if (values.empty())
        return 0;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>((values.size() - 1) / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

TimeNs waitOf(const RankStep& step) {
    TimeNs total = 0;
    for (const CommunicationTotals& c : step.communication)
        total += c.waitNs;
    return total;
}

TimeNs transitOf(const RankStep& step) {
    TimeNs total = 0;
    for (const CommunicationTotals& c : step.communication)
        total += c.transitNs;
    return total;
}

std::string rankLabel(const RankSummary& summary) {
    return summary.rank ? "rank " + std::to_string(*summary.rank) : summary.source;
}

std::vector<RankOverview> rankOverviews(const ClusterView& view) {
    std::vector<RankOverview> out(view.ranks.size());
    for (std::size_t r = 0; r < view.ranks.size(); ++r) {
        RankOverview& o = out[r];
        for (const RankStep& s : view.ranks[r].steps) {
            ++o.steps;
            o.meanStepNs += s.stepNs;
            o.maxStepNs = std::max(o.maxStepNs, s.stepNs);
            o.meanComputingNs += s.computingNs;
            o.meanCommunicationNotOverlappedNs += s.communicationNotOverlappedNs;
            o.meanFreeNs += s.freeNs;
            o.meanPreparingNs += s.preparingNs;
            o.meanWaitNs += waitOf(s);
            o.meanTransitNs += transitOf(s);
            for (const CommunicationTotals& c : s.communication) {
                o.linkBytes += c.linkBytes;
                o.linkNs += c.linkNs;
            }
        }
        if (o.steps == 0)
            continue;
        const auto n = static_cast<TimeNs>(o.steps);
        for (TimeNs* sum : {&o.meanStepNs, &o.meanComputingNs, &o.meanCommunicationNotOverlappedNs,
                            &o.meanFreeNs, &o.meanPreparingNs, &o.meanWaitNs, &o.meanTransitNs})
            *sum /= n;
    }
    for (const ClusterStep& step : view.steps)
        for (const SlowRank& slow : step.slow) {
            RankOverview& o = out[slow.rank];
            ++o.slowSteps;
            if (!o.worst || slow.excessNs > o.worst->excessNs)
                o.worst = slow;
        }
    return out;
}

const char* toString(SlowCause cause) {
    switch (cause) {
    case SlowCause::Computing:
        return "computing";
    case SlowCause::Preparing:
        return "preparing";
    case SlowCause::Transit:
        return "transit";
    }
    return "?";
}

ClusterView buildClusterView(std::vector<RankSummary> ranks) {
    ClusterView view;
    sortRanks(ranks);
    view.ranks = std::move(ranks);
    for (std::size_t i = 1; i < view.ranks.size(); ++i)
        if (view.ranks[i].rank && view.ranks[i].rank == view.ranks[i - 1].rank)
            view.notes.push_back("rank " + std::to_string(*view.ranks[i].rank) +
                                 " appears twice: " + view.ranks[i - 1].source + " and " +
                                 view.ranks[i].source);
    std::map<StepKey, ClusterStep> steps;
    for (std::size_t r = 0; r < view.ranks.size(); ++r)
        for (std::size_t position = 0; position < view.ranks[r].steps.size(); ++position) {
            const RankStep& step = view.ranks[r].steps[position];
            ClusterStep& across = steps[keyOf(step, position)];
            if (across.ranks.empty()) {
                across.step = step.step;
                across.stepNumber = step.stepNumber;
                across.ranks.assign(view.ranks.size(), nullptr);
            }
            across.ranks[r] = &step;
        }
    for (auto& [key, step] : steps) {
        findSlowRanks(step);
        noteMissing(view, step, view.notes);
        view.steps.push_back(std::move(step));
    }
    view.communication = communicationOf(view.ranks);
    return view;
}

std::string clusterStepTraceTimeCsv(const ClusterView& view) {
    std::string csv = "Step,Type,Index,Computing,Communication(Not Overlapped),Overlapped,"
                      "Communication,Free,Stage,Bubble,Communication(Not Overlapped and Exclude "
                      "Receive),Preparing\n";
    for (const ClusterStep& step : view.steps)
        for (std::size_t i = 0; i < step.ranks.size(); ++i) {
            const RankStep* r = step.ranks[i];
            if (!r)
                continue;
            const RankSummary& rank = view.ranks[i];
            const TimeNs bubble = bubbleOf(*r);
            const TimeNs window = r->computingNs + r->communicationNotOverlappedNs + r->freeNs;
            csv += step.step + ",rank," +
                   (rank.rank ? std::to_string(*rank.rank) : std::to_string(i)) + "," +
                   microseconds(r->computingNs) + "," +
                   microseconds(r->communicationNotOverlappedNs) + "," +
                   microseconds(r->overlappedNs) + "," + microseconds(r->communicationNs) + "," +
                   microseconds(r->freeNs) + "," + microseconds(window - bubble) + "," +
                   microseconds(bubble) + "," +
                   microseconds(std::max<TimeNs>(0, r->communicationNotOverlappedNs - bubble)) +
                   "," + microseconds(r->preparingNs) + "\n";
        }
    return csv;
}

} // namespace lanescope::cluster
