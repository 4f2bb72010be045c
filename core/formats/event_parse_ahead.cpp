// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/event_parse_ahead.h"

#include "formats/json_text.h"
#include "formats/simple_event_parser.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace lanescope::formats {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

// A block the reader has copied out is kept until it copies the next one out, so that the run it
// asks for next (its buffer lags read() by up to a block) is still there.
constexpr std::size_t kBlocksKeptBehind = 1;

// A run as a worker builds it, by index: the events vector may still grow.
struct RunIndex {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    std::uint64_t elements = 0;
    std::size_t firstEvent = 0;
};

struct EventIndex {
    std::size_t firstArg = 0;
    std::size_t firstProblem = 0;
};

struct Block {
    std::uint64_t begin = 0;         // offset of bytes[0] in the decompressed source
    std::unique_ptr<char[]> storage; // not zeroed: the source fills it
    std::string_view bytes;
    // What the worker parsed; read by the reader only once `parsed` is set under the mutex.
    std::vector<ParsedEvent> events;
    std::vector<RawArg> args;
    std::deque<std::string> argText; // a deque: the views into its strings stay valid
    std::vector<FieldProblem> problems;
    std::vector<ParsedRun> runs;
    std::exception_ptr error;
    bool parsed = false;

    std::uint64_t end() const { return begin + bytes.size(); }
};

std::size_t skipSpaces(std::string_view text, std::size_t p) {
    while (p < text.size() && json_text::isSpace(text[p]))
        ++p;
    return p;
}

// Past whitespace and commas, as the reader goes from one array element to the next.
std::size_t skipSeparators(std::string_view text, std::size_t p) {
    while (p < text.size() && (json_text::isSpace(text[p]) || text[p] == ','))
        ++p;
    return p;
}

// A likely event start at or after `from`: a '{' that follows a '}' and a comma.
std::size_t nextGuess(std::string_view text, std::size_t from) {
    while (from < text.size()) {
        const auto* close =
            static_cast<const char*>(std::memchr(text.data() + from, '}', text.size() - from));
        if (!close)
            return kNone;
        from = static_cast<std::size_t>(close - text.data()) + 1;
        std::size_t p = skipSpaces(text, from);
        if (p < text.size() && text[p] == ',') {
            p = skipSeparators(text, p);
            if (p < text.size() && text[p] == '{')
                return p;
        }
    }
    return kNone;
}

// Keeps the event just parsed into the block's last slot: its args and their converted text
// move into the block, since the parser reuses its own storage for the next event.
void keepEvent(Block& block, std::vector<EventIndex>& index,
               const std::vector<FieldProblem>& problems) {
    RawEvent& event = block.events.back().event;
    index.push_back({block.args.size(), block.problems.size()});
    for (RawArg arg : event.args) {
        if (arg.value.kind == RawValue::Kind::String || arg.value.kind == RawValue::Kind::Float)
            arg.value.text = block.argText.emplace_back(arg.value.text);
        block.args.push_back(arg);
    }
    event.args = {};
    block.problems.insert(block.problems.end(), problems.begin(), problems.end());
}

// Points each event at its args and problems, and each run at its events, now that the
// vectors have stopped growing.
void publishSpans(Block& block, const std::vector<EventIndex>& index,
                  const std::vector<RunIndex>& runs) {
    for (std::size_t i = 0; i < block.events.size(); ++i) {
        const std::size_t argEnd = i + 1 < index.size() ? index[i + 1].firstArg : block.args.size();
        const std::size_t problemEnd =
            i + 1 < index.size() ? index[i + 1].firstProblem : block.problems.size();
        block.events[i].event.args = std::span<const RawArg>(block.args)
                                         .subspan(index[i].firstArg, argEnd - index[i].firstArg);
        block.events[i].problems =
            std::span<const FieldProblem>(block.problems)
                .subspan(index[i].firstProblem, problemEnd - index[i].firstProblem);
    }
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const std::size_t eventEnd =
            r + 1 < runs.size() ? runs[r + 1].firstEvent : block.events.size();
        block.runs.push_back({runs[r].begin, runs[r].end, runs[r].elements,
                              std::span<const ParsedEvent>(block.events)
                                  .subspan(runs[r].firstEvent, eventEnd - runs[r].firstEvent)});
    }
}

// Parses one run from `pos` (a guessed element start); returns where the run stopped and
// whether that is the block's end (nothing more to guess in it).
std::size_t parseRun(Block& block, SimpleEventParser& parser, std::size_t pos, RunIndex& run,
                     std::vector<EventIndex>& index, bool& blockEnd) {
    const std::string_view text = block.bytes;
    std::vector<FieldProblem> problems;
    for (;;) {
        std::size_t length = 0;
        // parsed in place, into a slot given back unless the event is kept
        RawEvent& event = block.events.emplace_back().event;
        const auto result =
            parser.parse(text.substr(pos), block.begin + pos, event, problems, length);
        if (result == SimpleEventParser::Result::Parsed)
            keepEvent(block, index, problems);
        else
            block.events.pop_back();
        if (result == SimpleEventParser::Result::NeedMoreInput) {
            blockEnd = true;
            return pos;
        }
        if (result == SimpleEventParser::Result::Unsupported)
            return pos;
        ++run.elements;
        pos += length;
        run.end = block.begin + pos;
        const std::size_t next = skipSeparators(text, pos);
        if (next >= text.size()) {
            blockEnd = true;
            return pos;
        }
        if (text[next] != '{')
            return pos;
        pos = next;
    }
}

void parseBlock(Block& block, SimpleEventParser& parser) {
    const std::string_view text = block.bytes;
    std::vector<EventIndex> index;
    std::vector<RunIndex> runs;
    // Room for the events of a block of small ones, so that the vector never moves them (only
    // the slots used are touched).
    block.events.reserve(text.size() / 64);
    index.reserve(text.size() / 64);
    std::size_t pos = nextGuess(text, 0);
    while (pos != kNone) {
        RunIndex run{block.begin + pos, block.begin + pos, 0, block.events.size()};
        bool blockEnd = false;
        pos = parseRun(block, parser, pos, run, index, blockEnd);
        if (run.elements != 0)
            runs.push_back(run);
        if (blockEnd)
            break;
        pos = nextGuess(text, pos + 1);
    }
    publishSpans(block, index, runs);
}

} // namespace

class EventParseAhead::Impl {
public:
    Impl(ByteSource& source, unsigned workers, std::size_t blockBytes)
        : source_(source), blockBytes_(std::max<std::size_t>(blockBytes, 64)),
          maxAhead_(std::max(workers, 1u) + 1) {
        for (unsigned i = 0; i < std::max(workers, 1u); ++i)
            threads_.emplace_back([this] { work(); });
    }

    ~Impl() {
        {
            const std::lock_guard lock(mutex_);
            stop_ = true;
            queue_.clear();
        }
        workAvailable_.notify_all();
        for (std::thread& thread : threads_)
            thread.join();
    }

    std::size_t read(char* destination, std::size_t capacity) {
        const Block* block = current();
        if (!block)
            return 0;
        const std::size_t n = std::min(capacity, block->bytes.size() - copyOffset_);
        std::memcpy(destination, block->bytes.data() + copyOffset_, n);
        copyOffset_ += n;
        handedOut_ += n;
        return n;
    }

    std::uint64_t skip(std::uint64_t count) {
        std::uint64_t skipped = 0;
        while (skipped < count) {
            const Block* block = current();
            if (!block)
                break;
            const std::size_t n =
                std::min<std::uint64_t>(count - skipped, block->bytes.size() - copyOffset_);
            copyOffset_ += n;
            skipped += n;
        }
        handedOut_ += skipped;
        return skipped;
    }

    std::uint64_t bytesRead() const { return handedOut_; }
    bool finished() const { return finished_; }

    const ParsedRun* runAt(std::uint64_t offset) {
        while (copyBlock_ > 0 && blocks_.front()->end() <= offset)
            dropFront();
        const auto found = std::find_if(blocks_.begin(), blocks_.end(), [&](const auto& block) {
            return block->begin <= offset && offset < block->end();
        });
        if (found == blocks_.end())
            return nullptr;
        const Block& block = waitParsed(**found);
        if (block.begin != cursorBlock_) {
            cursorBlock_ = block.begin;
            cursorRun_ = 0;
        }
        while (cursorRun_ < block.runs.size() && block.runs[cursorRun_].begin < offset)
            ++cursorRun_;
        if (cursorRun_ < block.runs.size() && block.runs[cursorRun_].begin == offset)
            return &block.runs[cursorRun_++];
        return nullptr;
    }

private:
    // The block whose bytes are handed out next, with at least one left; nullptr at the end of
    // the source (after rethrowing the error that ended it, if any).
    const Block* current() {
        for (;;) {
            readAhead();
            if (copyBlock_ == blocks_.size())
                break;
            if (copyOffset_ < blocks_[copyBlock_]->bytes.size())
                return blocks_[copyBlock_].get();
            ++copyBlock_;
            copyOffset_ = 0;
            while (copyBlock_ > kBlocksKeptBehind)
                dropFront();
        }
        if (sourceError_)
            std::rethrow_exception(std::exchange(sourceError_, nullptr));
        finished_ = true;
        return nullptr;
    }

    // Keeps maxAhead_ blocks read beyond the one read() copies from, each queued for a worker.
    void readAhead() {
        while (!sourceEnded_ && blocks_.size() - copyBlock_ < maxAhead_) {
            auto block = std::make_shared<Block>();
            block->begin = nextBegin_;
            block->storage.reset(new char[blockBytes_]);
            std::size_t got = 0;
            try {
                while (got < blockBytes_) {
                    const std::size_t n =
                        source_.read(block->storage.get() + got, blockBytes_ - got);
                    if (n == 0) {
                        sourceEnded_ = true;
                        break;
                    }
                    got += n;
                }
            } catch (...) {
                sourceError_ = std::current_exception(); // read() rethrows it after these bytes
                sourceEnded_ = true;
            }
            if (got == 0)
                break;
            block->bytes = std::string_view(block->storage.get(), got);
            nextBegin_ += got;
            blocks_.push_back(block);
            {
                const std::lock_guard lock(mutex_);
                queue_.push_back(std::move(block));
            }
            workAvailable_.notify_one();
        }
    }

    void dropFront() {
        blocks_.pop_front();
        --copyBlock_;
    }

    const Block& waitParsed(const Block& block) {
        std::unique_lock lock(mutex_);
        parsedOne_.wait(lock, [&] { return block.parsed; });
        if (block.error)
            std::rethrow_exception(block.error);
        return block;
    }

    void work() {
        SimpleEventParser parser;
        for (;;) {
            std::shared_ptr<Block> block;
            {
                std::unique_lock lock(mutex_);
                workAvailable_.wait(lock, [&] { return stop_ || !queue_.empty(); });
                if (stop_)
                    return;
                block = std::move(queue_.front());
                queue_.pop_front();
            }
            try {
                parseBlock(*block, parser);
            } catch (...) {
                block->error = std::current_exception();
            }
            {
                const std::lock_guard lock(mutex_);
                block->parsed = true;
            }
            parsedOne_.notify_all();
        }
    }

    ByteSource& source_;
    const std::size_t blockBytes_;
    const std::size_t maxAhead_;

    // The reader's thread only.
    std::deque<std::shared_ptr<Block>> blocks_; // read and not yet dropped, in file order
    std::size_t copyBlock_ = 0;                 // index in blocks_ read() copies from
    std::size_t copyOffset_ = 0;
    std::uint64_t nextBegin_ = 0;
    std::uint64_t handedOut_ = 0;
    bool sourceEnded_ = false;
    bool finished_ = false;
    std::exception_ptr sourceError_;
    std::uint64_t cursorBlock_ = static_cast<std::uint64_t>(-1); // begin of the block searched last
    std::size_t cursorRun_ = 0;

    // Shared with the workers.
    std::mutex mutex_;
    std::condition_variable workAvailable_;
    std::condition_variable parsedOne_;
    std::deque<std::shared_ptr<Block>> queue_;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

EventParseAhead::EventParseAhead(ByteSource& source, unsigned workers, std::size_t blockBytes)
    : impl_(std::make_unique<Impl>(source, workers, blockBytes)) {}

EventParseAhead::~EventParseAhead() = default;

std::size_t EventParseAhead::read(char* destination, std::size_t capacity) {
    return impl_->read(destination, capacity);
}

std::uint64_t EventParseAhead::skip(std::uint64_t count) {
    return impl_->skip(count);
}

std::uint64_t EventParseAhead::bytesRead() const {
    return impl_->bytesRead();
}

bool EventParseAhead::finished() const {
    return impl_->finished();
}

const ParsedRun* EventParseAhead::runAt(std::uint64_t offset) {
    return impl_->runAt(offset);
}

} // namespace lanescope::formats
