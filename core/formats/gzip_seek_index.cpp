// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/gzip_seek_index.h"

#include <algorithm>
#include <cstring>

namespace lanescope::formats {

namespace {

// zlib's strm.data_type after inflate() returns: 128 when it stopped right after a block (or a
// member's header, before the first block), 64 when that block was the member's last (what
// follows is the trailer, not a block), and in the low 3 bits the unused bits of the last byte.
bool atBlockBoundary(int dataType) {
    return (dataType & 128) != 0 && (dataType & 64) == 0;
}

} // namespace

int GzipIndexRecorder::inflateOnce(z_stream& stream, std::uint64_t inputEnd) {
    const bool due = out_ >= nextPointAt_;
    // Not due yet: stop exactly where one becomes due, so the point lands on the first block
    // boundary after it however large the caller's output buffer is.
    const uInt room = stream.avail_out;
    const uInt limit =
        due ? room : static_cast<uInt>(std::min<std::uint64_t>(room, nextPointAt_ - out_));
    unsigned char* const start = stream.next_out;
    stream.avail_out = limit;
    const int rc = ::inflate(&stream, due ? Z_BLOCK : Z_NO_FLUSH);
    const std::size_t produced = limit - stream.avail_out;
    stream.avail_out = room - static_cast<uInt>(produced);

    const std::uint64_t first = out_;
    out_ += produced;
    const std::uint64_t keepFrom =
        nextPointAt_ > kGzipWindowBytes ? nextPointAt_ - kGzipWindowBytes : 0;
    if (out_ > keepFrom) {
        const std::size_t skip = keepFrom > first ? static_cast<std::size_t>(keepFrom - first) : 0;
        remember(start + skip, produced - skip);
    }
    if (out_ >= nextPointAt_ && atBlockBoundary(stream.data_type) &&
        (rc == Z_OK || rc == Z_BUF_ERROR)) {
        points_.push_back({out_, inputEnd - stream.avail_in, stream.data_type & 7, window()});
        nextPointAt_ = out_ + kGzipAccessPointSpan;
        ringFill_ = 0;
    }
    return rc;
}

void GzipIndexRecorder::remember(const unsigned char* bytes, std::size_t count) {
    if (count == 0)
        return;
    if (ring_.empty())
        ring_.resize(kGzipWindowBytes);
    if (count > kGzipWindowBytes) {
        bytes += count - kGzipWindowBytes;
        count = kGzipWindowBytes;
    }
    const std::size_t first = std::min(count, kGzipWindowBytes - ringEnd_);
    std::memcpy(ring_.data() + ringEnd_, bytes, first);
    std::memcpy(ring_.data(), bytes + first, count - first);
    ringEnd_ = (ringEnd_ + count) % kGzipWindowBytes;
    ringFill_ = std::min(kGzipWindowBytes, ringFill_ + count);
}

std::vector<unsigned char> GzipIndexRecorder::window() const {
    // The newest ringFill_ bytes end at ringEnd_; older ones wrap round from the ring's end.
    const std::size_t recent = std::min(ringFill_, ringEnd_);
    const std::size_t wrapped = ringFill_ - recent;
    std::vector<unsigned char> w;
    w.reserve(ringFill_);
    w.insert(w.end(), ring_.end() - static_cast<std::ptrdiff_t>(wrapped), ring_.end());
    w.insert(w.end(), ring_.begin() + static_cast<std::ptrdiff_t>(ringEnd_ - recent),
             ring_.begin() + static_cast<std::ptrdiff_t>(ringEnd_));
    return w;
}

} // namespace lanescope::formats
