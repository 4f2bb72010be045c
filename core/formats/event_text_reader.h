// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace lanescope::formats {

struct GzipSeekIndex;

// A broken offset (or a file replaced since loading) must not make one click pull a whole
// multi-GB file into memory, so longer objects are refused.
inline constexpr std::size_t kMaxEventTextBytes = std::size_t{16} << 20;

struct EventText {
    std::string text;  // the raw JSON object, from its '{' to the matching '}'
    std::string error; // "FILE: offset N: why" when it could not be read ("" on success)
    // Gzip files: the decompressed offset of the access point inflation resumed from (0 for
    // plain files), so callers and tests can tell whether the seek index was used.
    std::uint64_t resumedFrom = 0;
};

// Reads the JSON object whose '{' is at `offset` of the decompressed stream of `path` (the
// offsets SliceTrack and the diagnostics keep). Plain files are read in place; gzip files
// (detected by their magic bytes, as the loader does) go through a seek index cached per path:
// the one the loader recorded (registerGzipSeekIndex), else one built on first use by inflating
// the whole file. Never throws: failures come back in EventText::error.
EventText readEventText(const std::string& path, std::uint64_t offset);

// Hands the reader the seek index recorded while `path` was loaded (ByteSource::seekIndex), so
// the first read does not inflate the whole file again. It is used while the file's size and
// modification time still match the index; otherwise the reader builds its own. An index that
// does not start at offset 0 is ignored.
void registerGzipSeekIndex(const std::string& path, std::shared_ptr<const GzipSeekIndex> index);

// How many seek indexes readEventText has built itself (by inflating a whole file) so far; for
// tests that check a registered index was used.
std::uint64_t gzipIndexBuilds();

// What the cached gzip seek index of `path` holds (nullopt when none is cached).
struct GzipIndexStats {
    std::size_t accessPoints = 0;
    std::uint64_t decompressedBytes = 0;
};
std::optional<GzipIndexStats> cachedGzipIndex(const std::string& path);

// Drops every cached gzip index (each holds 32 KB of window per 4 MB of decompressed text).
void clearEventTextCache();

} // namespace lanescope::formats
