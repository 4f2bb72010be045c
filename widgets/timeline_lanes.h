// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "lane_state.h"
#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::widgets {

// One horizontal band of the timeline.
struct Lane {
    enum class Type : std::uint8_t { RankHeader, ProcessHeader, Slices, Counter };
    Type type = Type::Slices;
    LaneKey key;
    std::uint32_t process = kNoIndex;
    std::uint32_t index = kNoIndex; // slice track or counter index
    std::uint32_t thread = kNoIndex;
    int y = 0;      // top, in pixels from the top of its area (pinned or scrolled)
    int height = 0; // pixels
    std::uint16_t rows = 0;
    bool pinned = false;
    bool collapsed = false; // headers: their group is folded
    std::uint8_t depth = 0; // nesting for the name column's indent
    double counterMax = 0;  // Counter lanes: the scale, found once instead of every frame
    bool isHeader() const { return type == Type::RankHeader || type == Type::ProcessHeader; }
};

struct LaneMetrics {
    int headerHeight = 22;
    int rowHeight = 18;
    int counterHeight = 36;
    int laneGap = 4;
};

// The vertical arrangement of a trace: rank groups (multi-rank jobs), then process groups in
// the trace's display order, each with its threads, async tracks and counters; pinned lanes
// are kept apart in a fixed area above the scrolled ones. Pure geometry, shared by the window
// and the exporters.
class TimelineLanes {
public:
    TimelineLanes(const Trace& trace, const LaneState& state = {}, const LaneMetrics& metrics = {});

    const std::vector<Lane>& lanes() const { return lanes_; }
    int pinnedHeight() const { return pinnedHeight_; }
    int scrolledHeight() const { return scrolledHeight_; }
    const LaneMetrics& metrics() const { return metrics_; }

    // Top of a lane on screen when the lane area starts at `areaTop` and is scrolled by `scrollY`.
    int screenTop(const Lane& lane, int areaTop, int scrollY) const;
    // The lane showing a slice track: its own lane, or the header of the folded group that
    // hides it; nullptr when the lane is hidden.
    const Lane* laneOfTrack(std::uint32_t track) const;
    // How many lanes the user hid.
    std::size_t hiddenCount() const { return hiddenCount_; }

private:
    struct Builder;

    LaneMetrics metrics_;
    std::vector<Lane> lanes_;
    std::vector<std::uint32_t> trackLane_; // per slice track: index into lanes_, or kNoIndex
    int pinnedHeight_ = 0;
    int scrolledHeight_ = 0;
    std::size_t hiddenCount_ = 0;
};

} // namespace lanescope::widgets
