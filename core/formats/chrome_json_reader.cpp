// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/chrome_json_reader.h"

#include "formats/chrome_event_import.h"
#include "formats/event_parse_ahead.h"
#include "formats/event_parser.h"
#include "formats/json_limits.h"
#include "formats/load_error.h"
#include "formats/simple_event_parser.h"
#include "formats/text_repair.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace lanescope::formats {

namespace {

constexpr std::size_t kReadChunk = 4u << 20;
constexpr std::size_t kNoMark = static_cast<std::size_t>(-1);

// A small plain file needs no 4 MB buffer (tests and fuzzing load thousands of them); gzip's
// inflated size is unknown up front.
std::size_t readChunkFor(const ByteSource& source) {
    if (source.compressed())
        return kReadChunk;
    return std::clamp<std::size_t>(source.sizeOnDisk() + 1, 4096, kReadChunk);
}

// Events are parsed ahead on other threads when there are cores for it and the input spans a
// few blocks (small files load faster without starting threads).
std::unique_ptr<EventParseAhead> parseAheadFor(ByteSource& source, const LoadOptions& options) {
    const unsigned threads = loadThreads(options);
    if (threads < 2)
        return nullptr;
    const std::size_t block = options.parseBlockBytes != 0 ? options.parseBlockBytes
                                                           : EventParseAhead::kDefaultBlockBytes;
    // gzip inflates to several times its size on disk
    const std::uint64_t expected = source.sizeOnDisk() * (source.compressed() ? 4 : 1);
    if (expected < 2 * block)
        return nullptr;
    return std::make_unique<EventParseAhead>(source, threads, block);
}
// No real event or top-level value is this large (call stacks make events of a few hundred KB):
// one that grows past it has an unbalanced quote or bracket, or is hostile (a 1 GiB name), and
// is skipped without being kept in memory.
constexpr std::size_t kMaxEventBytes = 64u << 20;

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::string describeChar(char c) {
    if (c >= 0x20 && c < 0x7f)
        return std::string("'") + c + "'";
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(c));
    return hex;
}

} // namespace

class ChromeJsonReader::Impl {
public:
    Impl(ByteSource& source, std::string path, TraceBuilder& builder, const LoadOptions& options,
         TopLevelHandler topLevel)
        : source_(source), path_(std::move(path)), builder_(builder), options_(options),
          topLevel_(std::move(topLevel)), readChunk_(readChunkFor(source)), buffer_(readChunk_ * 2),
          ahead_(parseAheadFor(source, options)) {}

    void read() {
        char c = 0;
        if (!skipSpace(c))
            throw LoadError(path_, 0, "empty file");
        skipByteOrderMark(c);
        refuseUtf16(c);
        if (c == '[') {
            ++pos_;
            sawEventArray_ = true;
            readEvents();
        } else if (c == '{') {
            ++pos_;
            readObject();
        } else {
            throw LoadError(path_, offsetHere(),
                            "not a JSON trace: expected '[' or '{' but found " + describeChar(c));
        }
        finish();
    }

private:
    std::uint64_t offsetHere() const { return base_ + pos_; }

    // Makes room and reads the next chunk; keeps the bytes from the mark (an event being
    // scanned) so its text stays contiguous. Returns false at the end of the input.
    bool refill() {
        if (atEnd_)
            return false;
        const std::size_t keep = mark_ == kNoMark ? pos_ : std::min(mark_, pos_);
        std::memmove(buffer_.data(), buffer_.data() + keep, end_ - keep);
        end_ -= keep;
        pos_ -= keep;
        if (mark_ != kNoMark)
            mark_ -= keep;
        base_ += keep;
        if (buffer_.size() - end_ < readChunk_)
            buffer_.resize(std::max(buffer_.size() * 2, end_ + readChunk_));
        const std::size_t capacity = buffer_.size() - end_;
        const std::size_t n = ahead_ ? ahead_->read(buffer_.data() + end_, capacity)
                                     : source_.read(buffer_.data() + end_, capacity);
        end_ += n;
        reportProgress();
        if (n == 0)
            atEnd_ = true;
        return n != 0;
    }

    void reportProgress() {
        if (options_.cancel && options_.cancel->load(std::memory_order_relaxed))
            throw LoadCancelled();
        if (!options_.progress)
            return;
        LoadProgress progress{source_.positionOnDisk(),
                              source_.sizeOnDisk(),
                              eventsParsed_,
                              eventsParsedAhead_,
                              nullptr,
                              false};
        if (options_.previewInterval.count() > 0) {
            const auto now = std::chrono::steady_clock::now();
            if (now >= nextPreview_) {
                progress.preview = builder_.preview();
                nextPreview_ = now + options_.previewInterval;
            }
        }
        options_.progress(progress);
    }

    bool skipSpace(char& c) {
        for (;;) {
            while (pos_ < end_) {
                c = buffer_[pos_];
                if (!isSpace(c))
                    return true;
                ++pos_;
            }
            if (!refill())
                return false;
        }
    }

    bool skipSpaceAndCommas(char& c) {
        while (skipSpace(c)) {
            if (c != ',')
                return true;
            ++pos_;
        }
        return false;
    }

    void skipByteOrderMark(char& c) {
        if (static_cast<unsigned char>(c) != 0xEF)
            return;
        while (end_ - pos_ < 3 && refill()) {
        }
        if (end_ - pos_ >= 3 && std::memcmp(buffer_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) {
            pos_ += 3;
            if (!skipSpace(c))
                throw LoadError(path_, offsetHere(), "empty file");
        }
    }

    // UTF-16 (Windows tools save JSON so): a byte-order mark FF FE / FE FF, or a NUL next to
    // the first character. Said plainly instead of "found 0xff".
    void refuseUtf16(char c) {
        while (end_ - pos_ < 2 && refill()) {
        }
        const auto at = [&](std::size_t k) {
            return pos_ + k < end_ ? static_cast<unsigned char>(buffer_[pos_ + k]) : 0x100u;
        };
        const auto opens = [](unsigned value) { return value == '[' || value == '{'; };
        const bool bom = (at(0) == 0xFF && at(1) == 0xFE) || (at(0) == 0xFE && at(1) == 0xFF);
        if (bom || (opens(at(0)) && at(1) == 0) || (c == 0 && opens(at(1))))
            throw LoadError(path_, 0, "is UTF-16 text; save it as UTF-8 (or gzip) to open it");
    }

    // A backslash run before a quote escapes it when its length is odd.
    bool quoteIsEscaped(const char* quote, const char* floor) const {
        std::size_t backslashes = 0;
        while (quote > floor && *(quote - 1) == '\\') {
            --quote;
            ++backslashes;
        }
        return backslashes % 2 == 1;
    }

    // From an opening '{' or '[' at pos_, moves pos_ past the matching close. The scan keeps
    // only depth and whether it is inside a string, so it is a fast pass over the bytes.
    bool scanComposite() {
        int depth = 0;
        bool inString = false;
        for (;;) {
            const char* data = buffer_.data();
            const char* p = data + pos_;
            const char* e = data + end_;
            while (p < e) {
                if (inString) {
                    const auto* quote = static_cast<const char*>(std::memchr(p, '"', e - p));
                    if (!quote) {
                        p = e;
                        break;
                    }
                    p = quote + 1;
                    if (!quoteIsEscaped(quote, data + mark_))
                        inString = false;
                    continue;
                }
                const char c = *p++;
                if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    pos_ = static_cast<std::size_t>(p - data);
                    return true;
                }
            }
            pos_ = static_cast<std::size_t>(p - data);
            if (pos_ - mark_ > kMaxEventBytes) {
                oversized_ = {depth, inString,
                              inString && quoteIsEscaped(data + pos_, data + mark_)};
                return false;
            }
            if (!refill())
                return false;
        }
    }

    // Where a value's scan stopped because it grew past kMaxEventBytes.
    struct Oversized {
        int depth = 0;
        bool inString = false;
        bool escaped = false;  // the byte at pos_ follows an escaping backslash
        bool complete = false; // pos_ is already past the value
    };

    // Moves pos_ past the end of an oversized value without keeping its bytes (mark_ is
    // released, so each refill drops what was scanned). False at the end of the input.
    bool skipOversized(Oversized state) {
        mark_ = kNoMark;
        if (state.complete)
            return true;
        for (;;) {
            while (pos_ < end_) {
                const char c = buffer_[pos_++];
                if (state.inString) {
                    if (state.escaped)
                        state.escaped = false;
                    else if (c == '\\')
                        state.escaped = true;
                    else if (c == '"') {
                        state.inString = false;
                        if (state.depth == 0)
                            return true; // a string value
                    }
                } else if (c == '"') {
                    state.inString = true;
                } else if (c == '{' || c == '[') {
                    ++state.depth;
                } else if ((c == '}' || c == ']') && --state.depth == 0) {
                    return true;
                }
            }
            if (!refill())
                return false;
        }
    }

    // After scanValue failed: skips the value when it was only too large, saying so; false when
    // the input really ended inside it.
    bool skipIfOversized(std::uint64_t offset, const std::string& what) {
        if (!oversized_)
            return false;
        const Oversized state = *oversized_;
        oversized_.reset();
        if (!skipOversized(state))
            return false;
        builder_.diagnostics().report(
            diag::kValueTooLarge, path_, offset,
            what + " is larger than " + std::to_string(kMaxEventBytes >> 20) +
                " MiB; skipped up to offset " + std::to_string(offsetHere()));
        return true;
    }

    bool scanString() {
        ++pos_;
        for (;;) {
            const char* data = buffer_.data();
            const char* p = data + pos_;
            while (const auto* quote =
                       static_cast<const char*>(std::memchr(p, '"', end_ - (p - data)))) {
                p = quote + 1;
                if (!quoteIsEscaped(quote, data + mark_)) {
                    pos_ = static_cast<std::size_t>(p - data);
                    return true;
                }
            }
            pos_ = end_;
            if (pos_ - mark_ > kMaxEventBytes) {
                oversized_ = Oversized{0, true, quoteIsEscaped(data + pos_, data + mark_)};
                return false;
            }
            if (!refill())
                return false;
        }
    }

    // Always consumes at least one byte, so a stray '}' or ':' cannot stall the event loop.
    bool scanScalar() {
        ++pos_;
        for (;;) {
            while (pos_ < end_) {
                const char c = buffer_[pos_];
                if (c == ',' || c == '}' || c == ']' || isSpace(c))
                    return true;
                ++pos_;
            }
            if (!refill())
                return true;
        }
    }

    // Scans one JSON value starting at pos_, keeping its bytes from mark_. False at the end of
    // the input, and for a value larger than kMaxEventBytes (oversized_ says where the scan
    // stopped, or that it is already past the value).
    bool scanValue(char first) {
        mark_ = pos_;
        const bool scanned = first == '{' || first == '[' ? scanComposite()
                             : first == '"'               ? scanString()
                                                          : scanScalar();
        if (scanned && pos_ - mark_ > kMaxEventBytes) {
            oversized_ = Oversized{0, false, false, true};
            return false;
        }
        return scanned;
    }

    std::string_view marked() const { return {buffer_.data() + mark_, pos_ - mark_}; }

    void readObject() {
        for (;;) {
            char c = 0;
            if (!skipSpaceAndCommas(c)) {
                noteEndOfInput("the top-level object is not closed");
                return;
            }
            if (c == '}') {
                ++pos_;
                return;
            }
            const std::uint64_t keyOffset = offsetHere();
            std::string key;
            if (c != '"' || !readKey(key)) {
                failOrStop(keyOffset, c == '"' ? "unexpected end of file in a key"
                                               : "expected a key but found " + describeChar(c));
                return;
            }
            if (!skipSpace(c) || c != ':') {
                failOrStop(offsetHere(), "expected ':' after key \"" + key + "\"");
                return;
            }
            ++pos_;
            if (!skipSpace(c)) {
                noteEndOfInput("file ends after key \"" + key + "\"");
                return;
            }
            if (key == "traceEvents" && c == '[') {
                ++pos_;
                sawEventArray_ = true;
                if (!readEvents())
                    return;
            } else if (!readTopLevelValue(key, c)) {
                return;
            }
        }
    }

    bool readKey(std::string& key) {
        mark_ = pos_;
        if (!scanString()) {
            mark_ = kNoMark;
            return false;
        }
        const std::string_view quoted = marked();
        mark_ = kNoMark;
        if (quoted.find('\\') == std::string_view::npos) {
            key.assign(quoted.substr(1, quoted.size() - 2));
            return true;
        }
        const auto parsed = nlohmann::json::parse(quoted, nullptr, false);
        if (!parsed.is_string())
            return false;
        key = parsed.get<std::string>();
        return true;
    }

    bool readTopLevelValue(const std::string& key, char first) {
        const std::uint64_t offset = offsetHere();
        if (!scanValue(first)) {
            mark_ = kNoMark;
            if (skipIfOversized(offset, "the value of top-level key \"" + key + "\""))
                return true;
            noteEndOfInput("file ends inside the value of \"" + key + "\"");
            return false;
        }
        BoundedJson parsed = parseBoundedJson(marked());
        mark_ = kNoMark;
        if (parsed.value.is_discarded()) {
            builder_.diagnostics().report(diag::kTopLevelValueSkipped, path_, offset,
                                          "value of top-level key \"" + key +
                                              "\" is not valid JSON");
            return true;
        }
        if (parsed.truncated)
            builder_.diagnostics().report(
                diag::kValueTooDeep, path_, offset,
                "value of top-level key \"" + key + "\" is nested deeper than " +
                    std::to_string(kMaxJsonDepth) + " levels; the deeper parts were left out");
        if (topLevel_)
            topLevel_(key, parsed.value);
        return true;
    }

    // Returns false when the input ended inside the array (a cut file).
    bool readEvents() {
        for (;;) {
            char c = 0;
            if (!skipSpaceAndCommas(c)) {
                builder_.diagnostics().report(diag::kMissingArrayEnd, path_, offsetHere(),
                                              "event array not closed with ']'; accepted");
                return false;
            }
            if (c == ']') {
                ++pos_;
                arrayClosed_ = true;
                return true;
            }
            const std::uint64_t offset = offsetHere();
            ++elementsSeen_;
            if (c == '{' && takeRunParsedAhead(offset))
                continue;
            if (c == '{' && readSimpleEvent(offset))
                continue;
            if (!scanValue(c)) {
                // A whole event past the limit is skipped; one cut short by the limit may have
                // an unbalanced quote or bracket instead, so the next event is looked for first.
                if (oversized_ && oversized_->complete && skipIfOversized(offset, "event"))
                    continue;
                if (c == '{' && resyncAfterBrokenEvent(offset)) {
                    oversized_.reset();
                    continue;
                }
                if (skipIfOversized(offset, "event"))
                    continue;
                mark_ = kNoMark;
                noteCutEvent(offset);
                return false;
            }
            if (c == '{')
                parseEvent(offset);
            else
                builder_.diagnostics().report(diag::kNotAnObject, path_, offset,
                                              "array element is not an event object; skipped");
            mark_ = kNoMark;
        }
    }

    // An unbalanced quote or bracket makes the scan run to the end of the file. Rather than lose
    // every later event, skip to the first "}, {" after the broken event's start and go on.
    bool resyncAfterBrokenEvent(std::uint64_t offset) {
        const char* data = buffer_.data();
        const char* p = data + mark_ + 1;
        const char* e = data + pos_;
        while (const auto* close = static_cast<const char*>(std::memchr(p, '}', e - p))) {
            const char* q = close + 1;
            while (q < e && isSpace(*q))
                ++q;
            if (q < e && *q == ',') {
                ++q;
                while (q < e && isSpace(*q))
                    ++q;
                if (q < e && *q == '{') {
                    builder_.diagnostics().report(
                        diag::kMalformedEvent, path_, offset,
                        "event has an unbalanced quote or bracket; skipped up to offset " +
                            std::to_string(base_ + static_cast<std::uint64_t>(q - data)));
                    pos_ = static_cast<std::size_t>(q - data);
                    mark_ = kNoMark;
                    return true;
                }
            }
            p = close + 1;
        }
        return false;
    }

    // The fast path; false sends the event to the reference parser (after pulling in more input
    // when the event runs past the buffer).
    bool readSimpleEvent(std::uint64_t offset) {
        for (;;) {
            std::size_t length = 0;
            const std::string_view available(buffer_.data() + pos_, end_ - pos_);
            switch (simpleParser_.parse(available, offset, event_, problems_, length)) {
            case SimpleEventParser::Result::Parsed:
                if (length > kMaxEventBytes)
                    builder_.diagnostics().report(
                        diag::kValueTooLarge, path_, offset,
                        "event is larger than " + std::to_string(kMaxEventBytes >> 20) +
                            " MiB; skipped up to offset " + std::to_string(offset + length));
                else
                    addEvent(event_, problems_);
                [[fallthrough]];
            case SimpleEventParser::Result::Empty:
                pos_ += length;
                return true;
            case SimpleEventParser::Result::NeedMoreInput:
                if (atEnd_ || end_ - pos_ >= kMaxEventBytes)
                    return false; // the full scan decides, with its size limit
                mark_ = pos_;
                refill();
                mark_ = kNoMark;
                break;
            case SimpleEventParser::Result::Unsupported:
                return false;
            }
        }
    }

    void addEvent(const RawEvent& event, std::span<const FieldProblem> problems) {
        for (const FieldProblem& problem : problems)
            builder_.diagnostics().report(problem.kind, path_, event.offset, problem.message);
        ++eventsParsed_;
        importer_.add(event);
    }

    // The elements a worker parsed from here on, added as readSimpleEvent would have added them
    // one by one; false when no run begins at this event.
    bool takeRunParsedAhead(std::uint64_t offset) {
        if (!ahead_)
            return false;
        const ParsedRun* run = ahead_->runAt(offset);
        if (!run)
            return false;
        for (const ParsedEvent& parsed : run->events)
            addEvent(parsed.event, parsed.problems);
        elementsSeen_ += run->elements - 1;
        eventsParsedAhead_ += run->events.size();
        skipBytes(run->end - offset);
        return true;
    }

    // Moves past a run's bytes: those in the buffer, then the rest straight in the parse-ahead
    // stream, never copied into the buffer.
    void skipBytes(std::uint64_t count) {
        const std::size_t buffered = end_ - pos_;
        if (count <= buffered) {
            pos_ += static_cast<std::size_t>(count);
            return;
        }
        base_ += end_;
        pos_ = end_ = 0;
        base_ += ahead_->skip(count - buffered);
    }

    static bool isEmptyObject(std::string_view text) {
        for (std::size_t i = 1; i + 1 < text.size(); ++i)
            if (!isSpace(text[i]))
                return false;
        return true;
    }

    void parseEvent(std::uint64_t offset) {
        const std::string_view text = marked();
        if (isEmptyObject(text))
            return;
        std::string error;
        std::size_t errorPosition = 0;
        bool ok = parser_.parse(text, offset, event_, problems_, error, errorPosition);
        if (const JsonRepairs repairs = ok ? JsonRepairs{} : repairJsonText(text, repaired_);
            repairs.any()) {
            std::string ignored;
            ok = parser_.parse(repaired_, offset, event_, problems_, ignored, errorPosition);
            if (ok && repairs.strings)
                builder_.diagnostics().report(diag::kRepairedString, path_, offset,
                                              "control characters or invalid UTF-8 in a string "
                                              "replaced");
            if (ok && repairs.trailingCommas)
                builder_.diagnostics().report(diag::kTrailingComma, path_, offset,
                                              "a comma before a closing '}' or ']' ignored");
        }
        if (!ok) {
            builder_.diagnostics().report(diag::kMalformedEvent, path_, offset + errorPosition,
                                          "malformed event skipped: " + error);
            return;
        }
        addEvent(event_, problems_);
    }

    void noteCutEvent(std::uint64_t offset) {
        cutOffset_ = offset;
        builder_.diagnostics().report(diag::kTruncatedInput, path_, offset,
                                      "file ends inside an event (cut off?); the events before "
                                      "it were loaded");
    }

    void noteEndOfInput(const std::string& what) {
        if (!sawEventArray_ && eventsParsed_ == 0)
            throw LoadError(path_, offsetHere(), "unexpected end of file: " + what);
        builder_.diagnostics().report(diag::kTruncatedInput, path_, offsetHere(), what);
    }

    void failOrStop(std::uint64_t offset, const std::string& what) {
        if (eventsParsed_ == 0)
            throw LoadError(path_, offset, what);
        builder_.diagnostics().report(diag::kTrailingGarbage, path_, offset,
                                      what + "; the rest of the file was ignored");
    }

    void finish() {
        char c = 0;
        if (skipSpace(c))
            builder_.diagnostics().report(diag::kTrailingGarbage, path_, offsetHere(),
                                          "unexpected " + describeChar(c) +
                                              " after the trace; ignored");
        if (readToEnd() && !source_.damage().empty())
            builder_.diagnostics().report(diag::kTruncatedInput, path_, base_ + end_,
                                          source_.damage());
        if (eventsParsed_ == 0) {
            if (cutOffset_)
                throw LoadError(path_, *cutOffset_, "file ends inside the first event");
            if (!sawEventArray_ && builder_.diagnostics().empty())
                throw LoadError(path_, std::nullopt, "no trace events (no \"traceEvents\" array)");
            if (elementsSeen_ == 0 && arrayClosed_)
                throw LoadError(path_, std::nullopt, "the event array is empty");
            for (const Diagnostics::Example& first : builder_.diagnostics().examples())
                if (first.file == path_)
                    throw LoadError(path_, first.offset,
                                    "no readable trace events; first problem: " + first.message);
            throw LoadError(path_, std::nullopt, "no readable trace events");
        }
    }

    // Whether the source's last byte was read here (parsing ahead reads beyond what the reader
    // has consumed; what is reported must not depend on that).
    bool readToEnd() const { return !ahead_ || ahead_->finished(); }

public:
    std::uint64_t bytesRead() const { return ahead_ ? ahead_->bytesRead() : source_.bytesRead(); }

private:
    ByteSource& source_;
    std::string path_;
    TraceBuilder& builder_;
    ChromeEventImporter importer_{builder_};
    const LoadOptions& options_;
    TopLevelHandler topLevel_;
    std::size_t readChunk_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    std::size_t mark_ = kNoMark;
    std::uint64_t elementsSeen_ = 0;     // elements of the event array, readable or not
    bool arrayClosed_ = false;           // its ']' was read
    std::optional<Oversized> oversized_; // set when the last scan stopped at kMaxEventBytes
    std::uint64_t base_ = 0;
    bool atEnd_ = false;
    bool sawEventArray_ = false;
    std::optional<std::uint64_t> cutOffset_;
    std::uint64_t eventsParsed_ = 0;
    std::uint64_t eventsParsedAhead_ = 0;
    std::chrono::steady_clock::time_point nextPreview_{}; // the first report carries one
    SimpleEventParser simpleParser_;
    EventParser parser_;
    RawEvent event_;
    std::vector<FieldProblem> problems_;
    std::string repaired_;
    std::unique_ptr<EventParseAhead> ahead_;
};

ChromeJsonReader::ChromeJsonReader(ByteSource& source, std::string path, TraceBuilder& builder,
                                   const LoadOptions& options, TopLevelHandler topLevel)
    : impl_(
          std::make_unique<Impl>(source, std::move(path), builder, options, std::move(topLevel))) {}

ChromeJsonReader::~ChromeJsonReader() = default;

void ChromeJsonReader::read() {
    impl_->read();
}

std::uint64_t ChromeJsonReader::bytesRead() const {
    return impl_->bytesRead();
}

} // namespace lanescope::formats
