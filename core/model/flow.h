// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/event_id.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>

namespace lanescope {

inline constexpr std::uint32_t kNoIndex = 0xffffffffu;

// A slice in one of the trace's slice tracks.
struct SliceRef {
    std::uint32_t track = kNoIndex;
    std::uint32_t slice = kNoIndex;
    bool valid() const { return track != kNoIndex; }
    // One integer per slice, for hash maps and sets keyed by slice.
    std::uint64_t key() const { return (std::uint64_t{track} << 32) | slice; }
    friend bool operator==(const SliceRef&, const SliceRef&) = default;
};

enum class FlowOrigin : std::uint8_t {
    FlowEvents,  // s/t/f events
    BindId,      // flow v2: bind_id with flow_out/flow_in
    Correlation, // derived: a launch and a device op sharing args.correlation, no flow events
};

// A directed link between two slices (launch -> kernel, producer -> consumer). 48 bytes: flows
// are a third of a Kineto trace's events.
struct Flow {
    SliceRef from; // invalid when no slice encloses (or follows) the flow event
    SliceRef to;
    StringId category = 0;
    StringId name = 0;
    EventId id;
    FlowOrigin origin = FlowOrigin::FlowEvents;
    bool bound() const { return from.valid() && to.valid(); }
};

// Where an unbound end of a flow was written (rare), so it can still be shown and explained.
struct UnboundFlowEnd {
    std::uint32_t flow = 0;
    bool isTarget = false;
    std::uint32_t thread = kNoIndex;
    TimeNs time = 0;
};

} // namespace lanescope
