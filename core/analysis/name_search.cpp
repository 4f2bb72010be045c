// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/name_search.h"

#include <algorithm>
#include <queue>
#include <tuple>

namespace lanescope::analysis {

namespace {

char foldAscii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool contains(std::string_view text, std::string_view needle, bool caseSensitive) {
    if (caseSensitive)
        return text.find(needle) != std::string_view::npos;
    const auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                                [](char a, char b) { return foldAscii(a) == foldAscii(b); });
    return it != text.end();
}

// Distinct names are far fewer than slices: each is tested once.
std::vector<bool> matchingNames(const StringPool& strings, std::string_view needle,
                                bool caseSensitive) {
    std::vector<bool> matches(strings.size());
    for (StringId id = 0; id < strings.size(); ++id)
        matches[id] = contains(strings.view(id), needle, caseSensitive);
    return matches;
}

// The next matching slice of one track; tracks hold their slices in start order, so merging
// the tracks' cursors yields matches in (start, track, slice) order without sorting them all.
struct Cursor {
    TimeNs start = 0;
    std::uint32_t track = 0;
    std::uint32_t slice = 0;
    friend bool operator>(const Cursor& a, const Cursor& b) {
        return std::tie(a.start, a.track, a.slice) > std::tie(b.start, b.track, b.slice);
    }
};

bool advance(const SliceTrack& track, const std::vector<bool>& matches, Cursor& cursor) {
    while (cursor.slice < track.size() && !matches[track.name(cursor.slice)])
        ++cursor.slice;
    if (cursor.slice == track.size())
        return false;
    cursor.start = track.start(cursor.slice);
    return true;
}

std::uint64_t countMatches(const Trace& trace, const std::vector<bool>& matches) {
    std::uint64_t total = 0;
    for (const SliceTrack& track : trace.sliceTracks)
        for (std::uint32_t i = 0; i < track.size(); ++i)
            total += matches[track.name(i)] ? 1 : 0;
    return total;
}

} // namespace

SearchResult searchSlices(const Trace& trace, std::string_view needle,
                          const SearchOptions& options) {
    SearchResult result;
    if (needle.empty())
        return result;
    const std::vector<bool> matches = matchingNames(trace.strings, needle, options.caseSensitive);
    result.total = countMatches(trace, matches);
    const std::size_t keep =
        static_cast<std::size_t>(std::min<std::uint64_t>(result.total, options.limit));
    result.matches.reserve(keep);
    std::priority_queue<Cursor, std::vector<Cursor>, std::greater<>> heads;
    for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t) {
        Cursor cursor{0, t, 0};
        if (keep > 0 && advance(trace.sliceTracks[t], matches, cursor))
            heads.push(cursor);
    }
    while (result.matches.size() < keep && !heads.empty()) {
        Cursor cursor = heads.top();
        heads.pop();
        result.matches.push_back({cursor.track, cursor.slice});
        ++cursor.slice;
        if (advance(trace.sliceTracks[cursor.track], matches, cursor))
            heads.push(cursor);
    }
    return result;
}

} // namespace lanescope::analysis
