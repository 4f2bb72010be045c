// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <span>
#include <vector>

namespace lanescope::analysis {

// The flows that leave or enter each slice, found by binary search: the details panel lists
// them and the timeline draws the selection's arrows. Built once per trace (16 bytes per bound
// flow end).
class FlowIndex {
public:
    FlowIndex() = default;
    explicit FlowIndex(const Trace& trace);

    // Indices into Trace::flows, in flow order.
    std::span<const std::uint32_t> outgoing(SliceRef slice) const;
    std::span<const std::uint32_t> incoming(SliceRef slice) const;

private:
    struct Side {
        std::vector<std::uint64_t> keys; // (track << 32 | slice), sorted
        std::vector<std::uint32_t> flows;
        std::span<const std::uint32_t> find(SliceRef slice) const;
    };
    Side outgoing_;
    Side incoming_;
};

} // namespace lanescope::analysis
