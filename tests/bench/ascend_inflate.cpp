// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "ascend_inflate.h"

#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace lanescope::bench {

namespace {

using Json = nlohmann::json;

std::int64_t nsOfMicrosText(const std::string& text) {
    const auto dot = text.find('.');
    std::int64_t ns = std::stoll(text.substr(0, dot)) * 1000;
    if (dot != std::string::npos) {
        std::string fraction = text.substr(dot + 1, 3);
        fraction.resize(3, '0');
        ns += std::stoll(fraction);
    }
    return ns;
}

std::string microsTextOfNs(std::int64_t ns) {
    std::string fraction = std::to_string(ns % 1000);
    return std::to_string(ns / 1000) + "." + std::string(3 - fraction.size(), '0') + fraction;
}

void shiftCopy(Json& event, int copy, std::int64_t span) {
    if (event.contains("ts") && event["ts"].is_string())
        event["ts"] = microsTextOfNs(nsOfMicrosText(event["ts"]) + copy * span);
    if (copy == 0 || !event.contains("id"))
        return;
    Json& id = event["id"];
    if (id.is_number_unsigned())
        id = id.get<std::uint64_t>() + static_cast<std::uint64_t>(copy * span);
    else if (id.is_number_integer())
        id = id.get<std::int64_t>() + copy * span;
    else if (id.is_string())
        id = id.get<std::string>() + "_" + std::to_string(copy);
}

} // namespace

std::uint64_t writeInflatedAscendTrace(const std::string& source, const std::string& out,
                                       int copies) {
    std::ifstream in(source, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const Json events = Json::parse(text.str(), nullptr, false);
    if (!events.is_array())
        throw std::runtime_error(source + ": not an Ascend trace_view.json");
    std::int64_t first = INT64_MAX, last = INT64_MIN;
    for (const Json& e : events)
        if (e.contains("ts") && e["ts"].is_string()) {
            const std::int64_t ts = nsOfMicrosText(e["ts"]);
            first = std::min(first, ts);
            last = std::max(last, ts);
        }
    const std::int64_t span = last - first + 1'000'000;
    std::ofstream file(out, std::ios::binary);
    file << '[';
    bool separator = false;
    for (int copy = 0; copy < copies; ++copy) {
        for (Json e : events) {
            if (copy > 0 && e.value("ph", "") == "M")
                continue;
            shiftCopy(e, copy, span);
            if (separator)
                file << ", ";
            separator = true;
            file << e.dump(-1, ' ', false, Json::error_handler_t::replace);
        }
    }
    file << ']';
    return static_cast<std::uint64_t>(file.tellp());
}

} // namespace lanescope::bench
