// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "trace_load_job.h"

#include "formats/load_error.h"
#include "formats/trace_loader.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <new>

namespace lanescope::app {

namespace {

// How often progress without a preview reaches the window.
constexpr std::chrono::milliseconds kProgressInterval{50};

// The trace loaded: a sidecar that cannot be read here must not cost it. Without a read the
// window reads it itself, and says what went wrong.
std::optional<session::SidecarRead> readSidecarQuietly(const QString& path,
                                                       const QString& dataDir) {
    try {
        return session::readSidecar(path.toStdString(), dataDir.toStdString());
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

LoadOutcome loadNow(const QString& path, const std::atomic<bool>* cancel,
                    std::function<void(const formats::LoadProgress&)> progress,
                    const std::optional<QString>& sidecarDataDir,
                    std::chrono::milliseconds previewInterval,
                    const std::vector<std::string>& onlyRankFolders) {
    formats::LoadOptions options;
    options.onlyRankFolders = onlyRankFolders;
    options.cancel = cancel;
    options.progress = std::move(progress);
    options.previewInterval = previewInterval;
    try {
        auto trace = std::make_shared<const Trace>(formats::loadTrace(path.toStdString(), options));
        if (cancel && *cancel)
            return LoadOutcome{};
        auto flows = std::make_shared<const analysis::FlowIndex>(*trace);
        LoadOutcome outcome{std::move(trace), std::move(flows), {}, std::nullopt};
        if (sidecarDataDir && !(cancel && *cancel))
            outcome.sidecar = readSidecarQuietly(path, *sidecarDataDir);
        return outcome;
    } catch (const formats::LoadCancelled&) {
        return LoadOutcome{};
    } catch (const std::bad_alloc&) {
        return LoadOutcome{nullptr, nullptr,
                           path + QStringLiteral(": out of memory while loading (the trace needs "
                                                 "more memory than this machine has free)"),
                           std::nullopt};
    } catch (const std::exception& error) {
        return LoadOutcome{nullptr, nullptr, QString::fromStdString(error.what()), std::nullopt};
    }
}

QFuture<LoadOutcome> loadInBackground(const QString& path,
                                      std::shared_ptr<const std::atomic<bool>> cancel,
                                      QObject* receiver,
                                      std::function<void(const formats::LoadProgress&)> onProgress,
                                      const std::optional<QString>& sidecarDataDir,
                                      std::chrono::milliseconds previewInterval,
                                      std::vector<std::string> onlyRankFolders) {
    QPointer<QObject> guard(receiver);
    return QtConcurrent::run([path, cancel, guard, onProgress, sidecarDataDir, previewInterval,
                              onlyRankFolders = std::move(onlyRankFolders)]() {
        return loadNow(
            path, cancel.get(),
            [guard, onProgress, last = std::chrono::steady_clock::time_point{}](
                const formats::LoadProgress& p) mutable {
                // The loader reports every half MB; the window needs a few a second.
                const auto now = std::chrono::steady_clock::now();
                if (!guard || (!p.preview && !p.building && now - last < kProgressInterval))
                    return;
                last = now;
                QMetaObject::invokeMethod(guard, [guard, onProgress, p] {
                    if (guard)
                        onProgress(p);
                });
            },
            sidecarDataDir, previewInterval, onlyRankFolders);
    });
}

QString describeProgress(const QString& name, const formats::LoadProgress& progress) {
    if (progress.building)
        return QObject::tr("Loading %1\nread; building the timeline from %2 M events…")
            .arg(name)
            .arg(static_cast<double>(progress.events) / 1e6, 0, 'f', 1);
    const double mb = 1024.0 * 1024.0;
    QString text = QObject::tr("Loading %1\n%2 of %3 MB")
                       .arg(name)
                       .arg(static_cast<double>(progress.bytesDone) / mb, 0, 'f', 0)
                       .arg(static_cast<double>(progress.bytesTotal) / mb, 0, 'f', 0);
    if (progress.events >= 1'000'000)
        text += QObject::tr(" · %1 M events")
                    .arg(static_cast<double>(progress.events) / 1e6, 0, 'f', 1);
    else if (progress.events > 0)
        text += QObject::tr(" · %1 k events").arg((progress.events + 500) / 1000);
    return text;
}

} // namespace lanescope::app
