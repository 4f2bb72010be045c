// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/load_error.h"

namespace lanescope::formats {

namespace {
std::string describe(const std::string& file, std::optional<std::uint64_t> offset,
                     const std::string& message) {
    std::string text = file + ": ";
    if (offset)
        text += "offset " + std::to_string(*offset) + ": ";
    return text + message;
}
} // namespace

LoadError::LoadError(std::string file, std::optional<std::uint64_t> offset, std::string message)
    : std::runtime_error(describe(file, offset, message)), file_(std::move(file)), offset_(offset),
      message_(std::move(message)) {}

} // namespace lanescope::formats
