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
#include "model/trace_builder.h"

#include <filesystem>
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

// Streams one JSON trace into the builder. `done` is what earlier files of the same load
// contributed, so progress keeps rising across the ranks of a job.
void readSource(TraceBuilder& builder, ByteSource& source, const std::string& path,
                std::optional<std::int64_t> rank, const LoadOptions& options, std::uint64_t done,
                std::uint64_t total) {
    builder.beginFile({path, source.sizeOnDisk(), 0, source.compressed(), rank});
    LoadOptions fileOptions = options;
    if (options.progress)
        fileOptions.progress = [&](const LoadProgress& p) {
            options.progress({done + p.bytesDone, std::max(total, done + p.bytesTotal),
                              builder.eventCount(), p.eventsParsedAhead, p.preview, p.building});
        };
    TraceMetadata& metadata = builder.metadata();
    ChromeJsonReader reader(source, path, builder, fileOptions,
                            [&](const std::string& key, const nlohmann::json& value) {
                                applyTopLevelKey(metadata, key, value);
                            });
    reader.read();
    builder.currentSourceFile().decompressedBytes = reader.bytesRead();
}

void readFile(TraceBuilder& builder, const std::string& path, std::optional<std::int64_t> rank,
              const LoadOptions& options, std::uint64_t done, std::uint64_t total) {
    std::unique_ptr<ByteSource> source = openByteSource(path, loadThreads(options) > 1);
    readSource(builder, *source, path, rank, options, done, total);
    // Gzip: the access points recorded while inflating make the first args read fast.
    if (auto index = source->seekIndex())
        registerGzipSeekIndex(path, std::move(index));
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
    readFile(builder, path, std::nullopt, options, 0, 0);
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

// A torch_npu output folder, its ASCEND_PROFILER_OUTPUT, a trace_view.json, a DB export or a
// job folder with one *_ascend_pt per rank: each rank's trace is its own file (pid and id
// namespace). A rank that cannot be read is reported and the others still load.
Trace loadAscend(const std::string& path, const LoadOptions& options) {
    const AscendDiscovery found = discoverAscendInput(path);
    const std::vector<std::uint64_t> sizes = traceSizes(found);
    const std::uint64_t total = std::accumulate(sizes.begin(), sizes.end(), std::uint64_t{0});
    TraceBuilder builder;
    std::optional<LoadError> firstError;
    std::uint64_t done = 0;
    std::vector<std::pair<std::uint32_t, const AscendRankInput*>> loaded;
    std::vector<AscendDbRead> databases;
    for (std::size_t r = 0; r < found.ranks.size(); ++r) {
        const AscendRankInput& input = found.ranks[r];
        try {
            if (!input.database.empty()) {
                LoadOptions dbOptions = options;
                if (options.progress)
                    dbOptions.progress = [&](const LoadProgress& p) {
                        options.progress({done + p.bytesDone, std::max(total, done + p.bytesTotal),
                                          p.events, p.eventsParsedAhead, p.preview, p.building});
                    };
                databases.push_back(readAscendDb(builder, input.database, input.rank, dbOptions));
            } else {
                readFile(builder, input.traceView, input.rank, options, done, total);
            }
            loaded.emplace_back(builder.fileCount() - 1, &input);
        } catch (const LoadError& error) {
            builder.diagnostics().report("rank_not_loaded", error.file(),
                                         error.offset().value_or(0), error.message());
            if (!firstError)
                firstError = error;
        }
        done += sizes[r];
    }
    if (firstError && builder.eventCount() == 0)
        throw *firstError;
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
    readSource(builder, *source, name, std::nullopt, options, 0, 0);
    return finishJson(builder, name, options);
}

} // namespace lanescope::formats
