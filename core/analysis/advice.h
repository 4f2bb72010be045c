// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lanescope::analysis {

// What a finding tells the user to try, from one table keyed by the finding's kind, its cause
// and the platform, instead of per-detector branches on the trace format.
//
// Rules. A row matches when its kind and cause equal the asked ones and its platform is the
// trace's or Any; a platform row wins over an Any row. Texts may name values as "{name}", which
// the caller supplies (a fused API, a pattern's length); every name a text uses must be given.
// Asking for a kind and cause no row has is a programming error: it throws std::logic_error
// (the tests ask for every cause each detector writes).
enum class Platform : std::uint8_t {
    Any,    // a row for every platform; never a trace's platform
    Ascend, // torch_npu / CANN
    Gpu,    // CUDA or ROCm through Kineto, and any other trace
};

Platform platformOf(const Trace& trace); // Ascend for trace.format "ascend", else Gpu

using AdviceValues = std::vector<std::pair<std::string_view, std::string>>;

std::string adviceFor(InsightKind kind, std::string_view cause, Platform platform,
                      const AdviceValues& values = {});

} // namespace lanescope::analysis
