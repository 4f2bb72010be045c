// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster_load_job.h"

#include "cluster/job_summaries.h"
#include "formats/ascend_folder.h"
#include "formats/load_error.h"

#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <chrono>
#include <new>

namespace lanescope::app {

namespace {

constexpr std::chrono::milliseconds kProgressInterval{100};

} // namespace

ClusterOutcome summarizeFolderNow(const QString& path, const std::atomic<bool>* cancel,
                                  const std::function<void(std::size_t, std::size_t)>& progress) {
    if (!QFileInfo(path).isDir())
        return {};
    formats::AscendDiscovery discovery;
    try {
        discovery = formats::discoverAscendInput(path.toStdString());
    } catch (const formats::LoadError&) {
        return {}; // the trace load says what is wrong with it
    }
    if (discovery.ranks.size() < 2)
        return {};
    ClusterOutcome outcome;
    outcome.isJob = true;
    try {
        cluster::JobSummaries job = cluster::summarizeJob(discovery, 0, progress, cancel);
        for (const std::string& problem : job.problems)
            outcome.problems << QString::fromStdString(problem);
        if (job.ranks.empty()) {
            outcome.error = QObject::tr("%1: none of its %2 ranks could be read\n%3")
                                .arg(path)
                                .arg(discovery.ranks.size())
                                .arg(outcome.problems.join(QLatin1Char('\n')));
            return outcome;
        }
        outcome.view = std::make_shared<const cluster::ClusterView>(
            cluster::buildClusterView(std::move(job.ranks)));
    } catch (const formats::LoadCancelled&) {
        return {true, nullptr, {}, {}};
    } catch (const std::bad_alloc&) {
        outcome.error = path + QObject::tr(": out of memory while summarising its ranks");
    } catch (const std::exception& error) {
        outcome.error = QString::fromStdString(error.what());
    }
    return outcome;
}

QFuture<ClusterOutcome>
summarizeFolderInBackground(const QString& path, std::shared_ptr<const std::atomic<bool>> cancel,
                            QObject* receiver,
                            std::function<void(std::size_t, std::size_t)> onProgress) {
    QPointer<QObject> guard(receiver);
    return QtConcurrent::run([path, cancel, guard, onProgress] {
        // A few reports a second: every repaint of the page takes a core from the workers.
        auto last = std::chrono::steady_clock::time_point{};
        return summarizeFolderNow(
            path, cancel.get(), [&last, guard, onProgress](std::size_t done, std::size_t total) {
                const auto now = std::chrono::steady_clock::now();
                if (!guard || (done < total && now - last < kProgressInterval))
                    return;
                last = now;
                QMetaObject::invokeMethod(guard, [guard, onProgress, done, total] {
                    if (guard)
                        onProgress(done, total);
                });
            });
    });
}

} // namespace lanescope::app
