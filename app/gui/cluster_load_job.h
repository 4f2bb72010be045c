// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "cluster/cluster_view.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

namespace lanescope::app {

// What summarising a folder as a job hands back: its cluster view and the ranks that could not be
// read; or that the folder is not a job (a file, one rank, nothing Ascend: the caller loads it as
// one trace, and that load reports what is wrong); or the error to show (none when cancelled).
struct ClusterOutcome {
    bool isJob = false;
    std::shared_ptr<const cluster::ClusterView> view;
    QStringList problems;
    QString error;
};

// On the calling thread: a folder holding two or more ranks (formats::discoverAscendInput) is
// summarised rank by rank on every core (cluster::summarizeJob, one trace in memory per core),
// `progress(done, total)` after each rank; stops soon after `*cancel` becomes true.
ClusterOutcome summarizeFolderNow(const QString& path, const std::atomic<bool>* cancel,
                                  const std::function<void(std::size_t, std::size_t)>& progress);

// The same on the thread pool; `onProgress` runs on `receiver`'s thread (queued).
QFuture<ClusterOutcome>
summarizeFolderInBackground(const QString& path, std::shared_ptr<const std::atomic<bool>> cancel,
                            QObject* receiver,
                            std::function<void(std::size_t, std::size_t)> onProgress);

} // namespace lanescope::app
