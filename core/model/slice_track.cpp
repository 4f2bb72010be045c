// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "model/slice_track.h"

#include <algorithm>

namespace lanescope {

namespace {
template <class T> std::size_t capacityBytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}
} // namespace

SliceTrack::SliceTrack(Columns columns) : c_(std::move(columns)) {
    index_.build(c_.starts, c_.ends);
    lastEnd_ = c_.ends.empty() ? 0 : *std::max_element(c_.ends.begin(), c_.ends.end());
    buildRows();
}

void SliceTrack::buildRows() {
    std::uint16_t rowCount = 0;
    for (std::uint16_t r : c_.rows)
        rowCount = std::max<std::uint16_t>(rowCount, static_cast<std::uint16_t>(r + 1));

    // Counting sort by row keeps each row in start order.
    rowOffsets_.assign(rowCount + 1u, 0);
    for (std::uint16_t r : c_.rows)
        ++rowOffsets_[r + 1u];
    for (std::size_t r = 1; r < rowOffsets_.size(); ++r)
        rowOffsets_[r] += rowOffsets_[r - 1];
    rowOrder_.resize(c_.rows.size());
    std::vector<std::uint32_t> cursor(rowOffsets_.begin(), rowOffsets_.end() - 1);
    for (std::uint32_t i = 0; i < size(); ++i)
        rowOrder_[cursor[c_.rows[i]]++] = i;

    busyPrefix_.clear();
    busyPrefix_.reserve(rowOrder_.size() + rowCount);
    for (std::uint16_t r = 0; r < rowCount; ++r) {
        const std::uint32_t begin = rowOffsets_[r];
        const auto rowBusy =
            index::buildBusyPrefix(rowOffsets_[r + 1u] - begin, [&](std::uint32_t k) {
                const std::uint32_t i = rowOrder_[begin + k];
                return c_.ends[i] - c_.starts[i];
            });
        busyPrefix_.insert(busyPrefix_.end(), rowBusy.begin(), rowBusy.end());
    }
}

std::uint32_t SliceTrack::sliceCountInRow(std::uint16_t row) const {
    return rowOffsets_[row + 1u] - rowOffsets_[row];
}

void SliceTrack::setEndOffsets(std::vector<std::pair<std::uint32_t, std::uint64_t>> endOffsets) {
    endOffsets_ = std::move(endOffsets);
    std::sort(endOffsets_.begin(), endOffsets_.end());
}

bool SliceTrack::endOffset(std::uint32_t slice, std::uint64_t& offset) const {
    auto it = std::lower_bound(endOffsets_.begin(), endOffsets_.end(),
                               std::pair<std::uint32_t, std::uint64_t>{slice, 0});
    if (it == endOffsets_.end() || it->first != slice)
        return false;
    offset = it->second;
    return true;
}

std::size_t SliceTrack::memoryBytes() const {
    return capacityBytes(c_.starts) + capacityBytes(c_.ends) + capacityBytes(c_.names) +
           capacityBytes(c_.categories) + capacityBytes(c_.rows) + capacityBytes(c_.flags) +
           capacityBytes(c_.sourceOffsets) + index_.memoryBytes() + capacityBytes(rowOffsets_) +
           capacityBytes(rowOrder_) + capacityBytes(busyPrefix_) + capacityBytes(endOffsets_);
}

} // namespace lanescope
