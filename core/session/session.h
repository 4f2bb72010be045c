// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/time.h"
#include "session/annotation_set.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lanescope::session {

// What the user left the view as. Lanes are named as a LaneKey-independent text:
// "process:<process identity>", "track:<track identity>", "counter:<counter identity>",
// "rank:<file identity>" (see LaneIdentities).
struct ViewState {
    std::optional<TimeNs> start;
    std::optional<TimeNs> end;
    std::vector<std::string> pinned; // in pinning order
    std::vector<std::string> hidden;
    std::vector<std::string> collapsed;
    friend bool operator==(const ViewState&, const ViewState&) = default;
};

// Everything a sidecar session file keeps about one trace.
struct Session {
    AnnotationSet annotations;
    ViewState view;
    std::vector<std::pair<std::string, double>> thresholds; // only those the user changed
};

// The session file format's version; a file with a larger one came from a newer Lanescope.
inline constexpr int kSessionVersion = 1;

} // namespace lanescope::session
