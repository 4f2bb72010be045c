// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

// Seeded generator of large synthetic PyTorch-profiler (Kineto) traces for benchmarks and reader
// tests. The output mirrors what libkineto's ChromeTraceLogger writes for a transformer training
// loop on one GPU: nested cpu_op trees, cudaLaunchKernel/cuLaunchKernel calls with their kernels,
// ac2g and fwdbwd flows, memcpy/memset, [memory] instants and a few counters.
//
// Partners that are deliberately missing, as in real traces (key flows by cat + id: ac2g ids are
// CUPTI correlations, fwdbwd ids are a separate counter, and the two ranges may overlap):
//  - every cudaStreamSynchronize (one per ProfilerStep, inside aten::_local_scalar_dense) has an
//    ac2g "s" without an "f", because Kineto records no GPU side for syncs unless cuda_sync events
//    are enabled; that is about 0.15 % of the "s" flows with the default options;
//  - the first kernel on stream 7 has an ac2g "f" without an "s": it was launched before the
//    profiling window opened.
// Events with string pids also appear at the end, as Kineto writes them: the "PyTorch Profiler (0)"
// span on pid "Spans", its process_sort_index, and two global instants on pids "Traces" and "".

#include <cstdint>
#include <iosfwd>

namespace lanescope::bench {

struct SyntheticTraceOptions {
    // Approximate total number of trace events of every kind. The total ends up >= this: the
    // last ProfilerStep runs only as many layers as needed (overshoot ~150-300 events).
    std::uint64_t events = 1'000'000;
    std::uint64_t seed = 1;
    int gpuStreams = 2;  // streams on GPU 0 (pid 0, tids 7, 8, ...); 7 computes, the rest do NCCL
    int hostThreads = 2; // main thread, autograd thread, then DataLoader pin-memory threads
    // false: modern Kineto, "ts" relative to "baseTimeNanoseconds" with a 3-digit ns fraction;
    // true: old Kineto, integer epoch microseconds and no "baseTimeNanoseconds".
    bool absoluteEpochTimestamps = false;
};

struct SyntheticTraceStats {
    std::uint64_t events = 0;         // elements of "traceEvents"
    std::uint64_t completeEvents = 0; // ph "X"
    std::uint64_t flowStarts = 0;     // ph "s"
    std::uint64_t flowEnds = 0;       // ph "f"
    std::uint64_t instants = 0;       // ph "i"
    std::uint64_t counters = 0;       // ph "C"
    std::uint64_t metadata = 0;       // ph "M"
    std::uint64_t kernels = 0;        // cat "kernel"
    std::uint64_t launches = 0;       // cudaLaunchKernel and cuLaunchKernel calls
    std::uint64_t bytes = 0;          // size of the whole JSON document
};

// Streams the JSON document to `out` (in large chunks) and returns what it wrote. The bytes depend
// only on `options`. Throws std::invalid_argument when gpuStreams or hostThreads is outside 1..64.
SyntheticTraceStats writeSyntheticKinetoTrace(std::ostream& out,
                                              const SyntheticTraceOptions& options);

} // namespace lanescope::bench
