// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "main_window.h"

#include "analysis/range_summary.h"
#include "annotation_controller.h"
#include "annotations_panel.h"
#include "app_palette.h"
#include "cluster_load_job.h"
#include "cluster_page.h"
#include "compare_window.h"
#include "diagnostics_panel.h"
#include "embedded_sample.h"
#include "insights_panel.h"
#include "load_preview_view.h"
#include "operator_stats_panel.h"
#include "range_summary_panel.h"
#include "search_panel.h"
#include "session/session_file.h"
#include "slice_details_panel.h"
#include "trace_load_job.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>

namespace lanescope::app {

namespace {

// What the loader reported, as the status bar and the diagnostics dock both count it: every
// repaired or skipped item and every note about the input.
std::uint64_t loadDiagnosticCount(const Trace& trace) {
    std::uint64_t count = trace.notes.size();
    for (const auto& [kind, n] : trace.diagnostics.counts())
        count += n;
    return count;
}

const char* const kShortcutHelp =
    "<table>"
    "<tr><td><b>Ctrl+wheel, W / S</b></td><td>zoom around the cursor / centre</td></tr>"
    "<tr><td><b>drag, A / D, Shift+wheel</b></td><td>pan</td></tr>"
    "<tr><td><b>wheel</b></td><td>scroll lanes</td></tr>"
    "<tr><td><b>click / double-click</b></td><td>select a slice / zoom to it</td></tr>"
    "<tr><td><b>Shift+drag, drag on the ruler</b></td><td>select a range</td></tr>"
    "<tr><td><b>F</b></td><td>zoom to the selection</td></tr>"
    "<tr><td><b>Backspace</b></td><td>undo zoom</td></tr>"
    "<tr><td><b>0</b></td><td>whole trace</td></tr>"
    "<tr><td><b>Esc</b></td><td>clear the selection</td></tr>"
    "<tr><td><b>Ctrl+F, F3 / Shift+F3</b></td><td>search, next / previous match</td></tr>"
    "<tr><td><b>M</b></td><td>a marker at the mouse; the Annotations dock adds ranges and "
    "notes, edits (F2), recolours and deletes; Ctrl+Z undoes</td></tr>"
    "<tr><td><b>Insights dock</b></td><td>click a finding (or move with the arrow keys) to "
    "zoom to it; Backspace goes back</td></tr>"
    "<tr><td><b>name column</b></td><td>click a header to fold it; right-click to pin or "
    "hide a lane; drag its edge to resize</td></tr>"
    "</table>";

} // namespace

MainWindow::MainWindow(bool persistent, QWidget* parent)
    : QMainWindow(parent), view_(new widgets::TimelineView(this)),
      loadView_(new widgets::LoadPreviewView(this)), centre_(new QStackedWidget(this)),
      clusterPage_(new widgets::ClusterPage(this)), pages_(new QTabBar(this)), timelinePage_(view_),
      status_(new QLabel(this)), viewStatus_(new QLabel(this)), persistent_(persistent),
      sessionFiles_(persistent) {
    setWindowTitle(tr("Lanescope"));
    centre_->addWidget(view_);
    centre_->addWidget(loadView_);
    centre_->addWidget(clusterPage_);
    pages_->addTab(tr("Cluster"));
    pages_->addTab(tr("Timeline"));
    pages_->setCurrentIndex(1);
    pages_->setDocumentMode(true);
    pages_->setExpanding(false);
    pages_->hide();
    connect(pages_, &QTabBar::currentChanged, this, &MainWindow::showPage);
    connect(clusterPage_, &widgets::ClusterPage::openRanksRequested, this, &MainWindow::openRanks);
    auto* centre = new QWidget(this);
    auto* stack = new QVBoxLayout(centre);
    stack->setContentsMargins(0, 0, 0, 0);
    stack->setSpacing(0);
    stack->addWidget(pages_);
    stack->addWidget(centre_, 1);
    setCentralWidget(centre);
    connect(loadView_, &widgets::LoadPreviewView::cancelRequested, this, &MainWindow::cancelLoad);
    setAcceptDrops(true);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(viewStatus_);
    createDocks();
    notes_ = new AnnotationController(view_, annotations_, this);
    createMenus();
    connectPanels();
    resize(1400, 850);
    if (persistent_)
        restoreSettings();
}

MainWindow::~MainWindow() {
    if (loadCancel_)
        *loadCancel_ = true; // a load still running stops soon; its worker owns the flag too
    // The document stops its analysis at the next detector when it is destroyed with us.
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& objectName, QWidget* panel,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks() {
    details_ = new widgets::SliceDetailsPanel(this);
    search_ = new widgets::SearchPanel(this);
    summary_ = new widgets::RangeSummaryPanel(this);
    diagnostics_ = new widgets::DiagnosticsPanel(this);
    insights_ = new widgets::InsightsPanel(this);
    annotations_ = new widgets::AnnotationsPanel(this);
    operators_ = new widgets::OperatorStatsPanel(this);
    insightsDock_ = addDock(tr("Insights"), "insightsDock", insights_, Qt::RightDockWidgetArea);
    detailsDock_ = addDock(tr("Details"), "detailsDock", details_, Qt::RightDockWidgetArea);
    searchDock_ = addDock(tr("Search"), "searchDock", search_, Qt::BottomDockWidgetArea);
    annotationsDock_ =
        addDock(tr("Annotations"), "annotationsDock", annotations_, Qt::BottomDockWidgetArea);
    summaryDock_ = addDock(tr("Range summary"), "summaryDock", summary_, Qt::BottomDockWidgetArea);
    operatorsDock_ =
        addDock(tr("Operators"), "operatorsDock", operators_, Qt::BottomDockWidgetArea);
    diagnosticsDock_ =
        addDock(tr("Load diagnostics"), "diagnosticsDock", diagnostics_, Qt::BottomDockWidgetArea);
    tabifyDockWidget(searchDock_, annotationsDock_);
    tabifyDockWidget(annotationsDock_, summaryDock_);
    tabifyDockWidget(summaryDock_, operatorsDock_);
    tabifyDockWidget(operatorsDock_, diagnosticsDock_);
    searchDock_->raise();
    resizeDocks({insightsDock_}, {440}, Qt::Horizontal);
    resizeDocks({insightsDock_, detailsDock_}, {420, 380}, Qt::Vertical);
    resizeDocks({searchDock_}, {220}, Qt::Vertical);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openFile =
        file->addAction(tr("&Open File…"), QKeySequence::Open, this, &MainWindow::chooseFile);
    QAction* openFolder = file->addAction(tr("Open &Folder…"), QKeySequence(tr("Ctrl+Shift+O")),
                                          this, &MainWindow::chooseFolder);
    file->addAction(tr("Open the &Sample"), this, &MainWindow::openSample);
    file->addSeparator();
    file->addAction(tr("Compare With &File…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Compare with"), QString(),
                                         tr("Traces (*.json *.json.gz *.gz);;All files (*)"));
        if (!path.isEmpty())
            compareWith(path);
    });
    file->addAction(tr("Compare With F&older…"), this, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("Compare with"));
        if (!path.isEmpty())
            compareWith(path);
    });
    file->addAction(tr("Open Sample Comparison: &A10 against Ascend"), this,
                    [this] { openSampleComparison(false); });
    file->addAction(tr("Open Sample Comparison: Ascend &before against after tuning"), this,
                    [this] { openSampleComparison(true); });
    file->addSeparator();
    file->addAction(tr("&Export View…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportView);
    file->addAction(tr("&Copy View Image"), QKeySequence(tr("Ctrl+Shift+C")), this,
                    &MainWindow::copyViewImage);
    file->addAction(tr("Export &Report…"), this, &MainWindow::exportReport);
    file->addSeparator();
    recentMenu_ = file->addMenu(tr("&Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QUndoStack* undoStack = notes_->store().undoStack();
    QAction* undoEdit = undoStack->createUndoAction(this, tr("&Undo"));
    undoEdit->setShortcut(QKeySequence::Undo);
    QAction* redoEdit = undoStack->createRedoAction(this, tr("&Redo"));
    redoEdit->setShortcut(QKeySequence::Redo);
    edit->addAction(undoEdit);
    edit->addAction(redoEdit);
    edit->addSeparator();
    QAction* marker = edit->addAction(tr("Add &Marker"), QKeySequence(Qt::Key_M), notes_,
                                      &AnnotationController::addMarkerAtSelection);
    marker->setShortcutContext(Qt::WidgetShortcut); // the view puts it at the mouse itself
    edit->addAction(tr("Add &Range Marker from Selection"), notes_,
                    &AnnotationController::addRangeFromSelection);
    edit->addAction(tr("Add &Note on Selected Slice"), notes_,
                    &AnnotationController::addNoteOnSelection);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QAction* reset = viewMenu_->addAction(tr("Whole Trace"), QKeySequence(Qt::Key_0), view_,
                                          &widgets::TimelineView::resetZoom);
    QAction* toSelection = viewMenu_->addAction(tr("Zoom to Selection"), QKeySequence(Qt::Key_F),
                                                view_, &widgets::TimelineView::zoomToSelection);
    QAction* undo = viewMenu_->addAction(tr("Undo Zoom"), QKeySequence(Qt::Key_Backspace), view_,
                                         [this] { view_->undoZoom(); });
    // The view handles these keys itself when focused; the menu shows them and works otherwise.
    for (QAction* action : {reset, toSelection, undo})
        action->setShortcutContext(Qt::WidgetShortcut);
    QAction* find = viewMenu_->addAction(tr("&Search…"), QKeySequence::Find, this, [this] {
        searchDock_->show();
        searchDock_->raise();
        search_->focusQuery();
    });
    viewMenu_->addSeparator();
    darkTheme_ = viewMenu_->addAction(tr("&Dark Theme"), this, &MainWindow::setDarkTheme);
    darkTheme_->setCheckable(true);
    absoluteTime_ = viewMenu_->addAction(tr("&Absolute Time on Ruler"), view_,
                                         &widgets::TimelineView::setAbsoluteTime);
    absoluteTime_->setCheckable(true);
    flowMenu_ = viewMenu_->addMenu(tr("&Flow Arrows"));
    showFindings_ = viewMenu_->addAction(tr("&Insights on Timeline"), view_,
                                         &widgets::TimelineView::setFindingsVisible);
    showFindings_->setCheckable(true);
    showFindings_->setChecked(true);
    viewMenu_->addAction(tr("Insight &Thresholds…"), this, &MainWindow::editThresholds);
    viewMenu_->addSeparator();
    for (QDockWidget* dock : {insightsDock_, detailsDock_, searchDock_, annotationsDock_,
                              summaryDock_, operatorsDock_, diagnosticsDock_})
        viewMenu_->addAction(dock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard and Mouse"), this, [this] {
        QMessageBox::information(this, tr("Keyboard and mouse"), tr(kShortcutHelp));
    });

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName("mainToolBar");
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QAction* action : {openFile, openFolder, reset, undo, toSelection, find})
        tools->addAction(action);
}

void MainWindow::connectPanels() {
    connect(view_, &widgets::TimelineView::sliceSelected, this, [this](SliceRef slice) {
        if (!slice.valid()) {
            details_->clear();
            return;
        }
        details_->showSlice(doc_->trace(), &view_->flowIndex(), slice);
        detailsDock_->show();
    });
    connect(details_, &widgets::SliceDetailsPanel::jumpTo, this,
            [this](SliceRef slice) { view_->selectSlice(slice, true); });
    connect(search_, &widgets::SearchPanel::currentMatchChanged, this,
            [this](SliceRef slice) { view_->selectSlice(slice, true); });
    connect(view_, &widgets::TimelineView::rangeSelected, this, &MainWindow::summarise);
    const auto searchFor = [this](const QString& name) {
        searchDock_->show();
        searchDock_->raise();
        search_->setQuery(name);
    };
    connect(summary_, &widgets::RangeSummaryPanel::nameActivated, this, searchFor);
    connect(operators_, &widgets::OperatorStatsPanel::nameActivated, this, searchFor);
    connect(view_, &widgets::TimelineView::viewportChanged, this, &MainWindow::showViewport);
    connect(insights_, &widgets::InsightsPanel::insightActivated, this,
            [this](const QString& id) { showInsight(id); });
    connect(insights_, &widgets::InsightsPanel::thresholdsRequested, this,
            &MainWindow::editThresholds);
    connect(insights_, &widgets::InsightsPanel::annotateRequested, this, [this](const QString& id) {
        if (!findings())
            return;
        for (const analysis::Insight& insight : *findings())
            if (insight.id == id.toStdString())
                notes_->annotateInsight(insight);
    });
    connect(&notes_->store(), &AnnotationStore::saveFailed, this, &MainWindow::showNotice);
    connect(notes_, &AnnotationController::added, this, [this] {
        annotationsDock_->show();
        annotationsDock_->raise();
    });
}

void MainWindow::showNotice(const QString& message) {
    statusBar()->showMessage(message, 15000);
    emit sessionNotice(message);
    if (!persistent_)
        return; // screenshots and tests: no dialogs
    auto* box = new QMessageBox(QMessageBox::Information, tr("Annotations"), message,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::summarise(widgets::TimeRange range, const std::vector<std::uint32_t>& tracks) {
    if (!doc_)
        return;
    const auto& trace = doc_->trace();
    operators_->setSelectedRange(analysis::Interval{range.start, range.end});
    summary_->setSummary(trace, analysis::summarizeRange(*trace, tracks, range.start, range.end),
                         range.start, range.end, static_cast<int>(tracks.size()));
    summaryDock_->show();
    summaryDock_->raise();
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

void MainWindow::openSample() {
    QString error;
    const QString path = extractEmbeddedSample(&error);
    if (path.isEmpty())
        showLoadError(error);
    else
        openPath(path);
}

void MainWindow::compareWith(const QString& path) {
    if (!doc_) {
        showLoadError(tr("Open the baseline trace first, then compare it with another run."));
        return;
    }
    auto* window = new CompareWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    window->openRuns(doc_->path(), path);
}

void MainWindow::openSampleComparison(bool tuned) {
    QString error;
    const QString base =
        extractEmbeddedSample(tuned ? "bert_eager_ascend_pt" : "bert_a10.pt.trace.json", &error);
    const QString comp = base.isEmpty()
                             ? QString()
                             : extractEmbeddedSample(
                                   tuned ? "bert_tuned_ascend_pt" : "bert_eager_ascend_pt", &error);
    if (comp.isEmpty()) {
        showLoadError(error);
        return;
    }
    auto* window = new CompareWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    window->openRuns(base, comp);
}

void MainWindow::openPath(const QString& requested) {
    // A session file opens the trace it belongs to (a file manager offers it to Lanescope).
    QString path = requested;
    if (session::isSessionFile(requested.toStdString())) {
        try {
            path = QString::fromStdString(session::traceOfSessionFile(requested.toStdString()));
        } catch (const std::runtime_error& error) {
            showLoadError(QString::fromStdString(error.what()));
            return;
        }
    }
    if (QFileInfo(path).isDir())
        openFolder(path);
    else
        loadTracePath(path, {}, QFileInfo(path).fileName(), path, false);
}

std::shared_ptr<std::atomic<bool>> MainWindow::beginLoad(const QString& name, QObject* watcher) {
    // Each load has its own cancel flag, shared with its worker: a newer load or closing the
    // window cancels it without the worker ever touching a destroyed window.
    if (loadCancel_)
        *loadCancel_ = true;
    const auto cancel = std::make_shared<std::atomic<bool>>(false);
    loadCancel_ = cancel;
    loadView_->begin(name);
    // The loading page comes up with the second preview, so that a small trace, loaded by then,
    // shows no page flashing by (the watcher, deleted when the load ends, cancels the timer).
    QTimer::singleShot(previewInterval_, watcher, [this, cancel] {
        if (*cancel)
            return;
        showTimelinePage(loadView_, true);
        loadView_->setFocus();
    });
    return cancel;
}

void MainWindow::openFolder(const QString& path) {
    const QString name = QFileInfo(path).fileName();
    auto* watcher = new QFutureWatcher<ClusterOutcome>(this);
    const auto cancel = beginLoad(name, watcher);
    loadView_->setProgress(tr("Looking for the ranks in %1").arg(name), 0.0);
    watcher->setFuture(summarizeFolderInBackground(
        path, cancel, loadView_, [this, name, cancel](std::size_t done, std::size_t total) {
            if (*cancel)
                return;
            loadView_->setProgress(tr("Summarising the job %1\n%2 of %3 ranks, on every core")
                                       .arg(name)
                                       .arg(done)
                                       .arg(total),
                                   total ? static_cast<double>(done) / static_cast<double>(total)
                                         : 0.0);
        }));
    connect(watcher, &QFutureWatcher<ClusterOutcome>::finished, this,
            [this, watcher, path, cancel] {
                const ClusterOutcome outcome = watcher->result();
                watcher->deleteLater();
                if (*cancel) // cancelled, or superseded by a newer load
                    return;
                if (!outcome.isJob) {
                    loadTracePath(path, {}, QFileInfo(path).fileName(), path, false);
                    return;
                }
                showTimelinePage(view_, false);
                if (outcome.view)
                    showCluster(path, outcome.view, outcome.problems);
                else
                    showLoadError(outcome.error);
            });
}

void MainWindow::loadTracePath(const QString& path, const std::vector<std::string>& onlyRankFolders,
                               const QString& label, const QString& sessionPath, bool ofCluster) {
    auto* watcher = new QFutureWatcher<LoadOutcome>(this);
    const auto cancel = beginLoad(label, watcher);
    const bool sidecar = sessionFiles_ && !sessionPath.isEmpty();
    watcher->setFuture(loadInBackground(
        path, cancel, loadView_,
        [this, label, cancel](const formats::LoadProgress& p) {
            if (*cancel) // a newer load owns the page now
                return;
            loadView_->setProgress(describeProgress(label, p),
                                   p.building     ? 1.0
                                   : p.bytesTotal ? static_cast<double>(p.bytesDone) /
                                                        static_cast<double>(p.bytesTotal)
                                                  : 0.0);
            if (p.preview)
                loadView_->setPreview(p.preview);
        },
        sidecar ? std::optional<QString>(sessionDataDir()) : std::nullopt, previewInterval_,
        onlyRankFolders));
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this,
            [this, watcher, label, sessionPath, ofCluster, cancel] {
                const LoadOutcome outcome = watcher->result();
                watcher->deleteLater();
                if (*cancel) // cancelled, or superseded by a newer load
                    return;
                showTimelinePage(view_, false);
                loadView_->setPreview(nullptr);
                if (outcome.trace) {
                    if (!ofCluster)
                        closeCluster();
                    if (persistent_ && !sessionPath.isEmpty()) {
                        recent_.add(sessionPath);
                        rebuildRecentMenu();
                    }
                    pages_->setTabText(1, tr("Timeline: %1").arg(label));
                    showTrace(outcome.trace, outcome.flows, sessionPath, outcome.sidecar);
                } else if (!outcome.error.isEmpty()) {
                    showLoadError(outcome.error);
                }
            });
}

void MainWindow::cancelLoad() {
    if (loadCancel_)
        *loadCancel_ = true;
    showTimelinePage(view_, false);
    loadView_->setPreview(nullptr);
    status_->setText(tr("Loading cancelled"));
}

QString MainWindow::sessionDataDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

void MainWindow::showLoadError(const QString& message) {
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open trace"), message,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // not exec(): the window (and tests driving it) keep running
    emit loadFailed(message);
}

void MainWindow::showTrace(std::shared_ptr<const Trace> trace,
                           std::shared_ptr<const analysis::FlowIndex> flows, const QString& path,
                           std::optional<session::SidecarRead> sidecar) {
    if (doc_) {
        disconnect(doc_, nullptr, this, nullptr); // its results can no longer arrive
        doc_->deleteLater();                      // and its analysis stops
    }
    doc_ = new TraceDocument(path, std::move(trace), std::move(flows), this);
    connect(doc_, &TraceDocument::analysed, this, &MainWindow::showFindings);
    const std::shared_ptr<const Trace>& shown = doc_->trace();
    describe(*shown);
    view_->setTrace(shown, doc_->flows());
    const QString notice =
        notes_->open(sessionFiles_ ? path : QString(), shown, sessionDataDir(), std::move(sidecar));
    doc_->setThresholds(sessionThresholds());
    if (!notice.isEmpty())
        showNotice(notice);
    details_->clear();
    summary_->clear();
    search_->setTrace(shown);
    operators_->setOps(shown, nullptr);
    diagnostics_->setTrace(shown);
    diagnosticsDock_->setWindowTitle(tr("Load diagnostics (%1)").arg(loadDiagnosticCount(*shown)));
    if (!shown->notes.empty()) // e.g. a rank found twice: the user should read it first
        diagnosticsDock_->raise();
    rebuildFlowMenu();
    view_->setFocus();
    analyse();
    emit traceLoaded();
}

void MainWindow::showWelcome() {
    auto* box = new QMessageBox(QMessageBox::NoIcon, tr("Welcome to Lanescope"),
                                tr("Open a PyTorch/Kineto trace, an Ascend *_ascend_pt folder or "
                                   "any Chrome trace JSON — or start with the sample: a BERT step "
                                   "on an Ascend NPU where the host waits in aten::to while the "
                                   "NPU drains hundreds of small kernels."),
                                QMessageBox::NoButton, this);
    QPushButton* sample = box->addButton(tr("Open the Sample"), QMessageBox::AcceptRole);
    box->addButton(tr("Open File…"), QMessageBox::ActionRole);
    box->addButton(QMessageBox::Close);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, sample](QAbstractButton* button) {
        if (button == sample)
            openSample();
        else if (box->buttonRole(button) == QMessageBox::ActionRole)
            chooseFile();
    });
    box->open();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList paths = recent_.paths();
    for (const QString& path : paths)
        recentMenu_->addAction(path, this, [this, path] {
            if (QFileInfo::exists(path)) {
                openPath(path);
            } else {
                recent_.remove(path);
                rebuildRecentMenu();
                showLoadError(tr("%1: no longer exists").arg(path));
            }
        });
    recentMenu_->addSeparator();
    recentMenu_
        ->addAction(tr("Clear Recent"), this,
                    [this] {
                        recent_.clear();
                        rebuildRecentMenu();
                    })
        ->setEnabled(!paths.isEmpty());
}

void MainWindow::rebuildFlowMenu() {
    flowMenu_->clear();
    const std::vector<std::string> categories = view_->flowCategories();
    for (const std::string& category : categories) {
        const QString label =
            category.empty() ? tr("(no category)") : QString::fromStdString(category);
        QAction* action = flowMenu_->addAction(label);
        action->setCheckable(true);
        action->setChecked(view_->flowCategoryEnabled(category));
        connect(action, &QAction::toggled, this, [this, category](bool on) {
            view_->setFlowCategoryEnabled(category, on);
            if (!persistent_)
                return;
            QStringList hidden = QSettings().value("hiddenFlowCategories").toStringList();
            hidden.removeAll(QString::fromStdString(category));
            if (!on)
                hidden << QString::fromStdString(category);
            QSettings().setValue("hiddenFlowCategories", hidden);
        });
    }
    flowMenu_->setEnabled(!categories.empty());
}

void MainWindow::describe(const Trace& trace) {
    const QString name =
        trace.files.empty()
            ? QString()
            : QFileInfo(QString::fromStdString(trace.files.front().path)).fileName();
    setWindowTitle(tr("%1 — Lanescope").arg(name));
    status_->setText(
        tr("%1 · %2 · %3 slices · %4 flows · %5 · %6 load diagnostics")
            .arg(QString::fromStdString(trace.format))
            .arg(trace.files.size() == 1 ? tr("1 file") : tr("%1 files").arg(trace.files.size()))
            .arg(QLocale().toString(static_cast<qulonglong>(trace.sliceCount())))
            .arg(QLocale().toString(static_cast<qulonglong>(trace.flows.size())))
            .arg(widgets::formatDuration(trace.spanEnd - trace.spanStart))
            .arg(loadDiagnosticCount(trace)));
}

void MainWindow::showViewport() {
    const Trace* trace = view_->trace();
    if (!trace)
        return;
    const widgets::TimelineViewport& v = view_->viewport();
    viewStatus_->setText(tr("view %1 … %2 (%3)")
                             .arg(widgets::formatDuration(v.start - trace->spanStart),
                                  widgets::formatDuration(v.end - trace->spanStart),
                                  widgets::formatDuration(v.end - v.start)));
}

void MainWindow::setDarkTheme(bool dark) {
    darkTheme_->setChecked(dark);
    view_->setTheme(dark ? widgets::TimelineTheme::dark() : widgets::TimelineTheme::light());
    loadView_->setTheme(view_->theme());
    clusterPage_->setTheme(view_->theme());
    QApplication::setPalette(applicationPalette(dark));
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    setDarkTheme(settings.value("view/dark", false).toBool());
    absoluteTime_->setChecked(settings.value("view/absoluteTime", false).toBool());
    view_->setAbsoluteTime(absoluteTime_->isChecked());
    view_->setNameColumnWidth(settings.value("view/nameColumnWidth", 260).toInt());
    for (const QString& category : settings.value("hiddenFlowCategories").toStringList())
        view_->setFlowCategoryEnabled(category.toStdString(), false);
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    // On the cluster page the docks are put away: keep the timeline's layout.
    settings.setValue("window/state",
                      centre_->currentWidget() == clusterPage_ ? timelineLayout_ : saveState());
    settings.setValue("view/dark", darkTheme_->isChecked());
    settings.setValue("view/absoluteTime", absoluteTime_->isChecked());
    settings.setValue("view/nameColumnWidth", view_->renderer().nameColumnWidth);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // The last chance to keep the annotations: closing loses them only when the user says so.
    if (!notes_->store().saveNow() && persistent_ &&
        QMessageBox::warning(this, tr("Annotations not saved"),
                             tr("%1\n\nClose anyway and lose the changes since the last save?")
                                 .arg(notes_->store().lastError()),
                             QMessageBox::Discard | QMessageBox::Cancel,
                             QMessageBox::Cancel) == QMessageBox::Cancel) {
        event->ignore();
        return;
    }
    if (persistent_)
        saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile())
        return;
    event->acceptProposedAction();
    openPath(urls.front().toLocalFile());
}

} // namespace lanescope::app
