// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/task_role.h"

#include "analysis/slice_kind.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace lanescope::analysis {

namespace {

std::vector<bool> filesWithKernelTable(const Trace& trace,
                                       const std::vector<std::uint32_t>& fileOfTrack) {
    std::vector<bool> has(trace.files.size(), false);
    for (const DeviceTaskDetail& detail : trace.taskDetails) {
        const std::uint32_t file = fileOfTrack[detail.task.track];
        if (file < has.size())
            has[file] = true;
    }
    return has;
}

// Classifies each distinct task name once: traces repeat a few thousand names millions of times.
class NameKinds {
public:
    explicit NameKinds(const Trace& trace) : trace_(trace) {}
    SliceKind of(StringId name) {
        const auto [it, added] = kinds_.try_emplace(name, SliceKind::Other);
        if (added)
            it->second = classifySliceName(trace_.str(name));
        return it->second;
    }

private:
    const Trace& trace_;
    std::unordered_map<StringId, SliceKind> kinds_;
};

TaskRole roleOf(const Trace& trace, SliceRef task, const DeviceTaskDetail* detail,
                bool fileHasKernelTable, NameKinds& kinds) {
    if (detail) {
        const std::string_view core = trace.str(detail->acceleratorCore);
        return core == "HCCL" || core == "COMMUNICATION" ? TaskRole::Communication
                                                         : TaskRole::Kernel;
    }
    switch (kinds.of(trace.sliceTracks[task.track].name(task.slice))) {
    case SliceKind::Communication:
        return TaskRole::Communication;
    case SliceKind::Copy:
        return TaskRole::Copy;
    case SliceKind::Sync:
        return TaskRole::Marker;
    case SliceKind::Compute:
    case SliceKind::Idle:
    case SliceKind::Other:
        break;
    }
    return fileHasKernelTable ? TaskRole::Marker : TaskRole::Kernel;
}

} // namespace

std::vector<std::uint32_t> fileOfTracks(const Trace& trace) {
    std::vector<std::uint32_t> file(trace.sliceTracks.size(), kNoIndex);
    for (const Thread& thread : trace.threads)
        if (thread.sliceTrack != kNoIndex)
            file[thread.sliceTrack] = trace.processes[thread.process].sourceFile;
    for (const AsyncTrack& async : trace.asyncTracks)
        if (async.sliceTrack != kNoIndex)
            file[async.sliceTrack] = trace.processes[async.process].sourceFile;
    return file;
}

std::vector<RoledTask> roleDeviceTasks(const Trace& trace) {
    const std::vector<std::uint32_t> fileOfTrack = fileOfTracks(trace);
    const std::vector<bool> hasTable = filesWithKernelTable(trace, fileOfTrack);
    std::vector<RoledTask> tasks;
    tasks.reserve(trace.taskLinks.size());
    // taskLinks and taskDetails are both sorted by task: walk them together.
    NameKinds kinds(trace);
    auto detail = trace.taskDetails.begin();
    const auto key = [](SliceRef r) { return std::make_tuple(r.track, r.slice); };
    for (const TaskLink& link : trace.taskLinks) {
        while (detail != trace.taskDetails.end() && key(detail->task) < key(link.task))
            ++detail;
        RoledTask roled;
        roled.task = link.task;
        if (detail != trace.taskDetails.end() && detail->task == link.task)
            roled.detail = &*detail;
        const std::uint32_t file = fileOfTrack[link.task.track];
        const bool hasKernelTable = file < hasTable.size() && hasTable[file];
        roled.role = roleOf(trace, link.task, roled.detail, hasKernelTable, kinds);
        roled.aiCpu = roled.role == TaskRole::Kernel && roled.detail &&
                      trace.str(roled.detail->acceleratorCore) == "AI_CPU";
        tasks.push_back(roled);
    }
    return tasks;
}

StringId knownOpType(const Trace& trace, const DeviceTaskDetail* detail) {
    if (!detail)
        return 0;
    const std::string_view type = trace.str(detail->opType);
    return type.empty() || type == "N/A" ? 0 : detail->opType;
}

} // namespace lanescope::analysis
