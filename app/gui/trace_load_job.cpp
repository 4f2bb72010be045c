#include "trace_load_job.h"

#include "formats/load_error.h"
#include "formats/trace_loader.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace lanescope::app {

QFuture<LoadOutcome>
loadInBackground(const QString& path, std::shared_ptr<const std::atomic<bool>> cancel,
                 QObject* receiver, std::function<void(const formats::LoadProgress&)> onProgress) {
    const std::string file = path.toStdString();
    QPointer<QObject> guard(receiver);
    return QtConcurrent::run([file, cancel, guard, onProgress]() {
        formats::LoadOptions options;
        options.cancel = cancel.get();
        options.progress = [guard, onProgress](const formats::LoadProgress& p) {
            if (guard)
                QMetaObject::invokeMethod(guard, [guard, onProgress, p] {
                    if (guard)
                        onProgress(p);
                });
        };
        try {
            auto trace = std::make_shared<const Trace>(formats::loadTrace(file, options));
            auto flows = std::make_shared<const analysis::FlowIndex>(*trace);
            return LoadOutcome{std::move(trace), std::move(flows), {}};
        } catch (const formats::LoadCancelled&) {
            return LoadOutcome{};
        } catch (const std::exception& error) {
            return LoadOutcome{nullptr, nullptr, QString::fromStdString(error.what())};
        }
    });
}

QString describeProgress(const QString& name, const formats::LoadProgress& progress) {
    const double mb = 1024.0 * 1024.0;
    QString text = QObject::tr("Loading %1\n%2 of %3 MB")
                       .arg(name)
                       .arg(static_cast<double>(progress.bytesDone) / mb, 0, 'f', 0)
                       .arg(static_cast<double>(progress.bytesTotal) / mb, 0, 'f', 0);
    if (progress.events > 0)
        text += QObject::tr(" · %1 M events").arg(progress.events / 1e6, 0, 'f', 1);
    return text;
}

} // namespace lanescope::app
