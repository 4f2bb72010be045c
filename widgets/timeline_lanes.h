#pragma once

#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::widgets {

// The vertical arrangement of a trace on the timeline: one header per process (rank groups come
// first by the trace's own order), then its threads, async tracks and counters. Pure geometry,
// shared by the window and the exporters.
struct Lane {
    enum class Type : std::uint8_t { ProcessHeader, Slices, Counter };
    Type type = Type::Slices;
    std::uint32_t process = 0;
    std::uint32_t index = kNoIndex; // slice track or counter index
    std::uint32_t thread = kNoIndex;
    int y = 0;      // top, in pixels from the top of the lane area
    int height = 0; // pixels
    std::uint16_t rows = 0;
    double counterMax = 0; // Counter lanes: the scale, found once instead of every frame
};

struct LaneMetrics {
    int headerHeight = 22;
    int rowHeight = 18;
    int counterHeight = 36;
    int laneGap = 4;
};

class TimelineLanes {
public:
    TimelineLanes(const Trace& trace, const LaneMetrics& metrics = {});
    const std::vector<Lane>& lanes() const { return lanes_; }
    int totalHeight() const { return totalHeight_; }
    const LaneMetrics& metrics() const { return metrics_; }

private:
    void addSliceLane(const Trace& trace, std::uint32_t process, std::uint32_t track,
                      std::uint32_t thread);

    LaneMetrics metrics_;
    std::vector<Lane> lanes_;
    int totalHeight_ = 0;
};

} // namespace lanescope::widgets
