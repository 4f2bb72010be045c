// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// libFuzzer target: any bytes opened as torch_npu's DB export (SQLite, read from a temporary
// copy as the loader reads files) give a trace or a LoadError — never a crash, a hang or a
// sanitizer report, whatever the tables, column types and string ids hold.
#include "analysis/detect_insights.h"
#include "formats/ascend_db_reader.h"
#include "formats/ascend_semantics.h"
#include "formats/kineto_semantics.h"
#include "formats/load_error.h"
#include "model/trace_builder.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

using namespace lanescope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path =
        "/tmp/lanescope-fuzz-" + std::to_string(getpid()) + "_ascend_pytorch_profiler_0.db";
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file)
        return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    try {
        TraceBuilder builder;
        const formats::AscendDbRead read = formats::readAscendDb(builder, path, 0);
        TraceBuilder::Result result = builder.finish();
        formats::finishAscendDbReads(result.trace, {read});
        formats::applyChromeSemantics(result.trace);
        formats::applyAscendSemantics(result.trace, result.correlations);
        const analysis::DeviceMap devices = analysis::mapDevices(result.trace);
        (void)analysis::detectInsights(result.trace, devices, {}, nullptr, 1);
    } catch (const formats::LoadError&) {
    }
    return 0;
}
