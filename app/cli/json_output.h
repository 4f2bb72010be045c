// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

namespace lanescope::cli {

// A command's JSON answer, indented by two; a string that is not valid UTF-8 (a name the
// reader could not repair) is written with U+FFFD rather than aborting the command.
inline void printJson(std::ostream& out, const nlohmann::json& value) {
    out << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

} // namespace lanescope::cli
