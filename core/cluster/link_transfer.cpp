// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster/link_transfer.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

namespace lanescope::cluster {

namespace {

// The text export's names, and the DB export's (ENUM_HCCL_LINK_TYPE) for the same links.
bool betweenChips(std::string_view link) {
    constexpr std::array<std::string_view, 7> kLinks = {"HCCS", "HCCS_SW", "PCIE",         "RDMA",
                                                        "ROCE", "SIO",     "STANDARD_ROCE"};
    for (const std::string_view known : kLinks)
        if (link == known)
            return true;
    return false;
}

// A task's size and link type, when its args hold both.
struct TaskTransfer {
    std::uint64_t bytes = 0;
    std::string link;
};

std::optional<TaskTransfer> fromFields(const nlohmann::json& object, const char* sizeKey,
                                       const char* linkKey) {
    if (!object.is_object())
        return std::nullopt;
    const auto size = object.find(sizeKey);
    const auto link = object.find(linkKey);
    if (size == object.end() || !size->is_number_unsigned() || link == object.end() ||
        !link->is_string())
        return std::nullopt;
    return TaskTransfer{size->get<std::uint64_t>(), link->get<std::string>()};
}

// The text export's args ("size(Byte)", "link type"), else the DB export's row
// (COMMUNICATION_TASK_INFO's size and linkType, formats/ascend_db_reader.h).
std::optional<TaskTransfer> transferOf(const Trace& trace, SliceRef task) {
    const SliceArgs args = trace.sliceArgs(task);
    if (!args.error.empty())
        return std::nullopt;
    if (auto fromArgs = fromFields(nlohmann::json::parse(args.argsJson, nullptr, false),
                                   "size(Byte)", "link type"))
        return fromArgs;
    const nlohmann::json event = nlohmann::json::parse(args.eventJson, nullptr, false);
    if (!event.is_object() || !event.contains("columns") ||
        !event["columns"].contains("COMMUNICATION_TASK_INFO"))
        return std::nullopt;
    return fromFields(event["columns"]["COMMUNICATION_TASK_INFO"], "size", "linkType");
}

} // namespace

std::optional<LinkTransfer> linkTransferOf(const Trace& trace,
                                           const analysis::CommunicationOp& op) {
    if (op.transfers.empty())
        return std::nullopt;
    LinkTransfer total;
    for (const SliceRef task : op.transfers) {
        const std::optional<TaskTransfer> transfer = transferOf(trace, task);
        if (!transfer)
            return std::nullopt;
        if (!betweenChips(transfer->link))
            continue;
        total.bytes += transfer->bytes;
        total.ns += trace.sliceTracks[task.track].duration(task.slice);
    }
    return total;
}

} // namespace lanescope::cluster
