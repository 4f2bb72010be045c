#include "model/load_preview.h"

#include <algorithm>

namespace lanescope {

namespace {

constexpr TimeNs kFirstBinWidth = 1000;

// b - a for times within the trace's range (±2^62), where the signed difference could overflow.
std::uint64_t distance(TimeNs a, TimeNs b) {
    return static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a);
}

} // namespace

void PreviewBins::add(std::uint32_t lane, TimeNs start, TimeNs end) {
    end = std::max(end, start + 1);
    cover(start, end);
    if (covered_.size() <= lane)
        covered_.resize(lane + 1, std::vector<TimeNs>(bins_, 0));
    std::vector<TimeNs>& bins = covered_[lane];
    const std::size_t first = distance(origin_, start) / static_cast<std::uint64_t>(width_);
    const std::size_t last = distance(origin_, end - 1) / static_cast<std::uint64_t>(width_);
    for (std::size_t b = first; b <= last; ++b) {
        const TimeNs binStart = origin_ + static_cast<TimeNs>(b) * width_;
        bins[b] += std::min(end, binStart + width_) - std::max(start, binStart);
    }
}

std::vector<float> PreviewBins::busy(std::uint32_t lane) const {
    std::vector<float> shares(bins_, 0.0f);
    if (lane >= covered_.size())
        return shares;
    for (std::size_t b = 0; b < bins_; ++b)
        shares[b] = std::min(1.0f, static_cast<float>(static_cast<double>(covered_[lane][b]) /
                                                      static_cast<double>(width_)));
    return shares;
}

void PreviewBins::cover(TimeNs start, TimeNs end) {
    if (width_ == 0) {
        origin_ = start;
        width_ = kFirstBinWidth;
    }
    for (;;) {
        const std::uint64_t width = static_cast<std::uint64_t>(width_);
        const std::uint64_t front = start < origin_ ? (distance(start, origin_) + width - 1) / width
                                                    : 0; // bins to add in front
        const TimeNs from = origin_ - static_cast<TimeNs>(front * width);
        const std::uint64_t needed =
            std::max<std::uint64_t>(front + bins_, (distance(from, end) + width - 1) / width);
        if (needed <= kMaxBins) {
            for (std::vector<TimeNs>& bins : covered_) {
                bins.insert(bins.begin(), front, 0);
                bins.resize(needed, 0);
            }
            origin_ = from;
            bins_ = needed;
            return;
        }
        doubleWidth();
    }
}

void PreviewBins::doubleWidth() {
    const std::size_t halved = (bins_ + 1) / 2;
    for (std::vector<TimeNs>& bins : covered_) {
        for (std::size_t b = 0; b < halved; ++b)
            bins[b] = bins[2 * b] + (2 * b + 1 < bins_ ? bins[2 * b + 1] : 0);
        bins.resize(halved);
    }
    bins_ = halved;
    width_ *= 2;
}

} // namespace lanescope
