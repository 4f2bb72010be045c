// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/read_ahead_source.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace lanescope::formats {

namespace {

class ReadAheadSource final : public ByteSource {
public:
    explicit ReadAheadSource(std::unique_ptr<ByteSource> inner)
        : inner_(std::move(inner)), size_(inner_->sizeOnDisk()), thread_([this] { produce(); }) {}

    ~ReadAheadSource() override {
        {
            const std::lock_guard lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        thread_.join();
    }

    std::size_t read(char* destination, std::size_t capacity) override {
        if (pendingError_)
            std::rethrow_exception(std::exchange(pendingError_, nullptr));
        std::size_t copied = 0;
        while (copied < capacity) {
            if (current_.offset == current_.bytes.size()) {
                try {
                    if (!takeNext())
                        break;
                } catch (...) {
                    if (copied == 0)
                        throw;
                    pendingError_ = std::current_exception(); // after the bytes before it
                    break;
                }
            }
            const std::size_t n =
                std::min(capacity - copied, current_.bytes.size() - current_.offset);
            std::memcpy(destination + copied, current_.bytes.data() + current_.offset, n);
            current_.offset += n;
            copied += n;
        }
        handedOut_ += copied;
        return copied;
    }
    std::uint64_t positionOnDisk() const override { return current_.positionOnDisk; }
    std::uint64_t bytesRead() const override { return handedOut_; }
    std::uint64_t sizeOnDisk() const override { return size_; }
    bool compressed() const override { return inner_->compressed(); }
    // `inner_`'s once read() returned 0 (the thread has finished with it by then); before, the
    // bytes handed out were whole ("" while the caller stops early, after trailing garbage).
    const std::string& damage() const override {
        static const std::string none;
        return finished_ ? inner_->damage() : none;
    }
    std::shared_ptr<const GzipSeekIndex> seekIndex() const override {
        return finished_ ? inner_->seekIndex() : nullptr;
    }

private:
    struct Chunk {
        std::vector<char> bytes;
        std::size_t offset = 0;
        std::uint64_t positionOnDisk = 0;
    };

    // The thread: fills chunks until the end, an error or stop_.
    void produce() {
        for (;;) {
            Chunk chunk;
            std::exception_ptr error;
            try {
                chunk.bytes.resize(kReadAheadChunk);
                chunk.bytes.resize(inner_->read(chunk.bytes.data(), chunk.bytes.size()));
                chunk.positionOnDisk = inner_->positionOnDisk();
            } catch (...) {
                error = std::current_exception();
            }
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stop_ || ready_.size() < kReadAheadChunks; });
            if (stop_)
                return;
            const bool last = error || chunk.bytes.empty();
            if (error)
                error_ = error;
            else
                ready_.push_back(std::move(chunk));
            if (last)
                ended_ = true;
            lock.unlock();
            changed_.notify_all();
            if (last)
                return;
        }
    }

    // The next chunk for the caller; false at the end (an error is rethrown here, in order).
    bool takeNext() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !ready_.empty() || ended_; });
        if (ready_.empty()) {
            if (error_)
                std::rethrow_exception(error_);
            finished_ = true;
            return false;
        }
        current_ = std::move(ready_.front());
        ready_.pop_front();
        lock.unlock();
        changed_.notify_all();
        return !current_.bytes.empty();
    }

    std::unique_ptr<ByteSource> inner_;
    const std::uint64_t size_;
    Chunk current_;                   // the caller's
    std::uint64_t handedOut_ = 0;     // the caller's
    std::exception_ptr pendingError_; // the caller's: thrown by the next read()
    bool finished_ = false;           // the caller's: read() returned 0
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Chunk> ready_;  // guarded by mutex_
    std::exception_ptr error_; // guarded by mutex_
    bool ended_ = false;       // guarded by mutex_
    bool stop_ = false;        // guarded by mutex_
    std::thread thread_;       // last: starts once everything above exists
};

} // namespace

std::unique_ptr<ByteSource> readAhead(std::unique_ptr<ByteSource> inner) {
    return std::make_unique<ReadAheadSource>(std::move(inner));
}

} // namespace lanescope::formats
