// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::analysis {

// Host threads by (file, tid): a Python thread and the CANN lane of the same tid are one
// thread (torch_npu writes them as two processes), which is how findings follow a host call
// into the API calls it makes.
struct HostLanes {
    std::vector<std::uint32_t> laneOfTrack; // per slice track; kNoIndex for non-host tracks
    std::vector<std::uint32_t> fileOfLane;
    std::vector<std::vector<std::uint32_t>> tracksOfLane;
};

HostLanes mapHostLanes(const Trace& trace);

} // namespace lanescope::analysis
