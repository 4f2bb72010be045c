// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster/job_summaries.h"

#include "cluster/rank_summary_json.h"
#include "formats/load_error.h"
#include "formats/read_only_file.h"
#include "formats/trace_loader.h"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

namespace lanescope::cluster {

namespace {

// The summary of one rank, or why there is none.
struct RankOutcome {
    std::optional<RankSummary> summary;
    std::string problem;
};

RankOutcome summarizeOne(const formats::AscendRankInput& input, const std::atomic<bool>* cancel) {
    formats::LoadOptions options;
    options.threads = 1; // the workers are the parallelism
    options.cancel = cancel;
    try {
        const Trace trace = formats::loadTrace(input.folder, options);
        return {summarizeRank(trace, input.folder), {}};
    } catch (const formats::LoadCancelled&) {
        throw;
    } catch (const formats::LoadError& error) {
        return {std::nullopt, error.what()};
    } catch (const std::bad_alloc&) {
        return {std::nullopt, input.folder + ": out of memory while loading"};
    }
}

} // namespace

JobSummaries summarizeJob(const std::string& jobFolder, unsigned workers,
                          const std::function<void(std::size_t, std::size_t)>& progress,
                          const std::atomic<bool>* cancel) {
    return summarizeJob(formats::discoverAscendInput(jobFolder), workers, progress, cancel);
}

JobSummaries summarizeJob(const formats::AscendDiscovery& discovery, unsigned workers,
                          const std::function<void(std::size_t, std::size_t)>& progress,
                          const std::atomic<bool>* cancel) {
    const std::vector<formats::AscendRankInput>& inputs = discovery.ranks;
    std::vector<RankOutcome> outcomes(inputs.size());
    if (workers == 0)
        workers = std::max(1u, std::thread::hardware_concurrency());
    workers = std::min<unsigned>(workers, static_cast<unsigned>(inputs.size()));
    std::atomic<std::size_t> next{0};
    std::mutex reporting;
    std::size_t done = 0;
    std::exception_ptr failure;
    const auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < inputs.size();) {
            try {
                outcomes[i] = summarizeOne(inputs[i], cancel);
            } catch (...) {
                const std::lock_guard lock(reporting);
                if (!failure)
                    failure = std::current_exception();
                next = inputs.size(); // the others stop after their rank
                return;
            }
            const std::lock_guard lock(reporting);
            ++done;
            if (progress)
                progress(done, inputs.size());
        }
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w)
        threads.emplace_back(work);
    work();
    for (std::thread& t : threads)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    JobSummaries job;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (outcomes[i].summary)
            job.ranks.push_back(std::move(*outcomes[i].summary));
        else
            job.problems.push_back(outcomes[i].problem);
    }
    for (const auto& [path, why] : discovery.ignored)
        job.problems.push_back(path + ": " + why);
    return job;
}

JobSummaries readSummaries(const std::string& folder) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
        if (it->path().extension() == ".json")
            files.push_back(it->path().string());
    if (error)
        throw std::runtime_error("cannot list " + folder + ": " + error.message());
    std::sort(files.begin(), files.end());
    JobSummaries job;
    for (const std::string& file : files) {
        try {
            job.ranks.push_back(
                rankSummaryFromJson(formats::readWholeFile(file, std::uint64_t{64} << 20)));
        } catch (const formats::LoadError& e) {
            job.problems.push_back(file + ": " + e.message());
        } catch (const RankSummaryFormatError& e) {
            job.problems.push_back(file + ": " + e.what());
        }
    }
    if (job.ranks.empty() && job.problems.empty())
        throw std::runtime_error(folder + ": no rank summaries (*.json) in it");
    return job;
}

} // namespace lanescope::cluster
