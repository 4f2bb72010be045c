// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "model/trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::analysis {

// One collective or point-to-point communication op as a device ran it, and where its time went
// in the terms of msprof's communication.json ("Communication Time Info"; ascend.md §3.6).
//
// Ascend (text and DB exports): an op is a slice on an HCCL "Group N Communication" lane
// (hcom_allReduce__586_0_1); its tasks are the slices on the "Plane K" lanes of the same process
// that start inside it. msprof reads them on the main plane: the lowest-numbered plane with a
// Notify_Wait task in the op ("Plane 0" holds the on-chip copies and never waits). There:
//  - wait: the Notify_Wait tasks' durations, summed: the op waiting for its peers;
//  - synchronization: the part of wait before the first transit task: waiting for the peers to
//    arrive at all (a slow rank shows as synchronization on every other rank);
//  - transit: every other task's duration (Memcpy, Reduce_Inline, RDMASend...) except
//    Notify_Record signals;
//  - idle: elapse - transit - wait.
// On the real exports in tests/data these equal communication.json's Wait, Synchronization,
// Transit and Idle Time. An op with no plane task has transit, wait and synchronization unknown.
//
// Elsewhere (Kineto: NCCL kernels, and any other device task whose name classifies as
// Communication) only the elapse is known.
struct CommunicationOp {
    SliceRef slice;
    std::uint32_t device = 0; // into DeviceMap::devices
    std::string type;         // hcom_allReduce, ncclKernel_AllReduce: the op's name without
                              // its instance numbering or the kernel's template details
    TimeNs start = 0;
    TimeNs end = 0;
    bool timesKnown = false; // wait, synchronization and transit were measured
    TimeNs waitNs = 0;
    TimeNs synchronizationNs = 0;
    TimeNs transitNs = 0;
    // HCCL: the op's transfer tasks on every plane (all but Notify_Wait and Notify_Record), whose
    // args say what they moved (cluster/link_transfer.h); empty elsewhere.
    std::vector<SliceRef> transfers;

    TimeNs elapseNs() const { return end - start; }
    TimeNs idleNs() const { return timesKnown ? elapseNs() - transitNs - waitNs : 0; }
};

// Every communication op of every device, by device, then start.
std::vector<CommunicationOp> findCommunicationOps(const Trace& trace, const DeviceMap& devices);

// The op type of a communication op's or kernel's name: "hcom_allReduce__586_0_1" ->
// "hcom_allReduce"; "ncclKernel_AllReduce_RING_LL_Sum_float" -> "ncclKernel_AllReduce";
// "ncclDevKernel_AllGather_RING_LL(ncclDevComm*, ...)" -> "ncclDevKernel_AllGather"; other
// names are returned whole.
std::string communicationOpType(std::string_view name);

} // namespace lanescope::analysis
