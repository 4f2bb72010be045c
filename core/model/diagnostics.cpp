// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "model/diagnostics.h"

namespace lanescope {

void Diagnostics::count(const std::string& kind, std::uint64_t n) {
    counts_[kind] += n;
}

std::string Diagnostics::Example::where() const {
    return location.empty() ? "offset " + std::to_string(offset) : location;
}

void Diagnostics::report(const std::string& kind, const std::string& file, std::uint64_t offset,
                         std::string message, std::string location) {
    const std::uint64_t seen = counts_[kind]++;
    if (seen < kExamplesPerKind)
        examples_.push_back({kind, file, offset, std::move(message), std::move(location)});
}

void Diagnostics::append(const Diagnostics& later) {
    std::map<std::string, std::uint64_t> seenInLater;
    for (const Example& example : later.examples_)
        if (get(example.kind) + seenInLater[example.kind]++ < kExamplesPerKind)
            examples_.push_back(example);
    for (const auto& [kind, n] : later.counts_)
        counts_[kind] += n;
}

std::uint64_t Diagnostics::get(const std::string& kind) const {
    auto it = counts_.find(kind);
    return it == counts_.end() ? 0 : it->second;
}

} // namespace lanescope
