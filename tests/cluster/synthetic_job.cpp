// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "synthetic_job.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace {

using Json = nlohmann::json;

constexpr std::int64_t kBaseUs = 1'736'400'000'000'000; // epoch µs, as torch_npu writes them
constexpr std::int64_t kHostPid = 4242;
constexpr std::int64_t kHardwarePid = (kHostPid << 10) | (13 << 5);
constexpr std::int64_t kHcclPid = (kHostPid << 10) | (15 << 5);

std::int64_t computeOf(const JobSpec& spec, int rank) {
    return spec.computeUs + (rank == spec.slowComputeRank ? spec.slowComputeExtraUs : 0);
}
std::int64_t transitOf(const JobSpec& spec, int rank) {
    return spec.transitUs + (rank == spec.slowLinkRank ? spec.slowLinkExtraUs : 0);
}
std::int64_t latestArrival(const JobSpec& spec) {
    return spec.prepareUs + spec.computeUs +
           (spec.slowComputeRank >= 0 && spec.slowComputeRank < spec.ranks ? spec.slowComputeExtraUs
                                                                           : 0);
}
std::int64_t longestTransit(const JobSpec& spec) {
    return spec.transitUs +
           (spec.slowLinkRank >= 0 && spec.slowLinkRank < spec.ranks ? spec.slowLinkExtraUs : 0);
}
std::int64_t stepLength(const JobSpec& spec) {
    return latestArrival(spec) + spec.handshakeUs + longestTransit(spec) + spec.tailUs;
}

std::string tsText(std::int64_t us) {
    return std::to_string(kBaseUs + us) + ".000";
}

Json meta(std::int64_t pid, const char* what, const Json& args, std::int64_t tid = 0) {
    return {{"ph", "M"}, {"name", what}, {"pid", pid}, {"tid", tid}, {"args", args}};
}

Json slice(std::int64_t pid, std::int64_t tid, const std::string& name, std::int64_t ts,
           std::int64_t dur) {
    return {{"ph", "X"},  {"name", name},     {"pid", pid},
            {"tid", tid}, {"ts", tsText(ts)}, {"dur", dur}};
}

// A transfer task's args as torch_npu writes them.
Json transfer(Json task, std::int64_t bytes, const char* link) {
    task["args"] = {{"size(Byte)", bytes}, {"link type", link}, {"transport type", "SDMA"}};
    return task;
}

Json rankEvents(const JobSpec& spec, int rank) {
    Json events = Json::array(
        {meta(kHostPid, "process_name", {{"name", "Python"}}),
         meta(kHostPid, "thread_name", {{"name", "Thread " + std::to_string(kHostPid)}}, kHostPid),
         meta(kHardwarePid, "process_name", {{"name", "Ascend Hardware"}}),
         meta(kHardwarePid, "process_labels", {{"labels", "NPU"}}),
         meta(kHardwarePid, "thread_name", {{"name", "Stream 2"}}, 2),
         meta(kHcclPid, "process_name", {{"name", "HCCL"}}),
         meta(kHcclPid, "process_labels", {{"labels", "NPU"}}),
         meta(kHcclPid, "thread_name", {{"name", "Group 0 Communication"}}, 0),
         meta(kHcclPid, "thread_name", {{"name", "Plane 0"}}, 1),
         meta(kHcclPid, "thread_name", {{"name", "Plane 1"}}, 2)});
    const std::int64_t compute = computeOf(spec, rank);
    const std::int64_t transit = transitOf(spec, rank);
    const std::int64_t arrival = spec.prepareUs + compute;
    const std::int64_t released = latestArrival(spec) + spec.handshakeUs;
    const std::int64_t end = released + longestTransit(spec);
    for (int s = 0; s < spec.steps; ++s) {
        const std::int64_t t0 = s * stepLength(spec);
        const int number = spec.firstStep + s;
        events.push_back(slice(kHostPid, kHostPid, "ProfilerStep#" + std::to_string(number), t0,
                               stepLength(spec)));
        const std::int64_t kernel = compute / spec.kernelsPerStep;
        for (int k = 0; k < spec.kernelsPerStep; ++k)
            events.push_back(slice(kHardwarePid, 2, "aclnnMatMul_MatMulV2AiCore_MatMulV2",
                                   t0 + spec.prepareUs + k * kernel, kernel));
        events.push_back(slice(kHcclPid, 0, "hcom_allReduce__" + std::to_string(number) + "_0_1",
                               t0 + arrival, end - arrival));
        events.push_back(transfer(slice(kHcclPid, 1, "Memcpy", t0 + arrival, 1),
                                  spec.transitBytes / 4, "ON_CHIP"));
        events.push_back(slice(kHcclPid, 2, "Notify_Wait", t0 + arrival, released - arrival));
        events.push_back(transfer(slice(kHcclPid, 2, "Memcpy", t0 + released, transit),
                                  spec.transitBytes, "HCCS"));
        if (released + transit < end)
            events.push_back(slice(kHcclPid, 2, "Notify_Wait", t0 + released + transit,
                                   end - released - transit));
    }
    return events;
}

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

} // namespace

RankTruth rankTruth(const JobSpec& spec, int rank, int step) {
    RankTruth truth;
    const std::int64_t arrival = spec.prepareUs + computeOf(spec, rank);
    const std::int64_t released = latestArrival(spec) + spec.handshakeUs;
    truth.stepUs = stepLength(spec);
    truth.preparingUs = spec.prepareUs;
    truth.computingUs = computeOf(spec, rank);
    truth.elapseUs = released + longestTransit(spec) - arrival;
    truth.communicationUs = truth.elapseUs;
    truth.freeUs = (step > 0 ? spec.prepareUs : 0) + (step + 1 < spec.steps ? spec.tailUs : 0);
    truth.synchronizationUs = released - arrival;
    truth.transitUs = transitOf(spec, rank);
    truth.linkBytes = spec.transitBytes;
    truth.waitUs = truth.synchronizationUs + longestTransit(spec) - truth.transitUs;
    return truth;
}

std::vector<std::string> writeJob(const JobSpec& spec, const std::string& folder) {
    if (spec.kernelsPerStep <= 0 || spec.computeUs % spec.kernelsPerStep != 0 ||
        spec.slowComputeExtraUs % spec.kernelsPerStep != 0)
        throw std::invalid_argument(
            "computeUs and slowComputeExtraUs must be multiples of kernelsPerStep");
    std::vector<std::string> ranks;
    for (int r = 0; r < spec.ranks; ++r) {
        const std::filesystem::path rank =
            std::filesystem::path(folder) / ("rank" + std::to_string(r) + "_ascend_pt");
        std::filesystem::create_directories(rank / "ASCEND_PROFILER_OUTPUT");
        writeText(rank / ("profiler_info_" + std::to_string(r) + ".json"),
                  Json{{"config", {{"experimental_config", {{"_profiler_level", "Level1"}}}}},
                       {"rank_id", r}}
                      .dump());
        writeText(rank / "ASCEND_PROFILER_OUTPUT" / "trace_view.json", rankEvents(spec, r).dump());
        writeText(rank / "ASCEND_PROFILER_OUTPUT" / "analyse.done", "");
        ranks.push_back(rank.string());
    }
    return ranks;
}
