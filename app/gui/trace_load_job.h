// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/flow_index.h"
#include "formats/load_options.h"
#include "model/trace.h"
#include "session/session_file.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::app {

// What a background load hands back: a trace with its flow index (built on the worker too, so
// showing a large trace does not freeze the window) and, when asked for, its sidecar session
// (read there too: a sidecar of 300 000 annotations takes seconds); or the error to show
// (neither when cancelled).
struct LoadOutcome {
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const analysis::FlowIndex> flows;
    QString error;
    std::optional<session::SidecarRead> sidecar;
};

// How often a load's progress carries a preview of what was read so far: the window redraws it
// at least four times a second.
inline constexpr std::chrono::milliseconds kPreviewInterval{200};

// Loads a trace file or folder on the calling thread, with its flow index; stops soon after
// `*cancel` becomes true (then neither trace nor error). With `sidecarDataDir` set, the
// trace's sidecar is read too once the trace loaded (session::readSidecar: a corrupt one is
// kept aside only then). Progress reports carry a preview every `previewInterval`. Of a job
// folder, `onlyRankFolders` reads those ranks alone (formats::LoadOptions).
LoadOutcome loadNow(const QString& path, const std::atomic<bool>* cancel,
                    std::function<void(const formats::LoadProgress&)> progress = {},
                    const std::optional<QString>& sidecarDataDir = std::nullopt,
                    std::chrono::milliseconds previewInterval = kPreviewInterval,
                    const std::vector<std::string>& onlyRankFolders = {});

// Loads a trace file or folder on the thread pool. `onProgress` runs on `receiver`'s thread
// (queued), so it may touch widgets; the load stops soon after `cancel` becomes true.
QFuture<LoadOutcome> loadInBackground(const QString& path,
                                      std::shared_ptr<const std::atomic<bool>> cancel,
                                      QObject* receiver,
                                      std::function<void(const formats::LoadProgress&)> onProgress,
                                      const std::optional<QString>& sidecarDataDir = std::nullopt,
                                      std::chrono::milliseconds previewInterval = kPreviewInterval,
                                      std::vector<std::string> onlyRankFolders = {});

// "Loading trace_view.json\n120 of 270 MB · 1.2 M events" (or "· 36 k events").
QString describeProgress(const QString& name, const formats::LoadProgress& progress);

} // namespace lanescope::app
