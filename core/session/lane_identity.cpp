// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "session/lane_identity.h"

namespace lanescope::session {

LaneIdentities::LaneIdentities(const Trace& trace) {
    for (std::uint32_t f = 0; f < trace.files.size(); ++f)
        files_.push_back(trace.files[f].rank ? "rank " + std::to_string(*trace.files[f].rank)
                                             : "file " + std::to_string(f));
    for (const Process& process : trace.processes)
        processes_.push_back(
            (process.sourceFile < files_.size() ? files_[process.sourceFile] : "file ?") + "/pid " +
            toString(process.pid, trace.strings));
    tracks_.assign(trace.sliceTracks.size(), {});
    trackProcess_.assign(trace.sliceTracks.size(), kNoIndex);
    for (const Thread& thread : trace.threads)
        if (thread.sliceTrack < tracks_.size()) {
            tracks_[thread.sliceTrack] =
                processes_[thread.process] + "/tid " + toString(thread.tid, trace.strings);
            trackProcess_[thread.sliceTrack] = thread.process;
        }
    for (const AsyncTrack& async : trace.asyncTracks)
        if (async.sliceTrack < tracks_.size()) {
            tracks_[async.sliceTrack] =
                processes_[async.process] + "/async " + std::string(trace.str(async.name));
            trackProcess_[async.sliceTrack] = async.process;
        }
    for (std::uint32_t t = 0; t < tracks_.size(); ++t)
        if (tracks_[t].empty()) // not owned by a thread or async track: keep it addressable
            tracks_[t] = "track " + std::to_string(t);
    for (const CounterTrack& counter : trace.counters) {
        counters_.push_back(processes_[counter.process] + "/counter " +
                            std::string(trace.str(counter.name)));
        counterProcess_.push_back(counter.process);
    }
    fileIndex_ = indexOf(files_);
    processIndex_ = indexOf(processes_);
    trackIndex_ = indexOf(tracks_);
    counterIndex_ = indexOf(counters_);
}

LaneIdentities::Index LaneIdentities::indexOf(const std::vector<std::string>& names) {
    Index index;
    for (std::uint32_t i = 0; i < names.size(); ++i)
        index.emplace(names[i], i); // the first wins when two lanes share a name
    return index;
}

std::optional<std::uint32_t> LaneIdentities::find(const Index& index, std::string_view identity) {
    const auto it = index.find(std::string(identity));
    if (it == index.end())
        return std::nullopt;
    return it->second;
}

std::optional<std::uint32_t> LaneIdentities::findFile(std::string_view identity) const {
    return find(fileIndex_, identity);
}
std::optional<std::uint32_t> LaneIdentities::findProcess(std::string_view identity) const {
    return find(processIndex_, identity);
}
std::optional<std::uint32_t> LaneIdentities::findTrack(std::string_view identity) const {
    return find(trackIndex_, identity);
}
std::optional<std::uint32_t> LaneIdentities::findCounter(std::string_view identity) const {
    return find(counterIndex_, identity);
}

} // namespace lanescope::session
