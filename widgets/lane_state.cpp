// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "lane_state.h"

#include <algorithm>

namespace lanescope::widgets {

bool LaneState::isPinned(const LaneKey& key) const {
    return std::find(pinned.begin(), pinned.end(), key) != pinned.end();
}

void LaneState::togglePinned(const LaneKey& key) {
    if (const auto it = std::find(pinned.begin(), pinned.end(), key); it != pinned.end())
        pinned.erase(it);
    else
        pinned.push_back(key);
}

void LaneState::toggleCollapsed(const LaneKey& key) {
    if (!collapsed.erase(key))
        collapsed.insert(key);
}

} // namespace lanescope::widgets
