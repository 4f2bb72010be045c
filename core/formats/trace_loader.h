// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/load_options.h"
#include "model/trace.h"

#include <string>
#include <string_view>

namespace lanescope::formats {

// Opens a trace file (Chrome trace JSON or PyTorch/Kineto, plain or gzip; detected from the
// content, not the name) and returns the finished Trace. Repairs and skipped events are in
// trace.diagnostics. Throws LoadError when nothing usable can be read, LoadCancelled when the
// options' cancel flag was raised.
Trace loadTrace(const std::string& path, const LoadOptions& options = {});

// The same for Chrome/Kineto JSON bytes held in memory (plain or gzip), `name` standing for the
// file in diagnostics and errors. The trace has no event source: its slices' args cannot be read
// back. For fuzzing and tests that need no file.
Trace loadTraceFromMemory(std::string_view bytes, const std::string& name,
                          const LoadOptions& options = {});

} // namespace lanescope::formats
