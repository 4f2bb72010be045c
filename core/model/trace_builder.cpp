// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "model/trace_builder.h"

#include "model/parallel_for.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <tuple>

namespace lanescope {

namespace {

int flowStepRank(FlowStep step) {
    return static_cast<int>(step);
}

// Display order key: sort index, then name, then id (the format's rule). A thread without
// thread_sort_index sorts as index 0, as in the Trace Viewer; a process without
// process_sort_index by its numeric pid (text pids last), which keeps host processes above
// the devices Kineto and torch_npu give large indexes.
struct OrderKey {
    std::uint32_t file; // one group per file: each rank of a job keeps its lanes together
    std::int64_t sortIndex;
    std::string_view name;
    IdToken id;
    std::string_view idText;

    bool operator<(const OrderKey& o) const {
        if (file != o.file)
            return file < o.file;
        if (sortIndex != o.sortIndex)
            return sortIndex < o.sortIndex;
        if (name != o.name)
            return name < o.name;
        if (id.isText != o.id.isText)
            return !id.isText;
        return id.isText ? idText < o.idText : id.number < o.id.number;
    }
};

OrderKey orderKey(std::uint32_t file, std::int64_t sortIndex, StringId name, IdToken id,
                  const StringPool& strings) {
    return {file, sortIndex, strings.view(name), id, id.isText ? strings.view(id.text) : ""};
}

std::int64_t processSortIndex(const Process& p) {
    return p.hasSortIndex ? p.sortIndex : p.pid.isText ? INT64_MAX : p.pid.number;
}

} // namespace

TraceBuilder::TraceBuilder() {
    lastThreadKey_ = {IdToken::fromText(0), IdToken::fromText(0)};
}

void TraceBuilder::beginFile(SourceFile file) {
    currentFile_ = static_cast<std::uint32_t>(trace_.files.size());
    trace_.files.push_back(std::move(file));
    processIndex_.clear();
    threadIndex_.clear();
    lastThread_ = kNoIndex;
}

void TraceBuilder::report(const char* kind, std::uint64_t offset, std::string message) {
    trace_.diagnostics.report(kind, currentFile(), offset, std::move(message));
}

void TraceBuilder::extendTime(TimeNs ts) {
    maxTime_ = std::max(maxTime_, ts);
}

void TraceBuilder::countEvent(std::string_view kind) {
    ++eventCount_;
    if (kind.size() == 1)
        ++singleCharPhases_[static_cast<unsigned char>(kind[0])];
    else
        ++trace_.eventsByPhase[std::string(kind)];
}

std::uint32_t TraceBuilder::process(IdToken pid) {
    auto [it, inserted] =
        processIndex_.try_emplace(pid, static_cast<std::uint32_t>(trace_.processes.size()));
    if (inserted) {
        Process process;
        process.pid = pid;
        process.sourceFile = currentFile_;
        trace_.processes.push_back(std::move(process));
    }
    return it->second;
}

std::uint32_t TraceBuilder::thread(IdToken pid, IdToken tid) {
    const ThreadKey key{pid, tid};
    if (lastThread_ != kNoIndex && key == lastThreadKey_)
        return lastThread_;
    auto [it, inserted] =
        threadIndex_.try_emplace(key, static_cast<std::uint32_t>(trace_.threads.size()));
    if (inserted) {
        Thread thread;
        thread.tid = tid;
        thread.process = process(pid);
        trace_.processes[thread.process].threads.push_back(it->second);
        trace_.threads.push_back(std::move(thread));
        threadBuilds_.emplace_back();
    }
    lastThreadKey_ = key;
    lastThread_ = it->second;
    return it->second;
}

void TraceBuilder::setProcessName(std::uint32_t process, StringId name) {
    trace_.processes[process].name = name;
}

void TraceBuilder::addProcessLabel(std::uint32_t process, StringId label) {
    trace_.processes[process].labels.push_back(label);
}

void TraceBuilder::setProcessSortIndex(std::uint32_t process, std::int64_t index) {
    trace_.processes[process].sortIndex = index;
    trace_.processes[process].hasSortIndex = true;
}

void TraceBuilder::setThreadName(std::uint32_t thread, StringId name) {
    trace_.threads[thread].name = name;
}

void TraceBuilder::setThreadSortIndex(std::uint32_t thread, std::int64_t index) {
    trace_.threads[thread].sortIndex = index;
    trace_.threads[thread].hasSortIndex = true;
}

std::uint32_t TraceBuilder::addSlice(std::uint32_t thread, PendingSlice::Kind kind, TimeNs ts,
                                     TimeNs dur, StringId name, StringId category,
                                     std::uint64_t offset) {
    ThreadBuild& build = threadBuilds_[thread];
    PendingSlice slice;
    slice.ts = ts;
    slice.kind = kind;
    slice.name = name;
    slice.category = category;
    slice.offset = offset;
    slice.seq = static_cast<std::uint32_t>(build.slices.size());
    maxTime_ = std::max(maxTime_, ts);
    if (kind == PendingSlice::Kind::Complete && dur > 0) {
        slice.dur = dur;
        TimeNs end = 0;
        if (!__builtin_add_overflow(ts, dur, &end))
            maxTime_ = std::max(maxTime_, end);
    }
    build.slices.push_back(slice);
    return slice.seq;
}

void TraceBuilder::bindFlow(std::uint32_t thread, std::uint32_t seq, EventId id, bool in,
                            bool out) {
    const PendingSlice& slice = threadBuilds_[thread].slices[seq];
    bindings_.push_back({currentFile_, id, slice.category, thread, seq, slice.ts, in, out});
}

void TraceBuilder::addJoinKey(std::uint32_t thread, std::uint32_t seq, JoinKey key,
                              std::int64_t value) {
    correlations_.push_back({currentFile_, key, value, thread, seq});
}

void TraceBuilder::addGlobalInstant(TimeNs ts, StringId name, StringId category,
                                    std::uint64_t offset) {
    maxTime_ = std::max(maxTime_, ts);
    trace_.globalInstants.add(ts, name, category, offset);
}

void TraceBuilder::addProcessInstant(std::uint32_t process, TimeNs ts, StringId name,
                                     StringId category, std::uint64_t offset) {
    maxTime_ = std::max(maxTime_, ts);
    trace_.processes[process].instants.add(ts, name, category, offset);
}

void TraceBuilder::addThreadInstant(std::uint32_t thread, TimeNs ts, StringId name,
                                    StringId category, std::uint64_t offset) {
    maxTime_ = std::max(maxTime_, ts);
    trace_.threads[thread].instants.add(ts, name, category, offset);
}

std::uint32_t TraceBuilder::counter(std::uint32_t process, StringId name, StringId category) {
    const std::uint64_t key = (static_cast<std::uint64_t>(process) << 32) | name;
    auto [it, inserted] =
        counterIndex_.try_emplace(key, static_cast<std::uint32_t>(trace_.counters.size()));
    if (inserted) {
        CounterTrack counter;
        counter.process = process;
        counter.name = name;
        counter.category = category;
        trace_.counters.push_back(std::move(counter));
        trace_.processes[process].counters.push_back(it->second);
    }
    return it->second;
}

void TraceBuilder::addCounterValue(std::uint32_t counter, StringId series, TimeNs ts,
                                   double value) {
    maxTime_ = std::max(maxTime_, ts);
    CounterTrack& track = trace_.counters[counter];
    auto it = std::find_if(track.series.begin(), track.series.end(),
                           [&](const CounterSeries& s) { return s.name == series; });
    if (it == track.series.end())
        it = track.series.insert(track.series.end(), CounterSeries{series, {}, {}});
    it->times.push_back(ts);
    it->values.push_back(value);
}

void TraceBuilder::addAsync(std::uint32_t process, const AsyncEvent& event) {
    maxTime_ = std::max(maxTime_, event.ts);
    PendingAsync async;
    async.file = currentFile_;
    async.category = event.category;
    async.scope = event.scope;
    async.id = event.id;
    async.localProcess = event.localTo;
    async.process = process;
    async.edge = event.edge;
    async.ts = event.ts;
    async.name = event.name;
    async.offset = event.offset;
    async.seq = asyncEvents_.size();
    asyncEvents_.push_back(async);
}

void TraceBuilder::addFlow(std::uint32_t thread, const FlowEvent& event) {
    maxTime_ = std::max(maxTime_, event.ts);
    flows_.push_back({currentFile_, event.category, event.name, event.id, thread, event.ts,
                      flows_.size(), event.offset, event.step, event.bindEnclosing});
}

void TraceBuilder::linkSlices(std::uint32_t fromThread, std::uint32_t fromSeq,
                              std::uint32_t toThread, std::uint32_t toSeq, StringId category,
                              StringId name, EventId id) {
    links_.push_back({fromThread, fromSeq, toThread, toSeq, category, name, id});
}

void TraceBuilder::addOther(std::uint32_t process, StringId kind, StringId name, TimeNs ts,
                            std::uint64_t offset) {
    maxTime_ = std::max(maxTime_, ts);
    trace_.otherEvents.push_back({kind, name, ts, process, offset});
}

std::shared_ptr<const LoadPreview> TraceBuilder::preview() {
    previewCursor_.resize(threadBuilds_.size(), 0);
    previewOpen_.resize(threadBuilds_.size());
    for (std::uint32_t t = 0; t < threadBuilds_.size(); ++t) {
        const std::vector<PendingSlice>& slices = threadBuilds_[t].slices;
        for (std::size_t k = previewCursor_[t]; k < slices.size(); ++k) {
            const PendingSlice& slice = slices[k];
            if (slice.kind == PendingSlice::Kind::Complete) {
                previewBins_.add(t, slice.ts, slice.ts + slice.dur);
            } else if (slice.kind == PendingSlice::Kind::Begin) {
                previewOpen_[t].push_back(slice.ts);
            } else if (!previewOpen_[t].empty()) {
                previewBins_.add(t, previewOpen_[t].back(), slice.ts);
                previewOpen_[t].pop_back();
            }
        }
        previewCursor_[t] = slices.size();
    }
    auto preview = std::make_shared<LoadPreview>();
    preview->start = previewBins_.start();
    preview->binWidth = previewBins_.binWidth();
    for (std::uint32_t t = 0; t < threadBuilds_.size(); ++t) {
        if (previewCursor_[t] == 0)
            continue;
        const Thread& thread = trace_.threads[t];
        const Process& process = trace_.processes[thread.process];
        LoadPreview::Lane& lane = preview->lanes.emplace_back();
        lane.process = process.name != 0 ? std::string(trace_.str(process.name))
                                         : "pid " + toString(process.pid, trace_.strings);
        lane.thread = thread.name != 0 ? std::string(trace_.str(thread.name))
                                       : "tid " + toString(thread.tid, trace_.strings);
        lane.busy = previewBins_.busy(t);
    }
    return preview;
}

namespace {

// Maps the string ids of an absorbed builder to this one's.
struct StringMap {
    const std::vector<StringId>& to;

    StringId operator()(StringId id) const { return to[id]; }
    IdToken operator()(IdToken token) const {
        return token.isText ? IdToken::fromText(to[token.text]) : token;
    }
    EventId operator()(EventId id) const { return remapped(id, to); }
    void operator()(InstantList& list) const {
        for (StringId& name : list.names)
            name = to[name];
        for (StringId& category : list.categories)
            category = to[category];
    }
};

template <class T> void appendMoved(std::vector<T>& to, std::vector<T>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    from.clear();
}

void appendInstants(InstantList& to, InstantList& from) {
    appendMoved(to.times, from.times);
    appendMoved(to.names, from.names);
    appendMoved(to.categories, from.categories);
    appendMoved(to.sourceOffsets, from.sourceOffsets);
}

} // namespace

TraceBuilder::Absorbed TraceBuilder::absorb(TraceBuilder&& later) {
    Absorbed where;
    where.firstFile = fileCount();
    where.strings.resize(later.trace_.strings.size());
    // In id order, which is the order the later builder first saw them: the strings new here
    // get the ids reading its files here would have given them.
    for (StringId id = 0; id < where.strings.size(); ++id)
        where.strings[id] = trace_.strings.intern(later.trace_.strings.view(id));
    if (later.trace_.files.empty())
        return where;
    const Offsets at{where.firstFile,
                     static_cast<std::uint32_t>(trace_.processes.size()),
                     static_cast<std::uint32_t>(trace_.threads.size()),
                     static_cast<std::uint32_t>(trace_.counters.size()),
                     flows_.size(),
                     asyncEvents_.size()};
    absorbLanes(later, at, where.strings);
    absorbPending(later, at, where.strings);
    appendMoved(trace_.files, later.trace_.files);
    appendMoved(trace_.notes, later.trace_.notes);
    trace_.diagnostics.append(later.trace_.diagnostics);
    for (const auto& [phase, n] : later.trace_.eventsByPhase)
        trace_.eventsByPhase[phase] += n;
    for (std::size_t c = 0; c < singleCharPhases_.size(); ++c)
        singleCharPhases_[c] += later.singleCharPhases_[c];
    eventCount_ += later.eventCount_;
    maxTime_ = std::max(maxTime_, later.maxTime_);
    // add() goes on in a file of its own: beginFile() first.
    currentFile_ = fileCount() - 1;
    processIndex_.clear();
    threadIndex_.clear();
    lastThread_ = kNoIndex;
    return where;
}

void TraceBuilder::absorbLanes(TraceBuilder& later, const Offsets& at,
                               const std::vector<StringId>& ids) {
    const StringMap map{ids};
    for (Process& process : later.trace_.processes) {
        process.pid = map(process.pid);
        process.name = map(process.name);
        for (StringId& label : process.labels)
            label = map(label);
        process.sourceFile += at.file;
        for (std::uint32_t& thread : process.threads)
            thread += at.thread;
        for (std::uint32_t& counter : process.counters)
            counter += at.counter;
        map(process.instants);
    }
    for (Thread& thread : later.trace_.threads) {
        thread.tid = map(thread.tid);
        thread.process += at.process;
        thread.name = map(thread.name);
        map(thread.instants);
    }
    for (CounterTrack& counter : later.trace_.counters) {
        counter.process += at.process;
        counter.name = map(counter.name);
        counter.category = map(counter.category);
        for (CounterSeries& series : counter.series)
            series.name = map(series.name);
    }
    for (OtherEvent& other : later.trace_.otherEvents) {
        other.phase = map(other.phase);
        other.name = map(other.name);
        other.process += at.process;
    }
    map(later.trace_.globalInstants);
    appendMoved(trace_.processes, later.trace_.processes);
    appendMoved(trace_.threads, later.trace_.threads);
    appendMoved(trace_.counters, later.trace_.counters);
    appendMoved(trace_.otherEvents, later.trace_.otherEvents);
    appendInstants(trace_.globalInstants, later.trace_.globalInstants);
}

void TraceBuilder::absorbPending(TraceBuilder& later, const Offsets& at,
                                 const std::vector<StringId>& ids) {
    const StringMap map{ids};
    for (ThreadBuild& build : later.threadBuilds_)
        for (PendingSlice& slice : build.slices) {
            slice.name = map(slice.name);
            slice.category = map(slice.category);
        }
    for (PendingFlow& flow : later.flows_) {
        flow.file += at.file;
        flow.category = map(flow.category);
        flow.name = map(flow.name);
        flow.id = map(flow.id);
        flow.thread += at.thread;
        flow.seq += at.flow;
    }
    for (PendingBinding& binding : later.bindings_) {
        binding.file += at.file;
        binding.id = map(binding.id);
        binding.category = map(binding.category);
        binding.thread += at.thread;
    }
    for (PendingAsync& async : later.asyncEvents_) {
        async.file += at.file;
        async.category = map(async.category);
        async.scope = map(async.scope);
        async.id = map(async.id);
        if (async.localProcess != kNoIndex)
            async.localProcess += at.process;
        async.process += at.process;
        async.name = map(async.name);
        async.seq += at.async;
    }
    for (PendingLink& link : later.links_) {
        link.fromThread += at.thread;
        link.toThread += at.thread;
        link.category = map(link.category);
        link.name = map(link.name);
        link.id = map(link.id);
    }
    for (PendingCorrelation& correlation : later.correlations_) {
        correlation.file += at.file;
        correlation.thread += at.thread;
    }
    appendMoved(threadBuilds_, later.threadBuilds_);
    appendMoved(flows_, later.flows_);
    appendMoved(bindings_, later.bindings_);
    appendMoved(asyncEvents_, later.asyncEvents_);
    appendMoved(correlations_, later.correlations_);
    appendMoved(links_, later.links_);
}

TraceBuilder::Result TraceBuilder::finish(unsigned threads,
                                          const std::function<void()>& checkpoint) {
    const auto check = [&] {
        if (checkpoint)
            checkpoint();
    };
    std::vector<std::vector<std::uint32_t>> seqToSlice(trace_.threads.size());
    check();
    buildThreadTracks(seqToSlice, threads, check);
    check();
    buildAsyncTracks();
    bindFlows(seqToSlice, check);
    bindLinks(seqToSlice);
    check();
    std::vector<Correlated> correlations = resolveCorrelations(seqToSlice);
    check();
    sortInstantsAndCounters();
    for (std::size_t c = 0; c < singleCharPhases_.size(); ++c)
        if (singleCharPhases_[c] != 0)
            trace_.eventsByPhase[std::string(1, static_cast<char>(c))] += singleCharPhases_[c];
    computeSpan();
    orderForDisplay();
    return {std::move(trace_), std::move(correlations)};
}

namespace {
// Below this, starting a thread costs more than laying the slices out.
constexpr std::size_t kSlicesWorthAThread = 20000;
} // namespace

void TraceBuilder::buildThreadTracks(std::vector<std::vector<std::uint32_t>>& seqToSlice,
                                     unsigned threads, const std::function<void()>& checkpoint) {
    const TimeNs closeTime = maxTime_ == kTimeMin ? 0 : maxTime_;
    // Each thread is laid out on its own, the largest first; what each reports is kept apart
    // and appended in thread order, as one thread would have reported it.
    std::vector<std::uint32_t> order;
    std::size_t pending = 0;
    for (std::uint32_t t = 0; t < trace_.threads.size(); ++t)
        if (!threadBuilds_[t].slices.empty()) {
            order.push_back(t);
            pending += threadBuilds_[t].slices.size();
        }
    if (pending < kSlicesWorthAThread)
        threads = 1;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return threadBuilds_[a].slices.size() > threadBuilds_[b].slices.size();
    });
    struct Built {
        SliceTrack track;
        Diagnostics diagnostics;
    };
    std::vector<Built> built(trace_.threads.size());
    parallelFor(order.size(), threads, [&](std::size_t k) {
        checkpoint();
        const std::uint32_t t = order[k];
        const std::string& file =
            trace_.files.at(trace_.processes[trace_.threads[t].process].sourceFile).path;
        const SliceLayoutContext context{trace_.strings, built[t].diagnostics, file, closeTime,
                                         true};
        SliceLayoutResult layout = layoutSlices(std::move(threadBuilds_[t].slices), context);
        seqToSlice[t] = std::move(layout.seqToSlice);
        built[t].track = SliceTrack(std::move(layout.columns));
        built[t].track.setEndOffsets(std::move(layout.endOffsets));
    });
    for (std::uint32_t t = 0; t < trace_.threads.size(); ++t) {
        trace_.diagnostics.append(built[t].diagnostics);
        if (built[t].track.empty())
            continue;
        trace_.threads[t].sliceTrack = static_cast<std::uint32_t>(trace_.sliceTracks.size());
        trace_.sliceTracks.push_back(std::move(built[t].track));
    }
    threadBuilds_.clear();
}

void TraceBuilder::buildAsyncTracks() {
    std::sort(asyncEvents_.begin(), asyncEvents_.end(),
              [](const PendingAsync& a, const PendingAsync& b) {
                  return std::tie(a.file, a.category, a.scope, a.id, a.localProcess, a.ts, a.seq) <
                         std::tie(b.file, b.category, b.scope, b.id, b.localProcess, b.ts, b.seq);
              });
    std::map<std::pair<std::uint32_t, StringId>, std::vector<PendingSlice>> byTrack;
    const auto emit = [&](const PendingAsync& begin, StringId root, TimeNs end,
                          std::uint8_t flags) {
        auto& slices = byTrack[{begin.process, root}];
        PendingSlice slice;
        slice.ts = begin.ts;
        slice.dur = std::max<TimeNs>(0, end - begin.ts);
        slice.name = begin.name;
        slice.category = begin.category;
        slice.offset = begin.offset;
        slice.seq = static_cast<std::uint32_t>(slices.size());
        slice.flags = static_cast<std::uint8_t>(kSliceAsync | flags);
        slices.push_back(slice);
    };
    struct Open {
        const PendingAsync* begin;
        StringId root;
    };
    std::vector<Open> stack;
    for (std::size_t i = 0; i < asyncEvents_.size(); ++i) {
        const PendingAsync& ev = asyncEvents_[i];
        const std::string& file = trace_.files.at(trace_.processes[ev.process].sourceFile).path;
        if (ev.edge == AsyncEdge::Begin) {
            stack.push_back({&ev, stack.empty() ? ev.name : stack.front().root});
        } else if (ev.edge == AsyncEdge::End) {
            std::size_t k = stack.size();
            while (k > 0 && ev.name != 0 && stack[k - 1].begin->name != ev.name)
                --k;
            if (k == 0) {
                trace_.diagnostics.report(diag::kUnmatchedAsyncEnd, file, ev.offset,
                                          "async end without an open begin with that id and name");
            } else {
                const std::size_t match = k - 1;
                for (std::size_t above = match + 1; above < stack.size(); ++above)
                    emit(*stack[above].begin, stack[above].root, ev.ts, kSliceUnfinished);
                emit(*stack[match].begin, stack[match].root, ev.ts, 0);
                stack.resize(match);
            }
        } else {
            trace_.processes[ev.process].instants.add(ev.ts, ev.name, ev.category, ev.offset);
        }
        const bool groupEnds =
            i + 1 == asyncEvents_.size() ||
            std::tie(ev.category, ev.scope, ev.id, ev.localProcess) !=
                std::tie(asyncEvents_[i + 1].category, asyncEvents_[i + 1].scope,
                         asyncEvents_[i + 1].id, asyncEvents_[i + 1].localProcess);
        if (groupEnds) {
            for (const Open& open : stack) {
                trace_.diagnostics.report(diag::kUnfinishedAsync, file, open.begin->offset,
                                          "async begin never ended; closed at the last event "
                                          "with its id");
                emit(*open.begin, open.root, ev.ts, kSliceUnfinished);
            }
            stack.clear();
        }
    }
    asyncEvents_.clear();

    for (auto& [key, slices] : byTrack) {
        // Slices are emitted as they end, so a parent ends up after its children; the layout
        // nests equal spans by seq, so seq follows the begins' order in the file instead (an
        // outer `b` comes first, as in `b A`, `b B`, `e B`, `e A` at equal timestamps).
        std::sort(slices.begin(), slices.end(), [](const PendingSlice& a, const PendingSlice& b) {
            return std::tie(a.ts, a.offset) < std::tie(b.ts, b.offset);
        });
        for (std::uint32_t i = 0; i < slices.size(); ++i)
            slices[i].seq = i;
        const std::string& file = trace_.files.at(trace_.processes[key.first].sourceFile).path;
        const SliceLayoutContext context{trace_.strings, trace_.diagnostics, file, maxTime_, false};
        SliceLayoutResult layout = layoutSlices(std::move(slices), context);
        AsyncTrack async{key.first, key.second,
                         static_cast<std::uint32_t>(trace_.sliceTracks.size())};
        trace_.sliceTracks.emplace_back(std::move(layout.columns));
        trace_.processes[key.first].asyncTracks.push_back(
            static_cast<std::uint32_t>(trace_.asyncTracks.size()));
        trace_.asyncTracks.push_back(async);
    }
}

SliceRef TraceBuilder::enclosingSlice(std::uint32_t thread, TimeNs ts) const {
    const std::uint32_t trackIndex = trace_.threads[thread].sliceTrack;
    if (trackIndex == kNoIndex)
        return {};
    const SliceTrack& track = trace_.sliceTracks[trackIndex];
    SliceRef best;
    track.forEachContaining(ts, [&](std::uint32_t i) {
        // Ascending order: a later index starts later or nests deeper, so it is innermost.
        if (!best.valid() || track.start(i) > track.start(best.slice) ||
            track.row(i) > track.row(best.slice))
            best = {trackIndex, i};
    });
    return best;
}

SliceRef TraceBuilder::nextSlice(std::uint32_t thread, TimeNs ts) const {
    const std::uint32_t trackIndex = trace_.threads[thread].sliceTrack;
    if (trackIndex == kNoIndex)
        return {};
    const auto starts = trace_.sliceTracks[trackIndex].starts();
    const auto it = std::lower_bound(starts.begin(), starts.end(), ts);
    if (it == starts.end())
        return {};
    return {trackIndex, static_cast<std::uint32_t>(it - starts.begin())};
}

void TraceBuilder::bindFlows(const std::vector<std::vector<std::uint32_t>>& seqToSlice,
                             const std::function<void()>& checkpoint) {
    bindFlowEvents(checkpoint);
    checkpoint();
    bindFlowIds(seqToSlice);
    for (const Flow& flow : trace_.flows)
        if (!flow.bound())
            trace_.diagnostics.count(diag::kFlowUnbound);
}

void TraceBuilder::bindLinks(const std::vector<std::vector<std::uint32_t>>& seqToSlice) {
    const auto ref = [&](std::uint32_t thread, std::uint32_t seq) {
        return SliceRef{trace_.threads[thread].sliceTrack, seqToSlice[thread][seq]};
    };
    for (const PendingLink& link : links_)
        trace_.flows.push_back({ref(link.fromThread, link.fromSeq), ref(link.toThread, link.toSeq),
                                link.category, link.name, link.id, FlowOrigin::FlowEvents});
}

void TraceBuilder::bindFlowEvents(const std::function<void()>& checkpoint) {
    std::sort(flows_.begin(), flows_.end(), [](const PendingFlow& a, const PendingFlow& b) {
        return std::make_tuple(a.file, a.category, a.name, a.id, a.ts, flowStepRank(a.step),
                               a.seq) <
               std::make_tuple(b.file, b.category, b.name, b.id, b.ts, flowStepRank(b.step), b.seq);
    });
    const auto bind = [&](const PendingFlow& f) {
        return f.bindEnclosing ? enclosingSlice(f.thread, f.ts) : nextSlice(f.thread, f.ts);
    };
    const auto link = [&](const PendingFlow& from, const PendingFlow& to) {
        const auto index = static_cast<std::uint32_t>(trace_.flows.size());
        const Flow& flow = trace_.flows.emplace_back(
            Flow{bind(from), bind(to), to.category, to.name, to.id, FlowOrigin::FlowEvents});
        if (!flow.from.valid())
            trace_.unboundFlowEnds.push_back({index, false, from.thread, from.ts});
        if (!flow.to.valid())
            trace_.unboundFlowEnds.push_back({index, true, to.thread, to.ts});
    };
    const auto fileOf = [&](const PendingFlow& f) -> const std::string& {
        return trace_.files.at(trace_.processes[trace_.threads[f.thread].process].sourceFile).path;
    };
    const auto sameFlow = [](const PendingFlow& x, const PendingFlow& y) {
        return std::tie(x.file, x.category, x.name, x.id) ==
               std::tie(y.file, y.category, y.name, y.id);
    };
    constexpr std::size_t kFlowsBetweenCheckpoints = 1 << 16;
    std::size_t nextCheckpoint = kFlowsBetweenCheckpoints;
    for (std::size_t begin = 0; begin < flows_.size();) {
        std::size_t end = begin + 1;
        while (end < flows_.size() && sameFlow(flows_[begin], flows_[end]))
            ++end;
        bindFlowGroup(begin, end, link, fileOf);
        begin = end;
        if (begin >= nextCheckpoint) {
            checkpoint();
            nextCheckpoint = begin + kFlowsBetweenCheckpoints;
        }
    }
    flows_.clear();
}

// One flow id's events in time order. An end pairs with the latest start or step before it;
// an end that comes before every start (host and device clocks disagree: Ascend writes device
// tasks that begin a few µs before the call that launched them) pairs with the first start.
template <class Link, class FileOf>
void TraceBuilder::bindFlowGroup(std::size_t begin, std::size_t end, Link& link, FileOf& fileOf) {
    const PendingFlow* firstStart = nullptr;
    for (std::size_t i = begin; i < end && !firstStart; ++i)
        if (flows_[i].step == FlowStep::Start)
            firstStart = &flows_[i];
    std::vector<bool> used(end - begin, false);
    const PendingFlow* source = nullptr;
    for (std::size_t i = begin; i < end; ++i) {
        const PendingFlow& f = flows_[i];
        if (f.step != FlowStep::Start) {
            const PendingFlow* from = source ? source : firstStart;
            if (!from) {
                trace_.diagnostics.report(diag::kFlowEndWithoutStart, fileOf(f), f.offset,
                                          "flow end without a matching start");
            } else {
                if (!source)
                    trace_.diagnostics.report(diag::kFlowEndBeforeStart, fileOf(f), f.offset,
                                              "flow end earlier than its start (clock skew); "
                                              "linked anyway");
                link(*from, f);
                used[static_cast<std::size_t>(from - &flows_[begin])] = true;
            }
        }
        if (f.step != FlowStep::End)
            source = &f;
    }
    for (std::size_t i = begin; i < end; ++i)
        if (flows_[i].step == FlowStep::Start && !used[i - begin])
            trace_.diagnostics.report(diag::kFlowStartWithoutEnd, fileOf(flows_[i]),
                                      flows_[i].offset, "flow start without a matching end");
}

void TraceBuilder::bindFlowIds(const std::vector<std::vector<std::uint32_t>>& seqToSlice) {
    std::sort(bindings_.begin(), bindings_.end(),
              [](const PendingBinding& a, const PendingBinding& b) {
                  return std::tie(a.file, a.id, a.ts) < std::tie(b.file, b.id, b.ts);
              });
    const auto sliceOf = [&](const PendingBinding& b) {
        return SliceRef{trace_.threads[b.thread].sliceTrack, seqToSlice[b.thread][b.sliceSeq]};
    };
    const PendingBinding* producer = nullptr;
    bool consumed = false;
    const StringId flowName = trace_.strings.intern("flow");
    for (std::size_t i = 0; i < bindings_.size(); ++i) {
        const PendingBinding& b = bindings_[i];
        if (b.flowIn) {
            if (producer) {
                trace_.flows.push_back({sliceOf(*producer), sliceOf(b), producer->category,
                                        flowName, b.id, FlowOrigin::BindId});
                consumed = true;
            } else {
                trace_.diagnostics.count(diag::kFlowEndWithoutStart);
            }
        }
        if (b.flowOut) {
            if (producer && !consumed)
                trace_.diagnostics.count(diag::kFlowStartWithoutEnd);
            producer = &b;
            consumed = false;
        }
        if (i + 1 == bindings_.size() || bindings_[i + 1].id != b.id ||
            bindings_[i + 1].file != b.file) {
            if (producer && !consumed)
                trace_.diagnostics.count(diag::kFlowStartWithoutEnd);
            producer = nullptr;
        }
    }
    bindings_.clear();
}

std::vector<TraceBuilder::Correlated>
TraceBuilder::resolveCorrelations(const std::vector<std::vector<std::uint32_t>>& seqToSlice) const {
    std::vector<Correlated> out;
    out.reserve(correlations_.size());
    for (const PendingCorrelation& c : correlations_) {
        const std::uint32_t track = trace_.threads[c.thread].sliceTrack;
        out.push_back({c.file, c.key, c.correlation, {track, seqToSlice[c.thread][c.sliceSeq]}});
    }
    std::sort(out.begin(), out.end(), [](const Correlated& a, const Correlated& b) {
        return std::tie(a.file, a.key, a.correlation, a.slice.track, a.slice.slice) <
               std::tie(b.file, b.key, b.correlation, b.slice.track, b.slice.slice);
    });
    return out;
}

void TraceBuilder::sortInstantsAndCounters() {
    trace_.globalInstants.sortByTime();
    for (Process& p : trace_.processes)
        p.instants.sortByTime();
    for (Thread& t : trace_.threads)
        t.instants.sortByTime();
    for (CounterTrack& c : trace_.counters)
        c.sortByTime();
}

void TraceBuilder::computeSpan() {
    TimeNs lo = kTimeMax;
    TimeNs hi = kTimeMin;
    const auto include = [&](TimeNs a, TimeNs b) {
        lo = std::min(lo, a);
        hi = std::max(hi, b);
    };
    for (const SliceTrack& track : trace_.sliceTracks)
        if (!track.empty())
            include(track.firstStart(), track.lastEnd());
    const auto includeInstants = [&](const InstantList& list) {
        if (list.size() != 0)
            include(list.times.front(), list.times.back());
    };
    includeInstants(trace_.globalInstants);
    for (const Process& p : trace_.processes)
        includeInstants(p.instants);
    for (const Thread& t : trace_.threads)
        includeInstants(t.instants);
    for (const CounterTrack& c : trace_.counters)
        for (const CounterSeries& s : c.series)
            if (!s.times.empty())
                include(s.times.front(), s.times.back());
    for (const OtherEvent& o : trace_.otherEvents)
        include(o.ts, o.ts);
    trace_.spanStart = lo == kTimeMax ? 0 : lo;
    trace_.spanEnd = hi == kTimeMin ? 0 : hi;
}

void TraceBuilder::orderForDisplay() {
    const StringPool& strings = trace_.strings;
    for (Process& process : trace_.processes) {
        std::stable_sort(process.threads.begin(), process.threads.end(),
                         [&](std::uint32_t a, std::uint32_t b) {
                             const Thread& ta = trace_.threads[a];
                             const Thread& tb = trace_.threads[b];
                             return orderKey(0, ta.sortIndex, ta.name, ta.tid, strings) <
                                    orderKey(0, tb.sortIndex, tb.name, tb.tid, strings);
                         });
    }
    std::vector<std::uint32_t> order(trace_.processes.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Process& pa = trace_.processes[a];
        const Process& pb = trace_.processes[b];
        return orderKey(pa.sourceFile, processSortIndex(pa), pa.name, pa.pid, strings) <
               orderKey(pb.sourceFile, processSortIndex(pb), pb.name, pb.pid, strings);
    });
    std::vector<std::uint32_t> newIndex(order.size());
    std::vector<Process> ordered;
    ordered.reserve(order.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) {
        newIndex[order[k]] = k;
        ordered.push_back(std::move(trace_.processes[order[k]]));
    }
    trace_.processes = std::move(ordered);
    for (Thread& t : trace_.threads)
        t.process = newIndex[t.process];
    for (AsyncTrack& a : trace_.asyncTracks)
        a.process = newIndex[a.process];
    for (CounterTrack& c : trace_.counters)
        c.process = newIndex[c.process];
    for (OtherEvent& o : trace_.otherEvents)
        o.process = newIndex[o.process];
}

} // namespace lanescope
