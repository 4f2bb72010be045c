// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/communication_ops.h"
#include "model/trace.h"

#include <cstdint>
#include <optional>

namespace lanescope::cluster {

// What an HCCL op moved between chips, in the terms of torch_npu's communication.json
// ("Communication Bandwidth Info"): over every plane, the transfer tasks whose "link type" is a
// link between chips (HCCS, PCIE, RDMA, SIO), their "size(Byte)" summed and their durations
// summed. On-chip copies (ON_CHIP) and the notify tasks move nothing between chips. Bytes over
// the time is the op's bandwidth on its links: a slow link shows as a low one.
struct LinkTransfer {
    std::uint64_t bytes = 0;
    TimeNs ns = 0;
};

// Reads each transfer task's args back through the trace's event source. Nullopt when the op
// has no transfer task (NCCL kernels, ops without plane tasks) or a task's args cannot be read
// or lack a size or link type: the bytes are unknown, not zero.
std::optional<LinkTransfer> linkTransferOf(const Trace& trace, const analysis::CommunicationOp& op);

} // namespace lanescope::cluster
