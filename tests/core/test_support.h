// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/trace_loader.h"
#include "model/trace.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>
#include <zlib.h>

namespace lanescope::test {

// An oracle for unions of intervals, written apart from analysis::mergeIntervals: sorted,
// touching and overlapping spans joined, empty ones dropped.
using Span = std::pair<TimeNs, TimeNs>;
inline std::vector<Span> merged(std::vector<Span> spans) {
    std::sort(spans.begin(), spans.end());
    std::vector<Span> out;
    for (const Span& s : spans) {
        if (s.second <= s.first)
            continue;
        if (!out.empty() && s.first <= out.back().second)
            out.back().second = std::max(out.back().second, s.second);
        else
            out.push_back(s);
    }
    return out;
}

inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
    return path;
}

// Reads a plain or gzip file whole with zlib alone (independent of the loader under test).
inline std::string readWholeFile(const QString& path) {
    gzFile file = gzopen(path.toLocal8Bit().constData(), "rb");
    std::string text;
    char chunk[1 << 16];
    int n = 0;
    while ((n = gzread(file, chunk, sizeof chunk)) > 0)
        text.append(chunk, static_cast<std::size_t>(n));
    gzclose(file);
    return text;
}

inline QByteArray gzipBytes(const QByteArray& plain) {
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<int>(deflateBound(&stream, plain.size())) + 64, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    stream.avail_in = static_cast<uInt>(plain.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(static_cast<int>(stream.total_out));
    deflateEnd(&stream);
    return out;
}

// Loads JSON text through the real file reader.
inline Trace loadText(const QByteArray& json, const QString& name = "trace.json") {
    QTemporaryDir dir;
    return formats::loadTrace(writeFile(dir, name, json).toStdString());
}

inline const Thread* findThread(const Trace& trace, std::int64_t pid, std::int64_t tid) {
    for (const Thread& t : trace.threads)
        if (!t.tid.isText && t.tid.number == tid && !trace.processes[t.process].pid.isText &&
            trace.processes[t.process].pid.number == pid)
            return &t;
    return nullptr;
}

inline const SliceTrack& trackOf(const Trace& trace, const Thread* thread) {
    if (!thread || thread->sliceTrack == kNoIndex)
        qFatal("thread has no slice track");
    return trace.sliceTracks[thread->sliceTrack];
}

inline std::string nameOf(const Trace& trace, SliceRef ref) {
    return std::string(trace.str(trace.sliceTracks[ref.track].name(ref.slice)));
}

inline std::string sliceName(const Trace& trace, const SliceTrack& track, std::uint32_t i) {
    return std::string(trace.str(track.name(i)));
}

// The process called `name` that came from source file `file`.
inline const Process* processNamed(const Trace& trace, std::string_view name,
                                   std::uint32_t file = 0) {
    for (const Process& p : trace.processes)
        if (p.sourceFile == file && trace.str(p.name) == name)
            return &p;
    return nullptr;
}

inline const Thread* threadNamed(const Trace& trace, const Process& process,
                                 std::string_view name) {
    for (std::uint32_t t : process.threads)
        if (trace.str(trace.threads[t].name) == name)
            return &trace.threads[t];
    return nullptr;
}

// Length of the union of spans (overlaps counted once), for brute-force checks.
inline TimeNs lengthOfUnion(std::vector<Span> spans) {
    std::sort(spans.begin(), spans.end());
    TimeNs total = 0, coveredTo = kTimeMin;
    for (auto [s, e] : spans) {
        s = std::max(s, coveredTo);
        if (e > s) {
            total += e - s;
            coveredTo = e;
        }
    }
    return total;
}

// Exact decimal µs text ("1736409000005016.503") as ns, independent of the loader and without
// a double (1.7e18 ns does not fit in 53 bits).
inline TimeNs usTextToNs(const std::string& text) {
    const std::size_t dot = text.find('.');
    TimeNs ns = std::stoll(text.substr(0, dot)) * 1000;
    if (dot != std::string::npos) {
        std::string frac = text.substr(dot + 1, 3);
        frac.resize(3, '0');
        ns += std::stoll(frac);
    }
    return ns;
}

// A JSON µs timestamp, number or string, the same way.
inline TimeNs exactUsToNs(const nlohmann::json& ts) {
    return usTextToNs(ts.is_string() ? ts.get<std::string>() : ts.dump());
}

} // namespace lanescope::test
