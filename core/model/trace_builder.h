// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/event_id.h"
#include "model/join_keys.h"
#include "model/load_preview.h"
#include "model/slice_layout.h"
#include "model/trace.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace lanescope {

// The edges of an async slice: its begin, its end, or a mark between them (kept as an instant
// of its process).
enum class AsyncEdge : std::uint8_t { Begin, End, Mark };
// The steps of a flow: its start, a step, its end (bound in that order at equal times).
enum class FlowStep : std::uint8_t { Start = 0, Step = 1, End = 2 };

// What readers write a trace through, in the model's terms whatever the format (formats/ maps
// each format onto them: formats/chrome_event_import.h the Chrome JSON events, the Ascend DB
// reader its rows), and what turns it into a Trace: orders each thread's slices, pairs begins
// with ends, assigns rows, builds the interval indexes, matches async slices, binds flows and
// orders processes and threads by their sort indexes.
class TraceBuilder {
public:
    TraceBuilder();

    // Subsequent events come from this file (positions in diagnostics name it). Each file is its
    // own namespace of pids and of flow, async and correlation ids: two ranks of a job reuse them.
    void beginFile(SourceFile file);

    // --- Writing. Names are interned in strings() by the reader, in the order it reads them.
    // Offsets are where the event is in its file (a byte offset, or a row key). ---

    // One event of the file read, as the format calls its kind (Chrome: its "ph"), whether or
    // not it adds anything: Trace::eventsByPhase counts them.
    void countEvent(std::string_view kind);
    // An event at `ts` belongs to the trace's time range even when it adds nothing (what is
    // added extends it by itself).
    void extendTime(TimeNs ts);
    // A process and a thread of the current file, by the ids the file gives them; created on
    // first use, a thread within its process.
    std::uint32_t process(IdToken pid);
    std::uint32_t thread(IdToken pid, IdToken tid);
    void setProcessName(std::uint32_t process, StringId name);
    void addProcessLabel(std::uint32_t process, StringId label);
    void setProcessSortIndex(std::uint32_t process, std::int64_t index);
    void setThreadName(std::uint32_t thread, StringId name);
    void setThreadSortIndex(std::uint32_t thread, std::int64_t index);
    // A slice of a thread: complete (with `dur`; a negative one is drawn with zero length), or
    // the begin or the end of one, paired on the thread's stack when finished. Returns its
    // number among the thread's slice events, to bind flows and join keys to it.
    std::uint32_t addSlice(std::uint32_t thread, PendingSlice::Kind kind, TimeNs ts, TimeNs dur,
                           StringId name, StringId category, std::uint64_t offset);
    // Flow `id` enters and/or leaves slice `seq` of `thread` (bound to the other ends with
    // that id and the slice's category once finished).
    void bindFlow(std::uint32_t thread, std::uint32_t seq, EventId id, bool in, bool out);
    // Slice `seq` of `thread` carries a join key (format semantics link by them).
    void addJoinKey(std::uint32_t thread, std::uint32_t seq, JoinKey key, std::int64_t value);
    void addGlobalInstant(TimeNs ts, StringId name, StringId category, std::uint64_t offset);
    void addProcessInstant(std::uint32_t process, TimeNs ts, StringId name, StringId category,
                           std::uint64_t offset);
    void addThreadInstant(std::uint32_t thread, TimeNs ts, StringId name, StringId category,
                          std::uint64_t offset);
    // A counter of a process by its name, created on first use (with `category`); then its
    // series' samples.
    std::uint32_t counter(std::uint32_t process, StringId name, StringId category);
    void addCounterValue(std::uint32_t counter, StringId series, TimeNs ts, double value);
    // An edge of the async slice `id` of a process (`localTo`: the process its id is local to,
    // kNoIndex for an id global to the file).
    struct AsyncEvent {
        AsyncEdge edge = AsyncEdge::Begin;
        EventId id;
        std::uint32_t localTo = kNoIndex;
        TimeNs ts = 0;
        StringId name = 0;
        StringId category = 0;
        StringId scope = 0;
        std::uint64_t offset = 0;
    };
    void addAsync(std::uint32_t process, const AsyncEvent& event);
    // A step of flow `id` on a thread; it binds to the slice enclosing `ts` (`bindEnclosing`)
    // or to the next slice that starts at or after it.
    struct FlowEvent {
        FlowStep step = FlowStep::Start;
        EventId id;
        TimeNs ts = 0;
        StringId name = 0;
        StringId category = 0;
        std::uint64_t offset = 0;
        bool bindEnclosing = true;
    };
    void addFlow(std::uint32_t thread, const FlowEvent& event);
    // A flow between two slices the reader added (it knows both ends: slice `fromSeq` of
    // `fromThread` and `toSeq` of `toThread`), bound after the flow events.
    void linkSlices(std::uint32_t fromThread, std::uint32_t fromSeq, std::uint32_t toThread,
                    std::uint32_t toSeq, StringId category, StringId name, EventId id);
    // An event the model keeps but does not draw, by the kind the format gives it.
    void addOther(std::uint32_t process, StringId kind, StringId name, TimeNs ts,
                  std::uint64_t offset);
    // A problem at `offset` of the current file.
    void report(const char* kind, std::uint64_t offset, std::string message);

    Diagnostics& diagnostics() { return trace_.diagnostics; }
    TraceMetadata& metadata() { return trace_.metadata; }
    StringPool& strings() { return trace_.strings; }
    const std::string& currentFile() const { return trace_.files.at(currentFile_).path; }
    SourceFile& currentSourceFile() { return trace_.files.at(currentFile_); }
    std::uint32_t fileCount() const { return static_cast<std::uint32_t>(trace_.files.size()); }
    std::uint64_t eventCount() const { return eventCount_; }

    // The slices that carried a join key (model/join_keys.h), for format semantics that link
    // launches to device work; sorted by (file, key, value) once finished.
    struct Correlated {
        std::uint32_t file;
        JoinKey key;
        std::int64_t correlation;
        SliceRef slice;
    };

    struct Result {
        Trace trace;
        std::vector<Correlated> correlations;
    };

    // Where absorb() put what it took: the absorbed builder's first file is now file
    // `firstFile`, and its string id s is now `strings[s]`.
    struct Absorbed {
        std::uint32_t firstFile = 0;
        std::vector<StringId> strings;
    };
    // Takes over everything `later` read, as if this builder had read `later`'s files itself
    // after its own: finish() then gives the trace one builder reading all the files in that
    // order gives (string ids, indexes, diagnostics and their examples included). So files can
    // be read on several threads, each into a builder of its own, and merged in file order.
    // Not merged: the metadata (the format's top-level keys decide how a later file's values
    // combine; apply them to metadata() in file order). Returns where `later`'s ids went, for
    // what a reader keeps beside its builder. Events added after it need a beginFile() first.
    Absorbed absorb(TraceBuilder&& later);
    // What was added so far, for the window to draw while the load goes on: the slices added
    // since the last call are binned, so calling it every fraction of a second costs little.
    std::shared_ptr<const LoadPreview> preview();

    // Builds the trace; the threads' slice tracks are laid out on up to `threads` threads (the
    // result is the same for any count). `checkpoint`, when set, is called between the steps,
    // after each thread's layout (from any of those threads) and every few thousand flows bound:
    // it may throw to stop the build (a cancelled load), and the exception leaves finish().
    Result finish(unsigned threads = 1, const std::function<void()>& checkpoint = {});

private:
    struct ThreadBuild {
        std::vector<PendingSlice> slices;
    };
    struct PendingFlow {
        std::uint32_t file;
        StringId category;
        StringId name;
        EventId id;
        std::uint32_t thread;
        TimeNs ts;
        std::uint64_t seq;
        std::uint64_t offset;
        FlowStep step;
        bool bindEnclosing;
    };
    struct PendingBinding { // flow v2
        std::uint32_t file;
        EventId id;
        StringId category;
        std::uint32_t thread;
        std::uint32_t sliceSeq;
        TimeNs ts;
        bool flowIn;
        bool flowOut;
    };
    struct PendingAsync {
        std::uint32_t file;
        StringId category;
        StringId scope;
        EventId id;
        std::uint32_t localProcess; // kNoIndex for global ids
        std::uint32_t process;
        AsyncEdge edge;
        TimeNs ts;
        StringId name;
        std::uint64_t offset;
        std::uint64_t seq;
    };
    struct PendingLink {
        std::uint32_t fromThread;
        std::uint32_t fromSeq;
        std::uint32_t toThread;
        std::uint32_t toSeq;
        StringId category;
        StringId name;
        EventId id;
    };
    struct PendingCorrelation {
        std::uint32_t file;
        JoinKey key;
        std::int64_t correlation;
        std::uint32_t thread;
        std::uint32_t sliceSeq;
    };
    struct ThreadKey {
        IdToken pid;
        IdToken tid;
        friend bool operator==(const ThreadKey&, const ThreadKey&) = default;
    };
    struct ThreadKeyHash {
        std::size_t operator()(const ThreadKey& key) const noexcept {
            return IdTokenHash{}(key.pid) * 31u ^ IdTokenHash {}(key.tid);
        }
    };

    // What absorb() adds to the absorbed builder's indexes (its first of each here).
    struct Offsets {
        std::uint32_t file = 0;
        std::uint32_t process = 0;
        std::uint32_t thread = 0;
        std::uint32_t counter = 0;
        std::uint64_t flow = 0;
        std::uint64_t async = 0;
    };
    void absorbLanes(TraceBuilder& later, const Offsets& at, const std::vector<StringId>& ids);
    void absorbPending(TraceBuilder& later, const Offsets& at, const std::vector<StringId>& ids);
    void buildThreadTracks(std::vector<std::vector<std::uint32_t>>& seqToSlice, unsigned threads,
                           const std::function<void()>& checkpoint);
    void buildAsyncTracks();
    void bindFlows(const std::vector<std::vector<std::uint32_t>>& seqToSlice,
                   const std::function<void()>& checkpoint);
    void bindFlowEvents(const std::function<void()>& checkpoint);
    template <class Link, class FileOf>
    void bindFlowGroup(std::size_t begin, std::size_t end, Link& link, FileOf& fileOf);
    void bindFlowIds(const std::vector<std::vector<std::uint32_t>>& seqToSlice);
    void bindLinks(const std::vector<std::vector<std::uint32_t>>& seqToSlice);
    std::vector<Correlated>
    resolveCorrelations(const std::vector<std::vector<std::uint32_t>>& seqToSlice) const;
    SliceRef enclosingSlice(std::uint32_t thread, TimeNs ts) const;
    SliceRef nextSlice(std::uint32_t thread, TimeNs ts) const;
    void sortInstantsAndCounters();
    void computeSpan();
    void orderForDisplay();

    Trace trace_;
    std::uint32_t currentFile_ = 0;
    std::uint64_t eventCount_ = 0;
    std::array<std::uint64_t, 256> singleCharPhases_{};
    std::unordered_map<IdToken, std::uint32_t, IdTokenHash> processIndex_;
    std::unordered_map<ThreadKey, std::uint32_t, ThreadKeyHash> threadIndex_;
    std::unordered_map<std::uint64_t, std::uint32_t> counterIndex_; // (process, name) -> counter
    ThreadKey lastThreadKey_;
    std::uint32_t lastThread_ = kNoIndex;
    std::vector<ThreadBuild> threadBuilds_;
    std::vector<PendingFlow> flows_;
    std::vector<PendingBinding> bindings_;
    std::vector<PendingAsync> asyncEvents_;
    std::vector<PendingCorrelation> correlations_;
    std::vector<PendingLink> links_;
    TimeNs maxTime_ = kTimeMin;
    // preview(): the bins, how many of each thread's slices they hold, its open B events.
    PreviewBins previewBins_;
    std::vector<std::size_t> previewCursor_;
    std::vector<std::vector<TimeNs>> previewOpen_;
};

} // namespace lanescope
