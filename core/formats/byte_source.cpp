// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/byte_source.h"

#include "formats/gzip_seek_index.h"
#include "formats/load_error.h"
#include "formats/read_ahead_source.h"
#include "formats/read_only_file.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <optional>
#include <stdexcept>
#include <vector>
#include <zlib.h>

namespace lanescope::formats {

namespace {

class PlainSource final : public ByteSource {
public:
    explicit PlainSource(const std::string& path) : file_(path) {}
    std::size_t read(char* destination, std::size_t capacity) override {
        return file_.read(destination, capacity);
    }
    std::uint64_t positionOnDisk() const override { return file_.position(); }
    std::uint64_t bytesRead() const override { return file_.position(); }
    std::uint64_t sizeOnDisk() const override { return file_.size(); }
    bool compressed() const override { return false; }
    const std::string& damage() const override { return damage_; }

    std::int64_t modified() const { return file_.modified(); }

private:
    ReadOnlyFile file_;
    std::string damage_;
};

// Bytes the caller holds (a fuzzer's input, a test's text): read as a file of that size would be.
class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
    std::size_t read(char* destination, std::size_t capacity) override {
        const std::size_t n = std::min(capacity, bytes_.size() - position_);
        std::memcpy(destination, bytes_.data() + position_, n);
        position_ += n;
        return n;
    }
    std::uint64_t positionOnDisk() const override { return position_; }
    std::uint64_t bytesRead() const override { return position_; }
    std::uint64_t sizeOnDisk() const override { return bytes_.size(); }
    bool compressed() const override { return false; }
    const std::string& damage() const override { return damage_; }

private:
    std::string_view bytes_;
    std::size_t position_ = 0;
    std::string damage_;
};

bool hasGzipMagic(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// Inflates gzip (and concatenated gzip members) from a raw source with zlib's streaming API. For a
// file it records a seek index on the way, so the first args read after the load does not
// inflate the file again; `modified` (the file's time) ties the index to that version.
class GzipSource final : public ByteSource {
public:
    GzipSource(std::unique_ptr<ByteSource> raw, std::optional<std::int64_t> modified)
        : file_(std::move(raw)), modified_(modified), input_(kInputChunk),
          indexable_(modified.has_value()) {
        // 15 + 32: maximum window, accept a gzip or zlib header.
        const int rc = inflateInit2(&stream_, 15 + 32);
        if (rc == Z_MEM_ERROR)
            throw std::bad_alloc();
        if (rc != Z_OK)
            throw std::runtime_error("cannot initialise zlib (version mismatch)");
        inflateGetHeader(&stream_, &header_);
    }
    ~GzipSource() override { inflateEnd(&stream_); }

    std::size_t read(char* destination, std::size_t capacity) override {
        if (finished_)
            return 0;
        stream_.next_out = reinterpret_cast<Bytef*>(destination);
        stream_.avail_out = static_cast<uInt>(capacity);
        while (stream_.avail_out == capacity && !finished_)
            inflateSome();
        const std::size_t produced = capacity - stream_.avail_out;
        produced_ += produced;
        return produced;
    }
    std::uint64_t positionOnDisk() const override { return file_->positionOnDisk(); }
    std::uint64_t bytesRead() const override { return produced_; }
    std::uint64_t sizeOnDisk() const override { return file_->sizeOnDisk(); }
    bool compressed() const override { return true; }
    const std::string& damage() const override { return damage_; }

    std::shared_ptr<const GzipSeekIndex> seekIndex() const override { return index_; }

private:
    static constexpr std::size_t kInputChunk = 1u << 20;

    void inflateSome() {
        if (stream_.avail_in == 0) {
            const std::size_t n = file_->read(input_.data(), input_.size());
            if (n == 0) {
                if (!atMemberBoundary_)
                    damage_ = "gzip data ends early (file cut off?)";
                else if (indexable_)
                    publishIndex();
                finished_ = true;
                return;
            }
            stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
            stream_.avail_in = static_cast<uInt>(n);
        }
        atMemberBoundary_ = false;
        const int rc = recorder_.inflateOnce(stream_, file_->positionOnDisk());
        // The event text reader resumes every member after the first as gzip: a zlib-wrapped
        // member (which this stream accepts) is left to its own indexing pass, which stops there.
        if (header_.done == -1)
            indexable_ = false;
        if (rc == Z_STREAM_END) {
            atMemberBoundary_ = true;
            inflateReset(&stream_);
            header_ = {};
            inflateGetHeader(&stream_, &header_); // reset forgets it
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            damage_ = std::string("corrupt gzip data: ") + (stream_.msg ? stream_.msg : "error");
            finished_ = true;
        }
    }

    void publishIndex() {
        auto index = std::make_shared<GzipSeekIndex>();
        index->fileSize = file_->sizeOnDisk();
        index->modified = *modified_;
        index->decompressedBytes = recorder_.decompressedBytes();
        index->points = recorder_.takePoints();
        index_ = std::move(index);
    }

    std::unique_ptr<ByteSource> file_;
    std::optional<std::int64_t> modified_;
    std::vector<char> input_;
    z_stream stream_{};
    std::uint64_t produced_ = 0;
    bool finished_ = false;
    bool atMemberBoundary_ = false;
    std::string damage_;
    gz_header header_{}; // done: 1 once a gzip header was read, -1 for a zlib header
    GzipIndexRecorder recorder_;
    bool indexable_;
    std::shared_ptr<const GzipSeekIndex> index_;
};

} // namespace

std::unique_ptr<ByteSource> openByteSource(const std::string& path, bool inflateAhead) {
    auto file = std::make_unique<PlainSource>(path);
    if (!ReadOnlyFile(path).hasGzipMagic())
        return file;
    const std::int64_t modified = file->modified();
    auto gzip = std::make_unique<GzipSource>(std::move(file), modified);
    if (!inflateAhead)
        return gzip;
    // Inflating takes about a fifth of a gzip load: it runs on a core of its own.
    return readAhead(std::move(gzip));
}

std::unique_ptr<ByteSource> memoryByteSource(std::string_view bytes) {
    auto memory = std::make_unique<MemorySource>(bytes);
    if (!hasGzipMagic(bytes))
        return memory;
    return std::make_unique<GzipSource>(std::move(memory), std::nullopt);
}

} // namespace lanescope::formats
