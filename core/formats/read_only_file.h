// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <string>

namespace lanescope::formats {

// A trace file opened for reading, with the size and modification time it had when opened (the
// gzip seek index is tied to both). Reads retry on EINTR; failures throw LoadError naming the
// file and the position.
class ReadOnlyFile {
public:
    // Throws LoadError when the path is missing or unreadable, or is not a regular file (a
    // directory, a FIFO, a device, a socket: never blocks waiting for a writer).
    explicit ReadOnlyFile(const std::string& path);
    ~ReadOnlyFile();
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

    // Sequential reads from the start; position() counts the bytes handed out.
    std::size_t read(char* destination, std::size_t capacity);
    // A read at `position` that leaves the sequential position alone.
    std::size_t readAt(std::uint64_t position, void* destination, std::size_t capacity) const;
    // The first two bytes are gzip's magic (content decides, not the name).
    bool hasGzipMagic() const;

    const std::string& path() const { return path_; }
    std::uint64_t position() const { return position_; }
    std::uint64_t size() const { return size_; }
    std::int64_t modified() const { return modified_; } // ns since the epoch

private:
    std::string path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::int64_t modified_ = 0;
    std::uint64_t position_ = 0;
};

// Throws LoadError as ReadOnlyFile does unless `path` is a readable regular file; for files a
// library opens itself (SQLite), which would block on a FIFO.
void requireRegularFile(const std::string& path);

// The whole of a small regular file (side files, sessions, profiler_info), through ReadOnlyFile;
// throws LoadError as it does, and when the file is larger than `maxBytes`.
std::string readWholeFile(const std::string& path, std::uint64_t maxBytes);

} // namespace lanescope::formats
