// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>
#include <zlib.h>

namespace lanescope::formats {

// Random access into a gzip file (the zran technique): inflation can restart at a deflate block
// boundary given the compressed bit position where the next block begins and the 32 KB of
// output before it, which that block's back-references may reach into.

// One access point per this many decompressed bytes: a read inflates at most about this much to
// reach its event, and the index costs 32 KB of window per span.
inline constexpr std::uint64_t kGzipAccessPointSpan = std::uint64_t{4} << 20;
inline constexpr std::size_t kGzipWindowBytes = 32768; // deflate's largest back-reference

struct GzipAccessPoint {
    std::uint64_t out = 0; // decompressed offset
    std::uint64_t in = 0;  // compressed offset of the first byte not yet fully consumed
    int bits = 0;          // unused low bits of the byte at in - 1 that belong to the next block
    std::vector<unsigned char> window; // the min(out, 32 KB) bytes of output before `out`
};

struct GzipSeekIndex {
    std::uint64_t fileSize = 0;
    std::int64_t modified = 0;           // st_mtim in nanoseconds
    std::uint64_t decompressedBytes = 0; // what inflated cleanly; damage after it is unreadable
    std::vector<GzipAccessPoint> points; // ascending out; the first is at out == 0
};

// Collects access points while a stream is inflated front to back, whoever does the inflating
// (the loader's ByteSource or the event text reader's own pass). Only the output near the next
// point is copied, so recording costs next to nothing on top of inflating.
class GzipIndexRecorder {
public:
    // Runs inflate() once on `stream`, as `inflate(&stream, Z_NO_FLUSH)` would, except that it
    // stops where an access point becomes due and, once one is due, at the next block boundary
    // (Z_BLOCK), where it records the point. `inputEnd` is the compressed offset just past the
    // last byte of the input buffer `stream.next_in` points into. Returns inflate()'s code.
    int inflateOnce(z_stream& stream, std::uint64_t inputEnd);

    std::uint64_t decompressedBytes() const { return out_; }
    std::vector<GzipAccessPoint> takePoints() { return std::move(points_); }

private:
    void remember(const unsigned char* bytes, std::size_t count);
    std::vector<unsigned char> window() const;

    std::uint64_t out_ = 0;
    std::uint64_t nextPointAt_ = 0; // the first point is right after the gzip header
    std::vector<GzipAccessPoint> points_;
    std::vector<unsigned char> ring_; // the latest output at or after nextPointAt_ - 32 KB
    std::size_t ringEnd_ = 0;
    std::size_t ringFill_ = 0;
};

} // namespace lanescope::formats
