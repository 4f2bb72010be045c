// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "compare/sequence_alignment.h"

#include <algorithm>
#include <unordered_map>

namespace lanescope::compare {

namespace {

using Seq = std::span<const std::uint32_t>;

// LCS lengths of `a` against every prefix of `b`: out[j] = |LCS(a, b[0, j))|, two rows.
std::vector<std::uint32_t> lcsRow(Seq a, Seq b) {
    std::vector<std::uint32_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
    for (std::uint32_t x : a) {
        cur[0] = 0;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = x == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
        std::swap(prev, cur); // a fresh previous row; `cur` is fully rewritten next time
    }
    return prev;
}

// The same from the back: out[j] = |LCS(a, b[j, end))|.
std::vector<std::uint32_t> lcsRowReversed(Seq a, Seq b) {
    std::vector<std::uint32_t> ra(a.rbegin(), a.rend()), rb(b.rbegin(), b.rend());
    std::vector<std::uint32_t> row = lcsRow(ra, rb);
    std::reverse(row.begin(), row.end());
    return row;
}

class Hirschberg {
public:
    explicit Hirschberg(std::vector<AlignedPair>& out) : out_(out) {}

    // Appends matched pairs of a[.]/b[.] with their offsets.
    void run(Seq a, Seq b, std::uint32_t aOff, std::uint32_t bOff) {
        if (a.empty() || b.empty())
            return;
        if (a.size() == 1) {
            const auto it = std::find(b.begin(), b.end(), a[0]);
            if (it != b.end())
                out_.push_back({aOff, bOff + static_cast<std::uint32_t>(it - b.begin())});
            return;
        }
        const std::size_t mid = a.size() / 2;
        const std::vector<std::uint32_t> front = lcsRow(a.first(mid), b);
        const std::vector<std::uint32_t> back = lcsRowReversed(a.subspan(mid), b);
        std::size_t split = 0;
        std::uint32_t best = 0;
        for (std::size_t j = 0; j <= b.size(); ++j)
            if (front[j] + back[j] > best || j == 0) {
                best = front[j] + back[j];
                split = j;
            }
        run(a.first(mid), b.first(split), aOff, bOff);
        run(a.subspan(mid), b.subspan(split), aOff + static_cast<std::uint32_t>(mid),
            bOff + static_cast<std::uint32_t>(split));
    }

private:
    std::vector<AlignedPair>& out_;
};

// k-th occurrence of each symbol on one side with its k-th on the other, kept only while the
// pairs increase on both sides.
std::vector<AlignedPair> pairOccurrences(Seq a, Seq b, std::uint32_t aOff, std::uint32_t bOff) {
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> positions;
    for (std::uint32_t j = 0; j < b.size(); ++j)
        positions[b[j]].push_back(j);
    std::unordered_map<std::uint32_t, std::size_t> used;
    std::vector<AlignedPair> out;
    std::uint32_t lastB = 0;
    bool any = false;
    for (std::uint32_t i = 0; i < a.size(); ++i) {
        const auto it = positions.find(a[i]);
        if (it == positions.end())
            continue;
        std::size_t& k = used[a[i]];
        if (k >= it->second.size())
            continue;
        const std::uint32_t j = it->second[k++];
        if (any && j <= lastB)
            continue;
        out.push_back({aOff + i, bOff + j});
        lastB = j;
        any = true;
    }
    return out;
}

// Interleaves the unmatched elements between consecutive matches.
Alignment withGaps(const std::vector<AlignedPair>& matches, std::size_t n, std::size_t m,
                   bool exact) {
    Alignment result;
    result.exact = exact;
    result.matched = static_cast<std::uint32_t>(matches.size());
    result.pairs.reserve(n + m - matches.size());
    std::uint32_t i = 0, j = 0;
    const auto gapsUntil = [&](std::uint32_t ei, std::uint32_t ej) {
        for (; i < ei; ++i)
            result.pairs.push_back({i, kUnmatched});
        for (; j < ej; ++j)
            result.pairs.push_back({kUnmatched, j});
    };
    for (const AlignedPair& p : matches) {
        gapsUntil(p.base, p.comp);
        result.pairs.push_back(p);
        ++i;
        ++j;
    }
    gapsUntil(static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(m));
    return result;
}

} // namespace

Alignment alignSequences(Seq base, Seq comp, std::uint64_t maxCells) {
    std::size_t prefix = 0;
    while (prefix < base.size() && prefix < comp.size() && base[prefix] == comp[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < base.size() - prefix && suffix < comp.size() - prefix &&
           base[base.size() - 1 - suffix] == comp[comp.size() - 1 - suffix])
        ++suffix;
    std::vector<AlignedPair> matches;
    for (std::uint32_t k = 0; k < prefix; ++k)
        matches.push_back({k, k});
    const Seq a = base.subspan(prefix, base.size() - prefix - suffix);
    const Seq b = comp.subspan(prefix, comp.size() - prefix - suffix);
    const auto offset = static_cast<std::uint32_t>(prefix);
    const bool exact = std::uint64_t(a.size()) * std::uint64_t(b.size()) <= maxCells;
    if (exact) {
        Hirschberg(matches).run(a, b, offset, offset);
    } else {
        const std::vector<AlignedPair> approx = pairOccurrences(a, b, offset, offset);
        matches.insert(matches.end(), approx.begin(), approx.end());
    }
    for (std::size_t k = 0; k < suffix; ++k)
        matches.push_back({static_cast<std::uint32_t>(base.size() - suffix + k),
                           static_cast<std::uint32_t>(comp.size() - suffix + k)});
    return withGaps(matches, base.size(), comp.size(), exact);
}

} // namespace lanescope::compare
