// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The main window's job pages: the cluster page a job folder opens on, the tabs between it and
// the timeline, and its ranks' timelines opened from it.
#include "cluster_page.h"
#include "cluster_rank_model.h"
#include "load_preview_view.h"
#include "main_window.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>

namespace lanescope::app {

void MainWindow::showCluster(const QString& path, std::shared_ptr<const cluster::ClusterView> view,
                             const QStringList& problems) {
    clusterPath_ = path;
    const std::size_t ranks = view->ranks.size();
    clusterPage_->setJob(path, std::move(view), problems);
    pages_->setTabText(0, tr("Cluster: %1 (%2 ranks)").arg(QFileInfo(path).fileName()).arg(ranks));
    pages_->show();
    showPage(0);
    setWindowTitle(tr("%1 — Lanescope").arg(QFileInfo(path).fileName()));
    status_->setText(
        problems.isEmpty()
            ? tr("%1 ranks summarised; double-click a rank to open its timeline").arg(ranks)
            : tr("%1 ranks summarised, %2 could not be read").arg(ranks).arg(problems.size()));
    if (persistent_) {
        recent_.add(path);
        rebuildRecentMenu();
    }
    clusterPage_->table()->setFocus();
    emit clusterLoaded();
}

void MainWindow::openRanks(const std::vector<std::size_t>& ranks) {
    const cluster::ClusterView* view = clusterPage_->view();
    if (!view || ranks.empty())
        return;
    if (ranks.size() == 1) {
        const cluster::RankSummary& rank = view->ranks.at(ranks.front());
        const QString folder = QString::fromStdString(rank.source);
        loadTracePath(folder, {}, widgets::rankTitle(rank), folder, true);
    } else {
        std::vector<std::string> folders;
        QStringList titles;
        for (std::size_t r : ranks) {
            folders.push_back(view->ranks.at(r).source);
            titles << widgets::rankTitle(view->ranks.at(r));
        }
        const QString label = titles.size() <= 4 ? titles.join(QStringLiteral(", "))
                                                 : tr("%1 ranks").arg(titles.size());
        loadTracePath(clusterPath_, folders, label, QString(), true);
    }
    // The user asked for the timeline: it comes up at once, loading.
    showTimelinePage(loadView_, true);
    loadView_->setFocus();
}

void MainWindow::closeCluster() {
    if (clusterPath_.isEmpty())
        return;
    showPage(1);
    pages_->hide();
    clusterPage_->clear();
    clusterPath_.clear();
}

void MainWindow::showTimelinePage(QWidget* page, bool raise) {
    timelinePage_ = page;
    if (raise || pages_->isHidden() || pages_->currentIndex() == 1)
        showPage(1);
}

void MainWindow::showPage(int tab) {
    const QSignalBlocker quiet(pages_);
    pages_->setCurrentIndex(tab);
    // The docks speak of the timeline: the cluster page takes the whole window, and the
    // timeline gets its docks back as they were.
    const bool onCluster = centre_->currentWidget() == clusterPage_;
    if (tab == 0 && !onCluster) {
        timelineLayout_ = saveState();
        for (QDockWidget* dock : findChildren<QDockWidget*>())
            dock->hide();
    } else if (tab == 1 && onCluster) {
        restoreState(timelineLayout_);
    }
    centre_->setCurrentWidget(tab == 0 ? static_cast<QWidget*>(clusterPage_) : timelinePage_);
}

} // namespace lanescope::app
