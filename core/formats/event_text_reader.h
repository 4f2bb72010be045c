#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace lanescope::formats {

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
// (detected by their magic bytes, as the loader does) go through a seek index built on first
// use and cached per path. Never throws: failures come back in EventText::error.
EventText readEventText(const std::string& path, std::uint64_t offset);

// What the cached gzip seek index of `path` holds (nullopt when none is cached).
struct GzipIndexStats {
    std::size_t accessPoints = 0;
    std::uint64_t decompressedBytes = 0;
};
std::optional<GzipIndexStats> cachedGzipIndex(const std::string& path);

// Drops every cached gzip index (each holds 32 KB of window per 4 MB of decompressed text).
void clearEventTextCache();

} // namespace lanescope::formats
