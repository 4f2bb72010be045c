// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Parsing on several threads (formats/event_parse_ahead.h) must not change what is loaded: every
// trace here is loaded on one thread and then on 2 and 4 with blocks small enough to put many
// block boundaries inside it, and the two loads are compared whole (trace_fingerprint.h).

#include "analysis/detect_insights.h"
#include "formats/ascend_db_reader.h"
#include "formats/byte_source.h"
#include "formats/chrome_json_reader.h"
#include "formats/kineto_semantics.h"
#include "formats/load_error.h"
#include "formats/trace_loader.h"
#include "model/trace_builder.h"
#include "test_support.h"
#include "trace_fingerprint.h"

#include <QDir>
#include <QtTest>
#include <atomic>

using namespace lanescope;

namespace {

struct Loaded {
    std::string fingerprint;
    std::uint64_t events = 0;
    std::uint64_t parsedAhead = 0;
};

Loaded load(const QString& path, unsigned threads, std::size_t blockBytes) {
    formats::LoadOptions options;
    options.threads = threads;
    options.parseBlockBytes = blockBytes;
    Loaded loaded;
    options.progress = [&](const formats::LoadProgress& p) {
        if (!p.building) // the building report says how many were read, not parsed ahead
            loaded.parsedAhead = p.eventsParsedAhead;
    };
    const Trace trace = formats::loadTrace(path.toStdString(), options);
    loaded.fingerprint = test::TraceFingerprint(trace).text();
    for (const auto& [phase, n] : trace.eventsByPhase)
        loaded.events += n;
    return loaded;
}

// The first line where two fingerprints differ, for the failure message.
QByteArray firstDifference(const std::string& a, const std::string& b) {
    std::istringstream left(a);
    std::istringstream right(b);
    std::string l;
    std::string r;
    for (int line = 1;; ++line) {
        const bool moreLeft = static_cast<bool>(std::getline(left, l));
        const bool moreRight = static_cast<bool>(std::getline(right, r));
        if (!moreLeft && !moreRight)
            return "identical";
        if (l != r || moreLeft != moreRight)
            return QByteArray::number(line) + ": one thread '" + QByteArray::fromStdString(l) +
                   "' vs '" + QByteArray::fromStdString(r) + "'";
    }
}

// An event that is not what the fast parser reads alone, or that misleads a worker's guess of
// where events start, every few events; the rest are ordinary.
QByteArray awkwardEvent(int i) {
    const QByteArray n = QByteArray::number(i);
    const QByteArray ts = QByteArray::number(10 * i);
    const QByteArray common = "\"pid\":1,\"tid\":" + QByteArray::number(i % 3) + ",\"ts\":" + ts;
    switch (i % 11) {
    case 1: // a string holding what looks like event boundaries
        return "{\"ph\":\"X\",\"name\":\"n" + n + "\",\"dur\":3," + common +
               ",\"args\":{\"s\":\"}, {\\\"ph\\\":\\\"X\\\",\\\"name\\\":\\\"fake\\\"}, {\"}}";
    case 2: // objects in an array inside args
        return "{\"ph\":\"X\",\"name\":\"arr" + n + "\",\"dur\":2," + common +
               ",\"args\":{\"list\":[{\"a\":1}, {\"b\":2},{\"ph\":\"X\"}]}}";
    case 3: // an escape: the reference parser's
        return "{\"ph\":\"X\",\"name\":\"esc\\\"" + n + "\",\"dur\":1," + common + "}";
    case 4: // metadata
        return "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":" +
               QByteArray::number(i % 3) + ",\"args\":{\"name\":\"worker " + n + "\"}}";
    case 5: // empty, counted but not added
        return "{}";
    case 6: // bigger than a small block
        return "{\"ph\":\"X\",\"name\":\"" + QByteArray(1500, 'w') + "\",\"dur\":1," + common + "}";
    case 7: // a field problem the reader reports with the event
        return "{\"ph\":\"X\",\"name\":\"bad dur " + n + "\",\"dur\":\"x\"," + common + "}";
    case 8: // B/E and a flow pair
        return "{\"ph\":\"B\",\"name\":\"be\"," + common + "}, {\"ph\":\"s\",\"id\":" + n +
               ",\"name\":\"f\",\"cat\":\"c\"," + common +
               "}, {\"ph\":\"f\",\"bp\":\"e\",\"id\":" + n +
               ",\"name\":\"f\",\"cat\":\"c\",\"pid\":1,\"tid\":2,\"ts\":" + ts +
               "}, {\"ph\":\"E\"," + common + "}";
    case 9: // a counter, an instant and an async pair with a text id
        return "{\"ph\":\"C\",\"name\":\"mem\",\"pid\":1,\"ts\":" + ts +
               ",\"args\":{\"used\":" + n + ".5,\"free\":\"7\"}}, {\"ph\":\"i\",\"s\":\"t\"," +
               "\"name\":\"mark\"," + common + "}, {\"ph\":\"b\",\"id\":\"req" + n +
               "\",\"cat\":\"a\",\"name\":\"request\"," + common + "}, {\"ph\":\"e\",\"id\":\"req" +
               n + "\",\"cat\":\"a\",\"name\":\"request\"," +
               "\"pid\":1,\"tid\":0,\"ts\":" + QByteArray::number(10 * i + 25) + "}";
    case 10: // broken: an unbalanced quote, resynchronised after
        return "{\"ph\":\"X\",\"name\":\"broken" + n + ",\"dur\":1," + common + "}";
    default:
        return "{\"ph\":\"X\",\"cat\":\"cpu_op\",\"name\":\"op" + n + "\",\"dur\":4," + common +
               ",\"args\":{\"External id\":" + n + ",\"Sequence number\":" + n + "}}";
    }
}

QByteArray awkwardTrace(int events, const QByteArray& separator) {
    QByteArray text = "{\"schemaVersion\":1,\"traceEvents\":[\n";
    for (int i = 0; i < events; ++i) {
        if (i != 0)
            text += i % 13 == 0 ? ",," + separator : "," + separator;
        text += awkwardEvent(i);
    }
    // a top-level value after the events that holds objects in arrays too
    text +=
        "],\n\"deviceProperties\":[{\"id\":0, \"name\":\"gpu\"}, {\"id\":1, \"name\":\"gpu\"}]}";
    return text;
}

// What reading one file into a builder leaves beside it: a database's flows, a JSON file's
// top-level keys (applied to the metadata in file order).
struct FileRead {
    std::optional<formats::AscendDbRead> database;
    std::vector<std::pair<std::string, nlohmann::json>> topLevelKeys;
};

FileRead readInto(TraceBuilder& builder, const std::string& path) {
    FileRead read;
    formats::LoadOptions options;
    options.threads = 1;
    if (path.ends_with(".db")) {
        read.database = formats::readAscendDb(builder, path, std::nullopt, options);
        return read;
    }
    const std::unique_ptr<formats::ByteSource> source = formats::openByteSource(path, false);
    builder.beginFile({path, source->sizeOnDisk(), 0, source->compressed(), std::nullopt});
    formats::ChromeJsonReader reader(*source, path, builder, options,
                                     [&](const std::string& key, const nlohmann::json& value) {
                                         read.topLevelKeys.emplace_back(key, value);
                                     });
    reader.read();
    return read;
}

// Finishes the builder and binds the databases' flows: the trace before format semantics.
std::string finishedFingerprint(TraceBuilder& builder, const std::vector<FileRead>& reads,
                                const std::vector<TraceBuilder::Absorbed>& moves) {
    std::vector<formats::AscendDbRead> databases;
    for (std::size_t f = 0; f < reads.size(); ++f) {
        for (const auto& [key, value] : reads[f].topLevelKeys)
            formats::applyTopLevelKey(builder.metadata(), key, value);
        if (reads[f].database)
            databases.push_back(
                {reads[f].database->file + (moves.empty() ? 0 : moves[f].firstFile)});
    }
    TraceBuilder::Result result = builder.finish();
    formats::finishAscendDbReads(result.trace, databases);
    return test::TraceFingerprint(result.trace).text();
}

} // namespace

class TestParallelLoad : public QObject {
    Q_OBJECT

private:
    // `aheadFrom`: the thread count from which events are parsed ahead (0: never, a database).
    // The ranks of a job folder are read side by side, each parsed ahead only on the threads
    // left over: from 4 threads for two ranks.
    void expectSameOnAnyThreadCount(const QString& path, bool expectMostParsedAhead,
                                    unsigned aheadFrom = 2) {
        const Loaded reference = load(path, 1, 0);
        QCOMPARE(reference.parsedAhead, std::uint64_t{0});
        for (const unsigned threads : {2u, 4u}) {
            for (const std::size_t block :
                 {std::size_t{1000}, std::size_t{4096}, std::size_t{65536}}) {
                const Loaded parallel = load(path, threads, block);
                QVERIFY2(parallel.fingerprint == reference.fingerprint,
                         qPrintable(QString("%1 threads, %2-byte blocks: %3")
                                        .arg(threads)
                                        .arg(block)
                                        .arg(QString::fromUtf8(firstDifference(
                                            reference.fingerprint, parallel.fingerprint)))));
                // Most events of the generated trace; some of every real one but the smallest
                // (metadata, which the fast parser leaves to the loading thread, fills those).
                if (block == 4096 && aheadFrom != 0 && threads >= aheadFrom &&
                    (expectMostParsedAhead || parallel.events > 1000))
                    QVERIFY2(expectMostParsedAhead ? parallel.parsedAhead * 2 > parallel.events
                                                   : parallel.parsedAhead > 0,
                             qPrintable(QString("%1 of %2 events parsed ahead")
                                            .arg(parallel.parsedAhead)
                                            .arg(parallel.events)));
            }
        }
    }

private slots:
    void realTracesLoadAlike_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<unsigned>("aheadFrom");
        const QDir kineto(QStringLiteral(LANESCOPE_TEST_DATA "/kineto"));
        for (const QString& name : kineto.entryList(QDir::Files))
            if (name.endsWith(".json") || name.endsWith(".json.gz"))
                QTest::newRow(qPrintable(name)) << kineto.filePath(name) << 2u;
        QTest::newRow("ascend level1 rank0 trace_view.json")
            << QStringLiteral(LANESCOPE_TEST_DATA
                              "/ascend/text/level1/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/"
                              "trace_view.json")
            << 2u;
        QTest::newRow("ascend level2 job of two ranks")
            << QStringLiteral(LANESCOPE_TEST_DATA "/ascend/text/level2") << 4u;
        QTest::newRow("ascend DB job of two ranks")
            << QStringLiteral(LANESCOPE_TEST_DATA "/ascend/db/level1") << 0u;
    }

    void realTracesLoadAlike() {
        QFETCH(QString, path);
        QFETCH(unsigned, aheadFrom);
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        expectSameOnAnyThreadCount(path, false, aheadFrom);
    }

    // Files read into builders of their own and merged in order (how the ranks of a job are
    // read side by side) give the trace one builder reading them one after another gives:
    // the later files' strings, lanes, flows, async ids, databases' rows and diagnostics
    // (examples capped across files) all moved and renumbered. Text and DB files alternate.
    void buildersMergedInOrderEqualOneReadingAll() {
        QTemporaryDir dir;
        const std::string awkward =
            test::writeFile(dir, "awkward.json", awkwardTrace(3000, "\n")).toStdString();
        const std::string db = LANESCOPE_TEST_DATA "/ascend/db/level1/rank";
        const std::vector<std::string> paths = {
            awkward,
            LANESCOPE_TEST_DATA "/kineto/kineto__docs_traces__before_fix_trace.json",
            db + "0_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db",
            LANESCOPE_TEST_DATA
            "/ascend/text/level1/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json",
            db + "1_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_1.db",
            awkward};

        TraceBuilder one;
        std::vector<FileRead> oneReads;
        for (const std::string& path : paths)
            oneReads.push_back(readInto(one, path));
        const std::string reference = finishedFingerprint(one, oneReads, {});

        TraceBuilder merged;
        std::vector<FileRead> reads;
        std::vector<TraceBuilder::Absorbed> moves;
        for (const std::string& path : paths) {
            TraceBuilder own;
            reads.push_back(readInto(own, path));
            moves.push_back(merged.absorb(std::move(own)));
        }
        QCOMPARE(moves.back().firstFile, 5u);
        QVERIFY(moves.back().strings.size() > 1);
        const std::string fingerprint = finishedFingerprint(merged, reads, moves);
        QVERIFY2(fingerprint == reference, firstDifference(reference, fingerprint).constData());
        // The files really gave the merge something to renumber.
        QVERIFY(reference.find("flow ") != std::string::npos);
        QVERIFY(reference.find("ascend_pytorch_profiler_1.db") != std::string::npos);
        QVERIFY(reference.find(" request ") != std::string::npos); // async slices
        QVERIFY(reference.find("example bad_duration") != std::string::npos);
    }

    void awkwardEventsLoadAlike_data() {
        QTest::addColumn<QByteArray>("separator");
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<QByteArray>("tail");
        QTest::newRow("compact") << QByteArray("") << false << QByteArray();
        QTest::newRow("pretty") << QByteArray("\n  ") << false << QByteArray();
        QTest::newRow("gzip") << QByteArray("\n") << true << QByteArray();
        QTest::newRow("trailing garbage") << QByteArray(" ") << false << QByteArray("xyz");
        QTest::newRow("cut inside an event") << QByteArray("\n") << false << QByteArray("cut");
    }

    void awkwardEventsLoadAlike() {
        QFETCH(QByteArray, separator);
        QFETCH(bool, gzip);
        QFETCH(QByteArray, tail);
        QByteArray text = awkwardTrace(3000, separator);
        if (tail == "cut")
            text.chop(text.size() - text.lastIndexOf("\"ph\":\"X\"") - 4);
        else
            text += tail;
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, gzip ? "t.json.gz" : "t.json",
                                             gzip ? test::gzipBytes(text) : text);
        expectSameOnAnyThreadCount(path, true);
    }

    // Enough slices that the threads' tracks are laid out in parallel too (TraceBuilder::finish),
    // each reporting its own overlaps and unmatched ends.
    void largeTraceLoadsAlike() {
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "t.json", awkwardTrace(60000, "\n"));
        const Loaded reference = load(path, 1, 0);
        QVERIFY(reference.events > 50000); // well past TraceBuilder's 20 000 slices for a thread
        for (const unsigned threads : {2u, 4u}) {
            const Loaded parallel = load(path, threads, 0);
            QVERIFY2(parallel.fingerprint == reference.fingerprint,
                     firstDifference(reference.fingerprint, parallel.fingerprint).constData());
            QVERIFY(parallel.parsedAhead * 2 > parallel.events);
        }
    }

    // The detectors run side by side; what they find, and its order, does not depend on it.
    void detectorsFindTheSameOnAnyThreadCount_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("ascend level1 job")
            << QStringLiteral(LANESCOPE_TEST_DATA "/ascend/text/level1");
        QTest::newRow("kineto resnet50") << QStringLiteral(
            LANESCOPE_TEST_DATA "/kineto/kineto__tbplugin_resnet50_num_workers_0__worker0."
                                "1623143089861.pt.trace.json.gz");
    }

    void detectorsFindTheSameOnAnyThreadCount() {
        QFETCH(QString, path);
        const Trace trace = formats::loadTrace(path.toStdString());
        const analysis::DeviceMap devices = analysis::mapDevices(trace);
        const auto describe = [&](unsigned threads) {
            std::string text;
            for (const analysis::Insight& insight :
                 analysis::detectInsights(trace, devices, {}, nullptr, threads)) {
                text += insight.id + ' ' + std::to_string(int(insight.severity)) + ' ' +
                        std::to_string(insight.start) + ' ' + std::to_string(insight.end) + ' ' +
                        std::to_string(insight.timeAtStake) + ' ' + insight.title;
                for (const SliceRef ref : insight.events)
                    text += ' ' + std::to_string(ref.key());
                text += '\n';
            }
            return text;
        };
        const std::string one = describe(1);
        QVERIFY(!one.empty());
        QCOMPARE(describe(4), one);
        QCOMPARE(describe(2), one);
    }

    // A cancelled load stops its parsing threads instead of reading on to the end.
    void cancelStopsTheWorkers() {
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "t.json", awkwardTrace(20000, "\n"));
        std::atomic<bool> cancel{false};
        formats::LoadOptions options;
        options.threads = 4;
        options.parseBlockBytes = 4096;
        options.cancel = &cancel;
        std::uint64_t eventsWhenCancelled = 0;
        options.progress = [&](const formats::LoadProgress& p) {
            if (p.events > 1000 && !cancel) {
                eventsWhenCancelled = p.events;
                cancel = true;
            }
        };
        QVERIFY_THROWS_EXCEPTION(formats::LoadCancelled,
                                 formats::loadTrace(path.toStdString(), options));
        QVERIFY(eventsWhenCancelled > 1000);
    }
};

QTEST_GUILESS_MAIN(TestParallelLoad)
#include "tst_parallel_load.moc"
