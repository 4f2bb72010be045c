// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace lanescope::formats {

namespace {

std::string systemError(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

} // namespace

std::string writeTempBeside(const std::string& path, std::string_view text, ParentFolders folders) {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    std::error_code ignored; // a folder that cannot be made fails the open below, by name
    if (folders == ParentFolders::Create && !folder.empty())
        std::filesystem::create_directories(folder, ignored);
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error(systemError("cannot write", temp));
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const std::string message = systemError("cannot write", temp);
            ::close(fd);
            ::unlink(temp.c_str());
            throw std::runtime_error(message);
        }
        done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        const std::string message = systemError("cannot flush", temp);
        ::unlink(temp.c_str());
        throw std::runtime_error(message);
    }
    return temp;
}

void commitTemp(const std::string& tempPath, const std::string& path) {
    if (::rename(tempPath.c_str(), path.c_str()) != 0) {
        const std::string message = systemError("cannot replace", path);
        ::unlink(tempPath.c_str());
        throw std::runtime_error(message);
    }
}

void writeFileAtomically(const std::string& path, std::string_view text, ParentFolders folders) {
    commitTemp(writeTempBeside(path, text, folders), path);
}

} // namespace lanescope::formats
