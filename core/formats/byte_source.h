// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace lanescope::formats {

struct GzipSeekIndex;

// Sequential bytes of a trace file, decompressed when it is gzip. Readers pull chunks; progress
// is reported in bytes of the file on disk so it reaches 100 % for compressed files too.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Fills up to `capacity` bytes; returns 0 at the end. Throws LoadError on an I/O error.
    virtual std::size_t read(char* destination, std::size_t capacity) = 0;
    virtual std::uint64_t positionOnDisk() const = 0;
    // Bytes handed out by read() so far (decompressed bytes for gzip).
    virtual std::uint64_t bytesRead() const = 0;
    virtual std::uint64_t sizeOnDisk() const = 0;
    virtual bool compressed() const = 0;
    // Set when the stream ended early (a cut or corrupt gzip): the message says why.
    virtual const std::string& damage() const = 0;
    // Gzip: the access points recorded while inflating, once read() has returned every byte of
    // an undamaged file (nullptr before that, for plain files and when the file cannot be
    // indexed this way). The event text reader can seek with them instead of inflating again.
    virtual std::shared_ptr<const GzipSeekIndex> seekIndex() const { return nullptr; }
};

// Opens a file (gzip detected by its magic bytes, not its name). Throws LoadError when the path
// is missing, a directory or unreadable. Gzip is inflated on a thread of its own
// (read_ahead_source.h) unless `inflateAhead` is false.
std::unique_ptr<ByteSource> openByteSource(const std::string& path, bool inflateAhead = true);

// The same over bytes the caller keeps alive while the source is read (gzip detected likewise;
// no seek index, as there is no file to seek in).
std::unique_ptr<ByteSource> memoryByteSource(std::string_view bytes);

} // namespace lanescope::formats
