#pragma once

#include "analysis/flow_index.h"
#include "formats/load_options.h"
#include "model/trace.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

namespace lanescope::app {

// What a background load hands back: a trace with its flow index (built on the worker too, so
// showing a large trace does not freeze the window), or the error to show (neither when
// cancelled).
struct LoadOutcome {
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const analysis::FlowIndex> flows;
    QString error;
};

// Loads a trace file or folder on the calling thread, with its flow index; stops soon after
// `*cancel` becomes true (then neither trace nor error).
LoadOutcome loadNow(const QString& path, const std::atomic<bool>* cancel,
                    std::function<void(const formats::LoadProgress&)> progress = {});

// Loads a trace file or folder on the thread pool. `onProgress` runs on `receiver`'s thread
// (queued), so it may touch widgets; the load stops soon after `cancel` becomes true.
QFuture<LoadOutcome> loadInBackground(const QString& path,
                                      std::shared_ptr<const std::atomic<bool>> cancel,
                                      QObject* receiver,
                                      std::function<void(const formats::LoadProgress&)> onProgress);

// "Loading trace_view.json — 120 of 270 MB · 1.2 M events".
QString describeProgress(const QString& name, const formats::LoadProgress& progress);

} // namespace lanescope::app
