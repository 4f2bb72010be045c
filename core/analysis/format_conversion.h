// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace lanescope::analysis {

// Kernels that only convert data: TransData (between ND and the NPU's internal formats, NZ and
// 5HD), Cast (between dtypes) and Transpose, the "频繁的 Tensor 转换" of eager models on Ascend.
//
// Rules, per device.
//  - A conversion kernel: a TaskRole::Kernel whose op type (else name) isFormatConversion
//    (TransData, Cast, Transpose, TransposeD, …), or one launched by npu_format_cast.
//  - Kernel time: Σ durations of all its TaskRole::Kernel tasks (communication, copies and
//    markers are not kernels); conversion time: Σ durations of the conversion kernels.
//  - Reported when conversion time is at least format_conversion.min_share of the kernel time.
//    Time at stake is the conversion time (what removing them could win at most); severity by
//    advisorSeverity on the device's active span.
//  - Per type (the op type, else the name) its time and count, most time first; the launching
//    torch ops by count.
struct FormatConversionSummary {
    std::uint32_t device = 0;
    TimeNs kernelNs = 0;
    TimeNs conversionNs = 0;
    std::vector<SliceRef> tasks; // the conversion kernels, by track then start
    struct Type {
        StringId name = 0;
        TimeNs ns = 0;
        std::uint32_t count = 0;
    };
    std::vector<Type> types;
    std::vector<std::pair<StringId, std::uint32_t>> launchers;
    TimeNs start = 0; // first conversion kernel's start
    TimeNs end = 0;   // last one's end

    double share() const;
};

// One per device with any conversion kernel, in DeviceMap order.
std::vector<FormatConversionSummary> summarizeFormatConversions(const Trace& trace,
                                                                const DeviceMap& devices);

// As insights, id "format_conversion:<device>".
std::vector<Insight> detectFormatConversions(const Trace& trace, const DeviceMap& devices,
                                             const Thresholds& thresholds);

} // namespace lanescope::analysis
