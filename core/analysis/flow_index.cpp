// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/flow_index.h"

#include <algorithm>
#include <utility>

namespace lanescope::analysis {

namespace {

std::uint64_t keyOf(SliceRef ref) {
    return (std::uint64_t{ref.track} << 32) | ref.slice;
}

} // namespace

FlowIndex::FlowIndex(const Trace& trace) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> out;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> in;
    for (std::uint32_t f = 0; f < trace.flows.size(); ++f) {
        const Flow& flow = trace.flows[f];
        if (flow.from.valid())
            out.emplace_back(keyOf(flow.from), f);
        if (flow.to.valid())
            in.emplace_back(keyOf(flow.to), f);
    }
    const auto fill = [](Side& side, std::vector<std::pair<std::uint64_t, std::uint32_t>>& ends) {
        // Sorting the pairs keeps each slice's flows in flow order.
        std::sort(ends.begin(), ends.end());
        side.keys.reserve(ends.size());
        side.flows.reserve(ends.size());
        for (const auto& [key, flow] : ends) {
            side.keys.push_back(key);
            side.flows.push_back(flow);
        }
    };
    fill(outgoing_, out);
    fill(incoming_, in);
}

std::span<const std::uint32_t> FlowIndex::outgoing(SliceRef slice) const {
    return outgoing_.find(slice);
}

std::span<const std::uint32_t> FlowIndex::incoming(SliceRef slice) const {
    return incoming_.find(slice);
}

std::span<const std::uint32_t> FlowIndex::Side::find(SliceRef slice) const {
    if (!slice.valid())
        return {};
    const auto [first, last] = std::equal_range(keys.begin(), keys.end(), keyOf(slice));
    return std::span<const std::uint32_t>(flows).subspan(
        static_cast<std::size_t>(first - keys.begin()), static_cast<std::size_t>(last - first));
}

} // namespace lanescope::analysis
