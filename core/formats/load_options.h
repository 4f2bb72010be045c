#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace lanescope::formats {

struct LoadProgress {
    std::uint64_t bytesDone = 0;  // bytes of the file(s) on disk consumed so far
    std::uint64_t bytesTotal = 0; // total bytes on disk
    std::uint64_t events = 0;     // events parsed so far
    // Of the events of the file being read, the ones parsed ahead on other threads.
    std::uint64_t eventsParsedAhead = 0;
};

struct LoadOptions {
    // Called from the loading thread every few MB.
    std::function<void(const LoadProgress&)> progress;
    // Checked every few MB; when it becomes true the load throws LoadCancelled.
    const std::atomic<bool>* cancel = nullptr;
    // Threads that parse events ahead of the one building the trace (formats/event_parse_ahead.h):
    // 0 is one per core, 1 parses on the loading thread alone. The loaded trace is the same
    // whatever the count; only the speed differs.
    unsigned threads = 0;
    // The bytes each parsing thread takes at a time; 0 is EventParseAhead's default. Tests make it
    // small to put many block boundaries inside small traces.
    std::size_t parseBlockBytes = 0;
};

} // namespace lanescope::formats
