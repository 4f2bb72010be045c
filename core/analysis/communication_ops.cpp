// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/communication_ops.h"

#include "analysis/slice_kind.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

namespace lanescope::analysis {

namespace {

bool isGroupLane(std::string_view thread) {
    return thread.starts_with("Group ") && thread.ends_with(" Communication");
}

// "Plane 3" -> 3.
std::optional<int> planeNumber(std::string_view thread) {
    constexpr std::string_view kPrefix = "Plane ";
    if (!thread.starts_with(kPrefix))
        return std::nullopt;
    const std::string_view digits = thread.substr(kPrefix.size());
    int number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return number;
}

bool isNotify(std::string_view name, std::string_view what) {
    // "Notify_Wait" in the text and DB exports, "Notify Wait" on some CANN versions' streams.
    return name.size() == 7 + what.size() && name.starts_with("Notify") &&
           (name[6] == '_' || name[6] == ' ') && name.substr(7) == what;
}

struct Plane {
    int number = 0;
    std::uint32_t track = 0;
};

// An HCCL process's lanes on one device: its op lanes and its planes, by number.
struct HcclLanes {
    std::vector<std::uint32_t> groups;
    std::vector<Plane> planes;
};

// The indices of the plane's tasks that start inside `op`.
std::pair<std::uint32_t, std::uint32_t> tasksIn(const SliceTrack& track,
                                                const CommunicationOp& op) {
    const auto starts = track.starts();
    return {static_cast<std::uint32_t>(std::lower_bound(starts.begin(), starts.end(), op.start) -
                                       starts.begin()),
            static_cast<std::uint32_t>(std::lower_bound(starts.begin(), starts.end(), op.end) -
                                       starts.begin())};
}

// The transfer tasks of `op` on every plane.
void collectTransfers(const Trace& trace, const std::vector<Plane>& planes, CommunicationOp& op) {
    for (const Plane& plane : planes) {
        const SliceTrack& track = trace.sliceTracks[plane.track];
        const auto [first, last] = tasksIn(track, op);
        for (std::uint32_t i = first; i < last; ++i) {
            const std::string_view name = trace.str(track.name(i));
            if (!isNotify(name, "Wait") && !isNotify(name, "Record"))
                op.transfers.push_back({plane.track, i});
        }
    }
}

// The tasks of `op` on the first plane that waits in it (see the header).
void measureOnMainPlane(const Trace& trace, const std::vector<Plane>& planes, CommunicationOp& op) {
    for (const Plane& plane : planes) {
        const SliceTrack& track = trace.sliceTracks[plane.track];
        const auto [first, last] = tasksIn(track, op);
        bool waits = false;
        for (std::uint32_t i = first; i < last && !waits; ++i)
            waits = isNotify(trace.str(track.name(i)), "Wait");
        if (!waits)
            continue;
        bool transitSeen = false;
        for (std::uint32_t i = first; i < last; ++i) {
            const std::string_view name = trace.str(track.name(i));
            if (isNotify(name, "Wait")) {
                op.waitNs += track.duration(i);
                if (!transitSeen)
                    op.synchronizationNs += track.duration(i);
            } else if (!isNotify(name, "Record")) {
                op.transitNs += track.duration(i);
                transitSeen = true;
            }
        }
        op.timesKnown = true;
        return;
    }
}

void addHcclOps(const Trace& trace, std::uint32_t device, HcclLanes& lanes,
                std::vector<CommunicationOp>& out) {
    std::sort(lanes.planes.begin(), lanes.planes.end(),
              [](const Plane& a, const Plane& b) { return a.number < b.number; });
    for (const std::uint32_t group : lanes.groups) {
        const SliceTrack& track = trace.sliceTracks[group];
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            CommunicationOp op;
            op.slice = {group, i};
            op.device = device;
            op.type = communicationOpType(trace.str(track.name(i)));
            op.start = track.start(i);
            op.end = track.end(i);
            measureOnMainPlane(trace, lanes.planes, op);
            collectTransfers(trace, lanes.planes, op);
            out.push_back(std::move(op));
        }
    }
}

// Without HCCL lanes: the device's tasks whose names are communication (NCCL kernels).
void addNamedOps(const Trace& trace, const DeviceActivity& activity, std::uint32_t device,
                 std::vector<CommunicationOp>& out) {
    std::map<StringId, bool> communication;
    for (const std::uint32_t t : activity.tracks) {
        const SliceTrack& track = trace.sliceTracks[t];
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            const StringId name = track.name(i);
            auto [it, added] = communication.try_emplace(name, false);
            if (added)
                it->second = classifySliceName(trace.str(name)) == SliceKind::Communication;
            if (!it->second)
                continue;
            CommunicationOp op;
            op.slice = {t, i};
            op.device = device;
            op.type = communicationOpType(trace.str(name));
            op.start = track.start(i);
            op.end = track.end(i);
            out.push_back(std::move(op));
        }
    }
}

} // namespace

std::string communicationOpType(std::string_view name) {
    if (name.starts_with("hcom_")) {
        const std::size_t numbering = name.find("__");
        return std::string(name.substr(0, numbering));
    }
    for (const std::string_view prefix : {"ncclKernel_", "ncclDevKernel_"})
        if (name.starts_with(prefix)) {
            const std::size_t end = name.find_first_of("_(<", prefix.size());
            return std::string(name.substr(0, end));
        }
    return std::string(name);
}

std::vector<CommunicationOp> findCommunicationOps(const Trace& trace, const DeviceMap& devices) {
    std::vector<CommunicationOp> out;
    for (std::uint32_t d = 0; d < devices.devices.size(); ++d) {
        const DeviceActivity& activity = devices.devices[d];
        const std::size_t before = out.size();
        for (const std::uint32_t process : activity.processes) {
            HcclLanes lanes;
            for (const std::uint32_t t : trace.processes[process].threads) {
                const Thread& thread = trace.threads[t];
                if (thread.sliceTrack == kNoIndex)
                    continue;
                const std::string_view name = trace.str(thread.name);
                if (isGroupLane(name))
                    lanes.groups.push_back(thread.sliceTrack);
                else if (const std::optional<int> number = planeNumber(name))
                    lanes.planes.push_back({*number, thread.sliceTrack});
            }
            addHcclOps(trace, d, lanes, out);
        }
        if (out.size() == before)
            addNamedOps(trace, activity, d, out);
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                  [](const CommunicationOp& a, const CommunicationOp& b) {
                      return a.start != b.start ? a.start < b.start : a.slice.track < b.slice.track;
                  });
    }
    return out;
}

} // namespace lanescope::analysis
