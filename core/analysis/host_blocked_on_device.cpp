// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/host_blocked_on_device.h"

#include "analysis/advice.h"
#include "analysis/host_lanes.h"
#include "analysis/slice_info.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <string>
#include <tuple>
#include <unordered_map>

namespace lanescope::analysis {

namespace {

// "AscendCL@aclrtSynchronizeStream" -> "aclrtSynchronizeStream".
std::string_view apiName(std::string_view name) {
    const std::size_t at = name.find('@');
    return at == std::string_view::npos ? name : name.substr(at + 1);
}

template <std::size_t N>
bool startsWithAny(std::string_view text, const std::array<std::string_view, N>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return text.starts_with(p); });
}

TimeNs unionLength(std::vector<Interval> intervals) {
    TimeNs total = 0;
    for (const Interval& i : mergeIntervals(std::move(intervals)))
        total += i.second - i.first;
    return total;
}

struct Item {
    SliceRef ref;
    TimeNs start = 0;
    TimeNs end = 0;
    BlockingRole role = BlockingRole::None;
    bool isOp() const {
        return role == BlockingRole::TransferOp || role == BlockingRole::ScalarReadOp;
    }
};

// Outer items first: by start, longer first, an op before an API call of the same span.
bool outerFirst(const Item& a, const Item& b) {
    return std::make_tuple(a.start, b.end, !a.isOp(), a.ref.track, a.ref.slice) <
           std::make_tuple(b.start, a.end, !b.isOp(), b.ref.track, b.ref.slice);
}

bool encloses(const Item& outer, const Item& inner) {
    return outer.start <= inner.start && inner.end <= outer.end;
}

class Finder {
public:
    Finder(const Trace& trace, const DeviceMap& devices)
        : trace_(trace), devices_(devices), lanes_(mapHostLanes(trace)) {
        indexTasks();
    }

    std::vector<BlockingCall> run() {
        std::vector<BlockingCall> calls;
        for (std::uint32_t lane = 0; lane < lanes_.fileOfLane.size(); ++lane)
            for (BlockingCall& call : unitsOf(lane)) {
                measure(call, lane);
                calls.push_back(std::move(call));
            }
        std::sort(calls.begin(), calls.end(), [](const BlockingCall& a, const BlockingCall& b) {
            return std::tie(a.start, a.end, a.call.track, a.call.slice) <
                   std::tie(b.start, b.end, b.call.track, b.call.slice);
        });
        for (std::uint32_t i = 0; i < calls.size(); ++i)
            calls[i].ordinal = i;
        return calls;
    }

private:
    // Which tasks each launch call made, and each host thread's tasks by launch time.
    void indexTasks() {
        launchedBy_.reserve(trace_.taskLinks.size());
        tasksByLane_.resize(lanes_.fileOfLane.size());
        const auto laneOf = [&](SliceRef ref) {
            return ref.valid() ? lanes_.laneOfTrack[ref.track] : kNoIndex;
        };
        const auto add = [&](SliceRef origin, SliceRef task) {
            const TimeNs at = trace_.sliceTracks[origin.track].start(origin.slice);
            tasksByLane_[laneOf(origin)].emplace_back(at, task);
        };
        for (const TaskLink& link : trace_.taskLinks) {
            if (link.launch.valid())
                launchedBy_[link.launch.key()].push_back(link.task);
            const SliceRef origin = link.launch.valid() ? link.launch : link.hostOp;
            if (laneOf(origin) != kNoIndex)
                add(origin, link.task);
            // torch_npu's task queue: the launch runs on the dequeue thread, but the op that
            // queued it (its hostOp, through Enqueue -> Dequeue) is on the calling thread, so a
            // blocking call there owns the copy it queued.
            if (link.launch.valid() && laneOf(link.hostOp) != kNoIndex &&
                laneOf(link.hostOp) != laneOf(link.launch))
                add(link.hostOp, link.task);
        }
        for (auto& tasks : tasksByLane_)
            std::sort(tasks.begin(), tasks.end(), [](const auto& a, const auto& b) {
                return std::tie(a.first, a.second.track, a.second.slice) <
                       std::tie(b.first, b.second.track, b.second.slice);
            });
    }

    bool launchedPageableCopy(SliceRef api) const {
        const auto it = launchedBy_.find(api.key());
        if (it == launchedBy_.end())
            return false;
        return std::any_of(it->second.begin(), it->second.end(), [&](SliceRef task) {
            const SliceTrack& track = trace_.sliceTracks[task.track];
            return trace_.str(track.name(task.slice)).find("Pageable") != std::string_view::npos;
        });
    }

    bool isBlockingApi(const Item& item) const {
        return item.role == BlockingRole::SyncApi || item.role == BlockingRole::SyncCopyApi ||
               (item.role == BlockingRole::AsyncCopyApi && launchedPageableCopy(item.ref));
    }

    // The lane's blocking API calls and its candidate ops (transfers, scalar reads), outer first.
    std::pair<std::vector<Item>, std::vector<Item>> candidates(std::uint32_t lane) const {
        std::vector<Item> apis, ops;
        for (std::uint32_t t : lanes_.tracksOfLane[lane]) {
            const SliceTrack& track = trace_.sliceTracks[t];
            for (std::uint32_t i = 0; i < track.size(); ++i) {
                const BlockingRole role = blockingRoleOf(trace_.str(track.name(i)));
                const Item item{{t, i}, track.start(i), track.end(i), role};
                if (item.isOp())
                    ops.push_back(item);
                else if (role != BlockingRole::None && isBlockingApi(item))
                    apis.push_back(item);
            }
        }
        std::sort(apis.begin(), apis.end(), outerFirst);
        std::sort(ops.begin(), ops.end(), outerFirst);
        return {std::move(apis), std::move(ops)};
    }

    static bool enclosesAny(const Item& op, const std::vector<Item>& apis) {
        auto it = std::lower_bound(apis.begin(), apis.end(), op.start,
                                   [](const Item& api, TimeNs t) { return api.start < t; });
        for (; it != apis.end() && it->start <= op.end; ++it)
            if (it->end <= op.end)
                return true;
        return false;
    }

    // Blocking ops and API calls of a lane grouped into units, each headed by its outermost one.
    std::vector<BlockingCall> unitsOf(std::uint32_t lane) const {
        auto [apis, ops] = candidates(lane);
        std::vector<Item> blocking = apis;
        for (const Item& op : ops)
            if (enclosesAny(op, apis))
                blocking.push_back(op);
        std::sort(blocking.begin(), blocking.end(), outerFirst);
        std::vector<BlockingCall> units;
        Item head;
        for (const Item& item : blocking) {
            if (units.empty() || !encloses(head, item)) {
                head = item;
                units.emplace_back();
                units.back().call = item.ref;
                units.back().role = item.role;
                units.back().start = item.start;
                units.back().end = item.end;
            }
            if (!item.isOp())
                units.back().apis.push_back(item.ref);
        }
        return units;
    }

    void findOwnTasks(BlockingCall& call, std::uint32_t lane) const {
        const auto& tasks = tasksByLane_[lane];
        auto it = std::lower_bound(tasks.begin(), tasks.end(), call.start,
                                   [](const auto& entry, TimeNs t) { return entry.first < t; });
        for (; it != tasks.end() && it->first < call.end; ++it)
            call.ownTasks.push_back(it->second);
        std::sort(call.ownTasks.begin(), call.ownTasks.end(), [&](SliceRef a, SliceRef b) {
            return std::tie(trace_.sliceTracks[a.track].starts()[a.slice], a.track, a.slice) <
                   std::tie(trace_.sliceTracks[b.track].starts()[b.slice], b.track, b.slice);
        });
        std::vector<Interval> spans;
        for (SliceRef task : call.ownTasks)
            spans.emplace_back(trace_.sliceTracks[task.track].start(task.slice),
                               trace_.sliceTracks[task.track].end(task.slice));
        call.copyNs = unionLength(std::move(spans));
    }

    void chooseDevices(BlockingCall& call, std::uint32_t lane) const {
        for (SliceRef task : call.ownTasks) {
            const std::uint32_t device = devices_.deviceOfTrack[task.track];
            if (device != kNoIndex &&
                std::find(call.devices.begin(), call.devices.end(), device) == call.devices.end())
                call.devices.push_back(device);
        }
        if (!call.devices.empty())
            return;
        for (std::uint32_t d = 0; d < devices_.devices.size(); ++d)
            if (devices_.devices[d].file == lanes_.fileOfLane[lane])
                call.devices.push_back(d);
    }

    // The merged union of the waited intervals.
    std::vector<Interval> findWaitedTasks(BlockingCall& call) const {
        std::vector<Interval> waited;
        for (std::uint32_t device : call.devices)
            for (std::uint32_t t : devices_.devices[device].tracks) {
                const SliceTrack& track = trace_.sliceTracks[t];
                std::vector<std::uint32_t> hits;
                track.forEachIntersecting(call.start, call.end, [&](std::uint32_t i) {
                    const TimeNs from = std::max(track.start(i), call.start);
                    const TimeNs to = std::min(track.end(i), call.end);
                    const SliceRef ref{t, i};
                    if (from < to && taskLinkOf(trace_, ref) &&
                        std::find(call.ownTasks.begin(), call.ownTasks.end(), ref) ==
                            call.ownTasks.end()) {
                        hits.push_back(i);
                        waited.emplace_back(from, to);
                    }
                });
                std::sort(hits.begin(), hits.end());
                for (std::uint32_t i : hits)
                    call.waitedTasks.push_back({t, i});
            }
        std::vector<Interval> merged = mergeIntervals(std::move(waited));
        call.waitedNs = 0;
        for (const Interval& i : merged)
            call.waitedNs += i.second - i.first;
        return merged;
    }

    // No device task recorded the copy: it is the synchronous copy calls' time while the
    // devices ran nothing else.
    void measureHostCopy(BlockingCall& call, const std::vector<Interval>& waited) const {
        std::vector<Interval> spans;
        for (SliceRef api : call.apis)
            if (blockingRoleOf(nameOf(api)) == BlockingRole::SyncCopyApi)
                spans.emplace_back(trace_.sliceTracks[api.track].start(api.slice),
                                   trace_.sliceTracks[api.track].end(api.slice));
        for (const Interval& span : mergeIntervals(std::move(spans)))
            call.copyNs +=
                span.second - span.first - overlapLength(waited, span.first, span.second);
        call.copyOnHost = call.copyNs > 0;
    }

    // The first direction named by the own tasks, their ops and launches, or the copy calls.
    void findDirection(BlockingCall& call) const {
        std::vector<SliceRef> named;
        for (SliceRef task : call.ownTasks) {
            named.push_back(task);
            if (const TaskLink* link = taskLinkOf(trace_, task)) {
                named.push_back(link->hostOp);
                named.push_back(link->launch);
            }
        }
        named.insert(named.end(), call.apis.begin(), call.apis.end());
        for (SliceRef ref : named)
            if (ref.valid())
                if (const CopyDirection d = copyDirectionOf(nameOf(ref));
                    d != CopyDirection::Unknown) {
                    call.direction = d;
                    return;
                }
    }

    std::string_view nameOf(SliceRef ref) const {
        return trace_.str(trace_.sliceTracks[ref.track].name(ref.slice));
    }

    void measure(BlockingCall& call, std::uint32_t lane) const {
        findOwnTasks(call, lane);
        chooseDevices(call, lane);
        const std::vector<Interval> waited = findWaitedTasks(call);
        if (call.ownTasks.empty())
            measureHostCopy(call, waited);
        findDirection(call);
        call.launchers = launcherCounts(trace_, call.waitedTasks);
    }

    const Trace& trace_;
    const DeviceMap& devices_;
    HostLanes lanes_;
    std::unordered_map<std::uint64_t, std::vector<SliceRef>> launchedBy_;
    std::vector<std::vector<std::pair<TimeNs, SliceRef>>> tasksByLane_;
};

bool hostSideCopy(const BlockingCall& call);

// From the time at stake and its share of the call: the waited time, or the host side of a copy.
Severity severityOf(const BlockingCall& call, const Thresholds& th) {
    const TimeNs atStake = hostSideCopy(call) ? call.hostSideNs() : call.waitedNs;
    const double us = static_cast<double>(atStake) / 1e3;
    const double share = call.blockedNs() > 0
                             ? static_cast<double>(atStake) / static_cast<double>(call.blockedNs())
                             : 0;
    if (us >= th["host_blocked.high_waited_us"] && share >= th["host_blocked.high_share"])
        return Severity::High;
    if (us >= th["host_blocked.medium_waited_us"] && share >= th["host_blocked.medium_share"])
        return Severity::Medium;
    return Severity::Low;
}

// The call made a copy and the device was busy with neither it nor queued work for most of the
// call: the time went to the host side of the copy (staging a pageable buffer), not to a queue.
bool hostSideCopy(const BlockingCall& call) {
    return !call.ownTasks.empty() && call.hostSideNs() > call.waitedNs + call.copyNs;
}

// "the copy", "the host-to-device copy".
std::string theCopy(const BlockingCall& call) {
    return call.direction == CopyDirection::Unknown
               ? "the copy"
               : std::string("the ") + toString(call.direction) + " copy";
}

// The synchronous copy call a copy without a device task was measured on.
std::string_view copyCallOf(const Trace& trace, const BlockingCall& call) {
    for (SliceRef api : call.apis) {
        const std::string_view name = trace.str(trace.sliceTracks[api.track].name(api.slice));
        if (blockingRoleOf(name) == BlockingRole::SyncCopyApi)
            return apiName(name);
    }
    return "a copy call";
}

std::string titleOf(const Trace& trace, const BlockingCall& call) {
    const std::string_view name =
        trace.str(trace.sliceTracks[call.call.track].name(call.call.slice));
    std::string title = std::string(name) + " blocked " + formatTitleDuration(call.blockedNs());
    if (hostSideCopy(call)) {
        const double idle = static_cast<double>(call.hostSideNs()) /
                            static_cast<double>(std::max<TimeNs>(1, call.blockedNs()));
        return title + "; " + theCopy(call) + " took " + formatTitleDuration(call.copyNs) +
               " on the " + deviceWord(trace) + ", which was idle for " + formatTitlePercent(idle) +
               " of the call: the time went to the host side of the copy (pageable memory), "
               "not to queued work";
    }
    if (!call.ownTasks.empty())
        title += "; " + theCopy(call) + " took " + formatTitleDuration(call.copyNs);
    else if (call.copyOnHost)
        title += "; " + theCopy(call) + " took " + formatTitleDuration(call.copyNs) + " in " +
                 std::string(copyCallOf(trace, call)) + " (no device task recorded)";
    const std::size_t n = call.waitedTasks.size();
    title += "; " + formatTitlePercent(call.waitedShare()) + " was waiting for " +
             std::to_string(n) + " queued " + deviceWord(trace) + (n == 1 ? " task" : " tasks");
    if (!call.launchers.empty())
        title += " launched by " + launcherList(trace, call.launchers);
    return title;
}

// What the blocked time went to, as the advice table names it.
std::string_view causeOf(const BlockingCall& call) {
    if (hostSideCopy(call))
        return call.direction == CopyDirection::HostToDevice ? "host_side_copy_to_device"
                                                             : "host_side_copy";
    switch (call.role) {
    case BlockingRole::TransferOp:
        return "transfer";
    case BlockingRole::ScalarReadOp:
        return "scalar_read";
    case BlockingRole::SyncApi:
        return "sync";
    case BlockingRole::SyncCopyApi:
    case BlockingRole::AsyncCopyApi:
    case BlockingRole::None: // a unit is headed by a blocking op or call, never None
        break;
    }
    return "copy_call";
}

Insight insightOf(const Trace& trace, const BlockingCall& call, const Thresholds& thresholds) {
    Insight insight = makeInsight(InsightKind::HostBlockedOnDevice, call.ordinal);
    insight.severity = severityOf(call, thresholds);
    insight.start = call.start;
    insight.end = call.end;
    insight.events.push_back(call.call);
    for (const auto* refs : {&call.apis, &call.ownTasks, &call.waitedTasks})
        for (SliceRef ref : *refs)
            if (!(ref == call.call))
                insight.events.push_back(ref);
    addTracksOf(insight, insight.events);
    insight.numbers = {{Number::BlockedNs, static_cast<double>(call.blockedNs())},
                       {Number::WaitedNs, static_cast<double>(call.waitedNs)},
                       {Number::CopyNs, static_cast<double>(call.copyNs)},
                       {Number::WaitedTasks, static_cast<double>(call.waitedTasks.size())},
                       {Number::WaitedShare, call.waitedShare()},
                       {Number::HostSideNs, static_cast<double>(call.hostSideNs())}};
    insight.title = titleOf(trace, call);
    insight.cause = causeOf(call);
    insight.suggestion =
        adviceFor(InsightKind::HostBlockedOnDevice, insight.cause, platformOf(trace));
    insight.timeAtStake = hostSideCopy(call) ? call.hostSideNs() : call.waitedNs;
    return insight;
}

} // namespace

BlockingRole blockingRoleOf(std::string_view name) {
    static constexpr std::array<std::string_view, 4> kApiPrefixes = {"cuda", "cu", "hip", "aclrt"};
    static constexpr std::array<std::string_view, 4> kCopyPrefixes = {"cudaMemcpy", "cuMemcpy",
                                                                      "hipMemcpy", "aclrtMemcpy"};
    static constexpr std::array<std::string_view, 3> kTransfers = {"aten::to", "aten::_to_copy",
                                                                   "aten::copy_"};
    static constexpr std::array<std::string_view, 3> kScalarReads = {
        "aten::item", "aten::_local_scalar_dense", "aten::is_nonzero"};
    if (std::find(kTransfers.begin(), kTransfers.end(), name) != kTransfers.end())
        return BlockingRole::TransferOp;
    if (std::find(kScalarReads.begin(), kScalarReads.end(), name) != kScalarReads.end())
        return BlockingRole::ScalarReadOp;
    const std::string_view api = apiName(name);
    if (startsWithAny(api, kCopyPrefixes))
        return api.find("Async") != std::string_view::npos ? BlockingRole::AsyncCopyApi
                                                           : BlockingRole::SyncCopyApi;
    if (startsWithAny(api, kApiPrefixes) && api.find("Synchronize") != std::string_view::npos)
        return BlockingRole::SyncApi;
    return BlockingRole::None;
}

CopyDirection copyDirectionOf(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto has = [&](std::initializer_list<std::string_view> words) {
        return std::any_of(words.begin(), words.end(),
                           [&](std::string_view w) { return lower.find(w) != std::string::npos; });
    };
    if (has({"htod", "host_to_device", "hosttodevice", "h2d"}))
        return CopyDirection::HostToDevice;
    if (has({"dtoh", "device_to_host", "devicetohost", "d2h"}))
        return CopyDirection::DeviceToHost;
    if (has({"dtod", "device_to_device", "devicetodevice", "d2d"}))
        return CopyDirection::DeviceToDevice;
    return CopyDirection::Unknown;
}

const char* toString(CopyDirection direction) {
    switch (direction) {
    case CopyDirection::HostToDevice:
        return "host-to-device";
    case CopyDirection::DeviceToHost:
        return "device-to-host";
    case CopyDirection::DeviceToDevice:
        return "device-to-device";
    case CopyDirection::Unknown:
        break;
    }
    return "";
}

double BlockingCall::waitedShare() const {
    return blockedNs() > 0 ? static_cast<double>(waitedNs) / static_cast<double>(blockedNs()) : 0;
}

TimeNs BlockingCall::hostSideNs() const {
    return std::max<TimeNs>(0, blockedNs() - copyNs - waitedNs);
}

std::vector<BlockingCall> findBlockingCalls(const Trace& trace, const DeviceMap& devices) {
    return Finder(trace, devices).run();
}

std::vector<Insight> detectHostBlockedOnDevice(const Trace& trace, const DeviceMap& devices,
                                               const Thresholds& thresholds) {
    const double minWaitedNs = thresholds["host_blocked.min_waited_us"] * 1e3;
    std::vector<Insight> insights;
    for (const BlockingCall& call : findBlockingCalls(trace, devices))
        if ((call.waitedNs > 0 && static_cast<double>(call.waitedNs) >= minWaitedNs) ||
            (hostSideCopy(call) && static_cast<double>(call.hostSideNs()) >= minWaitedNs))
            insights.push_back(insightOf(trace, call, thresholds));
    return insights;
}

} // namespace lanescope::analysis
