// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/trace_loader.h"

#include "formats/ascend_db_reader.h"
#include "formats/ascend_folder.h"
#include "formats/ascend_semantics.h"
#include "formats/ascend_side_join.h"
#include "formats/byte_source.h"
#include "formats/chrome_json_reader.h"
#include "formats/event_text_reader.h"
#include "formats/file_event_source.h"
#include "formats/kineto_semantics.h"
#include "formats/load_error.h"
#include "model/load_preview.h"
#include "model/parallel_for.h"
#include "model/trace_builder.h"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <numeric>

namespace lanescope::formats {

namespace {

// Every event was skipped: say why in one line instead of showing an empty trace.
void throwIfNothingUsable(const Trace& trace, const std::string& path) {
    // Metadata alone (process and thread names) is a trace too, as the format allows.
    if (trace.sliceCount() != 0 || trace.instantCount() != 0 || trace.counterSampleCount() != 0 ||
        !trace.otherEvents.empty() || !trace.flows.empty() || !trace.processes.empty())
        return;
    const auto& examples = trace.diagnostics.examples();
    if (examples.empty())
        throw LoadError(path, std::nullopt, "no readable trace events");
    const Diagnostics::Example& first = examples.front();
    if (!first.location.empty())
        throw LoadError(path, std::nullopt,
                        "no readable trace events; first problem: " + first.location + ": " +
                            first.message);
    throw LoadError(path, first.offset,
                    "no readable trace events; first problem: " + first.message);
}

// Streams one JSON trace into the builder, handing its top-level keys to `topLevel`.
void readSource(TraceBuilder& builder, ByteSource& source, const std::string& path,
                std::optional<std::int64_t> rank, const LoadOptions& options,
                const ChromeJsonReader::TopLevelHandler& topLevel) {
    builder.beginFile({path, source.sizeOnDisk(), 0, source.compressed(), rank});
    LoadOptions fileOptions = options;
    if (options.progress)
        fileOptions.progress = [&](const LoadProgress& p) {
            LoadProgress withEvents = p;
            withEvents.events = builder.eventCount();
            options.progress(withEvents);
        };
    ChromeJsonReader reader(source, path, builder, fileOptions, topLevel);
    reader.read();
    builder.currentSourceFile().decompressedBytes = reader.bytesRead();
}

void readFile(TraceBuilder& builder, const std::string& path, std::optional<std::int64_t> rank,
              const LoadOptions& options, const ChromeJsonReader::TopLevelHandler& topLevel) {
    std::unique_ptr<ByteSource> source = openByteSource(path, loadThreads(options) > 1);
    readSource(builder, *source, path, rank, options, topLevel);
    // Gzip: the access points recorded while inflating make the first args read fast.
    if (auto index = source->seekIndex())
        registerGzipSeekIndex(path, std::move(index));
}

// The top-level keys of a file read on its own: straight into the builder's metadata.
ChromeJsonReader::TopLevelHandler intoMetadata(TraceBuilder& builder) {
    return [&metadata = builder.metadata()](const std::string& key, const nlohmann::json& value) {
        applyTopLevelKey(metadata, key, value);
    };
}

// Ascend NPU tasks are linked through CANN calls; everything else through Kineto's launches.
void applyFormatSemantics(TraceBuilder::Result& result) {
    if (looksLikeAscend(result.trace)) {
        applyChromeSemantics(result.trace);
        applyAscendSemantics(result.trace, result.correlations);
    } else {
        applyKinetoSemantics(result.trace, result.correlations);
    }
}

// Throws LoadCancelled once the options' cancel flag is raised.
std::function<void()> cancelCheck(const LoadOptions& options) {
    return [cancel = options.cancel] {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw LoadCancelled();
    };
}

// Says that the reading is over and the building starts; a load cancelled meanwhile stops here
// rather than build a trace no one will see.
void startBuilding(const TraceBuilder& builder, const LoadOptions& options,
                   std::uint64_t bytesTotal) {
    cancelCheck(options)();
    if (options.progress)
        options.progress({bytesTotal, bytesTotal, builder.eventCount(), 0, nullptr, true});
}

Trace finishJson(TraceBuilder& builder, const std::string& path, const LoadOptions& options) {
    startBuilding(builder, options, builder.currentSourceFile().bytes);
    TraceBuilder::Result result = builder.finish(loadThreads(options), cancelCheck(options));
    cancelCheck(options)();
    applyFormatSemantics(result);
    throwIfNothingUsable(result.trace, path);
    return std::move(result.trace);
}

Trace loadJsonFile(const std::string& path, const LoadOptions& options) {
    TraceBuilder builder;
    readFile(builder, path, std::nullopt, options, intoMetadata(builder));
    return finishJson(builder, path, options);
}

std::vector<std::uint64_t> traceSizes(const AscendDiscovery& found) {
    std::vector<std::uint64_t> sizes;
    for (const AscendRankInput& input : found.ranks) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(rankSource(input), ec);
        sizes.push_back(ec ? 0 : size);
    }
    return sizes;
}

void addDiscoveryNotes(Trace& trace, const AscendDiscovery& found) {
    trace.notes.insert(trace.notes.end(), found.notes.begin(), found.notes.end());
    for (const auto& [path, why] : found.ignored)
        trace.notes.push_back("ignored " + path + ": " + why);
}

// One rank of a job, read into a builder of its own and merged into the job's in rank order.
struct RankRead {
    TraceBuilder builder;
    std::optional<AscendDbRead> database;
    std::vector<std::pair<std::string, nlohmann::json>> topLevelKeys; // applied when merged
    std::optional<LoadError> error; // the rank could not be read (what it read is kept)
};

void readRank(RankRead& read, const AscendRankInput& input, const LoadOptions& options) {
    try {
        if (!input.database.empty())
            read.database = readAscendDb(read.builder, input.database, input.rank, options);
        else
            readFile(read.builder, input.traceView, input.rank, options,
                     [&read](const std::string& key, const nlohmann::json& value) {
                         read.topLevelKeys.emplace_back(key, value);
                     });
    } catch (const LoadError& error) {
        read.error = error;
    }
}

// Sums what the ranks read side by side report into one progress of the whole job, and
// calls the load's callback one report at a time.
class JobProgress {
public:
    JobProgress(const LoadOptions& options, const AscendDiscovery& found,
                std::vector<std::uint64_t> sizes)
        : options_(options), sizes_(std::move(sizes)), ranks_(sizes_.size()) {
        for (const AscendRankInput& input : found.ranks)
            labels_.push_back("rank " + std::to_string(input.rank));
    }

    // Rank r's progress callback (empty when the load asked for none).
    std::function<void(const LoadProgress&)> forRank(std::size_t r) {
        if (!options_.progress)
            return {};
        return [this, r](const LoadProgress& p) { report(r, p); };
    }
    // Rank r is read to its end (or failed): all its bytes count as done, and its preview shows
    // all it read (called on the thread that read it).
    void finished(std::size_t r, TraceBuilder& builder) {
        if (!options_.progress)
            return;
        LoadProgress last{sizes_[r], sizes_[r], builder.eventCount(), 0, nullptr, false};
        if (options_.previewInterval.count() > 0)
            last.preview = builder.preview();
        const std::lock_guard lock(mutex_);
        last.eventsParsedAhead = ranks_[r].eventsParsedAhead; // as its reader last said
        publish(r, last);
    }

private:
    void report(std::size_t r, const LoadProgress& p) {
        const std::lock_guard lock(mutex_);
        publish(r, p);
    }
    // Keeps rank r's report and hands the job's on; mutex_ is held.
    void publish(std::size_t r, const LoadProgress& p) {
        std::shared_ptr<const LoadPreview> preview = p.preview ? p.preview : ranks_[r].preview;
        ranks_[r] = p;
        ranks_[r].preview = std::move(preview);
        LoadProgress job;
        std::uint64_t total = 0;
        for (std::size_t k = 0; k < ranks_.size(); ++k) {
            job.bytesDone += ranks_[k].bytesDone;
            job.events += ranks_[k].events;
            job.eventsParsedAhead += ranks_[k].eventsParsedAhead;
            total += sizes_[k];
        }
        job.bytesTotal = std::max(total, job.bytesDone);
        if (p.preview)
            job.preview = ranks_.size() == 1 ? p.preview : combinedPreview();
        options_.progress(job);
    }
    std::shared_ptr<const LoadPreview> combinedPreview() const {
        std::vector<std::shared_ptr<const LoadPreview>> parts;
        for (const LoadProgress& rank : ranks_)
            parts.push_back(rank.preview);
        return combinePreviews(parts, labels_);
    }

    const LoadOptions& options_;
    const std::vector<std::uint64_t> sizes_;
    std::vector<std::string> labels_; // "rank N"
    std::mutex mutex_;
    std::vector<LoadProgress> ranks_; // the last report of each rank, its last preview kept
};

// Reads the ranks on up to the load's thread count at once, the largest first, each rank's
// file parsed ahead on the threads left over (one per rank once there are as many ranks as
// threads).
std::vector<RankRead> readRanks(const AscendDiscovery& found,
                                const std::vector<std::uint64_t>& sizes,
                                const LoadOptions& options) {
    std::vector<RankRead> reads(found.ranks.size());
    JobProgress progress(options, found, sizes);
    const unsigned threads = loadThreads(options);
    const auto readers = static_cast<unsigned>(
        std::min<std::size_t>(threads, std::max<std::size_t>(1, reads.size())));
    std::vector<std::size_t> largestFirst(reads.size());
    std::iota(largestFirst.begin(), largestFirst.end(), std::size_t{0});
    std::stable_sort(largestFirst.begin(), largestFirst.end(),
                     [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
    parallelFor(reads.size(), readers, [&](std::size_t i) {
        const std::size_t r = largestFirst[i];
        LoadOptions rankOptions = options;
        rankOptions.threads = std::max(1u, threads / readers);
        rankOptions.progress = progress.forRank(r);
        readRank(reads[r], found.ranks[r], rankOptions);
        progress.finished(r, reads[r].builder);
    });
    return reads;
}

// A torch_npu output folder, its ASCEND_PROFILER_OUTPUT, a trace_view.json, a DB export or a
// job folder with one *_ascend_pt per rank: each rank's trace is its own file (pid and id
// namespace), read side by side with the others. A rank that cannot be read is reported and
// the others still load. The trace is the same whatever the thread count: the ranks are
// merged in rank order, as if one builder had read them one after another.
// Keeps the ranks LoadOptions::onlyRankFolders names; throws LoadError when it names a folder
// that is not one of the job's ranks.
void keepRequestedRanks(AscendDiscovery& found, const std::string& path,
                        const LoadOptions& options) {
    if (options.onlyRankFolders.empty())
        return;
    const std::size_t all = found.ranks.size();
    for (const std::string& folder : options.onlyRankFolders)
        if (std::none_of(found.ranks.begin(), found.ranks.end(),
                         [&](const AscendRankInput& r) { return r.folder == folder; }))
            throw LoadError(path, std::nullopt, folder + " is not one of its ranks");
    std::erase_if(found.ranks, [&](const AscendRankInput& r) {
        return std::find(options.onlyRankFolders.begin(), options.onlyRankFolders.end(),
                         r.folder) == options.onlyRankFolders.end();
    });
    found.notes.push_back(std::to_string(found.ranks.size()) + " of the job's " +
                          std::to_string(all) + " ranks read");
}

Trace loadAscend(const std::string& path, const LoadOptions& options) {
    AscendDiscovery found = discoverAscendInput(path);
    keepRequestedRanks(found, path, options);
    const std::vector<std::uint64_t> sizes = traceSizes(found);
    std::vector<RankRead> reads = readRanks(found, sizes, options);
    TraceBuilder builder;
    std::optional<LoadError> firstError;
    std::vector<std::pair<std::uint32_t, const AscendRankInput*>> loaded;
    std::vector<AscendDbRead> databases;
    for (std::size_t r = 0; r < reads.size(); ++r) {
        RankRead& read = reads[r];
        const TraceBuilder::Absorbed where = builder.absorb(std::move(read.builder));
        for (const auto& [key, value] : read.topLevelKeys)
            applyTopLevelKey(builder.metadata(), key, value);
        if (read.error) {
            builder.diagnostics().report("rank_not_loaded", read.error->file(),
                                         read.error->offset().value_or(0), read.error->message());
            if (!firstError)
                firstError = read.error;
        } else {
            if (read.database)
                databases.push_back({read.database->file + where.firstFile});
            loaded.emplace_back(builder.fileCount() - 1, &found.ranks[r]);
        }
        read = RankRead{};
    }
    if (firstError && builder.eventCount() == 0)
        throw *firstError;
    const std::uint64_t total = std::accumulate(sizes.begin(), sizes.end(), std::uint64_t{0});
    startBuilding(builder, options, total);
    TraceBuilder::Result result = builder.finish(loadThreads(options), cancelCheck(options));
    cancelCheck(options)();
    finishAscendDbReads(result.trace, databases);
    applyChromeSemantics(result.trace);
    applyAscendSemantics(result.trace, result.correlations);
    for (const auto& [file, input] : loaded)
        attachAscendSideFiles(result.trace, file, *input);
    addDiscoveryNotes(result.trace, found);
    throwIfNothingUsable(result.trace, path);
    return std::move(result.trace);
}

} // namespace

Trace loadTrace(const std::string& path, const LoadOptions& options) {
    Trace trace =
        looksLikeAscendInput(path) ? loadAscend(path, options) : loadJsonFile(path, options);
    trace.eventSource = fileEventSource();
    return trace;
}

Trace loadTraceFromMemory(std::string_view bytes, const std::string& name,
                          const LoadOptions& options) {
    TraceBuilder builder;
    std::unique_ptr<ByteSource> source = memoryByteSource(bytes);
    readSource(builder, *source, name, std::nullopt, options, intoMetadata(builder));
    return finishJson(builder, name, options);
}

} // namespace lanescope::formats
