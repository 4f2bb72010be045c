// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "session/session_file.h"

#include "formats/atomic_file.h"
#include "formats/load_error.h"
#include "formats/read_only_file.h"
#include "session/session_json.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace lanescope::session {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSidecarSuffix = ".lanescope.json";

std::string withoutTrailingSlash(std::string path) {
    while (path.size() > 1 && path.back() == '/')
        path.pop_back();
    return path;
}

// FNV-1a: stable across runs and machines, unlike std::hash.
std::string pathHash(const std::string& path) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : path) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
}

// The first "<path>.<tag>-<n>" that does not exist.
std::string freeAsidePath(const std::string& path, const char* tag) {
    for (int n = 1;; ++n) {
        std::string candidate = path + "." + tag + "-" + std::to_string(n);
        std::error_code ignored;
        if (!fs::exists(candidate, ignored))
            return candidate;
    }
}

SessionLoad keepAside(const std::string& path, const char* tag, const std::string& why) {
    SessionLoad result;
    result.status = SessionLoad::Status::KeptAside;
    result.keptAsidePath = freeAsidePath(path, tag);
    std::error_code error;
    fs::rename(path, result.keptAsidePath, error);
    if (error) {
        // Cannot move it: leave it where it is, untouched, and do not save over it.
        result.status = SessionLoad::Status::Unreadable;
        result.keptAsidePath.clear();
        result.problem = path + ": " + why + "; it could not be renamed (" + error.message() +
                         ") and is left as it is";
        return result;
    }
    result.problem = path + ": " + why + "; kept as " + result.keptAsidePath;
    return result;
}

} // namespace

std::string sidecarPathFor(const std::string& tracePath) {
    return withoutTrailingSlash(tracePath) + std::string(kSidecarSuffix);
}

std::string fallbackSidecarPath(const std::string& tracePath, const std::string& dataDir) {
    const std::string trace = withoutTrailingSlash(tracePath);
    const std::string absolute = fs::absolute(trace).lexically_normal().string();
    return (fs::path(dataDir) / "sessions" /
            (fs::path(trace).filename().string() + "-" + pathHash(absolute) +
             std::string(kSidecarSuffix)))
        .string();
}

std::string chooseSidecarPath(const std::string& tracePath, const std::string& dataDir) {
    const std::string beside = sidecarPathFor(tracePath);
    std::error_code ignored;
    if (fs::exists(beside, ignored))
        return beside;
    const fs::path folder = fs::path(beside).parent_path();
    if (::access(folder.empty() ? "." : folder.c_str(), W_OK) == 0)
        return beside;
    return fallbackSidecarPath(tracePath, dataDir);
}

bool isSessionFile(const std::string& path) {
    return withoutTrailingSlash(path).ends_with(kSidecarSuffix);
}

std::string traceOfSessionFile(const std::string& sessionPath) {
    const std::string session = withoutTrailingSlash(sessionPath);
    std::error_code error;
    if (session.ends_with(kSidecarSuffix)) {
        std::string beside = session.substr(0, session.size() - kSidecarSuffix.size());
        if (!beside.empty() && fs::exists(beside, error))
            return beside;
    }
    std::string recorded;
    try {
        recorded = recordedTracePath(formats::readWholeFile(session, kMaxSessionBytes));
    } catch (const formats::LoadError& e) {
        throw std::runtime_error("cannot read " + session + ": " + e.message());
    } catch (const SessionFormatError& e) {
        throw std::runtime_error(session + ": " + e.what());
    }
    if (recorded.empty())
        throw std::runtime_error(session + ": the session names no trace, and there is none "
                                           "beside it");
    if (!fs::exists(recorded, error))
        throw std::runtime_error(session + ": its trace " + recorded + " is not there");
    return recorded;
}

SessionLoad loadSessionFile(const std::string& path) {
    std::error_code error;
    if (!fs::exists(path, error))
        return {};
    // Only a regular file: a directory or a FIFO named like a sidecar is reported, never read
    // (a FIFO would block) nor renamed aside.
    std::string text;
    try {
        text = formats::readWholeFile(path, kMaxSessionBytes);
    } catch (const formats::LoadError& e) {
        SessionLoad result;
        result.status = SessionLoad::Status::Unreadable;
        result.problem = "cannot read " + path + ": " + e.message();
        return result;
    }
    try {
        SessionLoad result;
        result.session = sessionFromJson(text);
        result.status = SessionLoad::Status::Loaded;
        return result;
    } catch (const SessionTooNew& newer) {
        return keepAside(path, "newer", newer.what());
    } catch (const SessionFormatError& corrupt) {
        return keepAside(path, "corrupt", corrupt.what());
    }
}

void saveSessionFile(const std::string& path, const Session& session,
                     const std::string& tracePath) {
    formats::writeFileAtomically(path, toJson(session, tracePath), formats::ParentFolders::Create);
}

SidecarRead readSidecar(const std::string& tracePath, const std::string& dataDir) {
    SidecarRead read;
    read.path = chooseSidecarPath(tracePath, dataDir);
    read.load = loadSessionFile(read.path);
    return read;
}

} // namespace lanescope::session
