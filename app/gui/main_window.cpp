#include "main_window.h"

#include "formats/load_error.h"
#include "formats/trace_loader.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace lanescope::app {

namespace {

// What a worker hands back: a trace or the error to show.
struct LoadOutcome {
    std::shared_ptr<const Trace> trace;
    QString error;
};

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), view_(new widgets::TimelineView(this)), status_(new QLabel(this)) {
    setWindowTitle(tr("Lanescope"));
    setCentralWidget(view_);
    statusBar()->addWidget(status_, 1);
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open File…"), QKeySequence::Open, this, &MainWindow::chooseFile);
    file->addAction(tr("Open &Folder…"), this, &MainWindow::chooseFolder);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    resize(1400, 850);
}

void MainWindow::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open trace"), QString(), tr("Traces (*.json *.json.gz *.gz);;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::chooseFolder() {
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open profiler folder"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::openPath(const QString& path) {
    cancel_ = false;
    auto* progress = new QProgressDialog(tr("Loading %1…").arg(QFileInfo(path).fileName()),
                                         tr("Cancel"), 0, 1000, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    connect(progress, &QProgressDialog::canceled, this, [this] { cancel_ = true; });
    auto* watcher = new QFutureWatcher<LoadOutcome>(this);
    const std::string file = path.toStdString();
    watcher->setFuture(QtConcurrent::run([this, file, progress]() {
        formats::LoadOptions options;
        options.cancel = &cancel_;
        options.progress = [progress](const formats::LoadProgress& p) {
            const int value =
                p.bytesTotal ? static_cast<int>(1000 * p.bytesDone / p.bytesTotal) : 0;
            QMetaObject::invokeMethod(progress, [progress, value] { progress->setValue(value); });
        };
        try {
            return LoadOutcome{std::make_shared<const Trace>(formats::loadTrace(file, options)),
                               {}};
        } catch (const formats::LoadCancelled&) {
            return LoadOutcome{nullptr, {}};
        } catch (const std::exception& error) {
            return LoadOutcome{nullptr, QString::fromStdString(error.what())};
        }
    }));
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, progress] {
        const LoadOutcome outcome = watcher->result();
        progress->deleteLater();
        watcher->deleteLater();
        if (outcome.trace)
            showTrace(outcome.trace);
        else if (!outcome.error.isEmpty())
            QMessageBox::warning(this, tr("Cannot open trace"), outcome.error);
    });
}

void MainWindow::showTrace(std::shared_ptr<const Trace> trace) {
    describe(*trace);
    view_->setTrace(std::move(trace));
}

void MainWindow::describe(const Trace& trace) {
    const QString name =
        trace.files.empty()
            ? QString()
            : QFileInfo(QString::fromStdString(trace.files.front().path)).fileName();
    setWindowTitle(tr("%1 — Lanescope").arg(name));
    std::uint64_t repairs = 0;
    for (const auto& [kind, n] : trace.diagnostics.counts())
        repairs += n;
    status_->setText(tr("%1 · %2 slices · %3 flows · %4 · %5 load diagnostics")
                         .arg(QString::fromStdString(trace.format))
                         .arg(trace.sliceCount())
                         .arg(trace.flows.size())
                         .arg(widgets::formatDuration(trace.spanEnd - trace.spanStart))
                         .arg(repairs));
}

} // namespace lanescope::app
