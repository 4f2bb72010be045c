// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/insight.h"
#include "model/trace.h"
#include "session/annotation.h"
#include "session/lane_identity.h"

#include <cstdint>
#include <vector>

namespace lanescope::session {

// Where an annotation lands in a loaded trace. A detached annotation names a lane or an event
// the trace no longer has: it is kept (and saved) as written, and shown as detached, never
// dropped.
struct Placement {
    std::vector<std::uint32_t> tracks; // resolved lanes (empty: global, or none resolved)
    SliceRef event;                    // EventNote: the slice it is attached to
    bool detached = false;
};

// The anchor of a slice: its lane identity, start and name.
EventAnchor anchorOf(const Trace& trace, const LaneIdentities& lanes, SliceRef slice);
// The slice an anchor names (same lane, start and name), or an invalid ref.
SliceRef resolveAnchor(const Trace& trace, const LaneIdentities& lanes, const EventAnchor& anchor);
Placement place(const Trace& trace, const LaneIdentities& lanes, const Annotation& annotation);

// A range annotation of an insight's region and lanes, its finding and suggestion as the text,
// coloured by severity (to be added to a set, which gives it an id).
Annotation annotationFromInsight(const LaneIdentities& lanes, const analysis::Insight& insight);

} // namespace lanescope::session
