// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lanescope {

// What the loader repaired or skipped, counted per kind, so a user can see that nothing was
// silently lost. The first few occurrences of each kind keep their position for the report.
class Diagnostics {
public:
    struct Example {
        std::string kind;
        std::string file;
        std::uint64_t offset = 0;
        std::string message;
        // Where in the file when a byte offset means nothing (a database: "TASK row 17, column
        // startNs"); empty for byte offsets.
        std::string location;

        // "offset N" or the location: how every view names the position.
        std::string where() const;
    };

    static constexpr std::size_t kExamplesPerKind = 5;

    void count(const std::string& kind, std::uint64_t n = 1);
    // Counts and keeps the position of the first few occurrences.
    void report(const std::string& kind, const std::string& file, std::uint64_t offset,
                std::string message, std::string location = {});
    // Names the position of every example of `file` that has none yet, from its offset (a
    // database reader's row keys, once the builder has reported against them).
    template <typename Namer> void nameLocations(const std::string& file, Namer&& name) {
        for (Example& example : examples_)
            if (example.file == file && example.location.empty())
                example.location = name(example.offset);
    }

    // Adds what `later` counted and kept as if its reports had come after this one's, so that
    // work split over threads and appended in order keeps the examples one thread would keep.
    // Exact when `later` was filled by report() alone.
    void append(const Diagnostics& later);

    std::uint64_t get(const std::string& kind) const;
    const std::map<std::string, std::uint64_t>& counts() const { return counts_; }
    const std::vector<Example>& examples() const { return examples_; }
    bool empty() const { return counts_.empty(); }

private:
    std::map<std::string, std::uint64_t> counts_;
    std::vector<Example> examples_;
};

// Diagnostic kinds (stable names: they appear in `lanescope-cli info --json`).
namespace diag {
inline constexpr const char* kMalformedEvent = "malformed_event";
inline constexpr const char* kNotAnObject = "event_not_an_object";
inline constexpr const char* kMissingPhase = "missing_phase";
inline constexpr const char* kBadTimestamp = "bad_timestamp";
inline constexpr const char* kMissingTimestamp = "missing_timestamp";
inline constexpr const char* kBadDuration = "bad_duration";
inline constexpr const char* kNegativeDuration = "negative_duration";
inline constexpr const char* kBadId = "bad_id";
inline constexpr const char* kBadLaneId = "bad_pid_or_tid";
inline constexpr const char* kTruncatedInput = "truncated_input";
inline constexpr const char* kRepairedString = "repaired_string";
inline constexpr const char* kTrailingComma = "trailing_comma_ignored";
inline constexpr const char* kMissingArrayEnd = "missing_array_end";
inline constexpr const char* kTrailingGarbage = "trailing_garbage";
inline constexpr const char* kUnmatchedEnd = "unmatched_end";
inline constexpr const char* kEndNameMismatch = "end_name_mismatch";
inline constexpr const char* kUnfinishedSlice = "unfinished_slice";
inline constexpr const char* kOverlappingSlice = "overlapping_slice";
inline constexpr const char* kUnmatchedAsyncEnd = "unmatched_async_end";
inline constexpr const char* kUnfinishedAsync = "unfinished_async";
inline constexpr const char* kFlowStartWithoutEnd = "flow_start_without_end";
inline constexpr const char* kFlowEndWithoutStart = "flow_end_without_start";
inline constexpr const char* kFlowUnbound = "flow_endpoint_unbound";
inline constexpr const char* kFlowEndBeforeStart = "flow_end_before_start";
inline constexpr const char* kCounterWithoutValues = "counter_without_values";
inline constexpr const char* kCounterBadValue = "counter_bad_value";
inline constexpr const char* kOtherPhase = "other_phase_kept";
inline constexpr const char* kUnknownPhase = "unknown_phase";
inline constexpr const char* kUnknownMetadata = "metadata_ignored";
inline constexpr const char* kTooDeep = "row_depth_clamped";
inline constexpr const char* kTopLevelValueSkipped = "top_level_key_unparsed";
inline constexpr const char* kValueTooDeep = "value_too_deep";
inline constexpr const char* kValueTooLarge = "value_too_large";
inline constexpr const char* kBadDatabaseValue = "bad_database_value";
} // namespace diag

} // namespace lanescope
