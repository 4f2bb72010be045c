// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>

namespace lanescope {

// Keys that join a host call to the device work it caused (Chrome traces carry them in args,
// see kJoinKeyArgs in formats/event_fields.h); format semantics use them where flow events are
// missing.
enum class JoinKey : std::uint8_t {
    Correlation,  // Kineto/CUPTI: launch call <-> kernel/memcpy ("correlation")
    ConnectionId, // Ascend CANN: API call <-> device task ("connection_id")
    TaskQueueId,  // torch_npu task queue: Enqueue <-> Dequeue ("correlation_id")
};

} // namespace lanescope
