// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/load_error.h"
#include "formats/trace_loader.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <map>
#include <nlohmann/json.hpp>

using namespace lanescope;
using lanescope::test::findThread;
using lanescope::test::loadText;
using lanescope::test::sliceName;
using lanescope::test::trackOf;

namespace {

QByteArray x(const char* name, const char* ts, const char* dur, int tid = 1,
             const char* extra = "") {
    return QByteArray("{\"ph\":\"X\",\"name\":\"") + name +
           "\",\"pid\":1,\"tid\":" + QByteArray::number(tid) + ",\"ts\":" + ts + ",\"dur\":" + dur +
           extra + "}";
}

QByteArray be(char ph, const char* name, const char* ts, int tid = 1) {
    return QByteArray("{\"ph\":\"") + ph + "\",\"name\":\"" + name +
           "\",\"pid\":1,\"tid\":" + QByteArray::number(tid) + ",\"ts\":" + ts + "}";
}

QByteArray array(const QList<QByteArray>& events) {
    return "[" + events.join(",") + "]";
}

std::uint64_t phaseCount(const Trace& trace, const std::string& phase) {
    auto it = trace.eventsByPhase.find(phase);
    return it == trace.eventsByPhase.end() ? 0 : it->second;
}

} // namespace

class TestChromeReader : public QObject {
    Q_OBJECT

private slots:
    // What an input without events is, said as what it is (issue 14, messages).
    void inputsWithoutEventsAreNamed_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty array") << QByteArray("[]") << "the event array is empty";
        QTest::newRow("blank array") << QByteArray("[ \n\t ]") << "the event array is empty";
        QTest::newRow("empty events") << QByteArray("[{},{}]") << "no readable trace events";
        QTest::newRow("no traceEvents")
            << QByteArray("{\"other\":1}") << "no trace events (no \"traceEvents\" array)";
        QByteArray utf16("\xff\xfe");
        for (char c : QByteArray("{\"traceEvents\":[]}"))
            utf16.append(c).append('\0');
        QTest::newRow("UTF-16") << utf16 << "is UTF-16 text; save it as UTF-8 (or gzip)";
    }

    void inputsWithoutEventsAreNamed() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        try {
            loadText(bytes);
            QFAIL("loaded");
        } catch (const formats::LoadError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
            QVERIFY2(QString::fromStdString(e.what()).contains("trace.json"), e.what());
        }
    }

    // Metadata alone is a trace; an M event needs no ts, so a null one is not a problem.
    void metadataOnlyTrace() {
        const Trace trace = loadText(
            R"([{"ph":"M","pid":100,"name":"process_name","args":{"name":"P"},"ts":null}])");
        QCOMPARE(trace.processes.size(), std::size_t(1));
        QCOMPARE(std::string(trace.str(trace.processes[0].name)), std::string("P"));
        QVERIFY(trace.diagnostics.empty());
    }

    void arrayAndObjectFormsAgree() {
        const QList<QByteArray> events = {x("a", "1", "2"), x("b", "4", "1")};
        const Trace fromArray = loadText(array(events));
        const Trace fromObject =
            loadText("{\"displayTimeUnit\":\"ns\",\"traceEvents\":" + array(events) +
                     ",\"traceName\":\"after the array\",\"distributedInfo\":{\"rank\":3}}");
        QCOMPARE(fromArray.sliceCount(), 2u);
        QCOMPARE(fromObject.sliceCount(), 2u);
        QCOMPARE(fromObject.metadata.displayTimeUnit, std::string("ns"));
        QCOMPARE(fromObject.metadata.traceName, std::string("after the array"));
        QCOMPARE(fromObject.metadata.rank.value_or(-1), 3);
        QCOMPARE(fromArray.spanStart, TimeNs{1000});
        QCOMPARE(fromArray.spanEnd, TimeNs{5000});
    }

    void missingFinalBracketIsAccepted() {
        const Trace trace = loadText("[" + x("a", "1", "2") + ",\n" + x("b", "3", "1") + ",\n");
        QCOMPARE(trace.sliceCount(), 2u);
        QCOMPARE(trace.diagnostics.get(diag::kMissingArrayEnd), 1u);
        QCOMPARE(trace.diagnostics.get(diag::kTruncatedInput), 0u);
    }

    void trailingCommasAndEmptyObjects() {
        const Trace trace = loadText("[{}, " + x("a", "1", "2") + ",, { } ,]");
        QCOMPARE(trace.sliceCount(), 1u);
        QCOMPARE(phaseCount(trace, "X"), 1u);
        QCOMPARE(trace.eventsByPhase.size(), std::size_t{1});
        QVERIFY(trace.diagnostics.empty());
    }

    void gzipIsDetectedByContent() {
        QTemporaryDir dir;
        const QByteArray json = array({x("a", "1", "2"), x("b", "3", "1")});
        const QString path = test::writeFile(dir, "trace.json", test::gzipBytes(json));
        const Trace trace = formats::loadTrace(path.toStdString());
        QCOMPARE(trace.sliceCount(), 2u);
        QVERIFY(trace.files.front().gzip);
        QCOMPARE(trace.files.front().decompressedBytes, std::uint64_t(json.size()));
    }

    void stringNumbersAndTokens() {
        const Trace trace = loadText(
            R"([{"ph":"X","name":"a","pid":"12","tid":"worker","ts":"1.5","dur":"2"},
                {"ph":"X","name":"b","pid":12,"tid":140339968804608,"ts":1,"dur":1},
                {"ph":"X","name":"c","pid":12,"tid":0,"ts":1,"dur":1},
                {"ph":"X","name":"d","pid":12,"tid":1,"ts":1,"dur":1},
                {"ph":"X","name":"e","pid":-1,"tid":-1,"ts":1,"dur":1}])");
        QCOMPARE(trace.threads.size(), std::size_t{5});
        QCOMPARE(trace.processes.size(), std::size_t{2}); // "12" and 12 are the same process
        QVERIFY(findThread(trace, 12, 140339968804608));
        QVERIFY(findThread(trace, 12, 0));
        QVERIFY(findThread(trace, 12, 1));
        QVERIFY(findThread(trace, -1, -1));
        const Thread* worker = nullptr;
        for (const Thread& t : trace.threads)
            if (t.tid.isText && trace.str(t.tid.text) == "worker")
                worker = &t;
        QVERIFY(worker);
        QCOMPARE(trackOf(trace, worker).start(0), TimeNs{1500});
        QCOMPARE(trackOf(trace, worker).duration(0), TimeNs{2000});
    }

    void beginEndPairsOnAStack() {
        const Trace trace = loadText(array({be('B', "outer", "0"), be('B', "inner", "1"),
                                            be('E', "inner", "2"), be('E', "", "3")}));
        const SliceTrack& track = trackOf(trace, findThread(trace, 1, 1));
        QCOMPARE(track.size(), 2u);
        QCOMPARE(sliceName(trace, track, 0), std::string("outer"));
        QCOMPARE(track.duration(0), TimeNs{3000});
        QCOMPARE(track.row(0), std::uint16_t{0});
        QCOMPARE(track.duration(1), TimeNs{1000});
        QCOMPARE(track.row(1), std::uint16_t{1});
        std::uint64_t endOffset = 0;
        QVERIFY(track.endOffset(1, endOffset)); // E args are merged into B on demand
        QVERIFY(trace.diagnostics.empty());
    }

    void unmatchedEndAndUnfinishedBegin() {
        const Trace trace =
            loadText(array({be('E', "stray", "1"), be('B', "open", "2"), x("later", "5", "5", 2)}));
        QCOMPARE(trace.diagnostics.get(diag::kUnmatchedEnd), 1u);
        QCOMPARE(trace.diagnostics.get(diag::kUnfinishedSlice), 1u);
        const SliceTrack& track = trackOf(trace, findThread(trace, 1, 1));
        QCOMPARE(track.size(), 1u);
        QVERIFY(track.flags(0) & kSliceUnfinished);
        QCOMPARE(track.end(0), TimeNs{10000}); // closed at the end of the trace
    }

    void zeroLengthBeginEnd() {
        const Trace trace = loadText(array({be('B', "blip", "5"), be('E', "blip", "5")}));
        const SliceTrack& track = trackOf(trace, findThread(trace, 1, 1));
        QCOMPARE(track.size(), 1u);
        QCOMPARE(track.duration(0), TimeNs{0});
        QVERIFY(trace.diagnostics.empty());
    }

    // Equal timestamps: E first, then X longest first, then file order.
    void equalTimestampOrdering() {
        const Trace nested = loadText(array({x("child", "0", "5"), x("parent", "0", "10")}));
        const SliceTrack& track = trackOf(nested, findThread(nested, 1, 1));
        QCOMPARE(sliceName(nested, track, 0), std::string("parent"));
        QCOMPARE(track.row(0), std::uint16_t{0});
        QCOMPARE(track.row(1), std::uint16_t{1});
        QVERIFY(nested.diagnostics.empty());

        const Trace sequence = loadText(
            array({be('B', "a", "0"), be('B', "b", "10"), be('E', "", "10"), be('E', "", "20")}));
        const SliceTrack& seq = trackOf(sequence, findThread(sequence, 1, 1));
        QCOMPARE(seq.size(), 2u);
        QCOMPARE(seq.duration(0), TimeNs{10000});
        QCOMPARE(seq.duration(1), TimeNs{10000});
        QCOMPARE(seq.row(1), std::uint16_t{0});
    }

    void overlappingSlicesGoToSubRows() {
        const Trace trace = loadText(array({x("k1", "0", "10", 7), x("k2", "5", "10", 7),
                                            x("k3", "12", "1", 7), x("k4", "16", "2", 7)}));
        const SliceTrack& track = trackOf(trace, findThread(trace, 1, 7));
        QCOMPARE(track.size(), 4u);
        QCOMPARE(trace.diagnostics.get(diag::kOverlappingSlice), 1u);
        QVERIFY(track.row(1) != track.row(0));
        // The spilled slice says so in its flags (the details panel shows "overlap"); the
        // others, nested or alone, do not.
        QVERIFY(track.flags(1) & kSliceOverlap);
        for (std::uint32_t i : {0u, 2u, 3u})
            QVERIFY(!(track.flags(i) & kSliceOverlap));
        // Every row holds disjoint slices.
        for (std::uint16_t r = 0; r < track.rowCount(); ++r)
            for (std::uint32_t k = 1; k < track.sliceCountInRow(r); ++k)
                QVERIFY(track.start(track.sliceAtRowPosition(r, k)) >=
                        track.end(track.sliceAtRowPosition(r, k - 1)));
    }

    void instantScopes() {
        const Trace trace = loadText(R"([
            {"ph":"i","name":"global","s":"g","pid":1,"tid":1,"ts":1},
            {"ph":"i","name":"proc","s":"p","pid":1,"tid":1,"ts":2},
            {"ph":"i","name":"thread","s":"t","pid":1,"tid":1,"ts":3},
            {"ph":"I","name":"legacy","pid":1,"tid":1,"ts":4},
            {"ph":"R","name":"mark","pid":1,"tid":1,"ts":5}])");
        QCOMPARE(trace.globalInstants.size(), std::size_t{1});
        QCOMPARE(trace.processes.front().instants.size(), std::size_t{1});
        QCOMPARE(findThread(trace, 1, 1)->instants.size(), std::size_t{3});
        QCOMPARE(trace.instantCount(), 5u);
    }

    void countersWithSeveralSeries() {
        const Trace trace = loadText(R"([
            {"ph":"C","name":"mem","pid":1,"ts":1,"args":{"used":10,"free":"90.5"}},
            {"ph":"C","name":"mem","pid":1,"ts":2,"args":{"used":20}},
            {"ph":"C","name":"mem","id":5,"pid":1,"ts":3,"args":{"used":1}},
            {"ph":"C","name":"bad","pid":1,"ts":4,"args":{"x":"high"}}])");
        QCOMPARE(trace.counterSampleCount(), 4u);
        QCOMPARE(trace.diagnostics.get(diag::kCounterBadValue), 1u);
        const CounterTrack* mem = nullptr;
        const CounterTrack* memWithId = nullptr;
        for (const CounterTrack& c : trace.counters) {
            if (trace.str(c.name) == "mem")
                mem = &c;
            if (trace.str(c.name) == "mem[5]")
                memWithId = &c;
        }
        QVERIFY(mem && memWithId);
        QCOMPARE(mem->series.size(), std::size_t{2});
        QCOMPARE(mem->series[0].values, (std::vector<double>{10, 20}));
        QCOMPARE(mem->series[1].values, (std::vector<double>{90.5}));
    }

    void nestableAsync() {
        const Trace trace = loadText(R"([
            {"ph":"b","cat":"net","name":"request","id":"0x10","pid":1,"tid":1,"ts":0},
            {"ph":"b","cat":"net","name":"dns","id":"0x10","pid":1,"tid":2,"ts":1},
            {"ph":"n","cat":"net","name":"progress","id":"0x10","pid":1,"tid":1,"ts":2},
            {"ph":"e","cat":"net","name":"dns","id":"0x10","pid":1,"tid":2,"ts":3},
            {"ph":"e","cat":"net","name":"request","id":"0x10","pid":1,"tid":1,"ts":9},
            {"ph":"b","cat":"net","name":"request","id2":{"local":"0x10"},"pid":1,"tid":1,"ts":4},
            {"ph":"e","cat":"net","name":"nomatch","id":"0x99","pid":1,"tid":1,"ts":5},
            {"ph":"b","cat":"net","name":"never","id":7,"pid":1,"tid":1,"ts":6}])");
        QCOMPARE(trace.asyncTracks.size(), std::size_t{2});
        std::uint64_t asyncSlices = 0;
        for (const AsyncTrack& a : trace.asyncTracks)
            asyncSlices += trace.sliceTracks[a.sliceTrack].size();
        QCOMPARE(asyncSlices, 4u); // request, dns, local request (unfinished), never
        QCOMPARE(trace.diagnostics.get(diag::kUnmatchedAsyncEnd), 1u);
        QCOMPARE(trace.diagnostics.get(diag::kUnfinishedAsync), 2u);
        QCOMPARE(trace.processes.front().instants.size(), std::size_t{1});
    }

    // `b A`, `b B`, `e B`, `e A` of one id with equal begin and equal end times: B is A's child
    // (a `b` while another of its id is open nests in it), not its parent.
    void asyncNestingWithEqualTimestamps() {
        const Trace trace = loadText(R"([
            {"ph":"b","cat":"c","name":"A","id":1,"pid":1,"tid":1,"ts":1},
            {"ph":"b","cat":"c","name":"B","id":1,"pid":1,"tid":1,"ts":1},
            {"ph":"e","cat":"c","name":"B","id":1,"pid":1,"tid":1,"ts":5},
            {"ph":"e","cat":"c","name":"A","id":1,"pid":1,"tid":1,"ts":5}])");
        QCOMPARE(trace.asyncTracks.size(), std::size_t{1});
        const SliceTrack& track = trace.sliceTracks[trace.asyncTracks.front().sliceTrack];
        QCOMPARE(track.size(), 2u);
        for (std::uint32_t i = 0; i < 2; ++i) {
            const std::string name(trace.str(track.name(i)));
            QCOMPARE(int(track.row(i)), name == "A" ? 0 : 1);
        }
        QVERIFY(trace.diagnostics.empty());
    }

    // One bad "dur" is one problem (the reader counted it, then the builder counted it again).
    void badDurationIsCountedOnce() {
        const Trace trace = loadText(array({x("bad", "1", "\"abc\""), x("missing", "1", "1"),
                                            "{\"ph\":\"X\",\"name\":\"none\",\"pid\":1,"
                                            "\"tid\":1,\"ts\":3}"}));
        QCOMPARE(trace.sliceCount(), std::uint64_t(3));
        QCOMPARE(trace.diagnostics.get(diag::kBadDuration), std::uint64_t(2)); // bad + none
    }

    void legacyAsync() {
        const Trace trace = loadText(R"([
            {"ph":"S","cat":"c","name":"load","id":1,"pid":1,"tid":1,"ts":0},
            {"ph":"T","cat":"c","name":"load","id":1,"pid":1,"tid":1,"ts":1,"args":{"step":"a"}},
            {"ph":"p","cat":"c","name":"load","id":1,"pid":1,"tid":1,"ts":2},
            {"ph":"F","cat":"c","name":"load","id":1,"pid":1,"tid":1,"ts":3}])");
        QCOMPARE(trace.asyncTracks.size(), std::size_t{1});
        const SliceTrack& track = trace.sliceTracks[trace.asyncTracks.front().sliceTrack];
        QCOMPARE(track.size(), 1u);
        QCOMPARE(track.duration(0), TimeNs{3000});
        QVERIFY(trace.diagnostics.empty());
    }

    void flowsBindToEnclosingAndNextSlices() {
        const Trace trace = loadText(R"([
            {"ph":"X","cat":"cpu_op","name":"aten::add","pid":1,"tid":1,"ts":0,"dur":10},
            {"ph":"X","cat":"cuda_runtime","name":"cudaLaunchKernel","pid":1,"tid":1,"ts":2,"dur":3},
            {"ph":"s","cat":"ac2g","name":"ac2g","id":42,"pid":1,"tid":1,"ts":2},
            {"ph":"X","cat":"kernel","name":"prev","pid":0,"tid":7,"ts":10,"dur":10},
            {"ph":"X","cat":"kernel","name":"add_kernel","pid":0,"tid":7,"ts":20,"dur":4},
            {"ph":"f","cat":"ac2g","name":"ac2g","id":42,"pid":0,"tid":7,"ts":20,"bp":"e"},
            {"ph":"s","cat":"x","name":"n","id":1,"pid":1,"tid":1,"ts":1},
            {"ph":"f","cat":"x","name":"n","id":1,"pid":0,"tid":7,"ts":15}])");
        QCOMPARE(trace.flows.size(), std::size_t{2});
        for (const Flow& flow : trace.flows) {
            QVERIFY(flow.bound());
            if (trace.str(flow.category) == "ac2g") {
                QCOMPARE(test::nameOf(trace, flow.from), std::string("cudaLaunchKernel"));
                QCOMPARE(test::nameOf(trace, flow.to), std::string("add_kernel"));
            } else {
                QCOMPARE(test::nameOf(trace, flow.from), std::string("aten::add"));
                QCOMPARE(test::nameOf(trace, flow.to), std::string("add_kernel")); // next
            }
        }
        QCOMPARE(findThread(trace, 0, 7)->kind, TrackKind::Device);
        QCOMPARE(findThread(trace, 1, 1)->kind, TrackKind::Host);
    }

    void oneStartTwoEndsAndExactBigIds() {
        const Trace trace = loadText(R"([
            {"ph":"X","name":"h2d","pid":1,"tid":1,"ts":0,"dur":5},
            {"ph":"X","name":"task1","pid":2,"tid":1,"ts":10,"dur":5},
            {"ph":"X","name":"task2","pid":2,"tid":2,"ts":12,"dur":5},
            {"ph":"s","cat":"HostToDevice","name":"HostToDevice","id":"ab12","pid":1,"tid":1,"ts":1},
            {"ph":"f","cat":"HostToDevice","name":"HostToDevice","id":"ab12","pid":2,"tid":1,"ts":10,"bp":"e"},
            {"ph":"f","cat":"HostToDevice","name":"HostToDevice","id":"ab12","pid":2,"tid":2,"ts":12,"bp":"e"},
            {"ph":"s","cat":"async_npu","name":"npu","id":9007199254740993,"pid":1,"tid":1,"ts":2},
            {"ph":"f","cat":"async_npu","name":"npu","id":9007199254740992,"pid":2,"tid":1,"ts":11,"bp":"e"},
            {"ph":"s","cat":"async_npu","name":"npu","id":18446744073709551615,"pid":1,"tid":1,"ts":3},
            {"ph":"f","cat":"async_npu","name":"npu","id":18446744073709551615,"pid":2,"tid":2,"ts":13,"bp":"e"}])");
        std::size_t h2d = 0, npu = 0;
        for (const Flow& flow : trace.flows) {
            QVERIFY(flow.bound());
            if (trace.str(flow.category) == "HostToDevice")
                ++h2d;
            else {
                ++npu;
                QCOMPARE(flow.id.value, std::uint64_t{18446744073709551615u});
            }
        }
        QCOMPARE(h2d, std::size_t{2});
        QCOMPARE(npu, std::size_t{1}); // 2^53+1 and 2^53 stay different ids
        QCOMPARE(trace.diagnostics.get(diag::kFlowStartWithoutEnd), 1u);
        QCOMPARE(trace.diagnostics.get(diag::kFlowEndWithoutStart), 1u);
    }

    void unboundFlowEndsKeepWhereTheyWereWritten() {
        const Trace trace = loadText(
            array({x("kernel", "10", "5", 7),
                   R"({"ph":"s","cat":"c","name":"n","id":5,"pid":1,"tid":3,"ts":2})",
                   R"({"ph":"f","cat":"c","name":"n","id":5,"pid":1,"tid":7,"ts":10,"bp":"e"})"}));
        QCOMPARE(trace.flows.size(), std::size_t{1});
        QVERIFY(!trace.flows.front().from.valid());
        QVERIFY(trace.flows.front().to.valid());
        QCOMPARE(trace.unboundFlowEnds.size(), std::size_t{1});
        const UnboundFlowEnd& end = trace.unboundFlowEnds.front();
        QVERIFY(!end.isTarget);
        QCOMPARE(end.time, TimeNs{2000});
        QCOMPARE(trace.threads[end.thread].tid.number, std::int64_t{3});
        QCOMPARE(trace.diagnostics.get(diag::kFlowUnbound), 1u);
    }

    void flowV2BindIds() {
        const Trace trace = loadText(R"([
            {"ph":"X","name":"producer","pid":1,"tid":1,"ts":0,"dur":5,"bind_id":"0x1","flow_out":true},
            {"ph":"X","name":"consumer","pid":1,"tid":2,"ts":10,"dur":5,"bind_id":"0x1","flow_in":true},
            {"ph":"X","name":"consumer2","pid":1,"tid":3,"ts":11,"dur":5,"bind_id":"0x1","flow_in":true}])");
        QCOMPARE(trace.flows.size(), std::size_t{2});
        for (const Flow& flow : trace.flows) {
            QVERIFY(flow.bound());
            QCOMPARE(test::nameOf(trace, flow.from), std::string("producer"));
        }
    }

    void metadataNamesAndSortIndexes() {
        const Trace trace = loadText(R"([
            {"ph":"M","name":"process_name","pid":1,"args":{"name":"first by pid"}},
            {"ph":"M","name":"process_name","pid":2,"args":{"name":"GPU"}},
            {"ph":"M","name":"process_sort_index","pid":2,"args":{"sort_index":-5}},
            {"ph":"M","name":"process_labels","pid":2,"args":{"labels":"GPU 0,A100"}},
            {"ph":"M","name":"thread_name","pid":1,"tid":9,"args":{"name":"late"}},
            {"ph":"M","name":"thread_sort_index","pid":1,"tid":9,"args":{"sort_index":100}},
            {"ph":"M","name":"thread_name","pid":1,"tid":8,"args":{"name":"early"}},
            {"ph":"M","name":"thread_sort_index","pid":1,"tid":8,"args":{"sort_index":1}},
            {"ph":"M","name":"num_cpus","pid":1,"args":{"number":8}},
            {"ph":"X","name":"a","pid":1,"tid":9,"ts":0,"dur":1}])");
        QCOMPARE(trace.str(trace.processes[0].name), std::string_view("GPU"));
        QCOMPARE(trace.processes[0].labels.size(), std::size_t{2});
        const Process& host = trace.processes[1];
        QCOMPARE(trace.str(trace.threads[host.threads[0]].name), std::string_view("early"));
        QCOMPARE(trace.str(trace.threads[host.threads[1]].name), std::string_view("late"));
        QCOMPARE(trace.diagnostics.get(diag::kUnknownMetadata), 1u);
        QCOMPARE(phaseCount(trace, "M"), 9u);
    }

    // A thread without thread_sort_index sorts as index 0 (then by name, then by tid): between
    // a negative and a positive index, not at its tid.
    void threadsWithoutSortIndexSortAsZero() {
        const Trace trace = loadText(R"([
            {"ph":"M","name":"thread_sort_index","pid":1,"tid":3,"args":{"sort_index":5}},
            {"ph":"M","name":"thread_sort_index","pid":1,"tid":4,"args":{"sort_index":-1}},
            {"ph":"X","name":"a","pid":1,"tid":3,"ts":0,"dur":1},
            {"ph":"X","name":"b","pid":1,"tid":4,"ts":0,"dur":1},
            {"ph":"X","name":"c","pid":1,"tid":900,"ts":0,"dur":1},
            {"ph":"X","name":"d","pid":1,"tid":2,"ts":0,"dur":1}])");
        std::vector<std::int64_t> tids;
        for (std::uint32_t t : trace.processes[0].threads)
            tids.push_back(trace.threads[t].tid.number);
        QCOMPARE(tids, (std::vector<std::int64_t>{4, 2, 900, 3}));
    }

    // A pid or tid of true, null or an array used to merge into one lane with every event
    // without a pid; each is a lane of its own now, and reported.
    void pidsThatAreNotIdsKeepTheirLanes() {
        const Trace trace = loadText(R"([
            {"ph":"X","name":"a","pid":true,"tid":1,"ts":1,"dur":1},
            {"ph":"X","name":"b","pid":null,"tid":1,"ts":1,"dur":1},
            {"ph":"X","name":"c","pid":[1],"tid":1,"ts":1,"dur":1},
            {"ph":"X","name":"d","tid":1,"ts":1,"dur":1},
            {"ph":"X","name":"e","pid":1,"tid":false,"ts":1,"dur":1}])");
        QCOMPARE(trace.processes.size(), std::size_t{5});
        QCOMPARE(trace.threads.size(), std::size_t{5});
        QCOMPARE(trace.diagnostics.get(diag::kBadLaneId), 4u);
        QCOMPARE(trace.diagnostics.examples().front().message,
                 std::string("\"pid\" is true, not a number or a string; kept on a lane of its "
                             "own"));
        QCOMPARE(trace.diagnostics.examples().front().offset, std::uint64_t{14}); // its {
    }

    // One tolerance beyond strict JSON, in one place (text_repair.h): a comma before '}' or ']'
    // anywhere in an event, and control characters or broken UTF-8 in strings. The fast
    // parser (plain names) hands everything that is not strict JSON to the reference parser (a
    // name with an escape always goes there), so both load the same events with the same
    // diagnostics and args, and what loaded can be shown in the details.
    void malformedEventsLoadAlikeOnBothPaths_data() {
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<bool>("loads");
        QTest::newRow("args trailing comma") << QByteArray(R"("args":{"k":1,})") << true;
        QTest::newRow("nested trailing commas")
            << QByteArray(R"("args":{"k":[1,2,],"m":{"x":1,}})") << true;
        QTest::newRow("event trailing comma") << QByteArray(R"("cat":"c",)") << true;
        QTest::newRow("ignored field trailing comma")
            << QByteArray(R"("stack":[1, 2 ,  ])") << true;
        QTest::newRow("comma alone") << QByteArray(R"("args":{,})") << true;
        QTest::newRow("tab in a nested string")
            << QByteArray("\"args\":{\"m\":[\"a\tb\"]}") << true;
        QTest::newRow("broken UTF-8 in an arg") << QByteArray("\"args\":{\"s\":\"a\xff\"}") << true;
        QTest::newRow("double comma") << QByteArray(R"("args":{"k":1,,"j":2})") << false;
        QTest::newRow("missing colon") << QByteArray(R"("args":{"k" 1})") << false;
        QTest::newRow("nested missing colon") << QByteArray(R"("args":{"m":{"x" 1}})") << false;
        QTest::newRow("missing comma") << QByteArray(R"("args":{"a":1 "b":2})") << false;
        QTest::newRow("leading zero in an arg") << QByteArray(R"("args":{"n":01})") << false;
        QTest::newRow("leading zero in a field") << QByteArray(R"("foo":01)") << false;
        QTest::newRow("bare minus") << QByteArray(R"("args":{"n":[-]})") << false;
        QTest::newRow("bad escape") << QByteArray(R"("args":{"m":["a\q"]})") << false;
        QTest::newRow("lone surrogate") << QByteArray(R"("args":{"s":"\ud800"})") << false;
        QTest::newRow("bad literal") << QByteArray(R"("args":{"m":[tru]})") << false;
    }

    void malformedEventsLoadAlikeOnBothPaths() {
        QFETCH(QByteArray, tail);
        QFETCH(bool, loads);
        QTemporaryDir dir;
        struct Outcome {
            std::size_t slices = 0;
            std::map<std::string, std::uint64_t> diagnostics;
            std::string args;
            QString error;
        };
        std::vector<Outcome> outcomes;
        for (const QByteArray& name : {QByteArray("plain"), QByteArray("with \\\"escape\\\"")}) {
            // Plain literals: moc miscounts braces inside raw strings that do not balance.
            const QByteArray text = "[{\"ph\":\"X\",\"name\":\"" + name +
                                    "\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":1," + tail + "}]";
            const QString path = lanescope::test::writeFile(dir, name.left(5) + ".json", text);
            Outcome outcome;
            try {
                const Trace trace = formats::loadTrace(path.toStdString());
                outcome.slices = trace.sliceCount();
                outcome.diagnostics = trace.diagnostics.counts();
                const SliceArgs args = trace.sliceArgs({0, 0});
                QVERIFY2(args.error.empty(), args.error.c_str());
                outcome.args = args.argsJson;
            } catch (const formats::LoadError& error) {
                outcome.error = QString::fromUtf8(error.what()).section(": ", 1); // no path
                QVERIFY2(outcome.error.contains("first problem: malformed event"),
                         qPrintable(outcome.error));
            }
            QCOMPARE(outcome.error.isEmpty(), loads);
            outcomes.push_back(outcome);
        }
        QCOMPARE(outcomes[0].slices, outcomes[1].slices);
        QVERIFY(outcomes[0].diagnostics == outcomes[1].diagnostics);
        QCOMPARE(outcomes[0].args, outcomes[1].args);
        // The same problem (its offset differs by the names' lengths).
        QCOMPARE(outcomes[0].error.section(": ", 1), outcomes[1].error.section(": ", 1));
    }

    void otherPhasesAreKeptAndCounted() {
        const Trace trace = loadText(R"json([
            {"ph":"N","name":"obj","id":1,"pid":1,"ts":1},
            {"ph":"O","name":"obj","id":1,"pid":1,"ts":2,"args":{"snapshot":{}}},
            {"ph":"D","name":"obj","id":1,"pid":1,"ts":3},
            {"ph":"P","name":"sample","pid":1,"tid":1,"ts":4},
            {"ph":"c","name":"sync","pid":1,"ts":5},
            {"ph":"(","name":"ctx","id":1,"pid":1,"ts":6},
            {"ph":")","name":"ctx","id":1,"pid":1,"ts":7},
            {"ph":"v","name":"dump","id":1,"pid":1,"ts":8},
            {"ph":"Z","name":"mystery","pid":1,"ts":9},
            {"name":"no phase","pid":1,"ts":10},
            {"ph":"X","name":"no ts","pid":1,"tid":1,"dur":1},
            {"ph":"X","name":"ok","pid":1,"tid":1,"ts":1,"dur":1}])json");
        QCOMPARE(trace.otherEvents.size(), std::size_t{9});
        QCOMPARE(trace.diagnostics.get(diag::kOtherPhase), 8u);
        QCOMPARE(trace.diagnostics.get(diag::kUnknownPhase), 1u);
        QCOMPARE(trace.diagnostics.get(diag::kMissingPhase), 1u);
        QCOMPARE(trace.diagnostics.get(diag::kMissingTimestamp), 1u);
        QCOMPARE(phaseCount(trace, "?"), 1u);
        QCOMPARE(phaseCount(trace, "X"), 2u);
        QCOMPARE(trace.sliceCount(), 1u);
    }

    void kinetoCorrelationLinksWithoutFlows() {
        const Trace trace = loadText(
            QByteArray("{\"schemaVersion\":1,\"traceEvents\":") + R"([
            {"ph":"X","cat":"cuda_runtime","name":"cudaLaunchKernel","pid":5,"tid":5,"ts":1,"dur":2,"args":{"correlation":77}},
            {"ph":"X","cat":"kernel","name":"k","pid":0,"tid":7,"ts":5,"dur":2,"args":{"correlation":77,"stream":7}},
            )" +
            QByteArray("{\"ph\":\"X\",\"cat\":\"user_annotation\",\"name\":\"ProfilerStep\x23"
                       "3\",") +
            R"("pid":5,"tid":5,"ts":0,"dur":10}]})");
        QCOMPARE(trace.format, std::string("kineto"));
        QCOMPARE(trace.flows.size(), std::size_t{1});
        QCOMPARE(trace.flows.front().origin, FlowOrigin::Correlation);
        QCOMPARE(test::nameOf(trace, trace.flows.front().to), std::string("k"));
        QCOMPARE(trace.steps.size(), std::size_t{1});
        QCOMPARE(trace.steps.front().number, std::int64_t{3});
    }

    // The fast parser once handed an event without "args" the previous event's: this kernel
    // took the launch's correlation and was linked to it.
    void anEventWithoutArgsHasNone() {
        const Trace trace = loadText(QByteArray("{\"schemaVersion\":1,\"traceEvents\":") + R"([
            {"ph":"X","cat":"cuda_runtime","name":"cudaLaunchKernel","pid":5,"tid":5,"ts":1,"dur":2,"args":{"correlation":77}},
            {"ph":"X","cat":"kernel","name":"k","pid":0,"tid":7,"ts":5,"dur":2}]})");
        QCOMPARE(trace.sliceCount(), 2u);
        QVERIFY(trace.flows.empty());
    }

    // Cancelled once every byte is read: the build stops at its next step instead of running
    // for seconds on a trace no one will see.
    void aCancelWhileBuildingStopsTheBuild() {
        QTemporaryDir dir;
        QByteArray json = "[";
        for (int i = 0; i < 50000; ++i)
            json += QByteArray(i ? "," : "") +
                    "{\"ph\":\"X\",\"name\":\"a\",\"pid\":1,\"tid\":" + QByteArray::number(i % 4) +
                    ",\"ts\":" + QByteArray::number(i) + ",\"dur\":1}";
        json += "]";
        const QString path = test::writeFile(dir, "t.json", json);
        std::atomic<bool> cancel{false};
        formats::LoadOptions options;
        options.cancel = &cancel;
        bool sawBuilding = false;
        options.progress = [&](const formats::LoadProgress& p) {
            if (p.building) {
                sawBuilding = true;
                cancel = true;
            }
        };
        QVERIFY_THROWS_EXCEPTION(formats::LoadCancelled,
                                 formats::loadTrace(path.toStdString(), options));
        QVERIFY(sawBuilding);
    }

    void progressAndCancel() {
        QByteArray json = "[";
        for (int i = 0; i < 60000; ++i)
            json += x("some_fairly_long_operator_name_to_make_the_file_big",
                      QByteArray::number(i).constData(), "1", 1,
                      ",\"args\":{\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}") +
                    ",";
        json += "]";
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "big.json", json).toStdString();
        formats::LoadOptions options;
        std::vector<formats::LoadProgress> seen;
        options.progress = [&](const formats::LoadProgress& p) { seen.push_back(p); };
        const Trace trace = formats::loadTrace(path, options);
        QCOMPARE(trace.sliceCount(), 60000u);
        QVERIFY(seen.size() >= 2);
        QCOMPARE(seen.back().bytesDone, std::uint64_t(json.size()));
        QCOMPARE(seen.back().bytesTotal, std::uint64_t(json.size()));

        std::atomic<bool> cancel{false};
        options.cancel = &cancel;
        options.progress = [&](const formats::LoadProgress&) { cancel = true; };
        QVERIFY_THROWS_EXCEPTION(formats::LoadCancelled, formats::loadTrace(path, options));
    }
};

QTEST_APPLESS_MAIN(TestChromeReader)
#include "tst_chrome_reader.moc"
