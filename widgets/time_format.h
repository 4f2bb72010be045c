// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/time.h"

#include <QString>
#include <optional>

namespace lanescope::widgets {

// "12.5 ms", "830 ns": a duration in the unit that reads best.
QString formatDuration(TimeNs ns);
// A difference: "+1.2 ms", "−830 ns" (a true minus sign), "0".
QString formatSignedDuration(TimeNs ns);

// A ruler tick `t` ns after the trace start, with as many decimals as the tick spacing `step`
// needs to tell neighbours apart ("14.495 ms" next to "14.500 ms").
QString formatTick(TimeNs t, TimeNs step);

// An absolute timestamp for the ruler, with as many decimals as `step` (the tick spacing)
// needs. Epoch-based clocks read as UTC time of day ("14:03:27.125 300"); others as seconds.
// Kineto writes times relative to `baseTimeNs`, which is added back first.
QString formatTimestamp(TimeNs t, TimeNs step, std::optional<std::int64_t> baseTimeNs);

} // namespace lanescope::widgets
