// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>
#include <string_view>

namespace lanescope::formats {

// Whether writing a file may create the folders it goes in.
enum class ParentFolders { Create, MustExist };

// Writes `text` to `path` whole or not at all: into "<path>.tmp-<pid>", flushed to disk (fsync,
// so that a power cut cannot leave an empty file under the real name), then renamed over
// `path`. A reader sees the old file or the new one, never part of one. Throws
// std::runtime_error naming the file and the system's reason ("cannot write …: No such file or
// directory"); nothing is left behind then.
void writeFileAtomically(const std::string& path, std::string_view text, ParentFolders folders);

// The two halves of writeFileAtomically, for a caller (a test) that stops between them:
// writeTempBeside writes and flushes the temporary file and returns its path; commitTemp renames
// it over `path`.
std::string writeTempBeside(const std::string& path, std::string_view text, ParentFolders folders);
void commitTemp(const std::string& tempPath, const std::string& path);

} // namespace lanescope::formats
