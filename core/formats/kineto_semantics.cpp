// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/kineto_semantics.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

namespace lanescope::formats {

namespace {

constexpr std::size_t kMaxTopLevelText = 4096;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

template <std::size_t N>
bool isOneOf(std::string_view category, const std::array<std::string_view, N>& names) {
    return std::any_of(names.begin(), names.end(),
                       [&](std::string_view name) { return equalsIgnoreCase(category, name); });
}

constexpr std::array<std::string_view, 11> kLaunchCategories = {
    "cuda_runtime",       "cuda_driver", "runtime",      "mtia_runtime",
    "xpu_runtime",        "xpu_driver",  "glow_runtime", "privateuse1_runtime",
    "privateuse1_driver", "hip_runtime", "cuda_sync_api"};
constexpr std::array<std::string_view, 6> kDeviceWorkCategories = {
    "kernel", "gpu_memcpy", "gpu_memset", "memcpy", "memset", "mtia_ccp_events"};
constexpr std::array<std::string_view, 2> kDeviceAnnotationCategories = {"gpu_user_annotation",
                                                                         "cuda_sync"};
constexpr std::array<std::string_view, 2> kOtherCategories = {"trace", "overhead"};
constexpr std::array<std::string_view, 8> kKinetoMarkers = {
    "cpu_op", "cuda_runtime", "kernel", "ac2g", "python_function", "Operator", "Runtime", "Kernel"};

std::string compactText(const nlohmann::json& value) {
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > kMaxTopLevelText)
        text = text.substr(0, kMaxTopLevelText) + "...";
    return text;
}

std::optional<std::int64_t> integerOf(const nlohmann::json& value) {
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec == std::errc() && end == s.data() + s.size())
            return n;
    }
    return std::nullopt;
}

void readDevices(TraceMetadata& metadata, const nlohmann::json& value) {
    if (!value.is_array())
        return;
    for (const auto& entry : value) {
        if (!entry.is_object())
            continue;
        DeviceProperties device;
        if (auto it = entry.find("id"); it != entry.end())
            device.id = integerOf(*it).value_or(0);
        if (auto it = entry.find("name"); it != entry.end() && it->is_string())
            device.name = it->get<std::string>();
        device.json = compactText(entry);
        metadata.devices.push_back(std::move(device));
    }
}

void readDistributedInfo(TraceMetadata& metadata, const nlohmann::json& value) {
    if (!value.is_object())
        return;
    if (auto it = value.find("rank"); it != value.end())
        metadata.rank = integerOf(*it);
    if (auto it = value.find("world_size"); it != value.end())
        metadata.worldSize = integerOf(*it);
    if (auto it = value.find("backend"); it != value.end() && it->is_string())
        metadata.backend = it->get<std::string>();
}

std::vector<CategoryClass> classOfEachCategory(const Trace& trace) {
    std::vector<CategoryClass> classes(trace.strings.size(), CategoryClass::Host);
    for (StringId id = 0; id < trace.strings.size(); ++id)
        classes[id] = classifyCategory(trace.strings.view(id));
    return classes;
}

void classifyThreads(Trace& trace, const std::vector<CategoryClass>& classes) {
    for (Thread& thread : trace.threads) {
        if (thread.sliceTrack == kNoIndex) {
            thread.kind = TrackKind::Other;
            continue;
        }
        const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
        std::uint64_t host = 0, device = 0, other = 0;
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            switch (classes[track.category(i)]) {
            case CategoryClass::Host:
            case CategoryClass::Launch:
                ++host;
                break;
            case CategoryClass::DeviceWork:
            case CategoryClass::DeviceAnnotation:
                ++device;
                break;
            case CategoryClass::Other:
                ++other;
                break;
            }
        }
        if (device > 0 && device >= host)
            thread.kind = TrackKind::Device;
        else if (host > 0)
            thread.kind = TrackKind::Host;
        else
            thread.kind = TrackKind::Other;
    }
}

bool isDeviceWork(const Trace& trace, const std::vector<CategoryClass>& classes, SliceRef ref) {
    return ref.valid() &&
           classes[trace.sliceTracks[ref.track].category(ref.slice)] == CategoryClass::DeviceWork;
}

bool isLaunch(const Trace& trace, const std::vector<CategoryClass>& classes, SliceRef ref) {
    return ref.valid() &&
           classes[trace.sliceTracks[ref.track].category(ref.slice)] == CategoryClass::Launch;
}

// Kineto writes an ac2g flow per launch, but not always (sampled traces, old versions, events
// cut at the window edge). The correlation id joins the two sides too.
void linkByCorrelation(Trace& trace, const std::vector<CategoryClass>& classes,
                       const std::vector<TraceBuilder::Correlated>& correlations) {
    std::unordered_set<std::uint64_t> linkedOps;
    for (const Flow& flow : trace.flows)
        if (isLaunch(trace, classes, flow.from) && isDeviceWork(trace, classes, flow.to))
            linkedOps.insert(flow.to.key());

    const StringId category = trace.strings.intern("ac2g");
    const StringId name = trace.strings.intern("correlation");
    for (std::size_t begin = 0; begin < correlations.size();) {
        std::size_t end = begin;
        SliceRef launch;
        while (end < correlations.size() &&
               correlations[end].correlation == correlations[begin].correlation &&
               correlations[end].key == correlations[begin].key &&
               correlations[end].file == correlations[begin].file) {
            if (!launch.valid() && isLaunch(trace, classes, correlations[end].slice))
                launch = correlations[end].slice;
            ++end;
        }
        const bool cupti = correlations[begin].key == JoinKey::Correlation;
        for (std::size_t k = begin; cupti && launch.valid() && k < end; ++k) {
            const SliceRef op = correlations[k].slice;
            if (!isDeviceWork(trace, classes, op) || linkedOps.count(op.key()))
                continue;
            const auto id = static_cast<std::uint64_t>(correlations[k].correlation);
            trace.flows.push_back({launch, op, category, name,
                                   EventId{id, false, correlations[k].correlation < 0},
                                   FlowOrigin::Correlation});
        }
        begin = end;
    }
}

// The innermost framework op (cpu_op, or 2021's Operator) around a launch call on its thread.
SliceRef hostOpAround(const Trace& trace, SliceRef launch) {
    const SliceTrack& track = trace.sliceTracks[launch.track];
    SliceRef best;
    track.forEachContaining(track.start(launch.slice), [&](std::uint32_t i) {
        const std::string_view category = trace.str(track.category(i));
        if (!equalsIgnoreCase(category, "cpu_op") && !equalsIgnoreCase(category, "operator"))
            return;
        if (!best.valid() || track.row(i) >= track.row(best.slice))
            best = {launch.track, i};
    });
    return best;
}

// For every kernel, copy and memset: the launch call (from its ac2g or correlation link) and
// the torch op that made it.
void linkDeviceWork(Trace& trace, const std::vector<CategoryClass>& classes) {
    std::unordered_map<std::uint64_t, SliceRef> launchOf;
    for (const Flow& flow : trace.flows)
        if (isLaunch(trace, classes, flow.from) && isDeviceWork(trace, classes, flow.to))
            launchOf.emplace(flow.to.key(), flow.from);
    for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t) {
        const SliceTrack& track = trace.sliceTracks[t];
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            if (classes[track.category(i)] != CategoryClass::DeviceWork)
                continue;
            TaskLink link{{t, i}, {}, {}};
            if (auto it = launchOf.find(link.task.key()); it != launchOf.end()) {
                link.launch = it->second;
                link.hostOp = hostOpAround(trace, link.launch);
            }
            trace.taskLinks.push_back(link);
        }
    }
}

bool parseStepNumber(std::string_view name, std::int64_t& number) {
    constexpr std::string_view kPrefix = "ProfilerStep#";
    if (name.substr(0, kPrefix.size()) != kPrefix)
        return false;
    const std::string_view digits = name.substr(kPrefix.size());
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    return ec == std::errc() && end == digits.data() + digits.size();
}

void findSteps(Trace& trace) {
    for (const Thread& thread : trace.threads) {
        if (thread.kind != TrackKind::Host || thread.sliceTrack == kNoIndex)
            continue;
        const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            std::int64_t number = 0;
            if (parseStepNumber(trace.strings.view(track.name(i)), number))
                trace.steps.push_back(
                    {number, track.start(i), track.end(i), {thread.sliceTrack, i}});
        }
    }
    std::sort(trace.steps.begin(), trace.steps.end(),
              [](const Step& a, const Step& b) { return a.start < b.start; });
}

bool looksLikeKineto(const Trace& trace) {
    if (trace.metadata.baseTimeNs || !trace.metadata.devices.empty() || trace.metadata.rank ||
        trace.metadata.topLevel.count("schemaVersion"))
        return true;
    StringId id = 0;
    return std::any_of(kKinetoMarkers.begin(), kKinetoMarkers.end(),
                       [&](std::string_view marker) { return trace.strings.find(marker, id); });
}

} // namespace

CategoryClass classifyCategory(std::string_view category) {
    if (isOneOf(category, kLaunchCategories))
        return CategoryClass::Launch;
    if (isOneOf(category, kDeviceWorkCategories))
        return CategoryClass::DeviceWork;
    if (isOneOf(category, kDeviceAnnotationCategories))
        return CategoryClass::DeviceAnnotation;
    if (isOneOf(category, kOtherCategories))
        return CategoryClass::Other;
    return CategoryClass::Host;
}

void applyTopLevelKey(TraceMetadata& metadata, const std::string& key,
                      const nlohmann::json& value) {
    if (key == "deviceProperties")
        readDevices(metadata, value);
    else if (key == "distributedInfo")
        readDistributedInfo(metadata, value);
    else if (key == "baseTimeNanoseconds")
        metadata.baseTimeNs = integerOf(value);
    else if (key == "displayTimeUnit" && value.is_string())
        metadata.displayTimeUnit = value.get<std::string>();
    else if (key == "traceName" && value.is_string())
        metadata.traceName = value.get<std::string>();
    else
        metadata.topLevel[key] = compactText(value);
}

void applyChromeSemantics(Trace& trace) {
    classifyThreads(trace, classOfEachCategory(trace));
    findSteps(trace);
    trace.format = "chrome-json";
}

void applyKinetoSemantics(Trace& trace, const std::vector<TraceBuilder::Correlated>& correlations) {
    const std::vector<CategoryClass> classes = classOfEachCategory(trace);
    classifyThreads(trace, classes);
    linkByCorrelation(trace, classes, correlations);
    linkDeviceWork(trace, classes);
    findSteps(trace);
    trace.format = looksLikeKineto(trace) ? "kineto" : "chrome-json";
}

LaunchLinkStats launchLinkStats(const Trace& trace) {
    const std::vector<CategoryClass> classes = classOfEachCategory(trace);
    std::unordered_map<std::uint64_t, FlowOrigin> linked;
    for (const Flow& flow : trace.flows) {
        if (!isLaunch(trace, classes, flow.from) || !isDeviceWork(trace, classes, flow.to))
            continue;
        auto [it, inserted] = linked.try_emplace(flow.to.key(), flow.origin);
        if (!inserted && flow.origin != FlowOrigin::Correlation)
            it->second = flow.origin;
    }
    LaunchLinkStats stats;
    for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t) {
        const SliceTrack& track = trace.sliceTracks[t];
        for (std::uint32_t i = 0; i < track.size(); ++i)
            if (classes[track.category(i)] == CategoryClass::DeviceWork)
                ++stats.deviceOps;
    }
    for (const auto& [ref, origin] : linked) {
        ++stats.linked;
        if (origin == FlowOrigin::Correlation)
            ++stats.linkedByCorrelation;
        else
            ++stats.linkedByFlow;
    }
    return stats;
}

} // namespace lanescope::formats
