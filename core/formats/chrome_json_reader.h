// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/byte_source.h"
#include "formats/load_options.h"
#include "model/trace_builder.h"

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace lanescope::formats {

// Reads a Chrome Trace Event Format file (array form or {"traceEvents": [...]} with other keys
// before or after) into a TraceBuilder without building a DOM: a string-aware scan finds each
// event's bytes, and each event is parsed on its own, so a bad event is skipped and counted
// instead of ending the load. Tolerates a missing final ']', trailing commas and empty {}.
// Throws LoadError when nothing usable can be read (empty, not JSON, no events).
class ChromeJsonReader {
public:
    // Called for every top-level key other than traceEvents, with its parsed value.
    using TopLevelHandler = std::function<void(const std::string& key, const nlohmann::json&)>;

    ChromeJsonReader(ByteSource& source, std::string path, TraceBuilder& builder,
                     const LoadOptions& options, TopLevelHandler topLevel);
    ~ChromeJsonReader();
    ChromeJsonReader(const ChromeJsonReader&) = delete;
    ChromeJsonReader& operator=(const ChromeJsonReader&) = delete;

    void read();
    // The bytes of the source the reader consumed (decompressed for gzip): all of them unless it
    // stopped early at trailing garbage or a cut.
    std::uint64_t bytesRead() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace lanescope::formats
