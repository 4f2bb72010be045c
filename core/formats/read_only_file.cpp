// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/read_only_file.h"

#include "formats/load_error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lanescope::formats {

namespace {

// Why a file of this type cannot be read as data; empty for a regular file.
std::string notRegular(mode_t mode) {
    if (S_ISREG(mode))
        return "";
    if (S_ISDIR(mode))
        return "is a directory, not a file";
    if (S_ISFIFO(mode))
        return "is a FIFO (named pipe), not a regular file";
    if (S_ISSOCK(mode))
        return "is a socket, not a regular file";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "is a device, not a regular file";
    return "is not a regular file";
}

} // namespace

ReadOnlyFile::ReadOnlyFile(const std::string& path) : path_(path) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd_ < 0)
        throw LoadError(path, std::nullopt, std::strerror(errno));
    struct stat st {};
    const bool statOk = ::fstat(fd_, &st) == 0;
    const std::string why = statOk ? notRegular(st.st_mode) : std::strerror(errno);
    if (!why.empty()) {
        ::close(fd_);
        throw LoadError(path, std::nullopt, why);
    }
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
    size_ = static_cast<std::uint64_t>(st.st_size);
    modified_ = std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
}

ReadOnlyFile::~ReadOnlyFile() {
    ::close(fd_);
}

std::size_t ReadOnlyFile::read(char* destination, std::size_t capacity) {
    for (;;) {
        const ssize_t n = ::read(fd_, destination, capacity);
        if (n >= 0) {
            position_ += static_cast<std::uint64_t>(n);
            return static_cast<std::size_t>(n);
        }
        if (errno != EINTR)
            throw LoadError(path_, position_, std::string("read failed: ") + std::strerror(errno));
    }
}

std::size_t ReadOnlyFile::readAt(std::uint64_t position, void* destination,
                                 std::size_t capacity) const {
    for (;;) {
        const ssize_t n = ::pread(fd_, destination, capacity, static_cast<off_t>(position));
        if (n >= 0)
            return static_cast<std::size_t>(n);
        if (errno != EINTR)
            throw LoadError(path_, position, std::string("read failed: ") + std::strerror(errno));
    }
}

void requireRegularFile(const std::string& path) {
    const ReadOnlyFile file(path);
}

std::string readWholeFile(const std::string& path, std::uint64_t maxBytes) {
    ReadOnlyFile file(path);
    if (file.size() > maxBytes)
        throw LoadError(path, std::nullopt,
                        "is larger than " + std::to_string(maxBytes >> 20) + " MiB");
    std::string text(file.size(), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const std::size_t n = file.read(text.data() + got, text.size() - got);
        if (n == 0)
            break;
        got += n;
    }
    text.resize(got);
    return text;
}

bool ReadOnlyFile::hasGzipMagic() const {
    unsigned char magic[2] = {0, 0};
    return readAt(0, magic, 2) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

} // namespace lanescope::formats
