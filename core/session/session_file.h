// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "session/session.h"

#include <cstdint>
#include <string>

namespace lanescope::session {

// "<trace file or folder>.lanescope.json" (a trailing '/' of a folder is ignored).
std::string sidecarPathFor(const std::string& tracePath);

// A session file is read whole, up to this size (300 000 annotations take about 120 MB).
inline constexpr std::uint64_t kMaxSessionBytes = std::uint64_t{1} << 30;
// Whether the path names a session file (it ends in ".lanescope.json").
bool isSessionFile(const std::string& path);
// The trace a session file belongs to, for opening a session as its trace: the path without
// ".lanescope.json" when that exists (the sidecar beside its trace), else the trace the file
// records (a session kept in the data folder). Reads nothing more and changes nothing; throws
// std::runtime_error naming the session file when neither leads to an existing trace.
std::string traceOfSessionFile(const std::string& sessionPath);

// Where the session goes when the trace's folder cannot be written: `dataDir`/sessions/, named
// after the trace with a hash of its full path so two traces of the same name do not collide.
std::string fallbackSidecarPath(const std::string& tracePath, const std::string& dataDir);
// The sidecar next to the trace when it exists or its folder is writable, else the fallback.
std::string chooseSidecarPath(const std::string& tracePath, const std::string& dataDir);

// What opening a session file came to.
struct SessionLoad {
    enum class Status {
        Missing,   // no file: a fresh session
        Loaded,    // read
        KeptAside, // corrupt or from a newer version: renamed to keptAsidePath, fresh session
        Unreadable // exists but cannot be read (permissions): fresh session, nothing renamed
    };
    Status status = Status::Missing;
    Session session;
    std::string keptAsidePath;
    std::string problem; // why it was kept aside or unreadable, naming the file
};

// Never overwrites or deletes a session it cannot read: a corrupt or newer file is renamed
// "<path>.corrupt-<n>" / "<path>.newer-<n>" (the first free n) before a fresh session starts.
SessionLoad loadSessionFile(const std::string& path);

// A trace's sidecar, chosen (chooseSidecarPath) and read (loadSessionFile): all that opening a
// trace needs from disk for its session, so a load job can do it on its worker thread.
struct SidecarRead {
    std::string path;
    SessionLoad load;
};
SidecarRead readSidecar(const std::string& tracePath, const std::string& dataDir);

// Both steps.
void saveSessionFile(const std::string& path, const Session& session, const std::string& tracePath);

} // namespace lanescope::session
