// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>

namespace lanescope::bench {

// Writes a large Ascend trace_view.json by repeating a real one `copies` times, each copy
// shifted past the previous one in time and with its flow ids made unique, so the result has
// real Ascend event shapes (string ts, CANN pids, counters, HCCL overlap) at any size. Returns
// the bytes written; throws std::runtime_error when the input cannot be read.
std::uint64_t writeInflatedAscendTrace(const std::string& source, const std::string& out,
                                       int copies);

} // namespace lanescope::bench
