// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "view_state_io.h"

namespace lanescope::widgets {

namespace {

constexpr std::string_view kRank = "rank:";
constexpr std::string_view kProcess = "process:";
constexpr std::string_view kTrack = "track:";
constexpr std::string_view kCounter = "counter:";

std::string nameOf(const LaneKey& key, const session::LaneIdentities& ids) {
    switch (key.kind) {
    case LaneKey::Kind::Rank:
        return std::string(kRank) + ids.file(key.group);
    case LaneKey::Kind::Process:
        return std::string(kProcess) + ids.process(key.group);
    case LaneKey::Kind::Slices:
        return std::string(kTrack) + ids.track(key.index);
    case LaneKey::Kind::Counter:
        return std::string(kCounter) + ids.counter(key.index);
    }
    return {};
}

std::optional<LaneKey> keyOf(std::string_view name, const session::LaneIdentities& ids) {
    const auto after = [&](std::string_view prefix) { return name.substr(prefix.size()); };
    if (name.starts_with(kRank))
        if (const auto file = ids.findFile(after(kRank)))
            return LaneKey{LaneKey::Kind::Rank, *file, 0};
    if (name.starts_with(kProcess))
        if (const auto process = ids.findProcess(after(kProcess)))
            return LaneKey{LaneKey::Kind::Process, *process, 0};
    if (name.starts_with(kTrack))
        if (const auto track = ids.findTrack(after(kTrack)))
            return LaneKey{LaneKey::Kind::Slices, ids.processOfTrack(*track), *track};
    if (name.starts_with(kCounter))
        if (const auto counter = ids.findCounter(after(kCounter)))
            return LaneKey{LaneKey::Kind::Counter, ids.processOfCounter(*counter), *counter};
    return std::nullopt;
}

template <typename Keys>
std::vector<std::string> namesOf(const Keys& keys, const session::LaneIdentities& ids) {
    std::vector<std::string> names;
    for (const LaneKey& key : keys)
        names.push_back(nameOf(key, ids));
    return names;
}

} // namespace

session::ViewState viewStateOf(const LaneState& lanes, const TimelineViewport& viewport,
                               const session::LaneIdentities& identities) {
    session::ViewState view;
    view.start = viewport.start;
    view.end = viewport.end;
    view.pinned = namesOf(lanes.pinned, identities);
    view.hidden = namesOf(lanes.hidden, identities);
    view.collapsed = namesOf(lanes.collapsed, identities);
    return view;
}

LaneState laneStateOf(const session::ViewState& view, const session::LaneIdentities& identities) {
    LaneState state;
    for (const std::string& name : view.pinned)
        if (const auto key = keyOf(name, identities))
            state.pinned.push_back(*key);
    for (const std::string& name : view.hidden)
        if (const auto key = keyOf(name, identities))
            state.hidden.insert(*key);
    for (const std::string& name : view.collapsed)
        if (const auto key = keyOf(name, identities))
            state.collapsed.insert(*key);
    return state;
}

} // namespace lanescope::widgets
