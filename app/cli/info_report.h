// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace lanescope::cli {

// `lanescope-cli info`: what a user needs to trust a load (format, span, lanes, counts as read
// and as built, and every repair or skip).
nlohmann::ordered_json infoJson(const Trace& trace);
void printInfoText(const Trace& trace, std::ostream& out);

} // namespace lanescope::cli
