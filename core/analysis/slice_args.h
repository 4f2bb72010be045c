#pragma once

#include "model/trace.h"

#include <string>

namespace lanescope::analysis {

// The arguments of one slice, read on demand from its source file (the model keeps only byte
// offsets, not args). For a B/E slice the E event's args follow the B's.
struct SliceArgs {
    std::string eventJson;   // the whole source event, pretty-printed (4-space indent)
    std::string argsJson;    // its "args" object pretty-printed, "{}" when absent
    std::string endArgsJson; // B/E slices: the E event's args ("" otherwise)
    std::string error;       // why the event could not be read ("" on success)
};

SliceArgs readSliceArgs(const Trace& trace, SliceRef slice);

} // namespace lanescope::analysis
