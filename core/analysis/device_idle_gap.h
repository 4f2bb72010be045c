// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::analysis {

// A device task that does work (isDeviceWorkName): compute, copy or communication. Collectives
// stay work, the waits inside them included (the HCCL op or NCCL kernel covers them).
struct WorkTask {
    SliceRef task;
    TimeNs start = 0;
    TimeNs end = 0;
};

// Each device's work tasks by (start, end, track, slice), indexed like DeviceMap::devices.
std::vector<std::vector<WorkTask>> workTasksByDevice(const Trace& trace, const DeviceMap& devices);

// Why a device sat idle, judged from the task that ended the gap and the host call that
// launched it. The JSON names are toString's; an insight carries the enumerator's value as its
// "cause" number.
enum class IdleGapCause : std::uint8_t {
    LaunchBound,  // "launch_bound": the launching host thread spent the gap launching
    HostStall,    // "host_stall": the launch came late, the host was doing something else
    Dependency,   // "dependency": the task sat queued for most of the gap; it waited on
                  // another stream, an event or another rank
    Unattributed, // "unattributed": the trace does not say which host call launched the task
};
const char* toString(IdleGapCause cause);
// The cause a device_idle_gap insight was classified with.
IdleGapCause idleGapCauseOf(const Insight& insight);

// One gap in a device's busy time.
//
// Rules. A device's busy time is the union of its work tasks (touching tasks merge, empty ones
// are ignored); a gap is a hole in it between its first task's start and its last task's end.
//  - before: the work task whose end starts the gap; after: the work task whose start ends it
//    (among several starting together, the first with a known launch). Its link decides:
//  - issue: after's launch call (TaskLink::launch), else its framework op (TaskLink::hostOp).
//    Without either the cause is Unattributed.
//  - queued = gap end - issue end: how long the task sat queued on the device before it ran.
//    launch delay = issue start - gap start (negative when the issue began before the gap).
//  - Dependency when the task sat queued for at least half the gap: the host had handed it
//    over, yet the device did not run it (a kernel starts within microseconds of its launch
//    when nothing holds it back).
//  - Otherwise the host made the task available late. The host threads are the one
//    running after's framework op (the thread user code runs on) and the one running its
//    launch call (Ascend's dequeue thread when the task queue is on); a thread is a (file, tid)
//    pair, so a Python thread and the CANN lane of its tid are one.
//    - launching: length of the gap during which either thread was launching: inside a launch
//      call with the calls of its category around it (CANN's aclopCompileAndExecute around
//      Node@launch), or inside the outermost dispatcher op ("ns::name") around a torch op that
//      launches (aten::conv2d around aten::_convolution around Ascend's Conv2D). Torch ops
//      without "::" that enclose other tasks' ops are scopes (DistributedDataParallel.forward),
//      not launches. LaunchBound when launching >= idle_gap.launch_bound_share of the gap.
//    - HostStall otherwise. host busy: length of the gap covered by any slice of the framework
//      op's thread except steps (Trace::steps). Under half the gap covered means no profiled
//      host activity.
//    - Blamed: among the launching slices (LaunchBound) or the host-busy slices (HostStall),
//      the best matches of the gap by Jaccard index of the two intervals (a DataLoader __next__
//      spanning the gap, not the training loop around everything), none inside another, until
//      they cover half the gap, at most three.
//  - device wait: length of the gap covered by the device's waits (EVENT_WAIT, Notify Wait).
struct IdleGap {
    std::uint32_t device = 0;  // index into DeviceMap::devices
    std::uint32_t ordinal = 0; // position among all gaps of the trace by (start, device)
    TimeNs start = 0;
    TimeNs end = 0;
    SliceRef before;
    SliceRef after;
    IdleGapCause cause = IdleGapCause::Unattributed;
    SliceRef issue;
    std::uint32_t hostTrack = kNoIndex; // the host lane the finding points at
    std::vector<SliceRef> blamed;       // best match first
    TimeNs launchingNs = 0;
    TimeNs hostBusyNs = 0;
    TimeNs launchDelayNs = 0;
    TimeNs queuedNs = 0;
    TimeNs deviceWaitNs = 0;

    TimeNs lengthNs() const { return end - start; }
};

// The gaps of at least idle_gap.min_gap_us (every gap longer than 0 ns when it is 0), by
// (start, device).
std::vector<IdleGap> findIdleGaps(const Trace& trace, const DeviceMap& devices,
                                  const Thresholds& thresholds);

// The gaps as insights: time at stake is the gap, severity from its length
// (idle_gap.medium_stake_us, idle_gap.high_stake_us).
std::vector<Insight> detectDeviceIdleGaps(const Trace& trace, const DeviceMap& devices,
                                          const Thresholds& thresholds);

} // namespace lanescope::analysis
