#include "model/diagnostics.h"

#include <algorithm>

namespace lanescope {

void Diagnostics::count(const std::string& kind, std::uint64_t n) {
    counts_[kind] += n;
}

void Diagnostics::report(const std::string& kind, const std::string& file, std::uint64_t offset,
                         std::string message) {
    const std::uint64_t seen = counts_[kind]++;
    if (seen < kExamplesPerKind)
        examples_.push_back({kind, file, offset, std::move(message)});
}

void Diagnostics::merge(const Diagnostics& other) {
    for (const auto& [kind, n] : other.counts_) {
        const std::uint64_t before = counts_[kind];
        counts_[kind] += n;
        std::uint64_t room = before < kExamplesPerKind ? kExamplesPerKind - before : 0;
        for (const Example& example : other.examples_) {
            if (room == 0)
                break;
            if (example.kind == kind) {
                examples_.push_back(example);
                --room;
            }
        }
    }
}

std::uint64_t Diagnostics::get(const std::string& kind) const {
    auto it = counts_.find(kind);
    return it == counts_.end() ? 0 : it->second;
}

} // namespace lanescope
