// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "cluster/cluster_view.h"
#include "model/trace.h"
#include "recent_files.h"
#include "session/session_file.h"
#include "timeline_view.h"
#include "trace_document.h"
#include "trace_load_job.h"
#include "view_export.h"

#include <QMainWindow>
#include <atomic>
#include <memory>
#include <optional>

class QLabel;
class QMenu;
class QDockWidget;
class QAction;

class QStackedWidget;
class QTabBar;

namespace lanescope::widgets {
class AnnotationsPanel;
class ClusterPage;
class LoadPreviewView;
class DiagnosticsPanel;
class InsightsPanel;
class OperatorStatsPanel;
class RangeSummaryPanel;
class SearchPanel;
class SliceDetailsPanel;
} // namespace lanescope::widgets

namespace lanescope::app {

class AnnotationController;

// The main window: the timeline in the centre, docks for the insights, the selected slice's
// details, search, the range summary and the load diagnostics; window layout, theme, thresholds
// and recent files persist in QSettings. Traces load on a worker thread; meanwhile the centre
// shows what was read so far (LoadPreviewView, refreshed several times a second) with a Cancel
// button, and the rest of the window stays usable; errors name the file and position. The detectors
// then run on a worker too, and their findings fill the Insights dock and are drawn on the
// timeline.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // A non-persistent window neither reads nor writes QSettings or session files
    // (screenshots, tests); setSessionFiles turns the session files on.
    explicit MainWindow(bool persistent = true, QWidget* parent = nullptr);
    void setSessionFiles(bool enabled) { sessionFiles_ = enabled; }
    ~MainWindow() override;

    // Loads a trace file or folder in the background; a session file ("….lanescope.json")
    // opens the trace it belongs to. A folder of two or more ranks is a job: its ranks are
    // summarised on every core and the cluster page comes first (clusterPage()); its ranks'
    // timelines open from there (openRanks).
    void openPath(const QString& path);
    // Of the job shown on the cluster page, the timeline of these ranks (indices into its
    // ClusterView::ranks), loaded in the background: one rank as its own trace (with its own
    // session file), several stacked in one timeline (annotations kept in memory only).
    void openRanks(const std::vector<std::size_t>& ranks);
    // The job's page (its view is null until a job folder was opened).
    widgets::ClusterPage* clusterPage() const { return clusterPage_; }
    // The centre's tabs, shown once a job is open: 0 the cluster page, 1 the timeline.
    QTabBar* pages() const { return pages_; }
    void openSample();
    // Opens a compare window: the current trace (the baseline) against `path`.
    void compareWith(const QString& path);
    // The samples' story: the A10 run against the eager Ascend run (`tuned` false), or the eager
    // run against the tuned one.
    void openSampleComparison(bool tuned);
    // `path` (what the user opened) names the sidecar session; without one the annotations
    // live in memory only. `sidecar` is that session as the load job read it (read here
    // without it).
    void showTrace(std::shared_ptr<const Trace> trace,
                   std::shared_ptr<const analysis::FlowIndex> flows = nullptr,
                   const QString& path = {},
                   std::optional<session::SidecarRead> sidecar = std::nullopt);
    widgets::TimelineView* timeline() const { return view_; }
    // The centre's page while a trace loads (hidden otherwise).
    widgets::LoadPreviewView* loadPreview() const { return loadView_; }
    // Stops the newest load and shows the timeline again at once.
    void cancelLoad();
    // How often the loading page is redrawn (tests make it short to see many previews).
    void setPreviewInterval(std::chrono::milliseconds interval) { previewInterval_ = interval; }
    widgets::SliceDetailsPanel* details() const { return details_; }
    widgets::SearchPanel* search() const { return search_; }
    widgets::RangeSummaryPanel* rangeSummary() const { return summary_; }
    widgets::DiagnosticsPanel* diagnostics() const { return diagnostics_; }
    widgets::InsightsPanel* insights() const { return insights_; }
    widgets::AnnotationsPanel* annotations() const { return annotations_; }
    widgets::OperatorStatsPanel* operators() const { return operators_; }
    AnnotationController* annotationController() const { return notes_; }
    // The trace shown, with its findings and thresholds (null before the first trace).
    const TraceDocument* document() const { return doc_; }
    // The current trace's findings (null until the detectors finish).
    const std::vector<analysis::Insight>* findings() const {
        return doc_ ? doc_->findings().get() : nullptr;
    }
    // The thresholds in force: the document's, else the user's settings.
    analysis::Thresholds thresholds() const;
    // Re-runs the detectors with these thresholds (and remembers them).
    void setThresholds(const analysis::Thresholds& thresholds);
    // Zooms the timeline to a finding, emphasises it and selects its region and main event;
    // false when there is no finding with that id.
    bool showInsight(const QString& id);
    void editThresholds();

    // File → Export View… and Copy View Image: the page the exporter draws for the current view
    // (findings, annotations, lanes as shown).
    void exportView();
    void copyViewImage();
    bool exportViewTo(const QString& path, const widgets::ExportRequest& request, QString* error);
    widgets::ExportRequest currentViewRequest() const;
    // File → Export Report…: report.md, report.html and images/ in a folder.
    void exportReport();
    bool exportReportTo(const QString& dir, QString* error);
    void setDarkTheme(bool dark);
    // Offer the sample in the empty window (not for screenshots or tests with a trace).
    void showWelcome();

signals:
    void traceLoaded();
    // A job folder's ranks were summarised and its cluster page is shown.
    void clusterLoaded();
    void insightsReady();
    // Something the user should know about the session file (kept aside, stored elsewhere).
    void sessionNotice(const QString& message);
    void loadFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createDocks();
    void createMenus();
    void connectPanels();
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* panel,
                         Qt::DockWidgetArea area);
    void chooseFile();
    void chooseFolder();
    void rebuildRecentMenu();
    void rebuildFlowMenu();
    void describe(const Trace& trace);
    // The background load of one trace (`onlyRankFolders`: of a job, those ranks stacked),
    // `label` naming it on the timeline's tab; `sessionPath` names its session file ("" keeps
    // the annotations in memory). A trace that is not `ofCluster` closes the cluster page
    // once it has loaded: the tabs would otherwise pair it with a job it is not part of.
    void loadTracePath(const QString& path, const std::vector<std::string>& onlyRankFolders,
                       const QString& label, const QString& sessionPath, bool ofCluster);
    void closeCluster();
    // Summarises a folder's ranks when it is a job, else loads it as one trace.
    void openFolder(const QString& path);
    // A new load's cancel flag (the previous load's raised), the loading page set up for `name`
    // and shown after the first preview interval unless `watcher` is gone by then.
    std::shared_ptr<std::atomic<bool>> beginLoad(const QString& name, QObject* watcher);
    void showCluster(const QString& path, std::shared_ptr<const cluster::ClusterView> view,
                     const QStringList& problems);
    // Makes `page` (the timeline or the loading page) the timeline tab's page, and shows it
    // unless the user is looking at the cluster page and `raise` is false.
    void showTimelinePage(QWidget* page, bool raise);
    void showPage(int tab);
    void showViewport();
    void showLoadError(const QString& message);
    // Where sessions go when a trace's folder is read-only.
    static QString sessionDataDir();
    void summarise(widgets::TimeRange range, const std::vector<std::uint32_t>& tracks);
    void analyse();
    void showFindings();
    // The user's thresholds (settings) with the trace's session's own on top.
    analysis::Thresholds sessionThresholds() const;
    void showNotice(const QString& message);
    void restoreSettings();
    void saveSettings() const;

    widgets::TimelineView* view_;
    widgets::LoadPreviewView* loadView_;
    QStackedWidget* centre_; // view_, loadView_ while loading, or clusterPage_
    widgets::ClusterPage* clusterPage_;
    QTabBar* pages_;            // over centre_, once a job is open
    QWidget* timelinePage_;     // view_, or loadView_ while loading
    QString clusterPath_;       // the job on the cluster page
    QByteArray timelineLayout_; // the docks as the timeline had them (saveState)
    widgets::SliceDetailsPanel* details_ = nullptr;
    widgets::SearchPanel* search_ = nullptr;
    widgets::RangeSummaryPanel* summary_ = nullptr;
    widgets::DiagnosticsPanel* diagnostics_ = nullptr;
    widgets::InsightsPanel* insights_ = nullptr;
    widgets::AnnotationsPanel* annotations_ = nullptr;
    widgets::OperatorStatsPanel* operators_ = nullptr;
    AnnotationController* notes_ = nullptr;
    QDockWidget* insightsDock_ = nullptr;
    QDockWidget* annotationsDock_ = nullptr;
    QDockWidget* detailsDock_ = nullptr;
    QDockWidget* searchDock_ = nullptr;
    QDockWidget* summaryDock_ = nullptr;
    QDockWidget* diagnosticsDock_ = nullptr;
    QDockWidget* operatorsDock_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* flowMenu_ = nullptr;
    QAction* darkTheme_ = nullptr;
    QAction* absoluteTime_ = nullptr;
    QAction* showFindings_ = nullptr;
    QLabel* status_;
    QLabel* viewStatus_;
    RecentFiles recent_;
    TraceDocument* doc_ = nullptr;                  // owned; replaced with each trace
    std::shared_ptr<std::atomic<bool>> loadCancel_; // of the newest load
    bool persistent_ = true;
    bool sessionFiles_ = true; // sidecar session files next to the traces
    std::chrono::milliseconds previewInterval_ = kPreviewInterval;
};

} // namespace lanescope::app
