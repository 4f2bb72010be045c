#include "timeline_lanes.h"

#include <algorithm>

namespace lanescope::widgets {

namespace {

// The area chart draws the first series, scaled to its largest value.
double counterMaximum(const CounterTrack& counter) {
    if (counter.series.empty() || counter.series.front().values.empty())
        return 0;
    const auto& values = counter.series.front().values;
    return *std::max_element(values.begin(), values.end());
}

} // namespace

TimelineLanes::TimelineLanes(const Trace& trace, const LaneMetrics& metrics) : metrics_(metrics) {
    for (std::uint32_t p = 0; p < trace.processes.size(); ++p) {
        const Process& process = trace.processes[p];
        const bool empty =
            process.threads.empty() && process.asyncTracks.empty() && process.counters.empty();
        if (empty)
            continue;
        lanes_.push_back({Lane::Type::ProcessHeader, p, kNoIndex, kNoIndex, totalHeight_,
                          metrics_.headerHeight, 0});
        totalHeight_ += metrics_.headerHeight;
        for (std::uint32_t t : process.threads)
            if (trace.threads[t].sliceTrack != kNoIndex)
                addSliceLane(trace, p, trace.threads[t].sliceTrack, t);
        for (std::uint32_t a : process.asyncTracks)
            addSliceLane(trace, p, trace.asyncTracks[a].sliceTrack, kNoIndex);
        for (std::uint32_t c : process.counters) {
            lanes_.push_back({Lane::Type::Counter, p, c, kNoIndex, totalHeight_,
                              metrics_.counterHeight, 0, counterMaximum(trace.counters[c])});
            totalHeight_ += metrics_.counterHeight + metrics_.laneGap;
        }
    }
}

void TimelineLanes::addSliceLane(const Trace& trace, std::uint32_t process, std::uint32_t track,
                                 std::uint32_t thread) {
    const std::uint16_t rows = std::max<std::uint16_t>(1, trace.sliceTracks[track].rowCount());
    const int height = rows * metrics_.rowHeight;
    lanes_.push_back({Lane::Type::Slices, process, track, thread, totalHeight_, height, rows});
    totalHeight_ += height + metrics_.laneGap;
}

} // namespace lanescope::widgets
