// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

// A hand-built Ascend export for detector tests: trace_view.json (Python, CANN and Ascend
// Hardware lanes) and kernel_details.csv written side by side into a *_ascend_pt folder and
// loaded the way a user opens one, so the kernels carry op type, core and OP State.
#include "test_support.h"

#include <QDir>
#include <QTemporaryDir>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lanescope::test {

inline constexpr std::int64_t kAscendBaseUs = 1'736'400'000'000'000;
inline constexpr std::int64_t kAscendHostPid = 1000;
inline constexpr std::int64_t kAscendCannPid = (kAscendHostPid << 10) | (7 << 5);
inline constexpr std::int64_t kAscendHardwarePid = (kAscendHostPid << 10) | (13 << 5);

// One kernel on Stream 2, `ts` and `dur` in µs after kAscendBaseUs.
struct NpuKernel {
    std::string opType;
    std::int64_t ts = 0;
    std::int64_t dur = 0;
    std::string core = "AI_VECTOR_CORE";
    std::string state = "dynamic";
    std::string dtypes = "FLOAT";
};

// µs after kAscendBaseUs as torch_npu writes timestamps: decimal text.
inline std::string ascendTsText(std::int64_t us) {
    return std::to_string(kAscendBaseUs + us) + ".000";
}

// The kernels, plus `compileCalls` AscendCL@aclopCompileAndExecute calls of 100 µs, one every
// 200 µs from the base, on the CANN lane of the main thread.
inline Trace loadAscendExport(const std::vector<NpuKernel>& kernels, int compileCalls = 0) {
    using Json = nlohmann::json;
    const auto meta = [](std::int64_t pid, const char* what, const Json& args,
                         std::int64_t tid = 0) {
        return Json{{"ph", "M"}, {"name", what}, {"pid", pid}, {"tid", tid}, {"args", args}};
    };
    Json events =
        Json::array({meta(kAscendHostPid, "process_name", {{"name", "Python"}}),
                     meta(kAscendCannPid, "process_name", {{"name", "CANN"}}),
                     meta(kAscendHardwarePid, "process_name", {{"name", "Ascend Hardware"}}),
                     meta(kAscendHardwarePid, "process_labels", {{"labels", "NPU"}}),
                     meta(kAscendHardwarePid, "thread_name", {{"name", "Stream 2"}}, 2)});
    for (int k = 0; k < compileCalls; ++k)
        events.push_back({{"ph", "X"},
                          {"name", "AscendCL@aclopCompileAndExecute"},
                          {"pid", kAscendCannPid},
                          {"tid", kAscendHostPid},
                          {"ts", ascendTsText(200 * k)},
                          {"dur", 100},
                          {"args", {{"level", "acl"}}}});
    std::string csv = "Step Id,Name,Type,OP State,Accelerator Core,Start Time(us),Duration(us),"
                      "Wait Time(us),Block Dim,Input Shapes,Input Data Types\n";
    for (const NpuKernel& k : kernels) {
        const std::string name = "aclnn" + k.opType + "_" + k.opType + "AiCore_" + k.opType;
        events.push_back({{"ph", "X"},
                          {"name", name},
                          {"pid", kAscendHardwarePid},
                          {"tid", 2},
                          {"ts", ascendTsText(k.ts)},
                          {"dur", k.dur},
                          {"args", {{"Task Type", k.core}}}});
        csv += "1," + name + "," + k.opType + "," + k.state + "," + k.core + "," +
               ascendTsText(k.ts) + "\t," + std::to_string(k.dur) + ",0,8,\"\"\"4,4\"\"\"," +
               k.dtypes + "\n";
    }
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath("test_ascend_pt/ASCEND_PROFILER_OUTPUT"));
    writeFile(dir, "test_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json",
              QByteArray::fromStdString(events.dump()));
    writeFile(dir, "test_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv",
              QByteArray::fromStdString(csv));
    return formats::loadTrace(dir.filePath("test_ascend_pt").toStdString());
}

} // namespace lanescope::test
