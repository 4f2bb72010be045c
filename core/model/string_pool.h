// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lanescope {

using StringId = std::uint32_t;

// Interns names, categories and string ids once; tracks refer to them by StringId.
// Id 0 is always the empty string so a default-initialised column means "no name".
class StringPool {
public:
    StringPool();
    StringPool(const StringPool& other);
    StringPool& operator=(const StringPool& other);
    StringPool(StringPool&&) noexcept = default;
    StringPool& operator=(StringPool&&) noexcept = default;

    StringId intern(std::string_view text);
    // Returns the id when the text was interned before, without adding it.
    bool find(std::string_view text, StringId& id) const;
    std::string_view view(StringId id) const { return views_[id]; }
    std::size_t size() const { return views_.size(); }
    std::size_t memoryBytes() const;

private:
    void rebuildFrom(const StringPool& other);

    // A deque never moves its elements, so the views into the stored strings stay valid.
    std::deque<std::string> storage_;
    std::vector<std::string_view> views_;
    std::unordered_map<std::string_view, StringId> lookup_;
    std::size_t textBytes_ = 0;
};

} // namespace lanescope
