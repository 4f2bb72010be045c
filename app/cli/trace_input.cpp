// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/trace_input.h"

#include "formats/load_error.h"
#include "formats/trace_loader.h"
#include "session/session_file.h"

#include <iostream>
#include <stdexcept>

namespace lanescope::cli {

namespace {

// Damage the user must not miss even with --json: the trace loaded, but not all of it.
void warnAboutDamage(const Trace& trace) {
    for (const auto& e : trace.diagnostics.examples())
        if (e.kind == diag::kTruncatedInput || e.kind == diag::kMalformedEvent ||
            e.kind == diag::kTrailingGarbage)
            std::cerr << "warning: " << e.file << ": " << e.where() << ": " << e.message << "\n";
}

} // namespace

std::optional<TraceArgument> resolveTraceArgument(const std::string& path) {
    if (!session::isSessionFile(path))
        return TraceArgument{path, {}};
    try {
        return TraceArgument{session::traceOfSessionFile(path), path};
    } catch (const std::runtime_error& error) {
        std::cerr << error.what() << "\n";
        return std::nullopt;
    }
}

std::optional<Trace> loadOrReport(const std::string& requested) {
    const std::optional<TraceArgument> argument = resolveTraceArgument(requested);
    if (!argument)
        return std::nullopt;
    const std::string& path = argument->trace;
    try {
        Trace trace = formats::loadTrace(path);
        warnAboutDamage(trace);
        return trace;
    } catch (const formats::LoadError& error) {
        std::cerr << error.what() << "\n";
    } catch (const std::bad_alloc&) {
        std::cerr << path << ": out of memory while loading\n";
    }
    return std::nullopt;
}

} // namespace lanescope::cli
