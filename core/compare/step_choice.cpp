// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "compare/step_choice.h"

#include "analysis/slice_info.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace lanescope::compare {

namespace {

std::uint32_t fileOfStep(const Trace& trace, const Step& step) {
    const std::uint32_t process = analysis::ownerOf(trace, step.slice.track).process;
    return process == kNoIndex ? kNoIndex : trace.processes[process].sourceFile;
}

bool parseNumber(std::string_view text, std::int64_t& out) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '#')
        text.remove_prefix(1);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

} // namespace

std::uint32_t stepsFile(const Trace& trace) {
    return trace.steps.empty() ? kNoIndex : fileOfStep(trace, trace.steps.front());
}

std::vector<RunStep> runSteps(const Trace& trace) {
    std::vector<RunStep> out;
    const std::uint32_t file = stepsFile(trace);
    for (const Step& step : trace.steps) { // by start
        if (fileOfStep(trace, step) != file)
            continue;
        RunStep s;
        s.name = "ProfilerStep#" + std::to_string(step.number);
        s.number = step.number;
        s.start = step.start;
        s.end = step.end;
        s.complete =
            step.slice.valid() &&
            !(trace.sliceTracks[step.slice.track].flags(step.slice.slice) & kSliceUnfinished);
        out.push_back(std::move(s));
    }
    if (out.empty())
        out.push_back({"whole trace", std::nullopt, trace.spanStart, trace.spanEnd, true});
    return out;
}

std::vector<std::size_t> defaultStepChoice(const std::vector<RunStep>& steps) {
    std::vector<std::size_t> complete;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].complete)
            complete.push_back(i);
    if (complete.size() >= 2)
        return {complete.begin() + 1, complete.end()};
    if (!complete.empty())
        return complete;
    std::vector<std::size_t> all(steps.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    return all;
}

std::string describeSteps(const std::vector<RunStep>& steps) {
    std::string text;
    std::size_t i = 0;
    while (i < steps.size()) {
        if (!text.empty())
            text += ", ";
        if (!steps[i].number) {
            text += steps[i++].name;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < steps.size() && steps[j + 1].number &&
               *steps[j + 1].number == *steps[j].number + 1)
            ++j;
        text += std::to_string(*steps[i].number);
        if (j > i)
            text += "–" + std::to_string(*steps[j].number);
        i = j + 1;
    }
    return text;
}

std::optional<std::vector<std::size_t>>
parseStepChoice(std::string_view text, const std::vector<RunStep>& steps, std::string* error) {
    const auto fail = [&](const std::string& why) -> std::optional<std::vector<std::size_t>> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text == "all" || text == "*") {
        std::vector<std::size_t> all(steps.size());
        for (std::size_t i = 0; i < all.size(); ++i)
            all[i] = i;
        return all;
    }
    std::set<std::size_t> chosen;
    const auto positionOf = [&](std::int64_t number) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < steps.size(); ++i)
            if (steps[i].number && *steps[i].number == number)
                return i;
        return std::nullopt;
    };
    const std::string have =
        steps.front().number ? "its steps: " + describeSteps(steps) : "it has no ProfilerStep";
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        std::int64_t lo = 0, hi = 0;
        const std::size_t dash = item.find('-', item.find_first_not_of(" #") + 1);
        if (dash != std::string_view::npos && dash > 0) {
            if (!parseNumber(item.substr(0, dash), lo) || !parseNumber(item.substr(dash + 1), hi) ||
                hi < lo)
                return fail("'" + std::string(item) + "' is not a step range such as 3-7");
        } else if (!parseNumber(item, lo)) {
            return fail("'" + std::string(item) + "' is not a step number");
        } else {
            hi = lo;
        }
        if (hi - lo > 1'000'000)
            return fail("'" + std::string(item) + "' spans too many steps");
        for (std::int64_t n = lo; n <= hi; ++n) {
            const auto at = positionOf(n);
            if (!at)
                return fail("step " + std::to_string(n) + " is not in this run (" + have + ")");
            chosen.insert(*at);
        }
    }
    if (chosen.empty())
        return fail("no steps chosen");
    return std::vector<std::size_t>(chosen.begin(), chosen.end());
}

} // namespace lanescope::compare
