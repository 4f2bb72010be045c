// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster/rank_summary_json.h"

#include <nlohmann/json.hpp>

namespace lanescope::cluster {

namespace {

using Json = nlohmann::ordered_json;

Json optionalNumber(const std::optional<std::int64_t>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json toJson(const CommunicationTotals& c) {
    return {{"type", c.type},
            {"count", c.count},
            {"timed_count", c.timedCount},
            {"elapse_ns", c.elapseNs},
            {"wait_ns", c.waitNs},
            {"synchronization_ns", c.synchronizationNs},
            {"transit_ns", c.transitNs},
            {"sized_count", c.sizedCount},
            {"link_bytes", c.linkBytes},
            {"link_ns", c.linkNs}};
}

Json toJson(const RankStep& s) {
    Json communication = Json::array();
    for (const CommunicationTotals& c : s.communication)
        communication.push_back(toJson(c));
    return {{"step", s.step},
            {"step_number", optionalNumber(s.stepNumber)},
            {"step_ns", s.stepNs},
            {"computing_ns", s.computingNs},
            {"communication_ns", s.communicationNs},
            {"communication_not_overlapped_ns", s.communicationNotOverlappedNs},
            {"overlapped_ns", s.overlappedNs},
            {"free_ns", s.freeNs},
            {"preparing_ns", s.preparingNs},
            {"communication", communication}};
}

// Reads fields of one object, naming the object (its path in the document) in every error.
class Reader {
public:
    Reader(const Json& object, std::string path) : object_(object), path_(std::move(path)) {
        if (!object_.is_object())
            fail("is not an object");
    }

    const Json& at(const char* key) const {
        const auto it = object_.find(key);
        if (it == object_.end())
            fail(std::string("has no \"") + key + "\"");
        return *it;
    }

    std::string text(const char* key) const {
        const Json& value = at(key);
        if (!value.is_string())
            fail(std::string(key) + " is not a string", key);
        return value.get<std::string>();
    }

    // A whole number >= 0 (a time in ns or a count).
    std::int64_t count(const char* key) const {
        const Json& value = at(key);
        if (!value.is_number_integer() ||
            (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX))
            fail("is not a whole number", key);
        const std::int64_t number = value.get<std::int64_t>();
        if (number < 0)
            fail("is negative", key);
        return number;
    }

    std::optional<std::int64_t> optionalInteger(const char* key) const {
        const Json& value = at(key);
        if (value.is_null())
            return std::nullopt;
        if (!value.is_number_integer() ||
            (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX))
            fail("is not a whole number or null", key);
        return value.get<std::int64_t>();
    }

    const Json& array(const char* key) const {
        const Json& value = at(key);
        if (!value.is_array())
            fail("is not an array", key);
        return value;
    }

    const std::string& path() const { return path_; }

private:
    [[noreturn]] void fail(const std::string& what, const char* key = nullptr) const {
        std::string where = path_;
        if (key)
            where += (where.empty() ? "" : ".") + std::string(key);
        throw RankSummaryFormatError((where.empty() ? "the document" : where) + " " + what);
    }

    const Json& object_;
    std::string path_;
};

CommunicationTotals communicationFrom(const Reader& r, std::int64_t version) {
    CommunicationTotals c;
    c.type = r.text("type");
    c.count = static_cast<std::uint64_t>(r.count("count"));
    c.timedCount = static_cast<std::uint64_t>(r.count("timed_count"));
    c.elapseNs = r.count("elapse_ns");
    c.waitNs = r.count("wait_ns");
    c.synchronizationNs = r.count("synchronization_ns");
    c.transitNs = r.count("transit_ns");
    if (version >= 2) {
        c.sizedCount = static_cast<std::uint64_t>(r.count("sized_count"));
        c.linkBytes = static_cast<std::uint64_t>(r.count("link_bytes"));
        c.linkNs = r.count("link_ns");
    }
    return c;
}

RankStep stepFrom(const Reader& r, std::int64_t version) {
    RankStep s;
    s.step = r.text("step");
    s.stepNumber = r.optionalInteger("step_number");
    s.stepNs = r.count("step_ns");
    s.computingNs = r.count("computing_ns");
    s.communicationNs = r.count("communication_ns");
    s.communicationNotOverlappedNs = r.count("communication_not_overlapped_ns");
    s.overlappedNs = r.count("overlapped_ns");
    s.freeNs = r.count("free_ns");
    s.preparingNs = r.count("preparing_ns");
    const Json& communication = r.array("communication");
    for (std::size_t i = 0; i < communication.size(); ++i)
        s.communication.push_back(communicationFrom(
            Reader(communication[i], r.path() + ".communication[" + std::to_string(i) + "]"),
            version));
    return s;
}

} // namespace

std::string rankSummaryToJson(const RankSummary& summary) {
    Json steps = Json::array();
    for (const RankStep& step : summary.steps)
        steps.push_back(toJson(step));
    const Json document = {{"format", kRankSummaryFormat},   {"version", kRankSummaryVersion},
                           {"source", summary.source},       {"rank", optionalNumber(summary.rank)},
                           {"trace_format", summary.format}, {"device", summary.device},
                           {"notes", summary.notes},         {"steps", steps}};
    return document.dump(1) + "\n";
}

RankSummary rankSummaryFromJson(std::string_view text) {
    Json document;
    try {
        document = Json::parse(text);
    } catch (const Json::parse_error& error) {
        throw RankSummaryFormatError("not valid JSON at byte " + std::to_string(error.byte));
    } catch (const Json::out_of_range&) {
        throw RankSummaryFormatError("not valid JSON: a number is out of range");
    }
    const Reader top(document, "");
    if (!document.contains("format") || document["format"] != kRankSummaryFormat)
        throw RankSummaryFormatError("not a Lanescope rank summary (no \"format\": \"" +
                                     std::string(kRankSummaryFormat) + "\")");
    const std::int64_t version = top.count("version");
    if (version == 0 || static_cast<std::uint64_t>(version) > kRankSummaryVersion)
        throw RankSummaryFormatError("rank summary version " + std::to_string(version) +
                                     "; this Lanescope reads versions up to " +
                                     std::to_string(kRankSummaryVersion));
    RankSummary summary;
    summary.source = top.text("source");
    summary.rank = top.optionalInteger("rank");
    summary.format = top.text("trace_format");
    summary.device = top.text("device");
    const Json& notes = top.array("notes");
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (!notes[i].is_string())
            throw RankSummaryFormatError("notes[" + std::to_string(i) + "] is not a string");
        summary.notes.push_back(notes[i].get<std::string>());
    }
    const Json& steps = top.array("steps");
    for (std::size_t i = 0; i < steps.size(); ++i)
        summary.steps.push_back(
            stepFrom(Reader(steps[i], "steps[" + std::to_string(i) + "]"), version));
    return summary;
}

} // namespace lanescope::cluster
