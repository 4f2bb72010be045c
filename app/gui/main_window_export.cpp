// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// MainWindow's exports: File → Export View…, Copy View Image and Export Report….
#include "annotation_controller.h"
#include "export_dialog.h"
#include "main_window.h"
#include "review_report.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStatusBar>
#include <QUrl>

namespace lanescope::app {

widgets::ExportRequest MainWindow::currentViewRequest() const {
    widgets::ExportRequest request;
    request.start = view_->viewport().start;
    request.end = view_->viewport().end;
    request.width = std::max(400, view_->width());
    request.nameColumnWidth = view_->renderer().nameColumnWidth;
    return request;
}

bool MainWindow::exportViewTo(const QString& path, const widgets::ExportRequest& request,
                              QString* error) {
    if (!doc_) {
        if (error)
            *error = tr("No trace is open");
        return false;
    }
    const widgets::ViewExporter exporter(*doc_->trace(), view_->laneState(), view_->overlay(),
                                         view_->theme(), doc_->path());
    return exporter.save(path, request, error);
}

void MainWindow::exportView() {
    if (!doc_)
        return;
    const widgets::TimelineOverlay& overlay = view_->overlay();
    const ExportDialog::Ranges ranges{view_->viewport().start,
                                      view_->viewport().end,
                                      overlay.range.has_value(),
                                      overlay.range ? overlay.range->start : 0,
                                      overlay.range ? overlay.range->end : 0,
                                      doc_->trace()->spanStart,
                                      doc_->trace()->spanEnd};
    const QString path = doc_->path();
    const QString base = QFileInfo(path.endsWith('/') ? path.chopped(1) : path).completeBaseName();
    auto* dialog = new ExportDialog(ranges, QDir::home().filePath(base + "-view.png"),
                                    currentViewRequest().width, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        widgets::ExportRequest request = dialog->request();
        request.nameColumnWidth = view_->renderer().nameColumnWidth;
        QString error;
        if (exportViewTo(dialog->path(), request, &error))
            statusBar()->showMessage(tr("Exported %1").arg(dialog->path()), 10000);
        else
            showLoadError(error);
    });
    dialog->open();
}

void MainWindow::copyViewImage() {
    if (!doc_)
        return;
    widgets::ExportRequest request = currentViewRequest();
    request.scale = devicePixelRatioF();
    const widgets::ViewExporter exporter(*doc_->trace(), view_->laneState(), view_->overlay(),
                                         view_->theme(), doc_->path());
    QGuiApplication::clipboard()->setImage(exporter.image(request));
    statusBar()->showMessage(tr("The view's image is on the clipboard"), 5000);
}

bool MainWindow::exportReportTo(const QString& dir, QString* error) {
    if (!doc_ || !doc_->findings()) {
        if (error)
            *error = tr("The report needs a trace whose insights are ready");
        return false;
    }
    widgets::ReportInput input;
    input.trace = doc_->trace();
    input.tracePath = doc_->path();
    input.devices = doc_->devices();
    input.insights = doc_->findings();
    input.annotations = notes_->store().session().annotations;
    input.lanes = view_->laneState();
    input.theme = view_->theme();
    return widgets::writeReviewReport(input, dir, error);
}

void MainWindow::exportReport() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the review report"));
    if (dir.isEmpty())
        return;
    QString error;
    if (!exportReportTo(dir, &error)) {
        showLoadError(error);
        return;
    }
    statusBar()->showMessage(tr("Wrote %1/report.html").arg(dir), 10000);
    QDesktopServices::openUrl(QUrl::fromLocalFile(dir + "/report.html"));
}

} // namespace lanescope::app
