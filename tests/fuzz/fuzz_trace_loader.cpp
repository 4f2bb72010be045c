// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// libFuzzer target: any bytes given to the JSON loader (plain or gzip, in memory) produce a trace
// or a LoadError, and any trace it produces can be analysed — never a crash, a hang or a
// sanitizer report. `make fuzz` builds and runs it; see tests/fuzz/README.md.
#include "analysis/detect_insights.h"
#include "formats/load_error.h"
#include "formats/trace_loader.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const lanescope::Trace trace = lanescope::formats::loadTraceFromMemory(bytes, "fuzz.json");
        const lanescope::analysis::DeviceMap devices = lanescope::analysis::mapDevices(trace);
        (void)lanescope::analysis::detectInsights(trace, devices, {}, nullptr, 1);
    } catch (const lanescope::formats::LoadError&) {
    }
    return 0;
}
