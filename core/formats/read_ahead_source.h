// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/byte_source.h"

#include <memory>

namespace lanescope::formats {

// Reads `inner` ahead on a thread of its own, so that inflating gzip runs on one core while
// the caller parses on another. Hands out exactly the bytes `inner` would, in the same order,
// in chunks of at most kReadAheadChunk; at most kReadAheadChunks of them wait read ahead
// (memory stays bounded whatever the file's size). An error `inner` throws is rethrown by the
// read() that reaches its position. positionOnDisk() is where `inner` was when the bytes handed
// out so far were read; damage() and seekIndex() are `inner`'s once read() has returned 0
// (before: "" and nullptr).
// Destroying the source stops the thread (a cancelled load does not wait for the file's end).
std::unique_ptr<ByteSource> readAhead(std::unique_ptr<ByteSource> inner);

inline constexpr std::size_t kReadAheadChunk = std::size_t{1} << 20;
inline constexpr std::size_t kReadAheadChunks = 4;

} // namespace lanescope::formats
