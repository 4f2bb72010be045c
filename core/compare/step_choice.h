// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lanescope::compare {

// A step of one run, as the comparison aligns them: a host ProfilerStep#N of the run's first file
// that has steps, by start. A trace without ProfilerSteps is one step, "whole trace", over its
// span, so two runs can always be compared.
struct RunStep {
    std::string name; // "ProfilerStep#6", or "whole trace"
    std::optional<std::int64_t> number;
    TimeNs start = 0;
    TimeNs end = 0;
    bool complete = true; // false for a step the capture cut off (its B had no E)

    TimeNs durationNs() const { return end - start; }
};

std::vector<RunStep> runSteps(const Trace& trace);

// The source file whose ProfilerSteps runSteps takes (the first step's); kNoIndex without steps.
std::uint32_t stepsFile(const Trace& trace);

// The steps compared by default, as positions in `steps`: every complete step after the first
// (the first is warm-up: compilation, allocator growth, profiler start-up; compare.md §8 R7);
// all complete steps when fewer than two are complete; all steps when none is.
std::vector<std::size_t> defaultStepChoice(const std::vector<RunStep>& steps);

// A user's choice, "5,6" or "3-7" or "all", by the step numbers the trace shows (ProfilerStep#N).
// nullopt with `error` set ("step 9 is not in this run (its steps: 5–6)") when the text does not
// parse or names a step the run does not have; steps are returned by start, each once.
std::optional<std::vector<std::size_t>>
parseStepChoice(std::string_view text, const std::vector<RunStep>& steps, std::string* error);

// "5–6, 8" for messages: the numbers of the given steps, with runs collapsed.
std::string describeSteps(const std::vector<RunStep>& steps);

} // namespace lanescope::compare
