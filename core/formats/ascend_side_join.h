// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/ascend_folder.h"
#include "model/trace.h"

namespace lanescope::formats {

// Reads a rank's kernel_details.csv and step_trace_time.csv and attaches them to the loaded
// trace: kernel rows join device tasks of that rank's file by exact start time and name. A
// malformed side file is reported (diagnostics, sideFiles) and skipped; the timeline stays.
void attachAscendSideFiles(Trace& trace, std::uint32_t file, const AscendRankInput& input);

} // namespace lanescope::formats
