// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/time.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lanescope {

// What a load has read so far, for the window to draw while the load goes on: every thread lane
// with slices and how busy it was over the time read so far. Made on the loading thread
// (TraceBuilder::preview) and immutable after, so the window holds it while the builder goes on.
struct LoadPreview {
    struct Lane {
        std::string process; // its name, or "pid N" until a name is read
        std::string thread;  // likewise, "tid N"
        // Per bin: the share of the bin its slices cover; nested slices add up, capped at 1.
        std::vector<float> busy;
    };
    TimeNs start = 0;    // where bin 0 begins
    TimeNs binWidth = 0; // 0 when no slice was read yet
    std::vector<Lane> lanes;

    std::size_t binCount() const { return lanes.empty() ? 0 : lanes.front().busy.size(); }
};

// The previews of files read side by side, on one time axis: the lanes of each part in turn,
// their process names after the part's label ("rank 1 · python3"), their bins re-sampled onto
// bins that cover every part (at most PreviewBins::kMaxBins, a power-of-two multiple of the
// widest part's). Null parts and empty labels are allowed.
std::shared_ptr<const LoadPreview>
combinePreviews(const std::vector<std::shared_ptr<const LoadPreview>>& parts,
                const std::vector<std::string>& labels);

// Accumulates the preview's bins one slice at a time: at most kMaxBins bins over the time read
// so far, each lane's covered nanoseconds per bin. The bins start 1 µs wide and double in width
// (neighbours merged) whenever a slice falls outside what kMaxBins of them reach; a slice before
// the first bin adds bins in front. Slices may come in any order.
class PreviewBins {
public:
    static constexpr std::size_t kMaxBins = 2048;

    // Adds [start, end) to `lane`'s bins (an empty slice only widens the time range).
    void add(std::uint32_t lane, TimeNs start, TimeNs end);

    TimeNs start() const { return origin_; }
    TimeNs binWidth() const { return width_; }
    std::size_t binCount() const { return bins_; }
    // The lane's share of each bin covered, capped at 1 (zeros for a lane never added to).
    std::vector<float> busy(std::uint32_t lane) const;

private:
    void cover(TimeNs start, TimeNs end);
    void doubleWidth();

    std::vector<std::vector<TimeNs>> covered_; // per lane, per bin: nanoseconds covered
    TimeNs origin_ = 0;
    TimeNs width_ = 0;
    std::size_t bins_ = 0;
};

} // namespace lanescope
