#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lanescope {

// Calls work(i) for every i in [0, count) on up to `threads` threads, the calling thread among
// them, each taking the next index from a shared counter (so give the largest items the lowest
// indices). Returns when every call has returned. work must be safe to run concurrently for
// different indices; what it writes for index i it should write to slot i, so that the result
// does not depend on the thread count. The first exception a call throws is rethrown here once
// the others have stopped (no index is started after it).
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
        count == 0 ? 0 : std::min<std::size_t>(std::max(threads, 1u), count) - 1;
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
