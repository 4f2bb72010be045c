// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/step_breakdown.h"

#include "analysis/slice_info.h"
#include "analysis/slice_kind.h"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace lanescope::analysis {

namespace {

enum class OverlapRole : std::uint8_t { Computing, Communication, Neither };

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// Runtime tasks on an Ascend stream are named by their task type: MEMCPY_ASYNC, EVENT_RECORD,
// EVENT_WAIT, PROFILING_ENABLE, SDMA. Kernels carry an op name with lower-case letters.
bool isAscendRuntimeTaskName(std::string_view name) {
    return !name.empty() &&
           std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Without a kernel table: Ascend kernels are every task that is not a runtime task, an HCCL
// sync task ("Notify Wait", "Write Value") or a plain copy ("Memcpy"). Kernel names that merely
// mention a copy ("aclnnInplaceCopy_TensorMoveAiCore_TensorMove", "Conv2DBackpropFilter6_MemSet")
// have an underscore-separated op name and stay compute.
bool isAscendKernelName(std::string_view name, SliceKind kind) {
    if (isAscendRuntimeTaskName(name) || kind == SliceKind::Sync)
        return false;
    return kind != SliceKind::Copy || name.find('_') != std::string_view::npos;
}

class OverlapRoles {
public:
    OverlapRoles(const Trace& trace, const DeviceMap& devices) : trace_(trace), devices_(devices) {
        hasKernelTable_.assign(trace.files.size(), false);
        for (const DeviceTaskDetail& detail : trace.taskDetails)
            if (const std::uint32_t d = deviceOf(detail.task); d != kNoIndex)
                hasKernelTable_[devices.devices[d].file] = true;
    }

    std::uint32_t deviceOf(SliceRef task) const {
        return task.track < devices_.deviceOfTrack.size() ? devices_.deviceOfTrack[task.track]
                                                          : kNoIndex;
    }

    // The kind of a name, classified once per distinct name (traces repeat a few thousand names
    // millions of times).
    SliceKind kindOf(StringId name) const {
        const auto [it, added] = kinds_.try_emplace(name, SliceKind::Other);
        if (added)
            it->second = classifySliceName(trace_.str(name));
        return it->second;
    }

    // Whether a computing task converts formats, by its op type or else its name, once per id.
    bool isConversion(SliceRef task, const DeviceTaskDetail* detail) const {
        const StringId id = detail && !trace_.str(detail->opType).empty()
                                ? detail->opType
                                : trace_.sliceTracks[task.track].name(task.slice);
        const auto [it, added] = conversions_.try_emplace(id, false);
        if (added)
            it->second = isFormatConversion(trace_.str(id));
        return it->second;
    }

    OverlapRole roleOf(SliceRef task, const DeviceTaskDetail* detail) const {
        const SliceTrack& track = trace_.sliceTracks[task.track];
        const std::string_view name = trace_.str(track.name(task.slice));
        const SliceKind kind = kindOf(track.name(task.slice));
        if (kind == SliceKind::Communication && onAscendStream(task))
            return OverlapRole::Neither; // its HCCL op is the communication
        if (kind == SliceKind::Communication || (detail && isCommunicationCore(*detail)))
            return OverlapRole::Communication;
        if (detail)
            return OverlapRole::Computing;
        if (hasKernelTable_[devices_.devices[deviceOf(task)].file])
            return OverlapRole::Neither;
        return isComputeByName(name, kind, trace_.str(track.category(task.slice)))
                   ? OverlapRole::Computing
                   : OverlapRole::Neither;
    }

private:
    // A communication op's own task on an Ascend compute stream (the DB export writes one per
    // HCCL op, sharing its connection id): msprof's Communication lane is the op on its HCCL
    // lane, so the task is not counted a second time.
    bool onAscendStream(SliceRef task) const {
        const std::uint32_t process = ownerOf(trace_, task.track).process;
        return process != kNoIndex &&
               trace_.str(trace_.processes[process].name) == "Ascend Hardware";
    }

    bool isCommunicationCore(const DeviceTaskDetail& detail) const {
        const std::string_view core = trace_.str(detail.acceleratorCore);
        return core == "HCCL" || core == "COMMUNICATION";
    }

    bool isComputeByName(std::string_view name, SliceKind kind, std::string_view category) const {
        if (trace_.format == "ascend")
            return isAscendKernelName(name, kind);
        if (trace_.format == "kineto")
            return equalsIgnoreCase(category, "kernel");
        return kind == SliceKind::Compute;
    }

    const Trace& trace_;
    const DeviceMap& devices_;
    std::vector<bool> hasKernelTable_; // per file
    mutable std::unordered_map<StringId, SliceKind> kinds_;
    mutable std::unordered_map<StringId, bool> conversions_;
};

struct DeviceIntervals {
    std::vector<Interval> computing;
    std::vector<Interval> communication;
    std::vector<Interval> conversions; // computing tasks that convert formats
    std::vector<Interval> copies;      // copy tasks that neither compute nor communicate
};

// Every device's compute and communication tasks; taskLinks and taskDetails are both sorted by
// task, so one sweep pairs them.
std::vector<DeviceIntervals> collectIntervals(const Trace& trace, const DeviceMap& devices) {
    const OverlapRoles roles(trace, devices);
    std::vector<DeviceIntervals> out(devices.devices.size());
    const auto key = [](SliceRef r) { return std::make_tuple(r.track, r.slice); };
    auto detail = trace.taskDetails.begin();
    for (const TaskLink& link : trace.taskLinks) {
        while (detail != trace.taskDetails.end() && key(detail->task) < key(link.task))
            ++detail;
        const std::uint32_t d = roles.deviceOf(link.task);
        if (d == kNoIndex)
            continue;
        const bool hasDetail = detail != trace.taskDetails.end() && detail->task == link.task;
        const DeviceTaskDetail* row = hasDetail ? &*detail : nullptr;
        const OverlapRole role = roles.roleOf(link.task, row);
        const SliceTrack& track = trace.sliceTracks[link.task.track];
        const Interval span{track.start(link.task.slice), track.end(link.task.slice)};
        if (role == OverlapRole::Neither) {
            if (roles.kindOf(track.name(link.task.slice)) == SliceKind::Copy)
                out[d].copies.push_back(span);
            continue;
        }
        (role == OverlapRole::Computing ? out[d].computing : out[d].communication).push_back(span);
        if (role == OverlapRole::Computing && roles.isConversion(link.task, row))
            out[d].conversions.push_back(span);
    }
    return out;
}

// a - b for two merged unions.
std::vector<Interval> subtractIntervals(const std::vector<Interval>& a,
                                        const std::vector<Interval>& b) {
    std::vector<Interval> out;
    auto cut = b.begin();
    for (const Interval& i : a) {
        TimeNs from = i.first;
        while (cut != b.end() && cut->second <= from)
            ++cut;
        for (auto c = cut; c != b.end() && c->first < i.second; ++c) {
            if (c->first > from)
                out.emplace_back(from, c->first);
            from = std::max(from, c->second);
        }
        if (from < i.second)
            out.emplace_back(from, i.second);
    }
    return out;
}

// One device's time from its first to its last computing or communication moment, tiled into
// msprof's segments (Computing, Communication(Not Overlapped), Free): consecutive segments touch,
// so a segment ends where the next starts.
struct DeviceTiling {
    std::vector<Interval> computing;
    std::vector<Interval> communication;
    std::vector<Interval> notOverlapped;
    std::vector<Interval> busy; // computing ∪ communication
    std::vector<Interval> conversions;
    std::vector<Interval> idleCopies; // copies - busy
    std::vector<TimeNs> segmentStarts;
    TimeNs end = 0;

    bool empty() const { return segmentStarts.empty(); }
    TimeNs segmentEnd(std::size_t i) const {
        return i + 1 < segmentStarts.size() ? segmentStarts[i + 1] : end;
    }
};

DeviceTiling tile(DeviceIntervals intervals) {
    DeviceTiling t;
    t.computing = mergeIntervals(std::move(intervals.computing));
    t.communication = mergeIntervals(std::move(intervals.communication));
    t.notOverlapped = subtractIntervals(t.communication, t.computing);
    std::vector<Interval> all = t.computing;
    all.insert(all.end(), t.communication.begin(), t.communication.end());
    t.busy = mergeIntervals(std::move(all));
    t.conversions = mergeIntervals(std::move(intervals.conversions));
    t.idleCopies = subtractIntervals(mergeIntervals(std::move(intervals.copies)), t.busy);
    if (t.busy.empty())
        return t;
    for (const Interval& i : t.computing)
        t.segmentStarts.push_back(i.first);
    for (const Interval& i : t.notOverlapped)
        t.segmentStarts.push_back(i.first);
    for (std::size_t i = 0; i + 1 < t.busy.size(); ++i)
        t.segmentStarts.push_back(t.busy[i].second); // a free segment
    std::sort(t.segmentStarts.begin(), t.segmentStarts.end());
    t.end = t.busy.back().second;
    return t;
}

// A step's device range [start, end): segments starting inside it belong to the step.
struct StepRange {
    const Step* step = nullptr;
    TimeNs start = 0;
    TimeNs end = 0;
};

// The first and the last launch of a step's device tasks (launch order key), with the earliest
// start of the first launch's tasks and the latest end of the last launch's tasks.
struct LaunchBounds {
    bool any = false;
    std::pair<TimeNs, TimeNs> firstKey{}, lastKey{};
    TimeNs firstStart = 0;
    TimeNs lastEnd = 0;

    void add(std::pair<TimeNs, TimeNs> key, TimeNs start, TimeNs end) {
        if (!any || key < firstKey)
            std::tie(firstKey, firstStart) = std::make_pair(key, start);
        else if (key == firstKey)
            firstStart = std::min(firstStart, start);
        if (!any || key > lastKey)
            std::tie(lastKey, lastEnd) = std::make_pair(key, end);
        else if (key == lastKey)
            lastEnd = std::max(lastEnd, end);
        any = true;
    }
};

// When a task was launched, as torch_npu orders launches: its torch op's start (the op that
// enqueued it inside the step), then its launch call's start. Empty when neither is known.
std::optional<std::pair<TimeNs, TimeNs>> launchKey(const Trace& trace, const TaskLink& link) {
    const auto startOf = [&](SliceRef r) { return trace.sliceTracks[r.track].start(r.slice); };
    if (link.hostOp.valid())
        return std::make_pair(startOf(link.hostOp),
                              link.launch.valid() ? startOf(link.launch) : startOf(link.hostOp));
    if (link.launch.valid())
        return std::make_pair(startOf(link.launch), startOf(link.launch));
    return std::nullopt;
}

// The steps of each file, by start.
std::vector<std::vector<const Step*>> stepsByFile(const Trace& trace) {
    std::vector<std::vector<const Step*>> out(trace.files.size());
    for (const Step& step : trace.steps) {
        const std::uint32_t process = ownerOf(trace, step.slice.track).process;
        if (process != kNoIndex && trace.processes[process].sourceFile < out.size())
            out[trace.processes[process].sourceFile].push_back(&step);
    }
    for (auto& steps : out)
        std::sort(steps.begin(), steps.end(),
                  [](const Step* a, const Step* b) { return a->start < b->start; });
    return out;
}

// The host step whose [start, end) holds `t`, as an index into `steps`; kNoIndex when none.
std::uint32_t stepHolding(const std::vector<const Step*>& steps, TimeNs t) {
    auto it = std::upper_bound(steps.begin(), steps.end(), t,
                               [](TimeNs v, const Step* s) { return v < s->start; });
    if (it == steps.begin() || t >= (*std::prev(it))->end)
        return kNoIndex;
    return static_cast<std::uint32_t>(std::prev(it) - steps.begin());
}

std::vector<std::vector<StepRange>> stepRanges(const Trace& trace, const DeviceMap& devices) {
    const auto steps = stepsByFile(trace);
    std::vector<std::vector<LaunchBounds>> bounds(steps.size());
    for (std::size_t f = 0; f < steps.size(); ++f)
        bounds[f].resize(steps[f].size());
    for (const TaskLink& link : trace.taskLinks) {
        const std::uint32_t d = devices.deviceOfTrack[link.task.track];
        const auto key = launchKey(trace, link);
        if (d == kNoIndex || !key)
            continue;
        const std::uint32_t file = devices.devices[d].file;
        const std::uint32_t s = stepHolding(steps[file], key->first);
        if (s == kNoIndex)
            continue;
        const SliceTrack& track = trace.sliceTracks[link.task.track];
        bounds[file][s].add(*key, track.start(link.task.slice), track.end(link.task.slice));
    }
    std::vector<std::vector<StepRange>> ranges(steps.size());
    for (std::size_t f = 0; f < steps.size(); ++f) {
        TimeNs previousEnd = kTimeMin;
        for (std::size_t s = 0; s < steps[f].size(); ++s) {
            const Step& step = *steps[f][s];
            const LaunchBounds& b = bounds[f][s];
            StepRange range{&step, b.any ? b.firstStart : step.start,
                            std::max(b.any ? b.lastEnd : step.end, step.end)};
            range.start = std::max(range.start, previousEnd);
            range.end = std::max(range.end, range.start);
            previousEnd = range.end;
            ranges[f].push_back(range);
        }
    }
    return ranges;
}

void measure(const DeviceTiling& t, StepBreakdown& row) {
    const TimeNs w0 = row.windowStart, w1 = row.windowEnd;
    row.computingNs = overlapLength(t.computing, w0, w1);
    row.communicationNs = overlapLength(t.communication, w0, w1);
    row.communicationNotOverlappedNs = overlapLength(t.notOverlapped, w0, w1);
    row.overlappedNs = row.communicationNs - row.communicationNotOverlappedNs;
    row.freeNs = (w1 - w0) - overlapLength(t.busy, w0, w1);
    row.conversionNs = overlapLength(t.conversions, w0, w1);
    row.copyNs = overlapLength(t.idleCopies, w0, w1);
    const auto busy = std::upper_bound(t.busy.begin(), t.busy.end(), w0,
                                       [](TimeNs at, const Interval& i) { return at < i.second; });
    row.firstBusyStart = busy != t.busy.end() && busy->first < w1 ? std::max(busy->first, w0) : w1;
}

// The span of the segments starting inside [range.start, range.end).
void placeWindow(const DeviceTiling& t, const StepRange& range, StepBreakdown& row) {
    const auto& starts = t.segmentStarts;
    const auto lo = std::lower_bound(starts.begin(), starts.end(), range.start);
    const auto hi = std::lower_bound(lo, starts.end(), range.end);
    if (lo == hi)
        return;
    row.windowStart = *lo;
    row.windowEnd = t.segmentEnd(static_cast<std::size_t>(hi - starts.begin()) - 1);
}

StepBreakdown rowFor(const DeviceMap& devices, std::uint32_t d, const DeviceTiling& t,
                     const StepRange* range) {
    StepBreakdown row;
    row.device = devices.devices[d].name;
    row.deviceIndex = d;
    row.file = devices.devices[d].file;
    if (range) {
        row.stepNumber = range->step->number;
        row.step = std::to_string(range->step->number);
        placeWindow(t, *range, row);
    } else if (!t.empty()) {
        row.windowStart = t.segmentStarts.front();
        row.windowEnd = t.end;
    }
    measure(t, row);
    return row;
}

// A segment running across the start of a step's range is cut there: a device working through
// a backlog runs one long Computing segment over several steps' work, and each step gets the
// part its own launches ran in.
void cutAtStepStarts(DeviceTiling& t, const std::vector<StepRange>& ranges) {
    if (t.empty())
        return;
    const TimeNs first = t.segmentStarts.front();
    for (const StepRange& range : ranges)
        if (range.start > first && range.start < t.end)
            t.segmentStarts.push_back(range.start);
    std::sort(t.segmentStarts.begin(), t.segmentStarts.end());
    t.segmentStarts.erase(std::unique(t.segmentStarts.begin(), t.segmentStarts.end()),
                          t.segmentStarts.end());
}

} // namespace

std::vector<StepBreakdown> computeStepBreakdown(const Trace& trace, const DeviceMap& devices) {
    std::vector<DeviceIntervals> intervals = collectIntervals(trace, devices);
    const auto ranges = stepRanges(trace, devices);
    std::vector<StepBreakdown> rows;
    for (std::uint32_t d = 0; d < devices.devices.size(); ++d) {
        DeviceTiling t = tile(std::move(intervals[d]));
        const auto& fileRanges = ranges[devices.devices[d].file];
        cutAtStepStarts(t, fileRanges);
        if (fileRanges.empty())
            rows.push_back(rowFor(devices, d, t, nullptr));
        for (const StepRange& range : fileRanges)
            rows.push_back(rowFor(devices, d, t, &range));
    }
    return rows;
}

} // namespace lanescope::analysis
