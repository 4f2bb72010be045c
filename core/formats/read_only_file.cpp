#include "formats/read_only_file.h"

#include "formats/load_error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lanescope::formats {

ReadOnlyFile::ReadOnlyFile(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
        throw LoadError(path, std::nullopt, std::strerror(errno));
    struct stat st {};
    const bool statOk = ::fstat(fd_, &st) == 0;
    if (!statOk || S_ISDIR(st.st_mode)) {
        const std::string why = statOk ? "is a directory, not a trace file" : std::strerror(errno);
        ::close(fd_);
        throw LoadError(path, std::nullopt, why);
    }
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

bool ReadOnlyFile::hasGzipMagic() const {
    unsigned char magic[2] = {0, 0};
    return readAt(0, magic, 2) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

} // namespace lanescope::formats
