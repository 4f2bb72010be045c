// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/trace_input.h"

#include "formats/load_error.h"
#include "formats/trace_loader.h"

#include <iostream>

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

std::optional<Trace> loadOrReport(const std::string& path) {
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
