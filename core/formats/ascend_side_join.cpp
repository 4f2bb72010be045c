// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/ascend_side_join.h"

#include "formats/ascend_side_files.h"

#include <algorithm>
#include <tuple>
#include <vector>

namespace lanescope::formats {

namespace {

// The CSV and the trace round some times differently (HCCL ops differ by 1 ns): a row whose
// start matches no task exactly may match a task of the same name this close.
constexpr TimeNs kStartTolerance = 1000;

using TaskStarts = std::vector<std::pair<TimeNs, SliceRef>>;

// Device tasks of one file sorted by start time (Ascend Hardware streams and HCCL lanes).
TaskStarts tasksByStart(const Trace& trace, std::uint32_t file) {
    TaskStarts tasks;
    for (const Thread& thread : trace.threads) {
        if (thread.kind != TrackKind::Device || thread.sliceTrack == kNoIndex ||
            trace.processes[thread.process].sourceFile != file)
            continue;
        const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
        for (std::uint32_t i = 0; i < track.size(); ++i)
            tasks.emplace_back(track.start(i), SliceRef{thread.sliceTrack, i});
    }
    std::sort(tasks.begin(), tasks.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first, a.second.track, a.second.slice) <
               std::tie(b.first, b.second.track, b.second.slice);
    });
    return tasks;
}

// The task with the row's name whose start is exact, else nearest within the tolerance.
SliceRef findTask(const Trace& trace, const TaskStarts& tasks, const KernelDetail& row) {
    const auto lower =
        std::lower_bound(tasks.begin(), tasks.end(), row.start - kStartTolerance,
                         [](const auto& entry, TimeNs t) { return entry.first < t; });
    SliceRef best;
    TimeNs bestDistance = kStartTolerance + 1;
    for (auto it = lower; it != tasks.end() && it->first <= row.start + kStartTolerance; ++it) {
        const SliceRef ref = it->second;
        const TimeNs distance =
            it->first > row.start ? it->first - row.start : row.start - it->first;
        if (distance < bestDistance &&
            trace.str(trace.sliceTracks[ref.track].name(ref.slice)) == row.name) {
            best = ref;
            bestDistance = distance;
        }
    }
    return best;
}

void reportProblems(Trace& trace, const std::string& path,
                    const std::vector<CsvProblem>& problems) {
    for (const CsvProblem& problem : problems)
        trace.diagnostics.report("side_file_problem", path, problem.line,
                                 "line " + std::to_string(problem.line) + ": " + problem.message);
}

void attachKernelDetails(Trace& trace, std::uint32_t file, const std::string& path) {
    const SideFileResult<KernelDetail> read = readKernelDetails(path);
    SideFileSummary summary{file, path, read.rows.size(), 0, read.skippedRows, read.error, true};
    reportProblems(trace, path, read.problems);
    if (!read.ok) {
        trace.diagnostics.report("side_file_unreadable", path, 0, read.error);
        trace.sideFiles.push_back(summary);
        return;
    }
    const auto tasks = tasksByStart(trace, file);
    for (const KernelDetail& row : read.rows) {
        const SliceRef task = findTask(trace, tasks, row);
        if (!task.valid())
            continue;
        ++summary.joined;
        trace.taskDetails.push_back(
            {task, trace.strings.intern(row.type), trace.strings.intern(row.acceleratorCore),
             trace.strings.intern(row.opState), trace.strings.intern(row.inputShapes),
             trace.strings.intern(row.inputDataTypes), trace.strings.intern(row.outputShapes),
             row.blockDim, row.wait});
    }
    if (summary.joined < summary.rows)
        trace.diagnostics.count("kernel_detail_unjoined", summary.rows - summary.joined);
    trace.sideFiles.push_back(summary);
}

void attachStepTimes(Trace& trace, std::uint32_t file, const std::string& path) {
    const SideFileResult<StepTime> read = readStepTraceTime(path);
    reportProblems(trace, path, read.problems);
    trace.sideFiles.push_back(
        {file, path, read.rows.size(), 0, read.skippedRows, read.error, false});
    if (!read.ok) {
        trace.diagnostics.report("side_file_unreadable", path, 0, read.error);
        return;
    }
    for (const StepTime& row : read.rows)
        trace.profilerSteps.push_back({file, row.step, row.deviceId, row.computingUs,
                                       row.communicationNotOverlappedUs, row.overlappedUs,
                                       row.communicationUs, row.freeUs, row.stageUs, row.bubbleUs,
                                       row.preparingUs});
}

} // namespace

void attachAscendSideFiles(Trace& trace, std::uint32_t file, const AscendRankInput& input) {
    if (!input.kernelDetails.empty())
        attachKernelDetails(trace, file, input.kernelDetails);
    if (!input.stepTraceTime.empty())
        attachStepTimes(trace, file, input.stepTraceTime);
    std::sort(trace.taskDetails.begin(), trace.taskDetails.end(),
              [](const DeviceTaskDetail& a, const DeviceTaskDetail& b) {
                  return std::tie(a.task.track, a.task.slice) <
                         std::tie(b.task.track, b.task.slice);
              });
}

} // namespace lanescope::formats
