// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "export_dialog.h"

#include "time_format.h"
#include "view_export.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace lanescope::app {

ExportDialog::ExportDialog(const Ranges& ranges, const QString& suggestedPath, int width,
                           QWidget* parent)
    : QDialog(parent), ranges_(ranges), range_(new QComboBox(this)), scale_(new QComboBox(this)),
      width_(new QSpinBox(this)), title_(new QLineEdit(this)),
      path_(new QLineEdit(suggestedPath, this)) {
    setWindowTitle(tr("Export view"));
    range_->addItem(
        tr("Current view (%1)").arg(widgets::formatDuration(ranges.viewEnd - ranges.viewStart)),
        "view");
    if (ranges.hasSelection)
        range_->addItem(
            tr("Selected range (%1)")
                .arg(widgets::formatDuration(ranges.selectionEnd - ranges.selectionStart)),
            "selection");
    range_->addItem(
        tr("Whole trace (%1)").arg(widgets::formatDuration(ranges.wholeEnd - ranges.wholeStart)),
        "whole");
    for (int s = 1; s <= 3; ++s)
        scale_->addItem(tr("%1× (PNG)").arg(s), s);
    scale_->setCurrentIndex(1); // sharp on high-DPI screens and in slides
    width_->setRange(400, 20000);
    width_->setSuffix(tr(" px"));
    width_->setValue(width);
    title_->setPlaceholderText(tr("the trace's name"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto* file = new QHBoxLayout;
    file->addWidget(path_, 1);
    file->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Range"), range_);
    form->addRow(tr("Title"), title_);
    form->addRow(tr("Width"), width_);
    form->addRow(tr("Scale"), scale_);
    form->addRow(tr("File (.png, .svg, .pdf)"), file);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

void ExportDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export view"), path_->text(), tr("PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)"));
    if (!chosen.isEmpty())
        path_->setText(chosen);
}

widgets::ExportRequest ExportDialog::request() const {
    const QString choice = range_->currentData().toString();
    widgets::ExportRequest request;
    request.start = ranges_.viewStart;
    request.end = ranges_.viewEnd;
    if (choice == "selection" && ranges_.hasSelection) {
        request.start = ranges_.selectionStart;
        request.end = ranges_.selectionEnd;
    } else if (choice == "whole") {
        request.start = ranges_.wholeStart;
        request.end = ranges_.wholeEnd;
    }
    request.end = std::max(request.end, request.start + 1);
    request.width = width_->value();
    request.scale = scale_->currentData().toInt();
    request.title = title_->text();
    return request;
}

QString ExportDialog::path() const {
    return path_->text();
}

void ExportDialog::setPath(const QString& path) {
    path_->setText(path);
}

void ExportDialog::setRangeChoice(const QString& choice) {
    range_->setCurrentIndex(std::max(0, range_->findData(choice)));
}

void ExportDialog::setScale(int scale) {
    scale_->setCurrentIndex(std::max(0, scale_->findData(scale)));
}

} // namespace lanescope::app
