// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "session/annotation_placement.h"

namespace lanescope::session {

EventAnchor anchorOf(const Trace& trace, const LaneIdentities& lanes, SliceRef slice) {
    const SliceTrack& track = trace.sliceTracks[slice.track];
    return {lanes.track(slice.track), track.start(slice.slice),
            std::string(trace.str(track.name(slice.slice)))};
}

SliceRef resolveAnchor(const Trace& trace, const LaneIdentities& lanes, const EventAnchor& anchor) {
    const std::optional<std::uint32_t> t = lanes.findTrack(anchor.track);
    if (!t)
        return {};
    const SliceTrack& track = trace.sliceTracks[*t];
    // Every edit re-places the notes: the lane's interval index, not a scan of the lane.
    SliceRef found;
    track.forEachContaining(anchor.start, [&](std::uint32_t i) {
        if (!found.valid() && track.start(i) == anchor.start &&
            trace.str(track.name(i)) == anchor.name)
            found = {*t, i};
    });
    return found;
}

Placement place(const Trace& trace, const LaneIdentities& lanes, const Annotation& annotation) {
    Placement placement;
    for (const std::string& lane : annotation.lanes) {
        if (const std::optional<std::uint32_t> track = lanes.findTrack(lane))
            placement.tracks.push_back(*track);
        else
            placement.detached = true;
    }
    if (annotation.kind == AnnotationKind::EventNote) {
        placement.event =
            annotation.event ? resolveAnchor(trace, lanes, *annotation.event) : SliceRef{};
        placement.detached = placement.detached || !placement.event.valid();
    }
    return placement;
}

Annotation annotationFromInsight(const LaneIdentities& lanes, const analysis::Insight& insight) {
    Annotation annotation;
    annotation.kind = AnnotationKind::Range;
    annotation.start = insight.start;
    annotation.end = insight.end;
    for (std::uint32_t track : insight.tracks)
        annotation.lanes.push_back(lanes.track(track));
    annotation.text = insight.title + "\nTry: " + insight.suggestion;
    annotation.insight = insight.id;
    switch (insight.severity) {
    case analysis::Severity::High:
        annotation.color = "#dc2626";
        break;
    case analysis::Severity::Medium:
        annotation.color = "#d97706";
        break;
    case analysis::Severity::Low:
        annotation.color = "#6b7280";
        break;
    }
    return annotation;
}

} // namespace lanescope::session
