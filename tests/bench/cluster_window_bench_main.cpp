// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// lanescope-cluster-window-bench JOB_DIR [PNG]: how long a job folder takes to open in the window
// (offscreen): from openPath to the cluster page shown (every rank summarised on every core),
// then the page's first full paint and a repaint of the heatmap alone, a re-sort of the rank
// table, and the process's peak RSS; PNG keeps a picture of the page. `lanescope-gen-job` writes
// jobs of any size.
#include "cluster_heatmap.h"
#include "cluster_load_job.h"
#include "cluster_page.h"
#include "main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QSignalSpy>
#include <QTableView>
#include <cstdio>
#include <sys/resource.h>

using namespace lanescope;

namespace {

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double milliseconds(QElapsedTimer& timer) {
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: lanescope-cluster-window-bench JOB_DIR [PNG]\n");
        return 2;
    }
    // The summaries alone, as the window's worker makes them (the page cache is warm after).
    QElapsedTimer timer;
    timer.start();
    const std::atomic<bool> never{false};
    const app::ClusterOutcome alone =
        app::summarizeFolderNow(QString::fromLocal8Bit(argv[1]), &never, {});
    const double summarised = milliseconds(timer);
    if (!alone.view) {
        std::fprintf(stderr, "%s: not a job\n", argv[1]);
        return 1;
    }
    app::MainWindow window(false);
    window.resize(1920, 1080);
    window.show();
    QSignalSpy shown(&window, &app::MainWindow::clusterLoaded);
    QSignalSpy failed(&window, &app::MainWindow::loadFailed);
    timer.restart();
    window.openPath(QString::fromLocal8Bit(argv[1]));
    QEventLoop until;
    QObject::connect(&window, &app::MainWindow::clusterLoaded, &until, &QEventLoop::quit);
    QObject::connect(&window, &app::MainWindow::loadFailed, &until, &QEventLoop::quit);
    until.exec();
    if (!failed.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(failed.front().front().toString()));
        return 1;
    }
    const double opened = milliseconds(timer);
    timer.restart();
    const QImage page = window.grab().toImage();
    const double firstPaint = milliseconds(timer);
    widgets::ClusterHeatmap& heatmap = *window.clusterPage()->heatmap();
    QImage canvas(heatmap.size(), QImage::Format_ARGB32_Premultiplied);
    timer.restart();
    heatmap.render(&canvas);
    const double repaint = milliseconds(timer);
    timer.restart();
    window.clusterPage()->setJob(QString::fromLocal8Bit(argv[1]), alone.view, alone.problems);
    const double setJob = milliseconds(timer);
    timer.restart();
    window.clusterPage()->table()->sortByColumn(2, Qt::DescendingOrder);
    QApplication::processEvents();
    const double sort = milliseconds(timer);
    const cluster::ClusterView& view = *window.clusterPage()->view();
    std::printf("job: %zu ranks, %zu steps (heatmap %dx%d px)\n", view.ranks.size(),
                view.steps.size(), heatmap.width(), heatmap.height());
    std::printf("summarising every rank (no window): %.0f ms\n", summarised);
    std::printf("open to cluster page: %.0f ms\n", opened);
    std::printf("first paint of the window: %.1f ms\n", firstPaint);
    std::printf("heatmap repaint: %.1f ms\n", repaint);
    std::printf("filling the page (table, heatmap, summary): %.1f ms\n", setJob);
    std::printf("re-sort of the rank table: %.1f ms\n", sort);
    std::printf("peak RSS: %.1f MB\n", peakRssMb());
    if (argc == 3 && !window.grab().save(QString::fromLocal8Bit(argv[2])))
        return 1;
    return page.isNull() ? 1 : 0;
}
