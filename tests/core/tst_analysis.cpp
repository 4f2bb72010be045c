// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The on-demand analyses behind the details panel, search and box selection: args read back from
// plain and gzip sources (through the gzip seek index), flows per slice, self time, click hits,
// name search and range summaries, checked against brute-force scans of small and real traces.
#include "analysis/flow_index.h"
#include "analysis/name_search.h"
#include "analysis/range_summary.h"
#include "analysis/slice_info.h"
#include "analysis/slice_kind.h"
#include "formats/event_text_reader.h"
#include "formats/trace_loader.h"
#include "test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <tuple>

using namespace lanescope;
using Json = nlohmann::json;

namespace {

constexpr std::uint64_t kMiB = 1u << 20;

QByteArray x(const QByteArray& name, std::int64_t ts, std::int64_t dur, int tid = 1,
             const QByteArray& extra = "") {
    return "{\"ph\":\"X\",\"name\":\"" + name + "\",\"pid\":1,\"tid\":" + QByteArray::number(tid) +
           ",\"ts\":" + QByteArray::number(ts) + ",\"dur\":" + QByteArray::number(dur) + extra +
           "}";
}

QByteArray array(const QList<QByteArray>& events) {
    return "[" + events.join(",\n") + "]";
}

// About 200 bytes per event, so `megabytes` MB of text; args.i numbers the events.
QByteArray manyEvents(std::uint64_t megabytes) {
    const QByteArray pad(100, 'p');
    QByteArray json = "[";
    for (int i = 0; static_cast<std::uint64_t>(json.size()) < megabytes * kMiB; ++i) {
        if (i > 0)
            json += ",\n";
        json += x("step", i * 10, 5, 1 + i % 3,
                  ",\"args\":{\"i\":" + QByteArray::number(i) + ",\"pad\":\"" + pad + "\"}");
    }
    return json + "]";
}

Trace load(const QString& path) {
    return formats::loadTrace(path.toStdString());
}

SliceRef findSlice(const Trace& trace, std::string_view name) {
    for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t)
        for (std::uint32_t i = 0; i < trace.sliceTracks[t].size(); ++i)
            if (trace.str(trace.sliceTracks[t].name(i)) == name)
                return {t, i};
    return {};
}

SliceRef lastInFile(const Trace& trace) {
    SliceRef last{0, 0};
    for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t)
        for (std::uint32_t i = 0; i < trace.sliceTracks[t].size(); ++i)
            if (trace.sliceTracks[t].sourceOffset(i) >
                trace.sliceTracks[last.track].sourceOffset(last.slice))
                last = {t, i};
    return last;
}

Json argsOf(const Trace& trace, SliceRef ref) {
    const SliceArgs args = trace.sliceArgs(ref);
    if (!args.error.empty())
        qFatal("sliceArgs failed: %s", args.error.c_str());
    return Json::parse(args.argsJson);
}

std::uint64_t offsetOf(const Trace& trace, SliceRef ref) {
    return trace.sliceTracks[ref.track].sourceOffset(ref.slice);
}

std::vector<std::uint32_t> allTracks(const Trace& trace) {
    std::vector<std::uint32_t> tracks(trace.sliceTracks.size());
    for (std::uint32_t t = 0; t < tracks.size(); ++t)
        tracks[t] = t;
    return tracks;
}

std::string lower(std::string_view text) {
    std::string s(text);
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct Brute {
    std::uint64_t count = 0;
    TimeNs total = 0, min = 0, max = 0;
    friend bool operator==(const Brute&, const Brute&) = default;
};

// The documented rule, written out literally.
bool inRange(TimeNs s, TimeNs e, TimeNs start, TimeNs end) {
    return e > s ? s < end && e > start : start <= s && s < end;
}

std::map<std::string, Brute> bruteSummary(const Trace& trace, TimeNs start, TimeNs end) {
    std::map<std::string, Brute> byName;
    for (const SliceTrack& track : trace.sliceTracks) {
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            if (!inRange(track.start(i), track.end(i), start, end))
                continue;
            Brute& b = byName[std::string(trace.str(track.name(i)))];
            const TimeNs d = track.duration(i);
            b.min = b.count == 0 ? d : std::min(b.min, d);
            b.max = b.count == 0 ? d : std::max(b.max, d);
            b.total += d;
            ++b.count;
        }
    }
    return byName;
}

std::map<std::string, Brute> asMap(const Trace& trace,
                                   const std::vector<analysis::NameSummary>& summary) {
    std::map<std::string, Brute> byName;
    for (const analysis::NameSummary& s : summary)
        byName[std::string(trace.str(s.name))] = {s.count, s.total, s.min, s.max};
    return byName;
}

bool summaryOrdered(const Trace& trace, const std::vector<analysis::NameSummary>& summary) {
    for (std::size_t k = 1; k < summary.size(); ++k) {
        const auto& a = summary[k - 1];
        const auto& b = summary[k];
        if (a.total < b.total || (a.total == b.total && trace.str(a.name) > trace.str(b.name)))
            return false;
    }
    return true;
}

std::vector<SliceRef> bruteSearch(const Trace& trace, std::string_view needle, bool sensitive) {
    std::vector<std::tuple<TimeNs, std::uint32_t, std::uint32_t>> found;
    const std::string wanted = sensitive ? std::string(needle) : lower(needle);
    for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t) {
        const SliceTrack& track = trace.sliceTracks[t];
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            const std::string name =
                sensitive ? std::string(trace.str(track.name(i))) : lower(trace.str(track.name(i)));
            if (name.find(wanted) != std::string::npos)
                found.emplace_back(track.start(i), t, i);
        }
    }
    std::sort(found.begin(), found.end());
    std::vector<SliceRef> refs;
    for (const auto& [start, t, i] : found)
        refs.push_back({t, i});
    return refs;
}

const char* const kRealTrace = LANESCOPE_TEST_DATA
    "/kineto/kineto__tbplugin_resnet50_num_workers_0__worker0.1623143089861.pt.trace.json.gz";

// Reads back every event near `split` (where one gzip member ends and the next begins) and
// every `stride`-th other one, comparing each with the plain JSON.
struct ReadBack {
    std::size_t checked = 0;
    bool spanned = false;         // an event crossed the split
    bool resumedAtMember = false; // a read resumed at the second member's start
};

ReadBack readBackAroundSplit(const Trace& trace, const QString& path, const QByteArray& json,
                             qsizetype split, std::uint32_t stride) {
    ReadBack back;
    const auto at = static_cast<std::uint64_t>(split);
    for (const SliceTrack& track : trace.sliceTracks)
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            const std::uint64_t offset = track.sourceOffset(i);
            if (!(offset + 400 > at && offset < at + 400) && i % stride != 0)
                continue;
            const formats::EventText text = formats::readEventText(path.toStdString(), offset);
            if (!text.error.empty() || QByteArray::fromStdString(text.text) !=
                                           json.mid(static_cast<qsizetype>(offset),
                                                    static_cast<qsizetype>(text.text.size())))
                qFatal("event at %llu reads differently", static_cast<unsigned long long>(offset));
            back.spanned = back.spanned || (offset < at && offset + text.text.size() > at);
            back.resumedAtMember = back.resumedAtMember || text.resumedFrom == at;
            ++back.checked;
        }
    return back;
}

} // namespace

class TestAnalysis : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;

    QString write(const QString& name, const QByteArray& bytes) {
        return test::writeFile(dir_, name, bytes);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        formats::clearEventTextCache();
    }

    // ---- Trace::sliceArgs / readEventText ---------------------------------------------------

    void argsAgreeForPlainAndGzip() {
        // Braces, quotes and backslashes inside strings must not end the event early.
        const QByteArray tricky = ",\"args\":{\"text\":\"a}b\\\"{c\\\\\",\"n\":7,\"nested\":{"
                                  "\"list\":[1,{\"k\":\"]\"}]}}";
        const QByteArray json = array({
            x("tricky", 1, 10, 1, tricky),
            x("plain", 20, 5, 1),
            "{\"ph\":\"B\",\"name\":\"pair\",\"pid\":1,\"tid\":2,\"ts\":5,\"args\":{\"in\":1}}",
            "{\"ph\":\"E\",\"pid\":1,\"tid\":2,\"ts\":50,\"args\":{\"result\":3}}",
        });
        const Trace plain = load(write("args.json", json));
        const Trace gzip = load(write("args.json.gz", test::gzipBytes(json)));
        QCOMPARE(plain.sliceCount(), 3u);
        QCOMPARE(gzip.sliceCount(), 3u);

        const SliceRef tr = findSlice(plain, "tricky");
        const Json expected = Json::parse("{\"text\":\"a}b\\\"{c\\\\\",\"n\":7,\"nested\":{"
                                          "\"list\":[1,{\"k\":\"]\"}]}}");
        QCOMPARE(argsOf(plain, tr), expected);
        QCOMPARE(argsOf(gzip, findSlice(gzip, "tricky")), expected);
        const SliceArgs trickyArgs = plain.sliceArgs(tr);
        QVERIFY(trickyArgs.eventJson.rfind("{\n    \"", 0) == 0); // 4-space indent
        QCOMPARE(Json::parse(trickyArgs.eventJson).at("name"), Json("tricky"));
        QCOMPARE(trickyArgs.endArgsJson, std::string());

        QCOMPARE(plain.sliceArgs(findSlice(plain, "plain")).argsJson, std::string("{}"));

        for (const Trace* trace : {&plain, &gzip}) {
            const SliceArgs pair = trace->sliceArgs(findSlice(*trace, "pair"));
            QCOMPARE(pair.error, std::string());
            QCOMPARE(Json::parse(pair.argsJson), Json::parse("{\"in\":1}"));
            QCOMPARE(Json::parse(pair.endArgsJson), Json::parse("{\"result\":3}"));
        }
    }

    void invalidUtf8DoesNotThrow() {
        const QByteArray json =
            array({x("bad", 1, 2, 1, ",\"args\":{\"s\":\"caf\xc3\",\"t\":\"\xff\xfe ok\"}")});
        const Trace trace = load(write("utf8.json", json));
        QCOMPARE(trace.sliceCount(), 1u);
        const SliceArgs args = trace.sliceArgs(findSlice(trace, "bad"));
        QCOMPARE(args.error, std::string());
        QVERIFY(Json::parse(args.argsJson).contains("t"));
        QVERIFY(args.argsJson.find(" ok") != std::string::npos);
    }

    void largeGzipResumesFromLaterAccessPoints() {
        const QByteArray json = manyEvents(20);
        const QString plainPath = write("large.json", json);
        const QString gzipPath = write("large.json.gz", test::gzipBytes(json));
        const Trace plain = load(plainPath);
        const Trace gzip = load(gzipPath);
        QCOMPARE(gzip.sliceCount(), plain.sliceCount());

        const SliceRef last = lastInFile(gzip);
        const std::uint64_t offset = offsetOf(gzip, last);
        QVERIFY(offset > 19 * kMiB);
        const formats::EventText text = formats::readEventText(gzipPath.toStdString(), offset);
        QCOMPARE(text.error, std::string());
        QCOMPARE(
            QByteArray::fromStdString(text.text),
            json.mid(static_cast<qsizetype>(offset), static_cast<qsizetype>(text.text.size())));
        QVERIFY(text.resumedFrom > 12 * kMiB);         // not the first access point...
        QVERIFY(offset - text.resumedFrom < 5 * kMiB); // ...but the nearest one before it
        const auto stats = formats::cachedGzipIndex(gzipPath.toStdString());
        QVERIFY(stats.has_value());
        QVERIFY(stats->accessPoints > 3);
        QCOMPARE(stats->decompressedBytes, std::uint64_t(json.size()));
        QCOMPARE(argsOf(gzip, last).at("i").get<std::int64_t>(),
                 static_cast<std::int64_t>(plain.sliceCount() - 1));

        // Events spread over the whole file read the same through either source.
        const SliceRef first{0, 0};
        QCOMPARE(formats::readEventText(gzipPath.toStdString(), offsetOf(gzip, first)).resumedFrom,
                 std::uint64_t{0});
        for (std::uint32_t t = 0; t < gzip.sliceTracks.size(); ++t)
            for (std::uint32_t i = 0; i < gzip.sliceTracks[t].size(); i += 1009)
                QCOMPARE(argsOf(gzip, {t, i}), argsOf(plain, {t, i}));
    }

    void concatenatedGzipMembers() {
        // The split falls inside an event, so reading it crosses a member's trailer.
        const QByteArray json = manyEvents(12);
        const qsizetype split = 6 * static_cast<qsizetype>(kMiB) + 33;
        const QString path = write("members.json.gz", test::gzipBytes(json.left(split)) +
                                                          test::gzipBytes(json.mid(split)));
        const Trace trace = load(path);
        const Trace plain = load(write("members.json", json));
        QCOMPARE(trace.sliceCount(), plain.sliceCount());
        const ReadBack back = readBackAroundSplit(trace, path, json, split, 997);
        QVERIFY(back.spanned);
        QVERIFY(back.checked > 50);
    }

    void errorsNameTheFileAndOffset() {
        // loadText removes its temporary file once the trace is built.
        const Trace gone = test::loadText(array({x("a", 1, 2)}), "gone.json");
        const SliceArgs args = gone.sliceArgs({0, 0});
        QVERIFY(!args.error.empty());
        QVERIFY(args.error.find(gone.files.front().path) != std::string::npos);
        QVERIFY(args.error.find("offset 1") != std::string::npos);
        QVERIFY(args.argsJson.empty());

        const QString path = write("errors.json", "[{\"a\":1}, {\"b\":\"}");
        const std::string p = path.toStdString();
        const auto errorAt = [&](const std::string& file, std::uint64_t offset) {
            const formats::EventText text = formats::readEventText(file, offset);
            return text.text.empty() ? text.error : std::string("unexpected success");
        };
        QCOMPARE(formats::readEventText(p, 1).text, std::string("{\"a\":1}"));
        QVERIFY(errorAt(p, 500).find(p + ": offset 500: offset is past the end") == 0);
        QVERIFY(errorAt(p, 2).find("expected '{'") != std::string::npos);
        QVERIFY(errorAt(p, 10).find("not terminated") != std::string::npos);
        QVERIFY(errorAt(dir_.filePath("missing.json").toStdString(), 7).find("offset 7") !=
                std::string::npos);
        QVERIFY(errorAt(dir_.path().toStdString(), 0).find("directory") != std::string::npos);

        const QString gz = write("errors.json.gz", test::gzipBytes("[{\"a\":1}]"));
        QCOMPARE(formats::readEventText(gz.toStdString(), 1).text, std::string("{\"a\":1}"));
        QVERIFY(errorAt(gz.toStdString(), 9).find("past the end of the decompressed data") !=
                std::string::npos);

        const QString huge = write(
            "huge.json", "[{\"pad\":\"" + QByteArray(17 * static_cast<int>(kMiB), 'x') + "\"}]");
        QVERIFY(errorAt(huge.toStdString(), 1).find("larger than 16 MB") != std::string::npos);

        // A slice index past the track must not crash either.
        const Trace small = load(write("small.json", array({x("a", 1, 2)})));
        QVERIFY(!small.sliceArgs({0, 5}).error.empty());
        QVERIFY(!small.sliceArgs({7, 0}).error.empty());
    }

    void replacedFileIsReindexed() {
        const QString path = write("replaced.json.gz", test::gzipBytes("[{\"a\":1}]"));
        QCOMPARE(formats::readEventText(path.toStdString(), 1).text, std::string("{\"a\":1}"));
        write("replaced.json.gz", test::gzipBytes("[{\"b\":22222}]"));
        QCOMPARE(formats::readEventText(path.toStdString(), 1).text, std::string("{\"b\":22222}"));
    }

    // ---- the seek index recorded by the loader -----------------------------------------------

    void loadRegistersTheGzipSeekIndex() {
        // The loader records the access points while it inflates the file, so the first read
        // after a load seeks at once instead of inflating the whole file again.
        const QByteArray json = manyEvents(14);
        const QString plainPath = write("seeded.json", json);
        const QString gzipPath = write("seeded.json.gz", test::gzipBytes(json));
        const std::string gz = gzipPath.toStdString();
        formats::clearEventTextCache();
        const Trace plain = load(plainPath);
        QVERIFY(!formats::cachedGzipIndex(gz).has_value());
        const Trace gzip = load(gzipPath);
        const auto seeded = formats::cachedGzipIndex(gz);
        QVERIFY(seeded.has_value());
        QVERIFY(seeded->accessPoints >= 3);
        QCOMPARE(seeded->decompressedBytes, std::uint64_t(json.size()));

        const std::uint64_t builds = formats::gzipIndexBuilds();
        const SliceRef last = lastInFile(gzip);
        const std::uint64_t offset = offsetOf(gzip, last);
        QVERIFY(offset > 13 * kMiB);
        const formats::EventText text = formats::readEventText(gz, offset);
        QCOMPARE(text.error, std::string());
        QCOMPARE(text.text, formats::readEventText(plainPath.toStdString(), offset).text);
        QVERIFY(text.resumedFrom > 8 * kMiB);
        QVERIFY(offset - text.resumedFrom < 5 * kMiB);
        QCOMPARE(argsOf(gzip, last), argsOf(plain, lastInFile(plain)));
        for (std::uint32_t t = 0; t < gzip.sliceTracks.size(); ++t)
            for (std::uint32_t i = 0; i < gzip.sliceTracks[t].size(); i += 4999)
                QCOMPARE(argsOf(gzip, {t, i}), argsOf(plain, {t, i}));
        QCOMPARE(formats::gzipIndexBuilds(), builds); // nothing inflated from the start again

        // The reader's own pass, the fallback, finds the same access points.
        formats::clearEventTextCache();
        const formats::EventText rebuilt = formats::readEventText(gz, offset);
        QCOMPARE(formats::gzipIndexBuilds(), builds + 1);
        QCOMPARE(rebuilt.text, text.text);
        QCOMPARE(rebuilt.resumedFrom, text.resumedFrom);
        const auto own = formats::cachedGzipIndex(gz);
        QVERIFY(own.has_value());
        QCOMPARE(own->accessPoints, seeded->accessPoints);
        QCOMPARE(own->decompressedBytes, seeded->decompressedBytes);
    }

    void seededIndexOfAChangedFileIsNotUsed() {
        const QString path =
            write("changed.json.gz", test::gzipBytes(array({x("old", 1, 2, 1, ",\"args\":{}")})));
        const Trace trace = load(path);
        QVERIFY(formats::cachedGzipIndex(path.toStdString()).has_value());
        const std::uint64_t builds = formats::gzipIndexBuilds();
        const QByteArray replacement = x("replacement", 1, 2, 1, ",\"args\":{\"v\":12345}");
        write("changed.json.gz", test::gzipBytes(array({replacement})));
        const formats::EventText text = formats::readEventText(path.toStdString(), 1);
        QCOMPARE(text.error, std::string());
        QCOMPARE(QByteArray::fromStdString(text.text), replacement);
        QCOMPARE(formats::gzipIndexBuilds(), builds + 1);
    }

    void concatenatedMembersAreSeededToo() {
        // Member 1 ends 33 bytes after the first point is due, inside an event: the point
        // lands at the start of member 2, and reads cross member 1's trailer.
        const QByteArray json = manyEvents(10);
        const qsizetype split = 4 * static_cast<qsizetype>(kMiB) + 33;
        const QString path = write("seeded-members.json.gz", test::gzipBytes(json.left(split)) +
                                                                 test::gzipBytes(json.mid(split)));
        formats::clearEventTextCache();
        const Trace trace = load(path);
        const auto stats = formats::cachedGzipIndex(path.toStdString());
        QVERIFY(stats.has_value());
        QVERIFY(stats->accessPoints >= 3);
        QCOMPARE(stats->decompressedBytes, std::uint64_t(json.size()));
        const std::uint64_t builds = formats::gzipIndexBuilds();
        const ReadBack back = readBackAroundSplit(trace, path, json, split, 1999);
        QVERIFY(back.spanned);
        QVERIFY(back.resumedAtMember);
        QVERIFY(back.checked > 20);
        QCOMPARE(formats::gzipIndexBuilds(), builds);
    }

    void unindexableGzipIsLeftToTheReader() {
        // A zlib-wrapped second member (the loader reads it, the reader's resume does not) and
        // a cut file register nothing; reads build their own index as before.
        const QByteArray json = manyEvents(1);
        const qsizetype split = json.size() / 2;
        const QString mixed = write("mixed.json.gz", test::gzipBytes(json.left(split)) +
                                                         qCompress(json.mid(split)).mid(4));
        const QByteArray whole = test::gzipBytes(json);
        const QString cut = write("cut.json.gz", whole.left(whole.size() * 2 / 3));
        formats::clearEventTextCache();
        for (const QString& path : {mixed, cut}) {
            const Trace trace = load(path);
            QVERIFY(trace.sliceCount() > 100);
            QVERIFY(!formats::cachedGzipIndex(path.toStdString()).has_value());
            const std::uint64_t builds = formats::gzipIndexBuilds();
            const std::uint64_t offset = offsetOf(trace, {0, 1});
            const formats::EventText text = formats::readEventText(path.toStdString(), offset);
            QCOMPARE(text.error, std::string());
            QCOMPARE(
                QByteArray::fromStdString(text.text),
                json.mid(static_cast<qsizetype>(offset), static_cast<qsizetype>(text.text.size())));
            QCOMPARE(formats::gzipIndexBuilds(), builds + 1);
        }
    }

    // ---- real Kineto data: args, flows, task links ------------------------------------------

    void kernelsOfARealTrace() {
        const Trace trace = formats::loadTrace(
            LANESCOPE_TEST_DATA "/kineto/hta__cuda_event_sync__event_sync_trace.json.gz");
        const analysis::FlowIndex flows(trace);
        QCOMPARE(trace.taskLinks.size(), std::size_t{5});
        for (const TaskLink& link : trace.taskLinks) {
            const Json kernel = argsOf(trace, link.task);
            QVERIFY(kernel.contains("correlation"));
            QVERIFY(link.launch.valid());
            QCOMPARE(argsOf(trace, link.launch).at("correlation"), kernel.at("correlation"));

            const auto out = flows.outgoing(link.launch);
            QVERIFY(std::any_of(out.begin(), out.end(),
                                [&](std::uint32_t f) { return trace.flows[f].to == link.task; }));
            const auto in = flows.incoming(link.task);
            QVERIFY(std::any_of(in.begin(), in.end(), [&](std::uint32_t f) {
                return trace.flows[f].from == link.launch;
            }));

            QCOMPARE(analysis::taskLinkOf(trace, link.task), &link);
            QVERIFY(analysis::taskLinkOf(trace, link.launch) == nullptr);
        }
    }

    void flowIndexMatchesEveryFlow() {
        const Trace trace = formats::loadTrace(kRealTrace);
        const analysis::FlowIndex flows(trace);
        QVERIFY(trace.flows.size() > 100);
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> out, in;
        for (std::uint32_t f = 0; f < trace.flows.size(); ++f) {
            out[{trace.flows[f].from.track, trace.flows[f].from.slice}].push_back(f);
            in[{trace.flows[f].to.track, trace.flows[f].to.slice}].push_back(f);
        }
        for (const auto& [key, list] : out) {
            const auto found = flows.outgoing({key.first, key.second});
            QCOMPARE(std::vector<std::uint32_t>(found.begin(), found.end()), list);
        }
        for (const auto& [key, list] : in) {
            const auto found = flows.incoming({key.first, key.second});
            QCOMPARE(std::vector<std::uint32_t>(found.begin(), found.end()), list);
        }
        QVERIFY(flows.outgoing({}).empty());
        QVERIFY(analysis::FlowIndex().incoming({0, 0}).empty());
    }

    void flowIndexSkipsUnboundEnds() {
        Trace trace;
        trace.flows.push_back({{0, 1}, {}, 0, 0, {}, FlowOrigin::FlowEvents});
        trace.flows.push_back({{}, {0, 1}, 0, 0, {}, FlowOrigin::FlowEvents});
        trace.flows.push_back({{0, 1}, {2, 3}, 0, 0, {}, FlowOrigin::FlowEvents});
        const analysis::FlowIndex flows(trace);
        const auto out = flows.outgoing({0, 1});
        QCOMPARE(std::vector<std::uint32_t>(out.begin(), out.end()),
                 (std::vector<std::uint32_t>{0, 2}));
        const auto in = flows.incoming({0, 1});
        QCOMPARE(std::vector<std::uint32_t>(in.begin(), in.end()), std::vector<std::uint32_t>{1});
        QCOMPARE(flows.incoming({2, 3}).size(), std::size_t{1});
        QVERIFY(flows.incoming({0, 0}).empty());
    }

    void ownersOfTracks() {
        const QByteArray json = array({
            x("a", 1, 2, 7),
            "{\"ph\":\"b\",\"name\":\"req\",\"cat\":\"c\",\"id\":1,\"pid\":1,\"ts\":1}",
            "{\"ph\":\"e\",\"name\":\"req\",\"cat\":\"c\",\"id\":1,\"pid\":1,\"ts\":9}",
        });
        const Trace trace = load(write("owners.json", json));
        QCOMPARE(trace.asyncTracks.size(), std::size_t{1});
        const Thread* thread = test::findThread(trace, 1, 7);
        QVERIFY(thread);
        const analysis::TrackOwner threadOwner = analysis::ownerOf(trace, thread->sliceTrack);
        QCOMPARE(&trace.threads[threadOwner.thread], thread);
        QCOMPARE(threadOwner.process, thread->process);
        QCOMPARE(threadOwner.asyncTrack, kNoIndex);
        const analysis::TrackOwner asyncOwner =
            analysis::ownerOf(trace, trace.asyncTracks.front().sliceTrack);
        QCOMPARE(asyncOwner.asyncTrack, 0u);
        QCOMPARE(asyncOwner.thread, kNoIndex);
        QCOMPARE(asyncOwner.process, trace.asyncTracks.front().process);
        QCOMPARE(analysis::ownerOf(trace, 99).process, kNoIndex);
    }

    // ---- self time and click hits -----------------------------------------------------------

    void selfTimeOfANestedStack() {
        // A [0,100) holds B [10,30) and C [40,70); C holds D [45,50). Times in µs.
        const QByteArray json = array({
            x("A", 0, 100),
            x("B", 10, 20),
            x("C", 40, 30),
            x("D", 45, 5),
            x("Z", 200, 0),
            "{\"ph\":\"b\",\"name\":\"req\",\"cat\":\"c\",\"id\":1,\"pid\":1,\"ts\":0}",
            "{\"ph\":\"b\",\"name\":\"sub\",\"cat\":\"c\",\"id\":1,\"pid\":1,\"ts\":2}",
            "{\"ph\":\"e\",\"name\":\"sub\",\"cat\":\"c\",\"id\":1,\"pid\":1,\"ts\":8}",
            "{\"ph\":\"e\",\"name\":\"req\",\"cat\":\"c\",\"id\":1,\"pid\":1,\"ts\":10}",
        });
        const Trace trace = load(write("stack.json", json));
        const auto self = [&](std::string_view name) {
            return analysis::selfTime(trace, findSlice(trace, name));
        };
        QCOMPARE(self("A"), TimeNs{50'000});
        QCOMPARE(self("B"), TimeNs{20'000});
        QCOMPARE(self("C"), TimeNs{25'000});
        QCOMPARE(self("D"), TimeNs{5'000});
        QCOMPARE(self("Z"), TimeNs{0});
        QCOMPARE(self("req"), TimeNs{10'000}); // async: no children
        QCOMPARE(self("sub"), TimeNs{6'000});
        QCOMPARE(analysis::selfTime(trace, {}), TimeNs{0});
    }

    void selfTimeNeverNegativeOnARealTrace() {
        const Trace trace = formats::loadTrace(kRealTrace);
        std::uint64_t withChildren = 0;
        for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t) {
            const SliceTrack& track = trace.sliceTracks[t];
            for (std::uint32_t i = 0; i < track.size(); ++i) {
                const TimeNs self = analysis::selfTime(trace, {t, i});
                QVERIFY(self >= 0 && self <= track.duration(i));
                withChildren += self < track.duration(i) ? 1 : 0;
            }
        }
        QVERIFY(withChildren > 100);
    }

    void sliceNearHitsAndMisses() {
        const Trace trace =
            load(write("near.json", array({x("A", 0, 100), x("B", 10, 20), x("C", 40, 30)})));
        const std::uint32_t track = findSlice(trace, "A").track;
        const SliceRef a = findSlice(trace, "A"), b = findSlice(trace, "B"),
                       c = findSlice(trace, "C");
        const auto near = [&](std::uint16_t row, TimeNs t, TimeNs tolerance) {
            return analysis::sliceNear(trace, track, row, t, tolerance);
        };
        QCOMPARE(near(1, 20'000, 0), b);
        QCOMPARE(near(0, 20'000, 0), a);
        QVERIFY(!near(1, 35'000, 0).valid());
        QVERIFY(!near(1, 30'000, 0).valid()); // ends are exclusive
        QCOMPARE(near(1, 30'000, 1), b);
        QCOMPARE(near(1, 33'000, 4'000), b); // 3001 ns to B's last point, 7000 to C
        QCOMPARE(near(1, 37'000, 4'000), c);
        QCOMPARE(near(1, 35'000, 5'000), c); // C's start is 5000 away, B's last point 5001
        QCOMPARE(near(1, 35'000, 5'001), c); // both in reach: the nearer one wins
        QVERIFY(!near(1, 35'000, 4'999).valid());
        QVERIFY(!near(0, 150'000, 10'000).valid());
        QCOMPARE(near(0, 150'000, 50'001), a);
        QVERIFY(!near(2, 20'000, 1'000'000).valid());
        QVERIFY(!analysis::sliceNear(trace, 42, 0, 20'000, 0).valid());
        QCOMPARE(analysis::sliceNear(trace, track, 0, kTimeMax, kTimeMax), a); // no overflow
    }

    // ---- search -----------------------------------------------------------------------------

    void searchFoldsAsciiCase() {
        const Trace trace = load(write("search.json", array({
                                                          x("MatMul", 30, 1, 1),
                                                          x("matmul_backward", 10, 1, 2),
                                                          x("aten::mm", 20, 1, 1),
                                                          x("MATMUL", 10, 1, 1),
                                                      })));
        const analysis::SearchResult folded = analysis::searchSlices(trace, "matMUL");
        QCOMPARE(folded.total, std::uint64_t{3});
        std::vector<std::string> names;
        for (SliceRef ref : folded.matches)
            names.push_back(test::nameOf(trace, ref));
        // By start; the two at 10 µs by track (thread 1's track precedes thread 2's).
        const SliceRef first = folded.matches[0], second = folded.matches[1];
        QCOMPARE(trace.sliceTracks[first.track].start(first.slice), TimeNs{10'000});
        QCOMPARE(trace.sliceTracks[second.track].start(second.slice), TimeNs{10'000});
        QVERIFY(first.track < second.track);
        QCOMPARE(names.back(), std::string("MatMul"));

        analysis::SearchOptions sensitive;
        sensitive.caseSensitive = true;
        const analysis::SearchResult exact = analysis::searchSlices(trace, "matmul", sensitive);
        QCOMPARE(exact.total, std::uint64_t{1});
        QCOMPARE(test::nameOf(trace, exact.matches.front()), std::string("matmul_backward"));
        QCOMPARE(analysis::searchSlices(trace, "").total, std::uint64_t{0});
        QVERIFY(analysis::searchSlices(trace, "").matches.empty());
        QCOMPARE(analysis::searchSlices(trace, "nothing").total, std::uint64_t{0});
    }

    void searchMatchesBruteForceOnARealTrace() {
        const Trace trace = formats::loadTrace(kRealTrace);
        for (const char* needle : {"aten::", "CONV", "Memcpy", "e", "cudaLaunchKernel"}) {
            for (bool sensitive : {false, true}) {
                const std::vector<SliceRef> expected = bruteSearch(trace, needle, sensitive);
                analysis::SearchOptions options;
                options.caseSensitive = sensitive;
                const analysis::SearchResult all = analysis::searchSlices(trace, needle, options);
                QCOMPARE(all.total, std::uint64_t(expected.size()));
                QVERIFY(all.matches == expected);
                QVERIFY(!all.truncated());

                options.limit = 37;
                const analysis::SearchResult some = analysis::searchSlices(trace, needle, options);
                QCOMPARE(some.total, std::uint64_t(expected.size()));
                const std::size_t kept = std::min<std::size_t>(37, expected.size());
                QVERIFY(some.matches ==
                        std::vector<SliceRef>(expected.begin(), expected.begin() + kept));
                QCOMPARE(some.truncated(), expected.size() > 37);
            }
        }
        analysis::SearchOptions none;
        none.limit = 0;
        const analysis::SearchResult counted = analysis::searchSlices(trace, "aten", none);
        QVERIFY(counted.matches.empty());
        QVERIFY(counted.total > 1000);
        QVERIFY(counted.truncated());
    }

    // ---- range summary ----------------------------------------------------------------------

    void rangeSummaryEdges() {
        // [10,20) µs, zero-length at 20 and at 30, all on one thread.
        const Trace trace = load(
            write("edges.json", array({x("S", 10, 10, 1), x("Z", 20, 0, 1), x("Y", 30, 0, 1)})));
        const std::vector<std::uint32_t> tracks = allTracks(trace);
        const auto names = [&](TimeNs start, TimeNs end) {
            std::string joined;
            for (const auto& s : analysis::summarizeRange(trace, tracks, start, end))
                joined += trace.str(s.name);
            std::sort(joined.begin(), joined.end());
            return joined;
        };
        QCOMPARE(names(20'000, 30'000), std::string("Z")); // S ends at the start; Y at the end
        QCOMPARE(names(0, 10'000), std::string());         // S starts at the end
        QCOMPARE(names(19'999, 20'000), std::string("S"));
        QCOMPARE(names(10'000, 20'001), std::string("SZ"));
        QCOMPARE(names(30'000, 30'001), std::string("Y"));
        QCOMPARE(names(25'000, 25'000), std::string()); // empty range
        QCOMPARE(names(40'000, 0), std::string());      // reversed range

        const std::vector<std::uint32_t> twice{tracks.front(), tracks.front(), 999};
        const auto summary = analysis::summarizeRange(trace, twice, 0, 100'000);
        QCOMPARE(summary.size(), std::size_t{3});
        QCOMPARE(trace.str(summary.front().name), std::string_view("S"));
        QCOMPARE(summary.front().count, std::uint64_t{1});
        QCOMPARE(summary.front().total, TimeNs{10'000});
        QCOMPARE(trace.str(summary[1].name), std::string_view("Y")); // zero totals by name
        QCOMPARE(trace.str(summary[2].name), std::string_view("Z"));
    }

    void rangeSummaryMatchesBruteForceOnARealTrace() {
        const Trace trace = formats::loadTrace(kRealTrace);
        const std::vector<std::uint32_t> tracks = allTracks(trace);
        std::mt19937_64 random(20240611);
        std::uniform_int_distribution<TimeNs> when(trace.spanStart, trace.spanEnd);
        std::uniform_int_distribution<std::uint32_t> pickTrack(
            0, static_cast<std::uint32_t>(tracks.size() - 1));
        std::uniform_int_distribution<TimeNs> width(1, 2'000'000);
        for (int round = 0; round < 150; ++round) {
            TimeNs start = when(random), end = when(random);
            if (round % 3 != 0) {
                // Ranges starting or ending exactly at a slice's edge.
                const SliceTrack& track = trace.sliceTracks[pickTrack(random)];
                const std::uint32_t i =
                    std::uniform_int_distribution<std::uint32_t>(0, track.size() - 1)(random);
                start = round % 3 == 1 ? track.end(i) : track.start(i) - width(random);
                end = round % 3 == 1 ? start + width(random) : track.start(i);
            }
            if (start > end)
                std::swap(start, end);
            const auto summary = analysis::summarizeRange(trace, tracks, start, end);
            QCOMPARE(asMap(trace, summary), bruteSummary(trace, start, end));
            QVERIFY(summaryOrdered(trace, summary));
        }
        const auto whole =
            analysis::summarizeRange(trace, tracks, trace.spanStart, trace.spanEnd + 1);
        std::uint64_t counted = 0;
        for (const auto& s : whole)
            counted += s.count;
        QCOMPARE(counted, trace.sliceCount());
    }

    // ---- slice kinds ---------------------------------------------------------------------------

    void classifiesSliceKinds() {
        using analysis::SliceKind;
        // Real names, copied from tests/data/kineto, tests/data/ascend and the bundled sample.
        const std::vector<std::pair<std::string_view, SliceKind>> table = {
            // Kineto (CUDA, ROCm, MTIA)
            {"cudaMemcpyAsync", SliceKind::Copy},
            {"Memcpy HtoD (Pageable -> Device)", SliceKind::Copy},
            {"Memcpy DtoH (Device -> Pageable)", SliceKind::Copy},
            {"Memcpy DtoD (Device -> Device)", SliceKind::Copy},
            {"Memset (Device)", SliceKind::Copy},
            {"cudaMemsetAsync", SliceKind::Copy},
            {"hipMemcpyWithStream", SliceKind::Copy},
            {"enqueueCommand memcpyDtoHAsync", SliceKind::Copy},
            {"aten::copy_", SliceKind::Copy},
            {"aten::_to_copy", SliceKind::Copy},
            {"ncclKernel_SendRecv_RING_SIMPLE_Sum_int8_t(ncclDevComm*, unsigned long, ncclWork*)",
             SliceKind::Communication},
            {"nccl:all_reduce", SliceKind::Communication},
            {"nccl:broadcast", SliceKind::Communication},
            {"c10d::allreduce_", SliceKind::Communication},
            {"c10d::_allgather_base_", SliceKind::Communication},
            {"record_param_comms", SliceKind::Communication},
            {"All2All_Pooled_Wait", SliceKind::Communication},
            {"cudaStreamSynchronize", SliceKind::Sync},
            {"cudaDeviceSynchronize", SliceKind::Sync},
            {"cudaEventSynchronize", SliceKind::Sync},
            {"cudaStreamWaitEvent", SliceKind::Sync},
            {"cudaEventRecord", SliceKind::Sync},
            {"cudaEventQuery", SliceKind::Sync},
            {"hipDeviceSynchronize", SliceKind::Sync},
            {"Stream Sync", SliceKind::Sync},
            {"Context Sync", SliceKind::Sync},
            {"Stream Wait Event", SliceKind::Sync},
            {"synchronizeStream", SliceKind::Sync},
            {"volta_sgemm_64x64_nn", SliceKind::Compute},
            {"void at::native::vectorized_elementwise_kernel<4, at::native::AddFunctor<float>, "
             "at::detail::Array<char*, 3> >(int, at::native::AddFunctor<float>, "
             "at::detail::Array<char*, 3>)",
             SliceKind::Compute},
            {"cudnn_infer_volta_scudnn_128x64_relu_small_nn_v1", SliceKind::Compute},
            {"sm80_xmma_fprop_implicit_gemm_indexed_tf32f32_tf32f32_f32_nhwckrsc_nchw_"
             "tilesize128x128"
             "x16_stage4_warpsize2x2x1_g1_tensor16x8x8_alignc4_execute_kernel_cudnn",
             SliceKind::Compute},
            {"triton_poi_fused_add_cos_sin_0", SliceKind::Compute},
            {"Kernel", SliceKind::Compute},
            // Host ops and runtime calls a name cannot place stay Other.
            {"aten::add", SliceKind::Other},
            {"aten::cudnn_convolution", SliceKind::Other},
            {"CudnnBatchNormBackward0", SliceKind::Other},
            {"aten::_has_compatible_shallow_copy_type", SliceKind::Other},
            {"aten::record_stream", SliceKind::Other},
            {"cudaLaunchKernel", SliceKind::Other},
            {"cudaFree", SliceKind::Other},
            {"cudaEventElapsedTime", SliceKind::Other},
            {"fbgemm::asynchronous_complete_cumsum", SliceKind::Other},
            {"RebatchCommon::slicePredictionResultIValue", SliceKind::Other},
            {"ProfilerStep#5", SliceKind::Other},
            {"<built-in method copy of dict object at 0xffff813c86c0>", SliceKind::Other},
            {"nn.Module: BertLayer_0", SliceKind::Other},
            // Ascend (CANN API, device tasks, HCCL, Overlap Analysis)
            {"AscendCL@aclrtMemcpy", SliceKind::Copy},
            {"AscendCL@aclrtMemcpyAsync", SliceKind::Copy},
            {"MEMCPY_ASYNC", SliceKind::Copy},
            {"Runtime@MemcpyAsync_Huge", SliceKind::Copy},
            {"Runtime@MemCopySync", SliceKind::Copy},
            {"acl_memcpy_host_to_device", SliceKind::Copy},
            {"SDMA", SliceKind::Copy},
            {"Memcpy", SliceKind::Copy},
            {"Conv2DBackpropFilter6_MemSet", SliceKind::Copy},
            {"aclnnInplaceCopy_TensorMoveAiCore_TensorMove", SliceKind::Copy},
            {"AscendCL@hcom_allReduce_", SliceKind::Communication},
            {"hcom_allReduce__586_0_1", SliceKind::Communication},
            {"HcclAllreduce", SliceKind::Communication},
            {"Dequeue@HcclAllreduce", SliceKind::Communication},
            {"Hccl@Launch_Ffts", SliceKind::Communication},
            {"Reduce_Inline", SliceKind::Communication},
            {"AscendCL@aclrtSynchronizeStream", SliceKind::Sync},
            {"AscendCL@aclrtSynchronizeDevice", SliceKind::Sync},
            {"AscendCL@aclrtSynchronizeStreamWithTimeout", SliceKind::Sync},
            {"AscendCL@aclrtStreamWaitEvent", SliceKind::Sync},
            {"AscendCL@aclrtRecordEvent", SliceKind::Sync},
            {"AscendCL@aclrtQueryEventStatus", SliceKind::Sync},
            {"Runtime@StreamSynchronize", SliceKind::Sync},
            {"Runtime@StreamSyncTaskFinish", SliceKind::Sync},
            {"EVENT_WAIT", SliceKind::Sync},
            {"EVENT_RECORD", SliceKind::Sync},
            {"Notify_Wait", SliceKind::Sync},
            {"Notify Wait", SliceKind::Sync},
            {"Notify_Record", SliceKind::Sync},
            {"Write Value", SliceKind::Sync},
            {"Dequeue@wait_event", SliceKind::Sync},
            {"aclnnMatMulV2_MatMulV2AiCore_MatMulV2", SliceKind::Compute},
            {"aclnnMm_MatMulCommon_MatMulV2", SliceKind::Compute},
            {"aclnnInplaceRelu_Relu_Relu", SliceKind::Compute},
            {"aclnnDropoutGenMaskV2_DSAGenBitMask_DSAGenBitMask", SliceKind::Compute},
            {"trans_TransData_0", SliceKind::Compute},
            {"AscendCL@aclnnAdd", SliceKind::Other},
            {"aclnnAdd", SliceKind::Other},
            {"AscendCL@aclrtCreateEventExWithFlag", SliceKind::Other},
            {"Runtime@KernelLaunch", SliceKind::Other},
            {"Node@launch", SliceKind::Other},
            {"PROFILING_ENABLE", SliceKind::Other},
            {"Computing", SliceKind::Compute},
            {"Communication", SliceKind::Communication},
            {"Communication(Not Overlapped)", SliceKind::Communication},
            {"Free", SliceKind::Idle},
        };
        for (const auto& [name, kind] : table)
            QVERIFY2(analysis::classifySliceName(name) == kind,
                     (std::string(name) + " should be " +
                      std::string(analysis::sliceKindName(kind)) + ", is " +
                      std::string(analysis::sliceKindName(analysis::classifySliceName(name))))
                         .c_str());

        // Case-insensitive, and blind to padding.
        QVERIFY(analysis::classifySliceName("CUDASTREAMSYNCHRONIZE") == SliceKind::Sync);
        QVERIFY(analysis::classifySliceName("memcpy htod ") == SliceKind::Copy);
        QVERIFY(analysis::classifySliceName("FREE") == SliceKind::Idle);
        QVERIFY(analysis::classifySliceName("") == SliceKind::Other);

        // Every slice of every Overlap Analysis lane has the kind of its lane.
        const std::map<std::string_view, SliceKind> lanes = {
            {"Computing", SliceKind::Compute},
            {"Communication", SliceKind::Communication},
            {"Communication(Not Overlapped)", SliceKind::Communication},
            {"Free", SliceKind::Idle}};
        // QVERIFY returns: the lanes seen go to `seen`.
        const auto overlapLanes = [&](const Trace& trace, std::set<std::string>& seen) {
            for (const Process& process : trace.processes) {
                if (trace.str(process.name) != "Overlap Analysis")
                    continue;
                for (std::uint32_t t : process.threads) {
                    const Thread& thread = trace.threads[t];
                    const std::string_view lane = trace.str(thread.name);
                    const auto expected = lanes.find(lane);
                    QVERIFY2(expected != lanes.end(), std::string(lane).c_str());
                    if (thread.sliceTrack == kNoIndex)
                        continue;
                    const SliceTrack& track = trace.sliceTracks[thread.sliceTrack];
                    for (std::uint32_t i = 0; i < track.size(); ++i)
                        QVERIFY(analysis::classifySliceName(trace.str(track.name(i))) ==
                                expected->second);
                    seen.insert(std::string(lane));
                }
            }
        };
        const Trace level2 = formats::loadTrace(
            LANESCOPE_TEST_DATA "/ascend/text/level2/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/"
                                "trace_view.json");
        std::set<std::string> seen;
        overlapLanes(level2, seen);
        QCOMPARE(seen.size(), lanes.size());
        const Trace sample =
            formats::loadTrace(LANESCOPE_TEST_DATA "/../../resources/samples/bert_eager_ascend_pt");
        seen.clear();
        overlapLanes(sample, seen);
        QCOMPARE(seen, (std::set<std::string>{"Computing", "Free"}));
    }
};

QTEST_APPLESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
