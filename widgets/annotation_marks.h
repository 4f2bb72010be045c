// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"
#include "session/annotation_set.h"
#include "session/lane_identity.h"
#include "timeline_overlay.h"

#include <vector>

namespace lanescope::widgets {

// The annotations placed on a loaded trace, as the timeline and the exports draw them.
std::vector<AnnotationMark> annotationMarks(const Trace& trace,
                                            const session::LaneIdentities& lanes,
                                            const session::AnnotationSet& annotations);

} // namespace lanescope::widgets
