// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/byte_source.h"
#include "formats/event_parser.h"
#include "formats/raw_event.h"

#include <cstdint>
#include <memory>
#include <span>

namespace lanescope::formats {

// One event a worker parsed ahead: its fields (views into the block's bytes and the block's own
// args) and the field problems the reader reports with it.
struct ParsedEvent {
    RawEvent event;
    std::span<const FieldProblem> problems;
};

// Consecutive elements of the event array parsed ahead: from `begin` (an element's '{') to
// `end` (just past the last one's '}'), the events among them in file order; `elements` also
// counts the empty {} ones, which the reader counts but does not add.
struct ParsedRun {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    std::uint64_t elements = 0;
    std::span<const ParsedEvent> events;
};

// Parses the events of a Chrome JSON trace on worker threads ahead of the reader
// (ChromeJsonReader), which still adds them to the TraceBuilder one by one in file order.
//
// The reader pulls its bytes through read(): they are the source's bytes, read in blocks of
// `blockBytes` a few blocks ahead of the reader, each block handed to a worker as it is read. A
// worker cannot know where events start in its block, so it guesses — the first '{' after a
// '}' and a comma — and from there parses element after element with SimpleEventParser into a
// run, until one it cannot parse alone (an event running past the block's end, one the fast
// parser leaves to the reference parser, the array's end); then it guesses again after it.
//
// The reader asks for a run at every event start it reaches (runAt) and uses one only when it
// begins exactly there. A run that begins at a real event start holds what the reader would
// have parsed itself, since parsing an event depends on its bytes alone; a guess that fell
// inside a string or a nested object is never reached and costs only its parse. So the loaded
// trace is the same whatever the thread count and block size: they change only the speed.
//
// Memory is bounded: at most a few blocks per worker are read ahead, and the blocks the reader
// has passed are freed. Threads start in the constructor; the destructor stops them (queued
// blocks are dropped, so a cancelled load does not wait) and joins them. An exception a worker
// meets (out of memory) is rethrown by the runAt that needs its block; one the source throws, by
// the read() that reaches its position, after the bytes before it.
class EventParseAhead {
public:
    EventParseAhead(ByteSource& source, unsigned workers, std::size_t blockBytes);
    ~EventParseAhead();
    EventParseAhead(const EventParseAhead&) = delete;
    EventParseAhead& operator=(const EventParseAhead&) = delete;

    // The source's next bytes, as ByteSource::read (at most the rest of one block; 0 at the
    // end of the source).
    std::size_t read(char* destination, std::size_t capacity);
    // Passes over the next `count` bytes as read() would hand them out, without copying them (a
    // run the reader has taken); fewer only at the end of the source.
    std::uint64_t skip(std::uint64_t count);
    // Bytes handed out by read() and skip() so far.
    std::uint64_t bytesRead() const;
    // True once read() has returned 0.
    bool finished() const;

    // The run that begins at `offset`, an event start the reader has reached and whose bytes
    // read() has handed out; nullptr when no worker parsed one from there. Waits for the block's
    // worker. The run stays valid until the next call.
    const ParsedRun* runAt(std::uint64_t offset);

    // A worker's share, large against the cost of handing it over (about 2 ms of parsing) and
    // small against memory: a block's parsed events take about three times its bytes, and one
    // block more than there are workers is read ahead.
    static constexpr std::size_t kDefaultBlockBytes = std::size_t{512} << 10;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace lanescope::formats
