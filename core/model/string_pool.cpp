// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "model/string_pool.h"

namespace lanescope {

StringPool::StringPool() {
    intern({});
}

StringPool::StringPool(const StringPool& other) {
    rebuildFrom(other);
}

StringPool& StringPool::operator=(const StringPool& other) {
    if (this != &other) {
        storage_.clear();
        views_.clear();
        lookup_.clear();
        textBytes_ = 0;
        rebuildFrom(other);
    }
    return *this;
}

void StringPool::rebuildFrom(const StringPool& other) {
    views_.reserve(other.views_.size());
    for (std::string_view text : other.views_)
        intern(text);
}

StringId StringPool::intern(std::string_view text) {
    if (auto it = lookup_.find(text); it != lookup_.end())
        return it->second;
    const std::string& stored = storage_.emplace_back(text);
    const auto id = static_cast<StringId>(views_.size());
    views_.push_back(stored);
    lookup_.emplace(stored, id);
    textBytes_ += stored.size();
    return id;
}

bool StringPool::find(std::string_view text, StringId& id) const {
    auto it = lookup_.find(text);
    if (it == lookup_.end())
        return false;
    id = it->second;
    return true;
}

std::size_t StringPool::memoryBytes() const {
    // Approximation: text + one deque slot + one view + one hash node per string.
    constexpr std::size_t kPerString = sizeof(std::string) + sizeof(std::string_view) +
                                       sizeof(std::string_view) + sizeof(StringId) +
                                       2 * sizeof(void*);
    return textBytes_ + views_.size() * kPerString;
}

} // namespace lanescope
