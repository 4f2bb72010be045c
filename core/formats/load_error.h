// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace lanescope::formats {

// A load that cannot produce a trace: what() reads "FILE: offset N: what went wrong".
class LoadError : public std::runtime_error {
public:
    LoadError(std::string file, std::optional<std::uint64_t> offset, std::string message);

    const std::string& file() const { return file_; }
    std::optional<std::uint64_t> offset() const { return offset_; }
    const std::string& message() const { return message_; }

private:
    std::string file_;
    std::optional<std::uint64_t> offset_;
    std::string message_;
};

// Thrown when the caller's cancel flag was raised during a load.
class LoadCancelled : public std::runtime_error {
public:
    LoadCancelled() : std::runtime_error("load cancelled") {}
};

} // namespace lanescope::formats
