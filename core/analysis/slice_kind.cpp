// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/slice_kind.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace lanescope::analysis {

namespace {

bool isUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool isLower(char c) {
    return c >= 'a' && c <= 'z';
}
bool isLetter(char c) {
    return isUpper(c) || isLower(c);
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
char lowerOf(char c) {
    return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// The name as written (for camelCase word starts) and in lower case (for matching).
class Name {
public:
    explicit Name(std::string_view text) : text_(text), lower_(text) {
        for (char& c : lower_)
            c = lowerOf(c);
    }

    std::string_view lower() const { return lower_; }
    bool is(std::string_view word) const { return lower_ == word; }
    bool startsWith(std::string_view prefix) const { return lower_.starts_with(prefix); }
    bool contains(std::string_view needle) const {
        return lower_.find(needle) != std::string::npos;
    }
    template <std::size_t N>
    bool containsAny(const std::array<std::string_view, N>& needles) const {
        for (std::string_view needle : needles)
            if (contains(needle))
                return true;
        return false;
    }

    // `word` (lower case) starting at a word start: see slice_kind.h.
    bool hasWord(std::string_view word) const {
        for (std::size_t at = lower_.find(word); at != std::string::npos;
             at = lower_.find(word, at + 1))
            if (wordStartsAt(at))
                return true;
        return false;
    }
    template <std::size_t N> bool hasAnyWord(const std::array<std::string_view, N>& words) const {
        for (std::string_view word : words)
            if (hasWord(word))
                return true;
        return false;
    }

private:
    bool wordStartsAt(std::size_t at) const {
        if (at == 0)
            return true;
        const char before = text_[at - 1];
        return !isLetter(before) || (isLower(before) && isUpper(text_[at]));
    }

    std::string_view text_;
    std::string lower_;
};

bool isPythonFrame(const Name& name) {
    // "<built-in method …>", "<frozen importlib._bootstrap>(398): parent", "<string>(1): <module>",
    // "contextlib.py(114): __enter__", "nn.Module: BertLayer_0".
    return name.startsWith("<built-in") || name.startsWith("<frozen") ||
           name.startsWith("<string>") || name.contains(".py(") || name.startsWith("nn.module:");
}

bool isCommunication(const Name& name) {
    // Library names as words: "RebatchCommon" is not hcom, "MatMulCommon" is not comm.
    static constexpr std::array<std::string_view, 6> kWords = {"nccl", "rccl", "hccl",
                                                               "hcom", "gloo", "rdma"};
    static constexpr std::array<std::string_view, 13> kNeedles = {
        "c10d::",         "all_reduce",    "allreduce",    "all_gather", "allgather",
        "reduce_scatter", "reducescatter", "all_to_all",   "alltoall",   "all2all",
        "param_comms",    "reduce_inline", "communication"};
    return name.hasAnyWord(kWords) || name.containsAny(kNeedles);
}

bool isCopy(const Name& name) {
    static constexpr std::array<std::string_view, 4> kNeedles = {"memcpy", "memcopy", "memset",
                                                                 "copy"};
    static constexpr std::array<std::string_view, 5> kWords = {"dma", "sdma", "htod", "dtoh",
                                                               "dtod"};
    return (name.containsAny(kNeedles) || name.hasAnyWord(kWords)) &&
           !name.contains("shallow_copy");
}

bool isSync(const Name& name) {
    // Compound forms as plain substrings, so the rule holds in any letter case
    // (CUDASTREAMSYNCHRONIZE); the short words need a word start ("Async", "Awaitable").
    static constexpr std::array<std::string_view, 9> kNeedles = {
        "synchroniz",  "waitevent",  "eventwait",  "waitonevent", "eventrecord",
        "recordevent", "eventquery", "queryevent", "write value"};
    if (name.containsAny(kNeedles) || name.hasWord("sync") || name.hasWord("wait"))
        return true;
    return (name.hasWord("event") || name.hasWord("notify")) &&
           (name.hasWord("record") || name.hasWord("query"));
}

// "sm80_xmma_fprop_…", "sm90_…": an SM architecture prefix.
bool hasSmPrefix(std::string_view lower) {
    return lower.size() > 5 && lower.starts_with("sm") && isDigit(lower[2]) && isDigit(lower[3]) &&
           lower[4] == '_';
}

bool isCompute(const Name& name) {
    static constexpr std::array<std::string_view, 10> kPrefixes = {
        "void ",  "volta_",   "ampere_", "turing_", "hopper_",
        "cudnn_", "cutlass_", "triton_", "cijk_",   "trans_transdata"};
    for (std::string_view prefix : kPrefixes)
        if (name.startsWith(prefix))
            return true;
    if (hasSmPrefix(name.lower()))
        return true;
    if (name.contains("kernel") && !name.contains("launch"))
        return true;
    if (name.contains("aicore") || name.contains("aicpu"))
        return true;
    // Ascend device task names are "<aclnn API>_<kernel>_<op type>"; the host op and the
    // AscendCL call of the same API ("aclnnAdd", "AscendCL@aclnnAdd") have no underscore.
    return name.startsWith("aclnn") && name.contains("_");
}

} // namespace

SliceKind classifySliceName(std::string_view raw) {
    const Name name(trimmed(raw));

    if (name.is("computing"))
        return SliceKind::Compute;
    if (name.is("communication") || name.is("communication(not overlapped)"))
        return SliceKind::Communication;
    if (name.is("free"))
        return SliceKind::Idle;
    if (isPythonFrame(name))
        return SliceKind::Other;
    if (isCommunication(name))
        return SliceKind::Communication;
    if (isCopy(name))
        return SliceKind::Copy;
    if (isSync(name))
        return SliceKind::Sync;
    if (isCompute(name))
        return SliceKind::Compute;
    return SliceKind::Other;
}

std::string_view sliceKindName(SliceKind kind) {
    switch (kind) {
    case SliceKind::Compute:
        return "compute";
    case SliceKind::Copy:
        return "copy";
    case SliceKind::Communication:
        return "communication";
    case SliceKind::Sync:
        return "sync";
    case SliceKind::Idle:
        return "idle";
    case SliceKind::Other:
        break;
    }
    return "other";
}

bool isFormatConversion(std::string_view nameOrType) {
    static constexpr std::string_view kWords[] = {"transdata", "cast", "transpose", "transposed"};
    std::size_t i = 0;
    while (i < nameOrType.size()) {
        while (i < nameOrType.size() && !std::isalnum(static_cast<unsigned char>(nameOrType[i])))
            ++i;
        std::size_t end = i;
        while (end < nameOrType.size() && std::isalnum(static_cast<unsigned char>(nameOrType[end])))
            ++end;
        std::size_t wordEnd = end;
        while (wordEnd > i && std::isdigit(static_cast<unsigned char>(nameOrType[wordEnd - 1])))
            --wordEnd;
        const std::string_view word = nameOrType.substr(i, wordEnd - i);
        for (std::string_view known : kWords)
            if (word.size() == known.size() &&
                std::equal(word.begin(), word.end(), known.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) == b;
                }))
                return true;
        i = end;
    }
    return false;
}

} // namespace lanescope::analysis
