// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/file_event_source.h"

#include "formats/ascend_db_reader.h"
#include "formats/event_text_reader.h"
#include "formats/json_limits.h"
#include "formats/load_error.h"
#include "formats/text_repair.h"

#include <nlohmann/json.hpp>

namespace lanescope::formats {

namespace {

using Json = nlohmann::json;

// Invalid UTF-8 must show up as U+FFFD rather than throw from the GUI thread.
std::string pretty(const Json& value) {
    return value.dump(4, ' ', false, Json::error_handler_t::replace);
}

// The loader accepted control characters and broken UTF-8 inside strings and trailing commas by
// repairing them (text_repair.h); the same repair lets those events be shown here.
// Arrays and objects nested deeper than kMaxJsonDepth are left out (printing them would
// overflow the stack).
bool parseEvent(const std::string& text, Json& event) {
    event = parseBoundedJson(text).value;
    std::string repaired;
    if (event.is_discarded() && repairJsonText(text, repaired).any())
        event = parseBoundedJson(repaired).value;
    return !event.is_discarded();
}

bool readEvent(const std::string& path, std::uint64_t offset, Json& event, std::string& error) {
    const EventText text = readEventText(path, offset);
    if (!text.error.empty()) {
        error = text.error;
        return false;
    }
    if (!parseEvent(text.text, event)) {
        error = LoadError(path, offset, "event text is not valid JSON").what();
        return false;
    }
    return true;
}

std::string argsOf(const Json& event) {
    const auto it = event.find("args");
    return it == event.end() ? std::string("{}") : pretty(*it);
}

// The file a track's events came from, or nullptr when the model does not know it.
const SourceFile* sourceFile(const Trace& trace, std::uint32_t track) {
    std::uint32_t process = kNoIndex;
    for (const Thread& thread : trace.threads)
        if (thread.sliceTrack == track)
            process = thread.process;
    for (const AsyncTrack& async : trace.asyncTracks)
        if (async.sliceTrack == track)
            process = async.process;
    if (process >= trace.processes.size())
        return nullptr;
    const std::uint32_t file = trace.processes[process].sourceFile;
    return file < trace.files.size() ? &trace.files[file] : nullptr;
}

// A DB export slice: its row (string ids resolved) stands in for the event; "args" are the
// row's columns.
SliceArgs readDatabaseRow(const std::string& path, std::uint64_t rowKey) {
    SliceArgs args;
    Json row;
    if (!readAscendDbRow(path, rowKey, row, args.error))
        return args;
    args.eventJson = pretty(row);
    args.argsJson = pretty(row["columns"]);
    return args;
}

SliceArgs read(const Trace& trace, SliceRef ref) {
    SliceArgs args;
    if (ref.track >= trace.sliceTracks.size() || ref.slice >= trace.sliceTracks[ref.track].size()) {
        args.error = "no such slice";
        return args;
    }
    const SourceFile* file = sourceFile(trace, ref.track);
    if (!file || file->path.empty()) {
        args.error = "the slice's source file is unknown";
        return args;
    }
    const std::string& path = file->path;
    const SliceTrack& track = trace.sliceTracks[ref.track];
    if (file->database)
        return readDatabaseRow(path, track.sourceOffset(ref.slice));
    Json event;
    if (!readEvent(path, track.sourceOffset(ref.slice), event, args.error))
        return args;
    args.eventJson = pretty(event);
    args.argsJson = argsOf(event);
    std::uint64_t endOffset = 0;
    if (track.endOffset(ref.slice, endOffset)) {
        Json end;
        if (!readEvent(path, endOffset, end, args.error))
            return args;
        args.endArgsJson = argsOf(end);
    }
    return args;
}

class FileEventSource final : public EventSource {
public:
    SliceArgs sliceArgs(const Trace& trace, SliceRef slice) const override {
        try {
            return read(trace, slice);
        } catch (const std::exception& e) {
            // Out of memory or a zlib failure: the details panel shows it instead of crashing.
            SliceArgs args;
            args.error = std::string("cannot read the slice's event: ") + e.what();
            return args;
        }
    }
};

} // namespace

std::shared_ptr<const EventSource> fileEventSource() {
    static const auto source = std::make_shared<const FileEventSource>();
    return source;
}

} // namespace lanescope::formats
