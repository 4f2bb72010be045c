// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <sstream>
#include <string>

namespace lanescope::test {

// Every column, flow, link and diagnostic of a loaded trace as text (names spelled out, offsets
// included), so two loads that must be identical can be compared whole and a difference read.
// One line per item: the first differing line says what differs.
class TraceFingerprint {
public:
    explicit TraceFingerprint(const Trace& trace) : t_(trace) {
        header();
        lanes();
        for (std::uint32_t k = 0; k < t_.sliceTracks.size(); ++k)
            sliceTrack(k);
        for (const CounterTrack& counter : t_.counters)
            counterTrack(counter);
        instants("global", t_.globalInstants);
        links();
        diagnostics();
    }

    std::string text() const { return out_.str(); }

private:
    std::string s(StringId id) const { return std::string(t_.str(id)); }
    std::string id(const IdToken& token) const { return toString(token, t_.strings); }
    static std::string ref(SliceRef r) {
        return r.valid() ? std::to_string(r.track) + "/" + std::to_string(r.slice) : "-";
    }

    void header() {
        out_ << "format " << t_.format << " span " << t_.spanStart << ".." << t_.spanEnd << '\n';
        for (const SourceFile& f : t_.files)
            out_ << "file " << f.path << ' ' << f.bytes << ' ' << f.decompressedBytes << ' '
                 << f.gzip << ' ' << f.rank.value_or(-1) << ' ' << f.database << '\n';
        for (const auto& [phase, n] : t_.eventsByPhase)
            out_ << "phase " << phase << ' ' << n << '\n';
        for (const auto& [key, value] : t_.metadata.topLevel)
            out_ << "top " << key << ' ' << value << '\n';
        out_ << "meta " << t_.metadata.rank.value_or(-1) << ' ' << t_.metadata.backend << ' '
             << t_.metadata.baseTimeNs.value_or(-1) << ' ' << t_.metadata.devices.size() << '\n';
    }

    void lanes() {
        for (const Process& p : t_.processes) {
            out_ << "process " << id(p.pid) << ' ' << s(p.name) << ' ' << p.sortIndex << ' '
                 << p.sourceFile << ' ' << p.deviceId.value_or(-1) << " threads";
            for (std::uint32_t thread : p.threads)
                out_ << ' ' << thread;
            out_ << " async";
            for (std::uint32_t track : p.asyncTracks)
                out_ << ' ' << track;
            out_ << " counters";
            for (std::uint32_t counter : p.counters)
                out_ << ' ' << counter;
            out_ << '\n';
            instants("process " + id(p.pid), p.instants);
        }
        for (const Thread& th : t_.threads) {
            out_ << "thread " << id(th.tid) << ' ' << th.process << ' ' << s(th.name) << ' '
                 << th.sortIndex << ' ' << toString(th.kind) << ' ' << th.sliceTrack << '\n';
            instants("thread " + id(th.tid), th.instants);
        }
        for (const AsyncTrack& a : t_.asyncTracks)
            out_ << "async " << a.process << ' ' << s(a.name) << ' ' << a.sliceTrack << '\n';
    }

    void sliceTrack(std::uint32_t k) {
        const SliceTrack& track = t_.sliceTracks[k];
        out_ << "track " << k << " rows " << track.rowCount() << '\n';
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            std::uint64_t endOffset = 0;
            const bool hasEnd = track.endOffset(i, endOffset);
            out_ << ' ' << track.start(i) << ' ' << track.end(i) << ' ' << s(track.name(i)) << ' '
                 << s(track.category(i)) << ' ' << track.row(i) << ' ' << int(track.flags(i)) << ' '
                 << track.sourceOffset(i) << ' ' << (hasEnd ? endOffset : 0) << '\n';
        }
    }

    void counterTrack(const CounterTrack& counter) {
        out_ << "counter " << counter.process << ' ' << s(counter.name) << ' '
             << s(counter.category) << '\n';
        for (const CounterSeries& series : counter.series) {
            out_ << " series " << s(series.name);
            for (std::size_t i = 0; i < series.times.size(); ++i)
                out_ << ' ' << series.times[i] << '=' << series.values[i];
            out_ << '\n';
        }
    }

    void instants(const std::string& owner, const InstantList& list) {
        for (std::size_t i = 0; i < list.size(); ++i)
            out_ << "instant " << owner << ' ' << list.times[i] << ' ' << s(list.names[i]) << ' '
                 << s(list.categories[i]) << ' ' << list.sourceOffsets[i] << '\n';
    }

    void links() {
        for (const OtherEvent& e : t_.otherEvents)
            out_ << "other " << s(e.phase) << ' ' << s(e.name) << ' ' << e.ts << ' ' << e.process
                 << ' ' << e.sourceOffset << '\n';
        for (const Flow& f : t_.flows)
            out_ << "flow " << ref(f.from) << ' ' << ref(f.to) << ' ' << s(f.category) << ' '
                 << s(f.name) << ' ' << int(f.origin) << '\n';
        for (const UnboundFlowEnd& u : t_.unboundFlowEnds)
            out_ << "unbound " << u.flow << ' ' << u.isTarget << ' ' << u.thread << ' ' << u.time
                 << '\n';
        for (const Step& step : t_.steps)
            out_ << "step " << step.number << ' ' << step.start << ' ' << step.end << ' '
                 << ref(step.slice) << '\n';
        for (const TaskLink& link : t_.taskLinks)
            out_ << "link " << ref(link.task) << ' ' << ref(link.launch) << ' ' << ref(link.hostOp)
                 << '\n';
        for (const DeviceTaskDetail& d : t_.taskDetails)
            out_ << "detail " << ref(d.task) << ' ' << s(d.opType) << ' ' << s(d.inputShapes) << ' '
                 << d.wait.value_or(-1) << '\n';
    }

    void diagnostics() {
        for (const auto& [kind, n] : t_.diagnostics.counts())
            out_ << "diagnostic " << kind << ' ' << n << '\n';
        for (const Diagnostics::Example& e : t_.diagnostics.examples())
            out_ << "example " << e.kind << ' ' << e.file << ' ' << e.where() << ' ' << e.message
                 << '\n';
        for (const std::string& note : t_.notes)
            out_ << "note " << note << '\n';
    }

    const Trace& t_;
    std::ostringstream out_;
};

} // namespace lanescope::test
