// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "model/trace.h"

namespace lanescope {

const char* toString(TrackKind kind) {
    switch (kind) {
    case TrackKind::Host:
        return "host";
    case TrackKind::Device:
        return "device";
    case TrackKind::Counter:
        return "counter";
    case TrackKind::Derived:
        return "derived";
    case TrackKind::Other:
        return "other";
    }
    return "other";
}

std::uint64_t Trace::sliceCount() const {
    std::uint64_t n = 0;
    for (const SliceTrack& track : sliceTracks)
        n += track.size();
    return n;
}

std::uint64_t Trace::instantCount() const {
    std::uint64_t n = globalInstants.size();
    for (const Process& p : processes)
        n += p.instants.size();
    for (const Thread& t : threads)
        n += t.instants.size();
    return n;
}

std::uint64_t Trace::counterSampleCount() const {
    std::uint64_t n = 0;
    for (const CounterTrack& c : counters)
        n += c.sampleCount();
    return n;
}

SliceArgs Trace::sliceArgs(SliceRef slice) const {
    if (eventSource)
        return eventSource->sliceArgs(*this, slice);
    SliceArgs args;
    args.error = "the trace was not read from a file";
    return args;
}

std::size_t Trace::memoryBytes() const {
    std::size_t bytes = strings.memoryBytes() + globalInstants.memoryBytes();
    for (const SliceTrack& track : sliceTracks)
        bytes += track.memoryBytes();
    for (const CounterTrack& c : counters)
        bytes += c.memoryBytes();
    for (const Process& p : processes)
        bytes += sizeof(Process) + p.instants.memoryBytes();
    for (const Thread& t : threads)
        bytes += sizeof(Thread) + t.instants.memoryBytes();
    bytes += flows.capacity() * sizeof(Flow) + unboundFlowEnds.capacity() * sizeof(UnboundFlowEnd) +
             otherEvents.capacity() * sizeof(OtherEvent) + steps.capacity() * sizeof(Step) +
             taskLinks.capacity() * sizeof(TaskLink) +
             taskDetails.capacity() * sizeof(DeviceTaskDetail);
    return bytes;
}

} // namespace lanescope
