// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "model/trace.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace lanescope::analysis {

// Operator statistics: the "operator details list" users compare before and after a change.
//
// A top-level op is a framework op (category cpu_op, or 2021 Kineto's Operator) that no other
// framework op on its host thread encloses; ProfilerStep#N, user annotations and Python frames
// are not ops and do not count as enclosing ones. Everything below it — aten sub-ops, Ascend's
// aclnn* launch ops, npu:: wrappers — is folded into it, so the same model has the same ops on a
// GPU and on an NPU (compare.md §8 R3).
//
// A device task belongs to the top-level op that encloses the op the model links it to
// (TaskLink::hostOp: through ac2g/correlation on a GPU, async_npu or the task queue on Ascend).
// Only work tasks count (isDeviceWorkName: no waits, event records or profiler markers), and each
// moment of a collective once: a task of an op that starts inside a communication task of the
// same op (Ascend's SDMA steps of an hcom_allReduce on the HCCL lane) is part of that task.
struct OpInstance {
    SliceRef op;
    TimeNs start = 0;
    TimeNs end = 0;
    TimeNs deviceNs = 0;     // sum of its tasks' durations
    std::uint32_t tasks = 0; // how many device tasks it launched
};

// The top-level ops of a trace with the device tasks each launched; built once per trace.
class OpIndex {
public:
    explicit OpIndex(const Trace& trace);

    const Trace& trace() const { return trace_; }
    // Every top-level op, by start (then track).
    const std::vector<OpInstance>& instances() const { return instances_; }
    // The instance a device task (an index into Trace::taskLinks) belongs to; kNoIndex when it
    // has no op or is not a work task.
    std::uint32_t instanceOfTask(std::size_t link) const { return instanceOfTask_[link]; }
    // Work tasks with no op (launched outside any framework op, or with an unknown launch).
    std::uint64_t unattributedTasks() const { return unattributed_; }
    // The instance enclosing a host slice (on its own track); kNoIndex when none does.
    std::uint32_t instanceAround(SliceRef slice) const;
    std::string_view name(const OpInstance& op) const;

private:
    void findInstances();
    void attributeTasks();

    const Trace& trace_;
    std::vector<OpInstance> instances_;
    // Per slice track: its instances as indices into instances_, by start.
    std::vector<std::vector<std::uint32_t>> byTrack_;
    std::vector<std::uint32_t> instanceOfTask_;
    std::uint64_t unattributed_ = 0;
};

// Time ranges [first, second) that select ops by their start; empty selects everything.
using OpScope = std::vector<Interval>;

// Whether times lie in a scope, in O(log ranges) per question.
class ScopeTest {
public:
    explicit ScopeTest(OpScope scope);
    bool contains(TimeNs t) const;

private:
    OpScope ranges_; // merged, by start
};

// One op name's numbers over the instances in a scope.
struct OpStats {
    std::string name;
    std::uint64_t count = 0;
    TimeNs hostNs = 0;   // sum of the instances' host durations
    TimeNs deviceNs = 0; // sum of their device tasks' durations
    std::uint64_t kernels = 0;
    TimeNs deviceMinNs = 0; // per instance; an instance without tasks counts 0
    TimeNs deviceMaxNs = 0;

    double deviceAverageNs() const { return count ? double(deviceNs) / double(count) : 0.0; }
    double kernelsPerCall() const { return count ? double(kernels) / double(count) : 0.0; }
};

// Per op name, most device time first (then host time, then name).
std::vector<OpStats> operatorStats(const OpIndex& index, const OpScope& scope = {});

// One kernel type's numbers. The type is the kernel table's op type (Ascend kernel_details.csv
// Type: MatMulV2, TransData) when the task has a row, else the task's name (a GPU kernel's name).
struct KernelTypeStats {
    std::string type;
    std::string inputShapes; // "" unless keyed by shape
    std::uint64_t count = 0;
    TimeNs deviceNs = 0;
    TimeNs minNs = 0;
    TimeNs maxNs = 0;
};

// Per kernel type (and input shapes when `byShape`), most time first. With a scope, a task counts
// when its op starts in the scope, or, without an op, when the task itself starts in it.
std::vector<KernelTypeStats> kernelTypeStats(const OpIndex& index, const OpScope& scope = {},
                                             bool byShape = false);

// Whether the trace's kernel table gives input shapes (Ascend kernel_details.csv).
bool hasKernelShapes(const Trace& trace);

} // namespace lanescope::analysis
