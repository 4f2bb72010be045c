// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lanescope {

// `threads`, or one per core when it is 0: how every threaded step reads its thread count.
inline unsigned threadsOrCores(unsigned threads) {
    return threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

// Calls work(i) for every i in [0, count) on up to `threads` threads (0: one per core), the
// calling thread among them, each taking the next index from a shared counter (so give the largest
// items the lowest indices). Returns when every call has returned. work must be safe to run
// concurrently for different indices; what it writes for index i it should write to slot i, so that
// the result does not depend on the thread count. The first exception a call throws is rethrown
// here once the others have stopped (no index is started after it).
template <class Work> void parallelFor(std::size_t count, unsigned threads, Work&& work) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex errorMutex;
    const auto run = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                work(i);
            } catch (...) {
                const std::lock_guard lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                next = count;
            }
        }
    };
    const std::size_t helpers =
        count == 0 ? 0 : std::min<std::size_t>(threadsOrCores(threads), count) - 1;
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (std::size_t h = 0; h < helpers; ++h)
        pool.emplace_back(run);
    run();
    for (std::thread& thread : pool)
        thread.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace lanescope
