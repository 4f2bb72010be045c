// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The read-ahead source (inflating on a thread of its own) hands out exactly the bytes of the
// source it wraps, in order, whatever the caller's chunk sizes; an error is rethrown at its
// position; dropping it early stops its thread.
#include "formats/byte_source.h"
#include "formats/load_error.h"
#include "formats/read_ahead_source.h"

#include <QtTest>
#include <string>

using namespace lanescope::formats;

namespace {

// Bytes with a pattern that shows any reordering or loss.
std::string patterned(std::size_t size) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        text[i] = static_cast<char>('a' + (i * 7 + i / 4099) % 26);
    return text;
}

// A source that fails with a LoadError once `failAt` bytes were read.
class FailingSource final : public ByteSource {
public:
    FailingSource(std::string_view bytes, std::size_t failAt) : bytes_(bytes), failAt_(failAt) {}
    std::size_t read(char* destination, std::size_t capacity) override {
        if (position_ >= failAt_)
            throw LoadError("broken.json.gz", position_, "read error");
        const std::size_t n = std::min({capacity, failAt_ - position_, bytes_.size() - position_});
        std::memcpy(destination, bytes_.data() + position_, n);
        position_ += n;
        return n;
    }
    std::uint64_t positionOnDisk() const override { return position_; }
    std::uint64_t bytesRead() const override { return position_; }
    std::uint64_t sizeOnDisk() const override { return bytes_.size(); }
    bool compressed() const override { return true; }
    const std::string& damage() const override { return damage_; }

private:
    std::string_view bytes_;
    std::size_t failAt_;
    std::size_t position_ = 0;
    std::string damage_;
};

} // namespace

class TestReadAhead : public QObject {
    Q_OBJECT

private slots:
    void sameBytesInOrder_data() {
        QTest::addColumn<int>("capacity");
        QTest::newRow("small odd reads") << 7777;
        QTest::newRow("one chunk") << int(kReadAheadChunk);
        QTest::newRow("larger than a chunk") << int(3 * kReadAheadChunk + 11);
    }

    void sameBytesInOrder() {
        QFETCH(int, capacity);
        const std::string text = patterned(5 * kReadAheadChunk + 12345);
        const auto source = readAhead(memoryByteSource(text));
        std::string out;
        std::string buffer(static_cast<std::size_t>(capacity), '\0');
        while (const std::size_t n = source->read(buffer.data(), buffer.size())) {
            out.append(buffer, 0, n);
            QCOMPARE(source->bytesRead(), out.size());
            QVERIFY(source->positionOnDisk() >= out.size());
        }
        QCOMPARE(out.size(), text.size());
        QVERIFY(out == text);
        QCOMPARE(source->read(buffer.data(), buffer.size()), std::size_t(0));
        QVERIFY(source->damage().empty());
    }

    void anErrorArrivesAtItsPosition() {
        const std::string text = patterned(3 * kReadAheadChunk);
        const std::size_t failAt = kReadAheadChunk + 500;
        const auto source = readAhead(std::make_unique<FailingSource>(text, failAt));
        std::string out;
        std::string buffer(4096, '\0');
        try {
            while (const std::size_t n = source->read(buffer.data(), buffer.size()))
                out.append(buffer, 0, n);
            QFAIL("the error was lost");
        } catch (const LoadError& error) {
            QCOMPARE(error.offset().value_or(0), std::uint64_t(failAt));
        }
        QCOMPARE(out.size(), failAt);
        QVERIFY(out == text.substr(0, failAt));
    }

    // A cancelled load drops its source after a few reads: the thread stops instead of
    // inflating to the end (this would hang if it waited for room that never comes).
    void droppingEarlyStopsTheThread() {
        const std::string text = patterned(40 * kReadAheadChunk);
        for (int round = 0; round < 20; ++round) {
            const auto source = readAhead(memoryByteSource(text));
            char byte = 0;
            QCOMPARE(source->read(&byte, 1), std::size_t(1));
            QCOMPARE(byte, text[0]);
        }
    }
};

QTEST_APPLESS_MAIN(TestReadAhead)
#include "tst_read_ahead.moc"
