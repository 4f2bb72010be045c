// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/parallel_for.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lanescope {
struct LoadPreview;
}

namespace lanescope::formats {

struct LoadProgress {
    std::uint64_t bytesDone = 0;  // bytes of the file(s) on disk consumed so far
    std::uint64_t bytesTotal = 0; // total bytes on disk
    std::uint64_t events = 0;     // events parsed so far
    // Of the events of the file being read, the ones parsed ahead on other threads.
    std::uint64_t eventsParsedAhead = 0;
    // What was read so far (model/load_preview.h), every LoadOptions::previewInterval; null in
    // the other reports.
    std::shared_ptr<const LoadPreview> preview;
    // Every byte was read and the trace is being built from it (seconds for the largest).
    bool building = false;
};

struct LoadOptions {
    // Called every few MB from a loading thread (ranks of a job are read side by side), one
    // call at a time.
    std::function<void(const LoadProgress&)> progress;
    // How often a progress report carries a preview of what was read so far (zero: never). The
    // preview is made on the loading thread, from the slices read since the last one.
    std::chrono::milliseconds previewInterval{0};
    // Checked every few MB; when it becomes true the load throws LoadCancelled.
    const std::atomic<bool>* cancel = nullptr;
    // Threads of a load: with more than one, events are parsed ahead of the thread building the
    // trace (formats/event_parse_ahead.h) and gzip is inflated on a thread of its own; 0 is one
    // per core, 1 runs the whole load on the calling thread. The loaded trace is the same
    // whatever the count; only the speed differs.
    unsigned threads = 0;
    // The bytes each parsing thread takes at a time; 0 is EventParseAhead's default. Tests make it
    // small to put many block boundaries inside small traces.
    std::size_t parseBlockBytes = 0;
    // Of a job folder (formats/ascend_folder.h), the ranks to read, by AscendRankInput::folder
    // as discovery names it (several ranks stacked in one timeline); empty reads every rank. The
    // trace's notes say how many of the job's ranks were read.
    std::vector<std::string> onlyRankFolders;
};

// The threads a load may use: LoadOptions::threads, or one per core when it is 0. With one, a
// load runs on its calling thread alone (gzip is inflated there too).
inline unsigned loadThreads(const LoadOptions& options) {
    return threadsOrCores(options.threads);
}

} // namespace lanescope::formats
