// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/analyze_report.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace lanescope::cli {

namespace {

using Json = nlohmann::ordered_json;
using analysis::Insight;

std::string trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return std::string(s);
}

// Kineto names GPU processes after the Python binary; the "GPU 0" label is what tells them apart.
std::string processLabel(const Trace& trace, const Process& process) {
    for (StringId label : process.labels) {
        const std::string_view text = trace.str(label);
        if (text.starts_with("GPU ") || text.starts_with("NPU "))
            return std::string(text);
    }
    const std::string name = trimmed(trace.str(process.name));
    return name.empty() ? "pid " + toString(process.pid, trace.strings) : name;
}

std::string rankPrefix(const Trace& trace, std::uint32_t file) {
    if (trace.files.size() < 2)
        return "";
    const auto& rank = trace.files[file].rank;
    return (rank ? "rank " + std::to_string(*rank) : "file " + std::to_string(file)) + " ";
}

// Integral numbers as JSON integers (ns, counts), the rest as doubles.
Json numberJson(double value) {
    if (std::nearbyint(value) == value && std::fabs(value) < 9.0e18)
        return static_cast<std::int64_t>(value);
    return value;
}

Json insightJson(const Trace& trace, const Insight& insight) {
    Json j;
    j["id"] = insight.id;
    j["kind"] = analysis::toString(insight.kind);
    j["severity"] = analysis::toString(insight.severity);
    j["start_ns"] = insight.start;
    j["end_ns"] = insight.end;
    j["title"] = insight.title;
    j["suggestion"] = insight.suggestion;
    if (!insight.cause.empty())
        j["cause"] = insight.cause;
    Json numbers = Json::object();
    for (const auto& [name, value] : insight.numbers)
        numbers[toString(name)] = numberJson(value);
    j["numbers"] = numbers;
    Json tracks = Json::array();
    for (std::uint32_t track : insight.tracks)
        tracks.push_back(trackLabel(trace, track));
    j["tracks"] = tracks;
    j["time_at_stake_ns"] = insight.timeAtStake;
    j["aggregate"] = insight.aggregate;
    Json events = Json::array();
    for (SliceRef ref : insight.events) {
        const SliceTrack& track = trace.sliceTracks[ref.track];
        events.push_back({{"lane", trackLabel(trace, ref.track)},
                          {"name", std::string(trace.str(track.name(ref.slice)))},
                          {"start_ns", track.start(ref.slice)},
                          {"end_ns", track.end(ref.slice)}});
    }
    j["events"] = events;
    return j;
}

Json devicesJson(const analysis::DeviceMap& devices) {
    Json list = Json::array();
    for (const analysis::DeviceActivity& d : devices.devices)
        list.push_back({{"device", d.name},
                        {"span_ns", d.workSpanNs()},
                        {"busy_ns", d.workingNs()},
                        {"idle_ns", d.workIdleNs()},
                        {"tasks", d.taskCount}});
    return list;
}

Json stepsJson(const std::vector<analysis::StepBreakdown>& steps) {
    Json list = Json::array();
    for (const analysis::StepBreakdown& s : steps)
        list.push_back({{"step", s.step},
                        {"device", s.device},
                        {"computing_ns", s.computingNs},
                        {"communication_ns", s.communicationNs},
                        {"communication_not_overlapped_ns", s.communicationNotOverlappedNs},
                        {"overlapped_ns", s.overlappedNs},
                        {"free_ns", s.freeNs},
                        {"window_start_ns", s.windowStart},
                        {"window_end_ns", s.windowEnd}});
    return list;
}

Json htaJson(const std::vector<analysis::HtaTemporal>& temporal,
             const std::vector<analysis::HtaIdle>& idle) {
    Json t = Json::array();
    for (const analysis::HtaTemporal& d : temporal)
        t.push_back({{"device", d.device},
                     {"idle_ns", d.idleNs},
                     {"compute_ns", d.computeNs},
                     {"non_compute_ns", d.nonComputeNs},
                     {"kernel_time_ns", d.spanNs},
                     {"last_step_excluded", d.lastStepExcluded}});
    Json i = Json::array();
    for (const analysis::HtaIdle& s : idle)
        i.push_back({{"device", s.device},
                     {"stream", s.stream},
                     {"host_wait_ns", s.hostWaitNs},
                     {"kernel_wait_ns", s.kernelWaitNs},
                     {"other_wait_ns", s.otherWaitNs},
                     {"last_step_excluded", s.lastStepExcluded}});
    return {{"temporal", t}, {"idle_breakdown", i}};
}

std::string percentOf(TimeNs part, TimeNs whole) {
    return whole > 0 ? analysis::formatTitlePercent(static_cast<double>(part) /
                                                    static_cast<double>(whole))
                     : "-";
}

void printInsight(const AnalyzeResult& r, std::size_t rank, const Insight& insight,
                  std::ostream& out) {
    out << rank << ". [" << analysis::toString(insight.severity) << "] "
        << analysis::toString(insight.kind) << ", "
        << analysis::formatTitleDuration(insight.timeAtStake) << " at stake, at +"
        << analysis::formatTitleDuration(insight.start - r.trace.spanStart) << " (" << insight.id
        << ")\n";
    out << "   " << insight.title << "\n";
    out << "   lanes: ";
    for (std::size_t i = 0; i < insight.tracks.size(); ++i)
        out << (i ? ", " : "") << trackLabel(r.trace, insight.tracks[i]);
    out << "\n   try: " << insight.suggestion << "\n";
}

void printSteps(const AnalyzeResult& r, std::ostream& out) {
    if (r.steps.empty())
        return;
    out << "\nSteps (computing / communication not overlapped / overlapped / free):\n";
    for (const analysis::StepBreakdown& s : r.steps)
        out << "  " << (s.step.empty() ? "whole trace" : "step " + s.step) << ", " << s.device
            << ": " << analysis::formatTitleDuration(s.computingNs) << " / "
            << analysis::formatTitleDuration(s.communicationNotOverlappedNs) << " / "
            << analysis::formatTitleDuration(s.overlappedNs) << " / "
            << analysis::formatTitleDuration(s.freeNs) << " (" << percentOf(s.freeNs, s.windowNs())
            << " free)\n";
}

void printHta(const AnalyzeResult& r, std::ostream& out) {
    if (r.temporal.empty())
        return;
    out << "\nHTA-compatible temporal breakdown (idle / compute / non-compute of kernel time):\n";
    for (const analysis::HtaTemporal& d : r.temporal)
        out << "  " << d.device << ": " << percentOf(d.idleNs, d.spanNs) << " / "
            << percentOf(d.computeNs, d.spanNs) << " / " << percentOf(d.nonComputeNs, d.spanNs)
            << " of " << analysis::formatTitleDuration(d.spanNs)
            << (d.lastStepExcluded ? " (last step left out, as HTA does)" : "") << "\n";
    out << "HTA-compatible idle breakdown (host / kernel / other wait):\n";
    for (const analysis::HtaIdle& s : r.idle)
        out << "  " << s.device << " " << s.stream << ": "
            << analysis::formatTitleDuration(s.hostWaitNs) << " / "
            << analysis::formatTitleDuration(s.kernelWaitNs) << " / "
            << analysis::formatTitleDuration(s.otherWaitNs) << "\n";
}

void printOperators(const AnalyzeResult& r, std::ostream& out) {
    if (r.operators.empty())
        return;
    constexpr std::size_t kShown = 15;
    out << "\nTop-level operators, most device time first:\n";
    for (std::size_t i = 0; i < r.operators.size() && i < kShown; ++i) {
        const analysis::OpStats& op = r.operators[i];
        char perCall[32];
        std::snprintf(perCall, sizeof perCall, "%.1f", op.kernelsPerCall());
        out << "  " << op.name << ": " << op.count << (op.count == 1 ? " call" : " calls")
            << ", device " << analysis::formatTitleDuration(op.deviceNs) << ", " << perCall
            << " kernels/call, host " << analysis::formatTitleDuration(op.hostNs) << "\n";
    }
    if (r.operators.size() > kShown)
        out << "  … " << r.operators.size() - kShown << " more (--json lists all)\n";
}

} // namespace

Json operatorsJson(const std::vector<analysis::OpStats>& operators) {
    Json list = Json::array();
    for (const analysis::OpStats& op : operators)
        list.push_back({{"name", op.name},
                        {"count", op.count},
                        {"device_ns", op.deviceNs},
                        {"kernels", op.kernels},
                        {"host_ns", op.hostNs},
                        {"kernels_per_call", op.kernelsPerCall()},
                        {"device_avg_ns", op.deviceAverageNs()},
                        {"device_min_ns", op.deviceMinNs},
                        {"device_max_ns", op.deviceMaxNs}});
    return list;
}

Json kernelTypesJson(const std::vector<analysis::KernelTypeStats>& kernels) {
    Json list = Json::array();
    for (const analysis::KernelTypeStats& k : kernels) {
        Json row = {{"type", k.type},
                    {"count", k.count},
                    {"device_ns", k.deviceNs},
                    {"min_ns", k.minNs},
                    {"max_ns", k.maxNs}};
        if (!k.inputShapes.empty())
            row["input_shapes"] = k.inputShapes;
        list.push_back(row);
    }
    return list;
}

std::string trackLabel(const Trace& trace, std::uint32_t track) {
    for (const Thread& thread : trace.threads) {
        if (thread.sliceTrack != track)
            continue;
        const Process& process = trace.processes[thread.process];
        const std::string name = trimmed(trace.str(thread.name));
        return rankPrefix(trace, process.sourceFile) + processLabel(trace, process) + " / " +
               (name.empty() ? "tid " + toString(thread.tid, trace.strings) : name);
    }
    for (const AsyncTrack& async : trace.asyncTracks)
        if (async.sliceTrack == track) {
            const Process& process = trace.processes[async.process];
            return rankPrefix(trace, process.sourceFile) + processLabel(trace, process) + " / " +
                   std::string(trace.str(async.name));
        }
    return "track " + std::to_string(track);
}

nlohmann::ordered_json analyzeJson(const AnalyzeResult& r) {
    Json j;
    Json insights = Json::array();
    for (const Insight& insight : r.insights)
        insights.push_back(insightJson(r.trace, insight));
    j["insights"] = insights;
    j["summary"] = {{"devices", devicesJson(r.devices)},
                    {"steps", stepsJson(r.steps)},
                    {"hta", htaJson(r.temporal, r.idle)}};
    Json thresholds = Json::object();
    for (const auto& [name, value] : r.thresholds.values())
        thresholds[name] = numberJson(value);
    j["thresholds"] = thresholds;
    j["operators"] = operatorsJson(r.operators);
    j["kernels"] = kernelTypesJson(r.kernels);
    return j;
}

void printAnalyzeText(const AnalyzeResult& r, std::ostream& out) {
    out << r.insights.size() << (r.insights.size() == 1 ? " insight" : " insights")
        << ", most time at stake first\n\n";
    for (std::size_t i = 0; i < r.insights.size(); ++i)
        printInsight(r, i + 1, r.insights[i], out);
    if (!r.insights.empty())
        out << "\n";
    out << "Devices:\n";
    if (r.devices.devices.empty())
        out << "  none (no device tasks in this trace)\n";
    for (const analysis::DeviceActivity& d : r.devices.devices)
        out << "  " << d.name << ": " << d.taskCount << " tasks over "
            << analysis::formatTitleDuration(d.workSpanNs()) << ", busy "
            << analysis::formatTitleDuration(d.workingNs()) << " ("
            << percentOf(d.workingNs(), d.workSpanNs()) << "), idle "
            << analysis::formatTitleDuration(d.workIdleNs()) << "\n";
    printSteps(r, out);
    printOperators(r, out);
    printHta(r, out);
    out << "\nThresholds (change with --set NAME=VALUE):\n";
    for (const auto& [name, value] : r.thresholds.values())
        out << "  " << name << " = " << value << "\n";
}

void printThresholdHelp(std::ostream& out) {
    for (const analysis::ThresholdDef& def : analysis::Thresholds::defaults())
        out << "  " << def.name << " (default " << def.value << "): " << def.description << "\n";
}

} // namespace lanescope::cli
