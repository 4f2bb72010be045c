// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster/rank_summary.h"

#include "analysis/communication_ops.h"
#include "analysis/device_tasks.h"
#include "analysis/slice_info.h"
#include "analysis/step_breakdown.h"
#include "cluster/link_transfer.h"

#include <algorithm>
#include <map>

namespace lanescope::cluster {

namespace {

using analysis::CommunicationOp;
using analysis::DeviceMap;
using analysis::StepBreakdown;

std::uint32_t busiestDevice(const DeviceMap& devices) {
    const auto busiest =
        std::max_element(devices.devices.begin(), devices.devices.end(),
                         [](const auto& a, const auto& b) { return a.taskCount < b.taskCount; });
    return static_cast<std::uint32_t>(busiest - devices.devices.begin());
}

// The host's ProfilerStep#N of `file`, when there is one.
const Step* hostStep(const Trace& trace, std::uint32_t file, std::optional<std::int64_t> number) {
    if (!number)
        return nullptr;
    for (const Step& step : trace.steps) {
        const std::uint32_t process = analysis::ownerOf(trace, step.slice.track).process;
        if (step.number == *number && process != kNoIndex &&
            trace.processes[process].sourceFile == file)
            return &step;
    }
    return nullptr;
}

// The ops of `device` that started in the row's window, totalled by type, largest first.
std::vector<CommunicationTotals> communicationIn(const Trace& trace, const StepBreakdown& row,
                                                 const std::vector<CommunicationOp>& ops,
                                                 std::uint32_t device) {
    std::map<std::string, CommunicationTotals> byType;
    for (const CommunicationOp& op : ops) {
        if (op.device != device || op.start < row.windowStart || op.start >= row.windowEnd)
            continue;
        const bool timed = op.timesKnown;
        const std::optional<LinkTransfer> moved = linkTransferOf(trace, op);
        CommunicationTotals& totals = byType[op.type];
        totals.type = op.type;
        totals += {op.type,
                   1,
                   timed ? 1u : 0u,
                   op.elapseNs(),
                   timed ? op.waitNs : 0,
                   timed ? op.synchronizationNs : 0,
                   timed ? op.transitNs : 0,
                   moved ? 1u : 0u,
                   moved ? moved->bytes : 0,
                   moved ? moved->ns : 0};
    }
    std::vector<CommunicationTotals> out;
    for (auto& [type, totals] : byType)
        out.push_back(std::move(totals));
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.elapseNs > b.elapseNs; });
    return out;
}

RankStep stepOf(const Trace& trace, const StepBreakdown& row,
                const std::vector<CommunicationOp>& ops) {
    RankStep step;
    step.step = row.step;
    step.stepNumber = row.stepNumber;
    step.computingNs = row.computingNs;
    step.communicationNs = row.communicationNs;
    step.communicationNotOverlappedNs = row.communicationNotOverlappedNs;
    step.overlappedNs = row.overlappedNs;
    step.freeNs = row.freeNs;
    const Step* host = hostStep(trace, row.file, row.stepNumber);
    step.stepNs = host ? host->end - host->start : row.windowNs();
    if (host && row.firstBusyStart < row.windowEnd)
        step.preparingNs = std::max<TimeNs>(0, row.firstBusyStart - host->start);
    step.communication = communicationIn(trace, row, ops, row.deviceIndex);
    return step;
}

} // namespace

CommunicationTotals& CommunicationTotals::operator+=(const CommunicationTotals& other) {
    count += other.count;
    timedCount += other.timedCount;
    elapseNs += other.elapseNs;
    waitNs += other.waitNs;
    synchronizationNs += other.synchronizationNs;
    transitNs += other.transitNs;
    sizedCount += other.sizedCount;
    linkBytes += other.linkBytes;
    linkNs += other.linkNs;
    return *this;
}

RankSummary summarizeRank(const Trace& trace, const std::string& source) {
    RankSummary summary;
    summary.source = source;
    summary.format = trace.format;
    summary.rank = trace.metadata.rank;
    if (!summary.rank && !trace.files.empty())
        summary.rank = trace.files.front().rank;
    const DeviceMap devices = analysis::mapDevices(trace);
    if (devices.devices.empty()) {
        summary.notes.push_back("no device tasks: no step breakdown");
        return summary;
    }
    const std::uint32_t device = busiestDevice(devices);
    summary.device = devices.devices[device].name;
    if (devices.devices.size() > 1)
        summary.notes.push_back(std::to_string(devices.devices.size()) + " devices: " +
                                summary.device + ", with the most tasks, is summarised");
    const std::vector<CommunicationOp> ops = analysis::findCommunicationOps(trace, devices);
    for (const StepBreakdown& row : analysis::computeStepBreakdown(trace, devices))
        if (row.deviceIndex == device)
            summary.steps.push_back(stepOf(trace, row, ops));
    return summary;
}

} // namespace lanescope::cluster
