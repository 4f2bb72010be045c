// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lanescope::session {

// Names for a trace's files, processes, slice tracks and counters that survive reloading (the
// indices do not promise to: a fixed loader or a re-exported trace may order them differently),
// so a session file can say which lanes were pinned and which event a note is about.
//   file:    "rank 1" (its job rank) or "file 0"
//   process: "<file>/pid 2480317"
//   track:   "<process>/tid 2480317" for a thread, "<process>/async <name>" for an async track
//   counter: "<process>/counter <name>"
// Pids and tids are written as the trace wrote them (numbers or text).
class LaneIdentities {
public:
    explicit LaneIdentities(const Trace& trace);

    const std::string& file(std::uint32_t file) const { return files_.at(file); }
    const std::string& process(std::uint32_t process) const { return processes_.at(process); }
    const std::string& track(std::uint32_t track) const { return tracks_.at(track); }
    const std::string& counter(std::uint32_t counter) const { return counters_.at(counter); }

    std::optional<std::uint32_t> findFile(std::string_view identity) const;
    std::optional<std::uint32_t> findProcess(std::string_view identity) const;
    std::optional<std::uint32_t> findTrack(std::string_view identity) const;
    std::optional<std::uint32_t> findCounter(std::string_view identity) const;
    // The process a slice track or counter belongs to (kNoIndex for an unowned track).
    std::uint32_t processOfTrack(std::uint32_t track) const { return trackProcess_.at(track); }
    std::uint32_t processOfCounter(std::uint32_t counter) const {
        return counterProcess_.at(counter);
    }

private:
    using Index = std::unordered_map<std::string, std::uint32_t>;
    static std::optional<std::uint32_t> find(const Index& index, std::string_view identity);
    static Index indexOf(const std::vector<std::string>& names);

    std::vector<std::string> files_;
    std::vector<std::string> processes_;
    std::vector<std::string> tracks_;
    std::vector<std::string> counters_;
    std::vector<std::uint32_t> trackProcess_;
    std::vector<std::uint32_t> counterProcess_;
    Index fileIndex_;
    Index processIndex_;
    Index trackIndex_;
    Index counterIndex_;
};

} // namespace lanescope::session
