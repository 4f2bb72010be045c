#pragma once

#include "formats/load_options.h"
#include "model/trace.h"

#include <string>

namespace lanescope::formats {

// Opens a trace file (Chrome trace JSON or PyTorch/Kineto, plain or gzip; detected from the
// content, not the name) and returns the finished Trace. Repairs and skipped events are in
// trace.diagnostics. Throws LoadError when nothing usable can be read, LoadCancelled when the
// options' cancel flag was raised.
Trace loadTrace(const std::string& path, const LoadOptions& options = {});

} // namespace lanescope::formats
