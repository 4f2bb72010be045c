// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "lane_state.h"
#include "session/lane_identity.h"
#include "session/session.h"
#include "timeline_renderer.h"

#include <optional>

namespace lanescope::widgets {

// The timeline's lane choices and visible range as a session's ViewState (lanes by identity,
// so they survive reloading), and back. Lanes the trace no longer has are left out.
session::ViewState viewStateOf(const LaneState& lanes, const TimelineViewport& viewport,
                               const session::LaneIdentities& identities);
LaneState laneStateOf(const session::ViewState& view, const session::LaneIdentities& identities);

} // namespace lanescope::widgets
