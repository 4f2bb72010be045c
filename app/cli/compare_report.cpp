// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/compare_report.h"

#include <cstdio>
#include <string>

namespace lanescope::cli {

namespace {

using Json = nlohmann::ordered_json;
using analysis::formatTitleDuration;
using compare::Bucket;
using compare::Comparison;

Json stepsJson(const std::vector<compare::RunStep>& steps, const std::vector<std::size_t>& chosen) {
    Json list = Json::array();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        Json s = {{"name", steps[i].name}, {"host_ns", steps[i].durationNs()}};
        s["start_ns"] = steps[i].start;
        s["complete"] = steps[i].complete;
        s["chosen"] = std::find(chosen.begin(), chosen.end(), i) != chosen.end();
        list.push_back(s);
    }
    return list;
}

Json runJson(const std::string& path, const std::vector<compare::RunStep>& steps,
             const std::vector<std::size_t>& chosen, const std::vector<std::size_t>& unpaired,
             const std::string& device) {
    Json names = Json::array();
    for (std::size_t i : unpaired)
        names.push_back(steps[i].name);
    return {{"path", path},
            {"device", device},
            {"steps", stepsJson(steps, chosen)},
            {"unpaired_steps", names}};
}

Json bucketsJson(const compare::StepTime& b, const compare::StepTime& c) {
    Json j = Json::object();
    for (std::size_t k = 0; k < compare::kBucketCount; ++k)
        j[compare::toString(Bucket(k))] = Json::array({b.buckets[k], c.buckets[k]});
    j["device_busy"] = Json::array({b.busyNs, c.busyNs});
    j["device_window"] = Json::array({b.windowNs, c.windowNs});
    return j;
}

Json sideJson(const std::optional<compare::SideStats>& side, bool withHost) {
    if (!side)
        return nullptr;
    Json j = {{"count", side->count}, {"device_ns", side->deviceNs}, {"kernels", side->kernels}};
    if (withHost)
        j["host_ns"] = side->hostNs;
    return j;
}

Json ratioJson(const std::optional<double>& ratio) {
    return ratio ? Json(*ratio) : Json(nullptr);
}

Json insightGroupsJson(const std::vector<compare::InsightGroup>& groups) {
    Json list = Json::array();
    for (const compare::InsightGroup& g : groups)
        list.push_back({{"kind", analysis::toString(g.kind)},
                        {"subject", g.subject},
                        {"baseline_count", g.baseCount},
                        {"comparison_count", g.compCount},
                        {"baseline_at_stake_ns", g.baseAtStakeNs},
                        {"comparison_at_stake_ns", g.compAtStakeNs},
                        {"baseline_title", g.baseTitle},
                        {"comparison_title", g.compTitle}});
    return list;
}

std::string signedDuration(TimeNs ns) {
    return (ns > 0 ? "+" : ns < 0 ? "−" : "±") + formatTitleDuration(ns < 0 ? -ns : ns);
}

std::string ratioText(double ratio) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f×", ratio);
    return text;
}

std::string stepList(const std::vector<compare::RunStep>& steps,
                     const std::vector<std::size_t>& chosen) {
    std::vector<compare::RunStep> picked;
    for (std::size_t i : chosen)
        picked.push_back(steps[i]);
    return compare::describeSteps(picked);
}

void printRun(const char* label, const std::string& path, const std::string& device,
              const std::vector<compare::RunStep>& steps, const std::vector<std::size_t>& chosen,
              std::ostream& out) {
    out << label << path << (device.empty() ? "" : " (" + device + ")") << "\n"
        << "            steps compared: " << stepList(steps, chosen) << " of "
        << compare::describeSteps(steps) << "\n";
}

void printStepPairs(const Comparison& c, std::ostream& out) {
    out << "\nSteps (host end to end; the device window split into buckets):\n";
    for (const compare::StepPair& p : c.stepPairs) {
        const TimeNs b = p.baseTime.hostNs, k = p.compTime.hostNs;
        out << "  " << c.baseSteps[p.base].name << " vs " << c.compSteps[p.comp].name << ": "
            << formatTitleDuration(b) << " → " << formatTitleDuration(k) << " ("
            << signedDuration(k - b) << (b > 0 ? ", " + ratioText(double(k) / double(b)) : "")
            << ")\n";
        for (std::size_t i = 0; i < compare::kBucketCount; ++i) {
            const TimeNs bb = p.baseTime.buckets[i], cb = p.compTime.buckets[i];
            char line[160];
            std::snprintf(line, sizeof line, "    %-14s %10s → %-10s (%s)\n",
                          compare::toString(Bucket(i)), formatTitleDuration(bb).c_str(),
                          formatTitleDuration(cb).c_str(), signedDuration(cb - bb).c_str());
            out << line;
        }
    }
    for (std::size_t i : c.baseUnpaired)
        out << "  " << c.baseSteps[i].name << " of the baseline has no partner: left out\n";
    for (std::size_t i : c.compUnpaired)
        out << "  " << c.compSteps[i].name << " of the comparison has no partner: left out\n";
}

void printOps(const Comparison& c, const compare::NoiseThreshold& noise, std::ostream& out) {
    out << "\nOperators whose device time changed (beyond " << formatTitleDuration(noise.minNs)
        << " and " << static_cast<int>(noise.minShare * 100) << " %), largest first:\n";
    std::size_t shown = 0;
    for (const compare::OpDiff& d : c.ops) {
        if (!d.base || !d.comp || !noise.significant(d.diffNs, d.base->deviceNs))
            continue;
        out << "  " << d.name << ": " << d.base->count << " calls "
            << formatTitleDuration(d.base->deviceNs) << " → " << d.comp->count << " calls "
            << formatTitleDuration(d.comp->deviceNs) << " (" << signedDuration(d.diffNs)
            << (d.ratio ? ", " + ratioText(*d.ratio) : "") << "): "
            << "more calls " << signedDuration(d.moreCallsNs) << ", more kernels per call "
            << signedDuration(d.moreKernelsNs) << ", slower kernels "
            << signedDuration(d.slowerKernelsNs) << "\n";
        ++shown;
    }
    if (shown == 0)
        out << "  none\n";
    const auto oneSided = [&](bool baseOnly, const char* title) {
        out << title;
        std::size_t n = 0;
        for (const compare::OpDiff& d : c.ops) {
            const auto& side = baseOnly ? d.base : d.comp;
            if ((baseOnly ? d.comp : d.base) || !side)
                continue;
            out << "  " << d.name << ": " << side->count << " calls, "
                << formatTitleDuration(side->deviceNs) << " on the device, " << side->kernels
                << " kernels\n";
            ++n;
        }
        if (n == 0)
            out << "  none\n";
    };
    oneSided(true, "\nOperators only in the baseline (what the change removed):\n");
    oneSided(false, "\nOperators only in the comparison (what the change added):\n");
}

void printInsights(const Comparison& c, std::ostream& out) {
    const auto& d = c.insights;
    if (d.onlyBaseline.empty() && d.onlyComparison.empty() && d.changed.empty())
        return;
    out << "\nFindings:\n";
    for (const auto& g : d.onlyBaseline)
        out << "  gone:    " << g.baseTitle << "\n";
    for (const auto& g : d.onlyComparison)
        out << "  new:     " << g.compTitle << "\n";
    for (const auto& g : d.changed)
        out << "  changed: (" << formatTitleDuration(g.baseAtStakeNs) << " → "
            << formatTitleDuration(g.compAtStakeNs) << " at stake) " << g.compTitle << "\n";
}

} // namespace

nlohmann::ordered_json compareJson(const Comparison& c) {
    Json j;
    j["baseline"] = runJson(c.basePath, c.baseSteps, c.baseChosen, c.baseUnpaired, c.baseDevice);
    j["comparison"] = runJson(c.compPath, c.compSteps, c.compChosen, c.compUnpaired, c.compDevice);
    Json pairs = Json::array();
    for (const compare::StepPair& p : c.stepPairs)
        pairs.push_back({{"baseline", c.baseSteps[p.base].name},
                         {"comparison", c.compSteps[p.comp].name},
                         {"baseline_ns", p.baseTime.hostNs},
                         {"comparison_ns", p.compTime.hostNs},
                         {"diff_ns", p.diffNs()},
                         {"buckets", bucketsJson(p.baseTime, p.compTime)}});
    j["step_pairs"] = pairs;
    Json ops = Json::array();
    for (const compare::OpDiff& d : c.ops)
        ops.push_back({{"name", d.name},
                       {"baseline", sideJson(d.base, true)},
                       {"comparison", sideJson(d.comp, true)},
                       {"diff_ns", d.diffNs},
                       {"ratio", ratioJson(d.ratio)},
                       {"more_calls_ns", d.moreCallsNs},
                       {"more_kernels_ns", d.moreKernelsNs},
                       {"slower_kernels_ns", d.slowerKernelsNs}});
    j["ops"] = ops;
    Json kernels = Json::array();
    for (const compare::KernelDiff& d : c.kernels) {
        Json row = {{"type", d.type},
                    {"baseline", sideJson(d.base, false)},
                    {"comparison", sideJson(d.comp, false)},
                    {"diff_ns", d.diffNs},
                    {"ratio", ratioJson(d.ratio)}};
        if (!d.inputShapes.empty())
            row["input_shapes"] = d.inputShapes;
        kernels.push_back(row);
    }
    j["kernels"] = kernels;
    j["same_vendor"] = c.sameVendor;
    j["insights"] = {{"only_baseline", insightGroupsJson(c.insights.onlyBaseline)},
                     {"only_comparison", insightGroupsJson(c.insights.onlyComparison)},
                     {"changed", insightGroupsJson(c.insights.changed)}};
    Json aligned = Json::array();
    for (const auto& step : c.alignments) {
        std::uint64_t matched = 0, total = 0;
        bool exact = true;
        for (const compare::ThreadAlignment& t : step) {
            matched += t.matched;
            total += t.pairs.size();
            exact = exact && t.exact;
        }
        aligned.push_back({{"threads", step.size()},
                           {"matched_ops", matched},
                           {"rows", total},
                           {"exact", exact}});
    }
    j["alignment"] = aligned;
    return j;
}

void printCompareText(const Comparison& c, const compare::NoiseThreshold& noise,
                      std::ostream& out) {
    printRun("Baseline:   ", c.basePath, c.baseDevice, c.baseSteps, c.baseChosen, out);
    printRun("Comparison: ", c.compPath, c.compDevice, c.compSteps, c.compChosen, out);
    printStepPairs(c, out);
    printOps(c, noise, out);
    printInsights(c, out);
}

} // namespace lanescope::cli
