// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "annotation_marks.h"

#include "session/annotation_placement.h"

namespace lanescope::widgets {

std::vector<AnnotationMark> annotationMarks(const Trace& trace,
                                            const session::LaneIdentities& lanes,
                                            const session::AnnotationSet& annotations) {
    std::vector<AnnotationMark> marks;
    for (const session::Annotation& a : annotations.items()) {
        const session::Placement placed = session::place(trace, lanes, a);
        marks.push_back({a.id, a.kind, a.start, a.end, a.text, a.color, placed.tracks, placed.event,
                         placed.detached});
    }
    return marks;
}

} // namespace lanescope::widgets
