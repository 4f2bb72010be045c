// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
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

namespace {

// The time range and bins that cover every part with bins.
struct CommonBins {
    TimeNs start = 0;
    TimeNs width = 0;
    std::size_t count = 0;
};

CommonBins commonBins(const std::vector<std::shared_ptr<const LoadPreview>>& parts) {
    CommonBins common;
    TimeNs end = 0;
    for (const auto& part : parts) {
        if (!part || part->binWidth == 0 || part->binCount() == 0)
            continue;
        const TimeNs partEnd = part->start + part->binWidth * static_cast<TimeNs>(part->binCount());
        if (common.width == 0) {
            common = {part->start, part->binWidth, 0};
            end = partEnd;
        }
        common.start = std::min(common.start, part->start);
        common.width = std::max(common.width, part->binWidth);
        end = std::max(end, partEnd);
    }
    if (common.width == 0)
        return common;
    while (distance(common.start, end) >
           static_cast<std::uint64_t>(common.width) * PreviewBins::kMaxBins)
        common.width *= 2;
    const std::uint64_t width = static_cast<std::uint64_t>(common.width);
    common.count = static_cast<std::size_t>((distance(common.start, end) + width - 1) / width);
    return common;
}

// A lane's busy shares on the common bins: each source bin's covered time is spread over the
// common bins it overlaps.
std::vector<float> resampled(const std::vector<float>& busy, TimeNs start, TimeNs width,
                             const CommonBins& to) {
    std::vector<double> covered(to.count, 0.0);
    const auto toWidth = static_cast<std::uint64_t>(to.width);
    for (std::size_t b = 0; b < busy.size(); ++b) {
        if (busy[b] <= 0)
            continue;
        const TimeNs binStart = start + static_cast<TimeNs>(b) * width;
        const TimeNs binEnd = binStart + width;
        const std::size_t first = distance(to.start, binStart) / toWidth;
        const std::size_t last = std::min(distance(to.start, binEnd - 1) / toWidth, to.count - 1);
        for (std::size_t k = first; k <= last; ++k) {
            const TimeNs kStart = to.start + static_cast<TimeNs>(k) * to.width;
            const TimeNs overlap = std::min(binEnd, kStart + to.width) - std::max(binStart, kStart);
            covered[k] += static_cast<double>(busy[b]) * static_cast<double>(overlap);
        }
    }
    std::vector<float> shares(to.count);
    for (std::size_t k = 0; k < to.count; ++k)
        shares[k] = static_cast<float>(std::min(1.0, covered[k] / static_cast<double>(to.width)));
    return shares;
}

} // namespace

std::shared_ptr<const LoadPreview>
combinePreviews(const std::vector<std::shared_ptr<const LoadPreview>>& parts,
                const std::vector<std::string>& labels) {
    const CommonBins common = commonBins(parts);
    auto combined = std::make_shared<LoadPreview>();
    combined->start = common.start;
    combined->binWidth = common.width;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        if (!parts[p])
            continue;
        const std::string label = p < labels.size() && !labels[p].empty() ? labels[p] + " · " : "";
        for (const LoadPreview::Lane& lane : parts[p]->lanes)
            combined->lanes.push_back(
                {label + lane.process, lane.thread,
                 resampled(lane.busy, parts[p]->start, parts[p]->binWidth, common)});
    }
    return combined;
}

} // namespace lanescope
