// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/info_report.h"

#include "formats/ascend_semantics.h"
#include "formats/kineto_semantics.h"

#include <iomanip>
#include <map>
#include <set>
#include <sstream>

namespace lanescope::cli {

namespace {

using Json = nlohmann::ordered_json;

Json idJson(const IdToken& token, const StringPool& strings) {
    if (token.isText)
        return std::string(strings.view(token.text));
    return token.number;
}

std::string idText(const IdToken& token, const StringPool& strings) {
    return token.isText ? "\"" + std::string(strings.view(token.text)) + "\""
                        : std::to_string(token.number);
}

std::string formatDuration(TimeNs ns) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3);
    const double value = static_cast<double>(ns);
    if (ns >= 1'000'000'000)
        out << value / 1e9 << " s";
    else if (ns >= 1'000'000)
        out << value / 1e6 << " ms";
    else if (ns >= 1'000)
        out << value / 1e3 << " us";
    else
        out << ns << " ns";
    return out.str();
}

std::string formatBytes(std::uint64_t bytes) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1);
    if (bytes >= (1u << 20))
        out << static_cast<double>(bytes) / (1u << 20) << " MiB";
    else if (bytes >= 1024)
        out << static_cast<double>(bytes) / 1024 << " KiB";
    else
        out << bytes << " B";
    return out.str();
}

std::uint64_t boundFlowCount(const Trace& trace) {
    std::uint64_t bound = 0;
    for (const Flow& flow : trace.flows)
        bound += flow.bound() ? 1 : 0;
    return bound;
}

Json threadJson(const Trace& trace, const Thread& thread) {
    Json j;
    j["tid"] = idJson(thread.tid, trace.strings);
    j["name"] = std::string(trace.str(thread.name));
    j["kind"] = toString(thread.kind);
    const SliceTrack* track =
        thread.sliceTrack == kNoIndex ? nullptr : &trace.sliceTracks[thread.sliceTrack];
    j["slices"] = track ? track->size() : 0u;
    j["rows"] = track ? track->rowCount() : 0;
    j["instants"] = thread.instants.size();
    if (thread.hasSortIndex)
        j["sort_index"] = thread.sortIndex;
    return j;
}

Json counterJson(const Trace& trace, const CounterTrack& counter) {
    Json j;
    j["tid"] = std::string(trace.str(counter.name));
    j["name"] = std::string(trace.str(counter.name));
    j["kind"] = toString(TrackKind::Counter);
    j["slices"] = 0;
    j["samples"] = counter.sampleCount();
    Json series = Json::array();
    for (const CounterSeries& s : counter.series)
        series.push_back(std::string(trace.str(s.name)));
    j["series"] = series;
    return j;
}

Json asyncJson(const Trace& trace, const AsyncTrack& async) {
    Json j;
    j["tid"] = "async:" + std::string(trace.str(async.name));
    j["name"] = std::string(trace.str(async.name));
    j["kind"] = toString(TrackKind::Other);
    j["async"] = true;
    const SliceTrack& track = trace.sliceTracks[async.sliceTrack];
    j["slices"] = track.size();
    j["rows"] = track.rowCount();
    return j;
}

Json processJson(const Trace& trace, const Process& process) {
    Json j;
    j["pid"] = idJson(process.pid, trace.strings);
    j["name"] = std::string(trace.str(process.name));
    Json labels = Json::array();
    for (StringId label : process.labels)
        labels.push_back(std::string(trace.str(label)));
    j["labels"] = labels;
    if (process.hasSortIndex)
        j["sort_index"] = process.sortIndex;
    j["instants"] = process.instants.size();
    const auto& rank = trace.files[process.sourceFile].rank;
    if (rank)
        j["rank"] = *rank;
    if (process.deviceId)
        j["device"] = *process.deviceId;
    Json threads = Json::array();
    for (std::uint32_t t : process.threads)
        threads.push_back(threadJson(trace, trace.threads[t]));
    for (std::uint32_t a : process.asyncTracks)
        threads.push_back(asyncJson(trace, trace.asyncTracks[a]));
    for (std::uint32_t c : process.counters)
        threads.push_back(counterJson(trace, trace.counters[c]));
    j["threads"] = threads;
    return j;
}

Json kinetoJson(const Trace& trace) {
    const formats::LaunchLinkStats links = formats::launchLinkStats(trace);
    Json j;
    j["device_ops"] = links.deviceOps;
    j["device_ops_linked_to_launch"] = links.linked;
    j["linked_by_flow"] = links.linkedByFlow;
    j["linked_by_correlation"] = links.linkedByCorrelation;
    Json steps = Json::array();
    for (const Step& step : trace.steps)
        steps.push_back({{"number", step.number}, {"start", step.start}, {"end", step.end}});
    j["steps"] = steps;
    const TraceMetadata& m = trace.metadata;
    j["rank"] = m.rank ? Json(*m.rank) : Json(nullptr);
    j["world_size"] = m.worldSize ? Json(*m.worldSize) : Json(nullptr);
    j["backend"] = m.backend;
    j["base_time_ns"] = m.baseTimeNs ? Json(*m.baseTimeNs) : Json(nullptr);
    j["display_time_unit"] = m.displayTimeUnit;
    j["trace_name"] = m.traceName;
    Json devices = Json::array();
    for (const DeviceProperties& d : m.devices)
        devices.push_back({{"id", d.id}, {"name", d.name}});
    j["devices"] = devices;
    return j;
}

Json flowsByCategoryJson(const Trace& trace) {
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> byCategory;
    for (const Flow& flow : trace.flows) {
        auto& [total, bound] = byCategory[std::string(trace.str(flow.category))];
        ++total;
        bound += flow.bound() ? 1 : 0;
    }
    Json j = Json::object();
    for (const auto& [category, counts] : byCategory)
        j[category] = {{"flows", counts.first},
                       {"bound", counts.second},
                       {"unbound", counts.first - counts.second}};
    return j;
}

Json lanesByKindJson(const Trace& trace) {
    std::map<std::string, std::uint64_t> lanes;
    for (const Thread& thread : trace.threads)
        ++lanes[toString(thread.kind)];
    lanes[toString(TrackKind::Counter)] += trace.counters.size();
    return lanes;
}

Json ascendJson(const Trace& trace) {
    Json ranks = Json::array();
    for (std::uint32_t f = 0; f < trace.files.size(); ++f) {
        Json devices = Json::array();
        std::set<std::int64_t> seen;
        for (const Process& p : trace.processes)
            if (p.sourceFile == f && p.deviceId && seen.insert(*p.deviceId).second)
                devices.push_back(*p.deviceId);
        const auto& rank = trace.files[f].rank;
        ranks.push_back({{"rank", rank ? Json(*rank) : Json(nullptr)},
                         {"file", trace.files[f].path},
                         {"devices", devices}});
    }
    Json sideFiles = Json::array();
    for (const SideFileSummary& f : trace.sideFiles) {
        Json entry = {{"path", f.path}, {"rows", f.rows}, {"skipped_rows", f.skipped}};
        if (f.joinsTasks) {
            entry["joined"] = f.joined;
            entry["unjoined"] = f.rows - f.joined;
        }
        entry["error"] = f.error;
        sideFiles.push_back(entry);
    }
    Json steps = Json::array();
    for (const ProfilerStepBreakdown& st : trace.profilerSteps) {
        const auto& rank = trace.files[st.file].rank;
        steps.push_back({{"rank", rank ? Json(*rank) : Json(nullptr)},
                         {"step", st.step ? Json(*st.step) : Json(nullptr)},
                         {"computing_us", st.computingUs},
                         {"communication_not_overlapped_us", st.communicationNotOverlappedUs},
                         {"overlapped_us", st.overlappedUs},
                         {"communication_us", st.communicationUs},
                         {"free_us", st.freeUs}});
    }
    const formats::AscendLinkStats links = formats::ascendLinkStats(trace);
    return {{"ranks", ranks},
            {"side_files", sideFiles},
            {"profiler_steps", steps},
            {"tasks_with_kernel_details", trace.taskDetails.size()},
            {"device_tasks", links.deviceTasks},
            {"device_tasks_with_cann_call", links.withLaunch},
            {"device_tasks_with_torch_op", links.withHostOp},
            {"device_tasks_without_cann_call", links.deviceTasks - links.withLaunch},
            {"device_tasks_without_torch_op", links.deviceTasks - links.withHostOp}};
}

} // namespace

nlohmann::ordered_json infoJson(const Trace& trace) {
    Json j;
    j["format"] = trace.format;
    Json files = Json::array();
    Json fileDetails = Json::array();
    for (const SourceFile& f : trace.files) {
        files.push_back(f.path);
        fileDetails.push_back({{"path", f.path},
                               {"bytes", f.bytes},
                               {"decompressed_bytes", f.decompressedBytes},
                               {"gzip", f.gzip}});
    }
    j["files"] = files;
    j["file_details"] = fileDetails;
    j["span_ns"] = {{"start", trace.spanStart}, {"end", trace.spanEnd}};
    j["duration_ns"] = trace.spanEnd - trace.spanStart;
    j["events_by_phase"] = trace.eventsByPhase;
    std::uint64_t asyncSlices = 0;
    for (const AsyncTrack& a : trace.asyncTracks)
        asyncSlices += trace.sliceTracks[a.sliceTrack].size();
    j["counts"] = {{"slices", trace.sliceCount()},
                   {"instants", trace.instantCount()},
                   {"counter_samples", trace.counterSampleCount()},
                   {"flows", trace.flows.size()},
                   {"flows_bound", boundFlowCount(trace)},
                   {"async_slices", asyncSlices},
                   {"other_events", trace.otherEvents.size()},
                   {"processes", trace.processes.size()},
                   {"threads", trace.threads.size()},
                   {"counter_tracks", trace.counters.size()},
                   {"steps", trace.steps.size()}};
    j["lanes_by_kind"] = lanesByKindJson(trace);
    j["flows_by_category"] = flowsByCategoryJson(trace);
    if (trace.format == "ascend")
        j["ascend"] = ascendJson(trace);
    else
        j["kineto"] = kinetoJson(trace);
    Json processes = Json::array();
    for (const Process& p : trace.processes)
        processes.push_back(processJson(trace, p));
    j["processes"] = processes;
    j["notes"] = trace.notes;
    j["diagnostics"] = trace.diagnostics.counts();
    Json examples = Json::array();
    for (const auto& e : trace.diagnostics.examples()) {
        Json example = {
            {"kind", e.kind}, {"file", e.file}, {"offset", e.offset}, {"message", e.message}};
        if (!e.location.empty())
            example["location"] = e.location;
        examples.push_back(std::move(example));
    }
    j["diagnostic_examples"] = examples;
    j["model_bytes"] = trace.memoryBytes();
    return j;
}

void printInfoText(const Trace& trace, std::ostream& out) {
    out << "Format:    " << trace.format << "\n";
    for (const SourceFile& f : trace.files) {
        out << "File:      " << f.path << " (" << formatBytes(f.bytes);
        if (f.gzip)
            out << " gzip, " << formatBytes(f.decompressedBytes) << " decompressed";
        out << ")\n";
    }
    out << "Span:      " << trace.spanStart << " .. " << trace.spanEnd << " ns ("
        << formatDuration(trace.spanEnd - trace.spanStart) << ")\n";
    out << "Events:   ";
    for (const auto& [phase, n] : trace.eventsByPhase)
        out << " " << phase << "=" << n;
    out << "\nBuilt:     " << trace.sliceCount() << " slices, " << trace.instantCount()
        << " instants, " << trace.counterSampleCount() << " counter samples, " << trace.flows.size()
        << " flows (" << boundFlowCount(trace) << " bound), " << trace.steps.size() << " steps\n";
    if (trace.format == "ascend") {
        const formats::AscendLinkStats tasks = formats::ascendLinkStats(trace);
        out << "NPU tasks: " << tasks.deviceTasks << ", " << tasks.withLaunch
            << " linked to their CANN call, " << tasks.withHostOp << " to their torch op, "
            << trace.taskDetails.size() << " with kernel_details rows\n";
        for (const SideFileSummary& f : trace.sideFiles) {
            out << "Side file: " << f.path << ": " << f.rows << " rows";
            if (f.joinsTasks)
                out << ", " << f.joined << " joined to tasks, " << f.rows - f.joined
                    << " not joined";
            if (!f.error.empty())
                out << " (not used: " << f.error << ")";
            out << "\n";
        }
    }
    const formats::LaunchLinkStats links = formats::launchLinkStats(trace);
    if (trace.format != "ascend" && links.deviceOps > 0)
        out << "Device:    " << links.deviceOps << " kernels/copies, " << links.linked
            << " linked to their launch (" << links.linkedByFlow << " by flow, "
            << links.linkedByCorrelation << " by correlation id)\n";
    if (trace.metadata.rank)
        out << "Rank:      " << *trace.metadata.rank << "\n";
    out << "Processes:\n";
    std::uint32_t shownFile = kNoIndex;
    for (const Process& p : trace.processes) {
        if (trace.files.size() > 1 && p.sourceFile != shownFile) {
            shownFile = p.sourceFile;
            const SourceFile& file = trace.files[shownFile];
            out << " " << (file.rank ? "rank " + std::to_string(*file.rank) : "file") << ": "
                << file.path << "\n";
        }
        out << "  pid " << idText(p.pid, trace.strings) << "  " << trace.str(p.name);
        if (p.hasSortIndex)
            out << "  [sort " << p.sortIndex << "]";
        out << "\n";
        for (std::uint32_t t : p.threads) {
            const Thread& thread = trace.threads[t];
            const std::uint32_t slices =
                thread.sliceTrack == kNoIndex ? 0 : trace.sliceTracks[thread.sliceTrack].size();
            out << "    tid " << std::left << std::setw(12) << idText(thread.tid, trace.strings)
                << std::right << " " << std::setw(7) << toString(thread.kind) << " " << std::setw(9)
                << slices << " slices  " << trace.str(thread.name) << "\n";
        }
        for (std::uint32_t a : p.asyncTracks)
            out << "    async " << trace.str(trace.asyncTracks[a].name) << ": "
                << trace.sliceTracks[trace.asyncTracks[a].sliceTrack].size() << " slices\n";
        for (std::uint32_t c : p.counters)
            out << "    counter " << trace.str(trace.counters[c].name) << ": "
                << trace.counters[c].sampleCount() << " samples\n";
    }
    for (const std::string& note : trace.notes)
        out << "Note:      " << note << "\n";
    out << "Diagnostics:";
    if (trace.diagnostics.empty())
        out << " none";
    out << "\n";
    for (const auto& [kind, n] : trace.diagnostics.counts())
        out << "  " << kind << ": " << n << "\n";
    const bool oneFile = trace.files.size() == 1;
    for (const auto& e : trace.diagnostics.examples())
        out << "    e.g. " << (oneFile ? "" : e.file + ": ") << e.where() << ": " << e.message
            << "\n";
}

} // namespace lanescope::cli
