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
    friend bool operator==(const SliceRef&, const SliceRef&) = default;
};

// Where a flow starts or ends: the thread and time of its event, and the slice it bound to
// (invalid when no slice encloses or follows the event).
struct FlowEndpoint {
    std::uint32_t thread = kNoIndex;
    TimeNs time = 0;
    SliceRef slice;
};

enum class FlowOrigin : std::uint8_t {
    FlowEvents,  // s/t/f events
    BindId,      // flow v2: bind_id with flow_out/flow_in
    Correlation, // derived: a launch and a device op sharing args.correlation, no flow events
};

struct Flow {
    StringId category = 0;
    StringId name = 0;
    EventId id;
    FlowEndpoint from;
    FlowEndpoint to;
    FlowOrigin origin = FlowOrigin::FlowEvents;
    bool bound() const { return from.slice.valid() && to.slice.valid(); }
};

} // namespace lanescope
