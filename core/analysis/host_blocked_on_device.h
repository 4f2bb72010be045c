// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace lanescope::analysis {

// What a host slice's name says about blocking (names as CUDA, HIP, CANN and PyTorch write them;
// a "Prefix@" such as "AscendCL@" is ignored).
enum class BlockingRole : std::uint8_t {
    None,
    SyncApi,      // cuda*/cu*/hip*/aclrt* ...Synchronize...: waits for queued work
    SyncCopyApi,  // cudaMemcpy, hipMemcpy, aclrtMemcpy, ... without Async: waits for the stream
    AsyncCopyApi, // ...MemcpyAsync: blocks only when a side is pageable host memory
    TransferOp,   // aten::to, _to_copy, copy_: blocks when it contains a blocking API call
    ScalarReadOp, // aten::item, _local_scalar_dense, is_nonzero: likewise
};
BlockingRole blockingRoleOf(std::string_view name);

// Which way a copy went, as the names of its tasks, ops and calls say: Kineto's "Memcpy DtoH
// (Device -> Pageable)", torch_npu's "acl_memcpy_host_to_device", "...HostToDevice...".
enum class CopyDirection : std::uint8_t { Unknown, HostToDevice, DeviceToHost, DeviceToDevice };
CopyDirection copyDirectionOf(std::string_view name);
const char* toString(CopyDirection direction); // "host-to-device", ..., "" for Unknown

// One blocking host call measured against the device work it waited for. Nested blocking ops
// and calls form one unit, reported at its outermost level: aten::to around aten::_to_copy
// around aten::copy_ around cudaMemcpyAsync + cudaStreamSynchronize is one aten::to.
//
// Rules. A blocking API call is a SyncApi or SyncCopyApi slice, or an AsyncCopyApi slice one of
// whose device tasks is named "...Pageable..." (Kineto's "Memcpy DtoH (Device -> Pageable)").
// An op (TransferOp, ScalarReadOp) is blocking when it encloses a blocking API call on the same
// host thread: the same track, or another host process's track with the same tid in the same
// file (Ascend's CANN lane of a Python thread). A unit is a blocking op or API call not enclosed
// by another on its thread.
//  - blocked: the unit's duration.
//  - own tasks: device tasks whose launch (else whose torch op) starts inside the unit on its
//    thread, i.e. the copy it made; also those whose torch op starts inside the unit while their
//    launch ran on another thread (torch_npu's task queue: aten::copy_ -> Enqueue -> Dequeue ->
//    aclrtMemcpyAsync on the dequeue thread). copy = the length of their union.
//  - a copy without a device task: a synchronous copy call (aclrtMemcpy of an aten::item) whose
//    copy the profiler recorded on no stream. copy = the part of those calls during which the
//    devices ran no other work (the rest is waiting, below); copyOnHost tells the two apart.
//  - direction: the first one named by the own tasks, their torch ops and launches, or the
//    unit's copy calls.
//  - devices: the devices of its own tasks; without any, every device of the unit's file.
//  - waited: length of [start, end) ∩ union of those devices' other tasks; waited tasks: how many
//    of them overlap the unit by more than 0 ns; launchers: their torch ops by name and count.
//  - host side: blocked - copy - waited. When a unit with a copy spent more of its time there
//    than on the copy and queued work together, the device was idle for most of the call and
//    the time went to the host side of the copy (a pageable buffer staged by the host): it is
//    reported as that, with the host side as time at stake, even when it waited for nothing.
struct BlockingCall {
    SliceRef call;
    BlockingRole role = BlockingRole::None;
    std::uint32_t ordinal = 0; // position among all units by start: the insight id's number
    TimeNs start = 0;
    TimeNs end = 0;
    TimeNs copyNs = 0;
    bool copyOnHost = false; // copyNs measured on synchronous copy calls, no device task
    CopyDirection direction = CopyDirection::Unknown;
    TimeNs waitedNs = 0;
    std::vector<SliceRef> apis;        // the blocking API calls in the unit
    std::vector<SliceRef> ownTasks;    // by start
    std::vector<SliceRef> waitedTasks; // by device, then track, then start
    std::vector<std::uint32_t> devices;
    std::vector<std::pair<StringId, std::uint32_t>> launchers; // most tasks first, then by name

    TimeNs blockedNs() const { return end - start; }
    double waitedShare() const;
    TimeNs hostSideNs() const;
};

std::vector<BlockingCall> findBlockingCalls(const Trace& trace, const DeviceMap& devices);

// The units that waited at least host_blocked.min_waited_us, and those whose host side of a copy
// took at least that long, as insights: time at stake is the waited time (the host side for the
// latter); severity from the waited time and share thresholds.
std::vector<Insight> detectHostBlockedOnDevice(const Trace& trace, const DeviceMap& devices,
                                               const Thresholds& thresholds);

} // namespace lanescope::analysis
