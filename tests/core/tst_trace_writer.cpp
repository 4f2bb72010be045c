// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The model's writer API (model/trace_builder.h) used directly, as a reader of any format does:
// a small trace in the model's terms with exact answers, no JSON involved.

#include "model/trace_builder.h"

#include <QtTest>

using namespace lanescope;

class TestTraceWriter : public QObject {
    Q_OBJECT

private slots:
    // A host thread with a begin/end step around a launch, a device stream whose kernel the
    // launch caused (joined by a key and by a flow), an async request and a counter.
    void aTraceWrittenInTheModelsTerms() {
        TraceBuilder b;
        b.beginFile({"written", 0, 0, false, std::nullopt});
        StringPool& s = b.strings();
        const std::uint32_t python = b.process(IdToken::fromNumber(1));
        b.setProcessName(python, s.intern("python"));
        const std::uint32_t host = b.thread(IdToken::fromNumber(1), IdToken::fromNumber(1));
        b.setThreadName(host, s.intern("main"));
        const std::uint32_t gpu = b.process(IdToken::fromNumber(2));
        b.setProcessSortIndex(gpu, -1); // above the host process
        const std::uint32_t stream =
            b.thread(IdToken::fromNumber(2), IdToken::fromText(s.intern("stream 7")));
        QCOMPARE(b.thread(IdToken::fromNumber(1), IdToken::fromNumber(1)), host);

        b.addSlice(host, PendingSlice::Kind::Begin, 100, 0, s.intern("step"), s.intern("user"), 1);
        const std::uint32_t launch = b.addSlice(host, PendingSlice::Kind::Complete, 110, 20,
                                                s.intern("launch"), s.intern("runtime"), 2);
        b.addSlice(host, PendingSlice::Kind::End, 200, 0, 0, 0, 3);
        const std::uint32_t kernel = b.addSlice(stream, PendingSlice::Kind::Complete, 150, 30,
                                                s.intern("gemm"), s.intern("kernel"), 4);
        b.addJoinKey(host, launch, JoinKey::Correlation, 42);
        b.addJoinKey(stream, kernel, JoinKey::Correlation, 42);

        TraceBuilder::FlowEvent flow;
        flow.id = EventId{7, false, false};
        flow.category = s.intern("ac2g");
        flow.ts = 115; // inside the launch
        b.addFlow(host, flow);
        flow.step = FlowStep::End;
        flow.ts = 140; // before the kernel: binds to the next slice
        flow.bindEnclosing = false;
        b.addFlow(stream, flow);

        TraceBuilder::AsyncEvent request;
        request.id = EventId{9, false, false};
        request.name = s.intern("request");
        request.ts = 105;
        b.addAsync(python, request);
        request.edge = AsyncEdge::End;
        request.ts = 190;
        b.addAsync(python, request);

        const std::uint32_t memory = b.counter(python, s.intern("memory"), 0);
        b.addCounterValue(memory, s.intern("used"), 120, 1.5);
        b.addCounterValue(memory, s.intern("used"), 100, 0.5);
        QCOMPARE(b.counter(python, s.intern("memory"), 0), memory);

        TraceBuilder::Result result = b.finish();
        const Trace& t = result.trace;
        QCOMPARE(t.spanStart, TimeNs{100});
        QCOMPARE(t.spanEnd, TimeNs{200});
        // Display order: the GPU process (sort index -1) first.
        QCOMPARE(t.str(t.processes.front().name), std::string_view(""));
        QCOMPARE(t.processes.front().threads.size(), std::size_t{1});

        const SliceTrack& hostTrack = t.sliceTracks[t.threads[host].sliceTrack];
        QCOMPARE(hostTrack.size(), 2u);
        QCOMPARE(t.str(hostTrack.name(0)), std::string_view("step")); // the begin/end pair
        QCOMPARE(hostTrack.start(0), TimeNs{100});
        QCOMPARE(hostTrack.end(0), TimeNs{200});
        QCOMPARE(hostTrack.row(1), std::uint16_t{1}); // the launch nests inside it
        const SliceRef launchRef{t.threads[host].sliceTrack, 1};
        const SliceRef kernelRef{t.threads[stream].sliceTrack, 0};

        QCOMPARE(t.flows.size(), std::size_t{1});
        QCOMPARE(t.flows[0].from.key(), launchRef.key());
        QCOMPARE(t.flows[0].to.key(), kernelRef.key());
        QCOMPARE(t.str(t.flows[0].category), std::string_view("ac2g"));

        QCOMPARE(result.correlations.size(), std::size_t{2});
        for (const TraceBuilder::Correlated& c : result.correlations) {
            QCOMPARE(c.key, JoinKey::Correlation);
            QCOMPARE(c.correlation, std::int64_t{42});
        }

        const Process& py = t.processes.back();
        QCOMPARE(t.str(py.name), std::string_view("python"));
        QCOMPARE(py.asyncTracks.size(), std::size_t{1});
        const SliceTrack& async = t.sliceTracks[t.asyncTracks[py.asyncTracks[0]].sliceTrack];
        QCOMPARE(async.size(), 1u);
        QCOMPARE(async.start(0), TimeNs{105});
        QCOMPARE(async.end(0), TimeNs{190});

        QCOMPARE(t.counters.size(), std::size_t{1});
        const CounterSeries& used = t.counters[0].series.at(0);
        QCOMPARE(used.times, (std::vector<TimeNs>{100, 120})); // sorted by time
        QCOMPARE(used.values, (std::vector<double>{0.5, 1.5}));
        QVERIFY(t.diagnostics.empty());
    }

    // A cancelled load stops while flows are bound too, not only between the build's steps:
    // the checkpoint comes every 65536 flows.
    void bindingManyFlowsPassesCheckpoints() {
        const auto checkpointsFor = [](std::uint32_t flows) {
            TraceBuilder b;
            b.beginFile({"written", 0, 0, false, std::nullopt});
            const std::uint32_t thread = b.thread(IdToken::fromNumber(1), IdToken::fromNumber(1));
            b.addSlice(thread, PendingSlice::Kind::Complete, 0, 1'000'000, 0, 0, 0);
            TraceBuilder::FlowEvent flow;
            for (std::uint32_t i = 0; i < flows; ++i) {
                flow.id = EventId{i, false, false};
                flow.step = FlowStep::Start;
                b.addFlow(thread, flow);
                flow.step = FlowStep::End;
                b.addFlow(thread, flow);
            }
            int calls = 0;
            b.finish(1, [&] { ++calls; });
            return calls;
        };
        QVERIFY(checkpointsFor(200'000) >= checkpointsFor(0) + 3); // 200 000 / 65 536
    }
};

QTEST_GUILESS_MAIN(TestTraceWriter)
#include "tst_trace_writer.moc"
