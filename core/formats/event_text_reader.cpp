// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/event_text_reader.h"

#include "formats/gzip_seek_index.h"
#include "formats/load_error.h"
#include "formats/read_only_file.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>
#include <zlib.h>

namespace lanescope::formats {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 16;
constexpr std::size_t kOutputChunkBytes = std::size_t{1} << 18; // discarded while indexing
constexpr std::size_t kMaxCachedIndexes = 8;
// nlohmann's dump() recurses once per level: deeper text could exhaust a worker's stack.
constexpr int kMaxNesting = 512;
constexpr int kGzipWindowBits = 15 + 16; // gzip header and trailer only
constexpr int kRawWindowBits = -15;      // bare deflate data, resumed mid-stream
constexpr uInt kGzipTrailerBytes = 8;    // CRC-32 and length after each member's deflate data

// Finds the end of one JSON object fed in chunks: brackets count only outside strings, and a
// backslash hides the character after it, so quotes and braces inside names do not confuse it.
class ObjectScanner {
public:
    enum class Status { NeedMore, Complete, NotAnObject, TooDeep };

    Status feed(std::string_view chunk, std::string& text) {
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            const Status status = step(chunk[i]);
            if (status == Status::Complete)
                text.append(chunk.substr(0, i + 1));
            if (status != Status::NeedMore)
                return status;
        }
        text.append(chunk);
        return Status::NeedMore;
    }

private:
    Status step(char c) {
        if (depth_ == 0) {
            depth_ = 1;
            return c == '{' ? Status::NeedMore : Status::NotAnObject;
        }
        if (inString_) {
            if (escaped_)
                escaped_ = false;
            else if (c == '\\')
                escaped_ = true;
            else if (c == '"')
                inString_ = false;
            return Status::NeedMore;
        }
        if (c == '"')
            inString_ = true;
        else if (c == '{' || c == '[')
            return ++depth_ > kMaxNesting ? Status::TooDeep : Status::NeedMore;
        else if (c == '}' || c == ']')
            return --depth_ == 0 ? Status::Complete : Status::NeedMore;
        return Status::NeedMore;
    }

    int depth_ = 0;
    bool inString_ = false;
    bool escaped_ = false;
};

// `pull(buffer, capacity)` hands out the bytes from the event's offset on, 0 at the end.
template <class Pull>
std::string readObject(const std::string& path, std::uint64_t offset, Pull&& pull) {
    ObjectScanner scanner;
    std::string text;
    std::vector<char> chunk(kChunkBytes);
    for (;;) {
        const std::size_t n = pull(chunk.data(), chunk.size());
        if (n == 0)
            throw LoadError(path, offset, "event object is not terminated before the end of data");
        const ObjectScanner::Status status = scanner.feed(std::string_view(chunk.data(), n), text);
        if (text.size() > kMaxEventTextBytes)
            throw LoadError(path, offset,
                            "event is larger than " + std::to_string(kMaxEventTextBytes >> 20) +
                                " MB (not a valid event offset?)");
        switch (status) {
        case ObjectScanner::Status::Complete:
            return text;
        case ObjectScanner::Status::NotAnObject:
            throw LoadError(path, offset, "no event object starts here (expected '{')");
        case ObjectScanner::Status::TooDeep:
            throw LoadError(path, offset,
                            "event nests deeper than " + std::to_string(kMaxNesting) + " levels");
        case ObjectScanner::Status::NeedMore:
            break;
        }
    }
}

void requireInside(const std::string& path, std::uint64_t offset, std::uint64_t size,
                   const char* what) {
    if (offset >= size)
        throw LoadError(path, offset,
                        "offset is past the end of the " + std::string(what) + " (" +
                            std::to_string(size) + " bytes)");
}

std::string readPlain(const ReadOnlyFile& file, std::uint64_t offset) {
    requireInside(file.path(), offset, file.size(), "file");
    std::uint64_t position = offset;
    return readObject(file.path(), offset, [&](char* destination, std::size_t capacity) {
        const std::size_t n = file.readAt(position, destination, capacity);
        position += n;
        return n;
    });
}

// ---- gzip seek index -------------------------------------------------------------------------

class Inflater {
public:
    explicit Inflater(int windowBits) {
        if (inflateInit2(&stream, windowBits) != Z_OK)
            throw std::runtime_error("cannot initialise zlib");
    }
    ~Inflater() { inflateEnd(&stream); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    z_stream stream{};
};

std::atomic<std::uint64_t> indexBuilds{0};

// Inflates the whole file once, recording an access point every kGzipAccessPointSpan bytes of
// output (the loader records the same points while it reads the file, see registerGzipSeekIndex;
// this is for when that index is missing or stale). Concatenated members are followed.
std::shared_ptr<GzipSeekIndex> buildIndex(const ReadOnlyFile& file) {
    indexBuilds.fetch_add(1, std::memory_order_relaxed);
    auto index = std::make_shared<GzipSeekIndex>();
    index->fileSize = file.size();
    index->modified = file.modified();
    Inflater inflater(kGzipWindowBits);
    z_stream& s = inflater.stream;
    std::vector<unsigned char> input(kChunkBytes);
    std::vector<unsigned char> output(kOutputChunkBytes);
    GzipIndexRecorder recorder;
    std::uint64_t inputEnd = 0;
    for (;;) {
        if (s.avail_in == 0) {
            const std::size_t n = file.readAt(inputEnd, input.data(), input.size());
            if (n == 0)
                break;
            inputEnd += n;
            s.next_in = input.data();
            s.avail_in = static_cast<uInt>(n);
        }
        s.next_out = output.data();
        s.avail_out = static_cast<uInt>(output.size());
        const int rc = recorder.inflateOnce(s, inputEnd);
        if (rc == Z_STREAM_END) {
            inflateReset(&s); // a following member starts with its own header
            continue;
        }
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && s.avail_in == 0))
            break; // damaged: what inflated so far stays readable, as it was for the loader
    }
    index->decompressedBytes = recorder.decompressedBytes();
    index->points = recorder.takePoints();
    return index;
}

// Decompressed bytes from an access point on. Each member ends with a trailer the raw inflater
// does not know about: it is skipped and the next member is read with its header.
class GzipReader {
public:
    GzipReader(const ReadOnlyFile& file, const GzipAccessPoint& point)
        : file_(file), inflater_(kRawWindowBits), input_(kChunkBytes), position_(point.in) {
        z_stream& s = inflater_.stream;
        if (point.bits != 0) {
            unsigned char partial = 0;
            if (file.readAt(point.in - 1, &partial, 1) != 1)
                throw LoadError(file.path(), std::nullopt, "file shrank since it was indexed");
            inflatePrime(&s, point.bits, partial >> (8 - point.bits));
        }
        if (!point.window.empty())
            inflateSetDictionary(&s, point.window.data(), static_cast<uInt>(point.window.size()));
    }

    std::size_t read(char* destination, std::size_t capacity) {
        z_stream& s = inflater_.stream;
        s.next_out = reinterpret_cast<Bytef*>(destination);
        s.avail_out = static_cast<uInt>(capacity);
        while (s.avail_out == capacity && !ended_)
            step();
        return capacity - s.avail_out;
    }

    void skip(std::uint64_t bytes) {
        std::vector<char> scratch(kChunkBytes);
        while (bytes > 0) {
            const std::size_t n = read(scratch.data(), std::min<std::uint64_t>(bytes, kChunkBytes));
            if (n == 0)
                return;
            bytes -= n;
        }
    }

private:
    void step() {
        z_stream& s = inflater_.stream;
        if (s.avail_in == 0 && !refill())
            return;
        if (trailerLeft_ > 0) {
            const uInt skipped = std::min(trailerLeft_, s.avail_in);
            s.next_in += skipped;
            s.avail_in -= skipped;
            trailerLeft_ -= skipped;
            return;
        }
        const int rc = inflate(&s, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            if (raw_)
                trailerLeft_ = kGzipTrailerBytes;
            raw_ = false;
            inflateReset2(&s, kGzipWindowBits);
        } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && s.avail_in == 0)) {
            ended_ = true;
        }
    }

    bool refill() {
        z_stream& s = inflater_.stream;
        const std::size_t n = file_.readAt(position_, input_.data(), input_.size());
        position_ += n;
        s.next_in = input_.data();
        s.avail_in = static_cast<uInt>(n);
        ended_ = n == 0;
        return n != 0;
    }

    const ReadOnlyFile& file_;
    Inflater inflater_;
    std::vector<unsigned char> input_;
    std::uint64_t position_;
    uInt trailerLeft_ = 0;
    bool raw_ = true;
    bool ended_ = false;
};

// Indexes of recently read gzip files, most recently used last. An index is rebuilt when its
// file's size or modification time changed.
class IndexCache {
public:
    std::shared_ptr<const GzipSeekIndex> find(const std::string& path, std::uint64_t size,
                                              std::int64_t modified) {
        std::lock_guard lock(mutex_);
        auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& e) { return e.first == path; });
        if (it == entries_.end())
            return nullptr;
        if (it->second->fileSize != size || it->second->modified != modified) {
            entries_.erase(it);
            return nullptr;
        }
        std::rotate(it, it + 1, entries_.end());
        return entries_.back().second;
    }

    // Two threads may build the same index at once; the later one simply replaces the other.
    void store(const std::string& path, std::shared_ptr<const GzipSeekIndex> index) {
        std::lock_guard lock(mutex_);
        std::erase_if(entries_, [&](const Entry& e) { return e.first == path; });
        if (entries_.size() == kMaxCachedIndexes)
            entries_.erase(entries_.begin());
        entries_.emplace_back(path, std::move(index));
    }

    std::shared_ptr<const GzipSeekIndex> peek(const std::string& path) {
        std::lock_guard lock(mutex_);
        for (const Entry& e : entries_)
            if (e.first == path)
                return e.second;
        return nullptr;
    }

    void clear() {
        std::lock_guard lock(mutex_);
        entries_.clear();
    }

private:
    using Entry = std::pair<std::string, std::shared_ptr<const GzipSeekIndex>>;
    std::mutex mutex_;
    std::vector<Entry> entries_;
};

IndexCache& indexCache() {
    static IndexCache cache;
    return cache;
}

std::shared_ptr<const GzipSeekIndex> indexFor(const ReadOnlyFile& file) {
    if (auto index = indexCache().find(file.path(), file.size(), file.modified()))
        return index;
    std::shared_ptr<const GzipSeekIndex> index = buildIndex(file);
    indexCache().store(file.path(), index);
    return index;
}

const GzipAccessPoint& nearestPoint(const GzipSeekIndex& index, std::uint64_t offset) {
    auto it = std::upper_bound(index.points.begin(), index.points.end(), offset,
                               [](std::uint64_t o, const GzipAccessPoint& p) { return o < p.out; });
    return *std::prev(it);
}

EventText readGzip(const ReadOnlyFile& file, std::uint64_t offset) {
    const std::shared_ptr<const GzipSeekIndex> index = indexFor(file);
    if (index->points.empty())
        throw LoadError(file.path(), offset, "no readable gzip data");
    requireInside(file.path(), offset, index->decompressedBytes, "decompressed data");
    const GzipAccessPoint& point = nearestPoint(*index, offset);
    GzipReader reader(file, point);
    reader.skip(offset - point.out);
    EventText result;
    result.resumedFrom = point.out;
    result.text = readObject(file.path(), offset, [&](char* destination, std::size_t capacity) {
        return reader.read(destination, capacity);
    });
    return result;
}

} // namespace

EventText readEventText(const std::string& path, std::uint64_t offset) {
    try {
        const ReadOnlyFile file(path);
        if (file.hasGzipMagic())
            return readGzip(file, offset);
        EventText result;
        result.text = readPlain(file, offset);
        return result;
    } catch (const LoadError& e) {
        // Opening errors carry no offset; the caller still wants to know which event failed.
        return {{}, LoadError(e.file(), e.offset().value_or(offset), e.message()).what(), 0};
    } catch (const std::exception& e) {
        return {{}, LoadError(path, offset, e.what()).what(), 0};
    }
}

void registerGzipSeekIndex(const std::string& path, std::shared_ptr<const GzipSeekIndex> index) {
    // readGzip relies on a first point at the start of the data.
    if (!index || index->points.empty() || index->points.front().out != 0)
        return;
    indexCache().store(path, std::move(index));
}

std::uint64_t gzipIndexBuilds() {
    return indexBuilds.load(std::memory_order_relaxed);
}

std::optional<GzipIndexStats> cachedGzipIndex(const std::string& path) {
    const std::shared_ptr<const GzipSeekIndex> index = indexCache().peek(path);
    if (!index)
        return std::nullopt;
    return GzipIndexStats{index->points.size(), index->decompressedBytes};
}

void clearEventTextCache() {
    indexCache().clear();
}

} // namespace lanescope::formats
