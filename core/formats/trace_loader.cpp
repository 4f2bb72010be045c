#include "formats/trace_loader.h"

#include "formats/ascend_semantics.h"
#include "formats/byte_source.h"
#include "formats/chrome_json_reader.h"
#include "formats/kineto_semantics.h"
#include "formats/load_error.h"
#include "model/trace_builder.h"

namespace lanescope::formats {

namespace {

// Every event was skipped: say why in one line instead of showing an empty trace.
void throwIfNothingUsable(const Trace& trace, const std::string& path) {
    if (trace.sliceCount() != 0 || trace.instantCount() != 0 || trace.counterSampleCount() != 0 ||
        !trace.otherEvents.empty() || !trace.flows.empty())
        return;
    const auto& examples = trace.diagnostics.examples();
    if (examples.empty())
        throw LoadError(path, std::nullopt, "no readable trace events");
    throw LoadError(path, examples.front().offset,
                    "no readable trace events; first problem: " + examples.front().message);
}

} // namespace

Trace loadTrace(const std::string& path, const LoadOptions& options) {
    std::unique_ptr<ByteSource> source = openByteSource(path);
    TraceBuilder builder;
    builder.beginFile({path, source->sizeOnDisk(), 0, source->compressed(), std::nullopt});
    TraceMetadata& metadata = builder.metadata();
    ChromeJsonReader reader(*source, path, builder, options,
                            [&](const std::string& key, const nlohmann::json& value) {
                                applyTopLevelKey(metadata, key, value);
                            });
    reader.read();
    TraceBuilder::Result result = builder.finish();
    result.trace.files.front().decompressedBytes = source->bytesRead();
    applyKinetoSemantics(result.trace, result.correlations);
    if (looksLikeAscend(result.trace))
        applyAscendSemantics(result.trace, result.correlations);
    throwIfNothingUsable(result.trace, path);
    return std::move(result.trace);
}

} // namespace lanescope::formats
