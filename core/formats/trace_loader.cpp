#include "formats/trace_loader.h"

#include "formats/byte_source.h"
#include "formats/chrome_json_reader.h"
#include "formats/kineto_semantics.h"
#include "model/trace_builder.h"

namespace lanescope::formats {

Trace loadTrace(const std::string& path, const LoadOptions& options) {
    std::unique_ptr<ByteSource> source = openByteSource(path);
    TraceBuilder builder;
    builder.beginFile({path, source->sizeOnDisk(), 0, source->compressed()});
    TraceMetadata& metadata = builder.metadata();
    ChromeJsonReader reader(*source, path, builder, options,
                            [&](const std::string& key, const nlohmann::json& value) {
                                applyTopLevelKey(metadata, key, value);
                            });
    reader.read();
    TraceBuilder::Result result = builder.finish();
    result.trace.files.front().decompressedBytes = source->bytesRead();
    applyKinetoSemantics(result.trace, result.correlations);
    return std::move(result.trace);
}

} // namespace lanescope::formats
