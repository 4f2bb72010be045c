#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace lanescope {

// Event args that join a host call to the device work it caused. Readers pick them up at load
// time (everything else in args is read on demand); format semantics use them where flow events
// are missing.
enum class JoinKey : std::uint8_t {
    Correlation,  // Kineto/CUPTI: launch call <-> kernel/memcpy ("correlation")
    ConnectionId, // Ascend CANN: API call <-> device task ("connection_id")
    TaskQueueId,  // torch_npu task queue: Enqueue <-> Dequeue ("correlation_id")
};

inline constexpr std::array<std::string_view, 3> kJoinKeyArgs = {"correlation", "connection_id",
                                                                 "correlation_id"};

} // namespace lanescope
