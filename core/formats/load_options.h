#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

namespace lanescope::formats {

struct LoadProgress {
    std::uint64_t bytesDone = 0;  // bytes of the file(s) on disk consumed so far
    std::uint64_t bytesTotal = 0; // total bytes on disk
    std::uint64_t events = 0;     // events parsed so far
};

struct LoadOptions {
    // Called from the loading thread every few MB.
    std::function<void(const LoadProgress&)> progress;
    // Checked every few MB; when it becomes true the load throws LoadCancelled.
    const std::atomic<bool>* cancel = nullptr;
};

} // namespace lanescope::formats
