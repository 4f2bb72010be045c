// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/flow.h"

#include <string>

namespace lanescope {

struct Trace;

// The arguments of one slice as its source holds them. The model keeps where each event came
// from (a byte offset, a database row key), not its args; they are read back on demand.
struct SliceArgs {
    std::string eventJson;   // the whole source event, pretty-printed (4-space indent)
    std::string argsJson;    // its "args" object pretty-printed, "{}" when absent
    std::string endArgsJson; // B/E slices: the E event's args ("" otherwise)
    std::string error;       // why the event could not be read ("" on success)
};

// Where a trace's events can be read again. The reader that built the trace provides it
// (formats/file_event_source.h); the analysis and the views ask the trace, never a file.
// Implementations are stateless or thread-safe: the details panel reads on a pool thread.
class EventSource {
public:
    virtual ~EventSource() = default;
    // Never throws: a failure (a changed file, out of memory) comes back in SliceArgs::error.
    virtual SliceArgs sliceArgs(const Trace& trace, SliceRef slice) const = 0;
};

} // namespace lanescope
