// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/counter_track.h"
#include "model/device_task_detail.h"
#include "model/diagnostics.h"
#include "model/event_source.h"
#include "model/flow.h"
#include "model/id_token.h"
#include "model/instants.h"
#include "model/slice_track.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lanescope {

// Host: CPU threads; Device: GPU/NPU streams and communication lanes; Counter: sampled values;
// Derived: lanes a profiler computed from others (Ascend "Overlap Analysis"); Other: the rest.
enum class TrackKind : std::uint8_t { Host, Device, Counter, Derived, Other };
const char* toString(TrackKind kind);

struct SourceFile {
    std::string path;
    std::uint64_t bytes = 0;             // size on disk
    std::uint64_t decompressedBytes = 0; // bytes parsed (== bytes unless gzip)
    bool gzip = false;
    std::optional<std::int64_t> rank; // the job rank this file belongs to, when known
    // An SQLite database (Ascend DB export): slices' sourceOffset is a row key
    // (formats/ascend_db_reader.h), not a byte offset.
    bool database = false;
};

struct Thread {
    IdToken tid;
    std::uint32_t process = 0;
    StringId name = 0;
    std::int64_t sortIndex = 0;
    bool hasSortIndex = false;
    TrackKind kind = TrackKind::Other;
    std::uint32_t sliceTrack = kNoIndex; // index into Trace::sliceTracks
    InstantList instants;
};

// Async (b/e, S/F) slices of a process that share a name.
struct AsyncTrack {
    std::uint32_t process = 0;
    StringId name = 0;
    std::uint32_t sliceTrack = kNoIndex;
};

struct Process {
    IdToken pid;
    StringId name = 0;
    std::vector<StringId> labels;
    std::int64_t sortIndex = 0;
    bool hasSortIndex = false;
    std::uint32_t sourceFile = 0;
    std::optional<std::int64_t> deviceId;   // the NPU/GPU this process's lanes belong to
    std::vector<std::uint32_t> threads;     // display order once the trace is finished
    std::vector<std::uint32_t> asyncTracks; // indices into Trace::asyncTracks
    std::vector<std::uint32_t> counters;    // indices into Trace::counters
    InstantList instants;                   // process-scoped instants
};

// A phase the model does not draw (P, N/O/D, c, (, ), V/v, =, unknown): kept, counted.
struct OtherEvent {
    StringId phase = 0;
    StringId name = 0;
    TimeNs ts = 0;
    std::uint32_t process = kNoIndex;
    std::uint64_t sourceOffset = 0;
};

// A training/inference step (Kineto's ProfilerStep#N) on a host thread.
struct Step {
    std::int64_t number = 0;
    TimeNs start = 0;
    TimeNs end = 0;
    SliceRef slice;
};

struct DeviceProperties {
    std::int64_t id = 0;
    std::string name;
    std::string json; // the whole entry, compact
};

struct TraceMetadata {
    std::optional<std::int64_t> rank;
    std::optional<std::int64_t> worldSize;
    std::string backend;
    std::optional<std::int64_t> baseTimeNs; // Kineto: ts are relative to this wall-clock base
    std::string displayTimeUnit;
    std::string traceName;
    std::vector<DeviceProperties> devices;
    std::map<std::string, std::string> topLevel; // other top-level keys -> compact JSON text
};

// What the model knows about one device task (a kernel, copy or communication task): the host
// call that launched it and the framework op it belongs to (invalid refs when unknown).
struct TaskLink {
    SliceRef task;
    SliceRef launch; // CUDA runtime / CANN API call
    SliceRef hostOp; // torch op (cpu_op)
};

// One loaded trace: an immutable value once the builder finishes. The app may hold several.
struct Trace {
    std::string format; // "chrome-json", "kineto"
    std::vector<SourceFile> files;
    StringPool strings;
    std::vector<Process> processes; // display order
    std::vector<Thread> threads;
    std::vector<AsyncTrack> asyncTracks;
    std::vector<SliceTrack> sliceTracks;
    std::vector<CounterTrack> counters;
    InstantList globalInstants;
    std::vector<OtherEvent> otherEvents;
    std::vector<Flow> flows;
    std::vector<UnboundFlowEnd> unboundFlowEnds;
    std::vector<Step> steps;
    std::vector<TaskLink> taskLinks;           // sorted by task
    std::vector<DeviceTaskDetail> taskDetails; // sorted by task
    std::vector<ProfilerStepBreakdown> profilerSteps;
    std::vector<SideFileSummary> sideFiles;
    TraceMetadata metadata;
    std::map<std::string, std::uint64_t> eventsByPhase;
    Diagnostics diagnostics;
    std::vector<std::string> notes; // what the user should know about the input as a whole
    TimeNs spanStart = 0;
    TimeNs spanEnd = 0;
    // Reads events back from the trace's files; null for a trace built in memory.
    std::shared_ptr<const EventSource> eventSource;

    std::uint64_t sliceCount() const;
    std::uint64_t instantCount() const;
    std::uint64_t counterSampleCount() const;
    // Heap bytes of the built model (columns, indexes, strings), for the memory budget.
    std::size_t memoryBytes() const;
    std::string_view str(StringId id) const { return strings.view(id); }
    // A slice's source event and args through eventSource (an error without one).
    SliceArgs sliceArgs(SliceRef slice) const;
};

} // namespace lanescope
