// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <QColor>
#include <QImage>
#include <QPainter>
#include <QSize>
#include <QString>
#include <functional>

namespace lanescope::widgets {

// A page drawn by `paint` in logical pixels, to be written as an image or a document.
struct PageSpec {
    QSize size;
    double scale = 1; // PNG only: pixels per logical pixel
    QString title;    // SVG and PDF metadata
    QString description;
    QColor background = Qt::white;
    std::function<void(QPainter&)> paint;
};

// A trace's name as pages show it: the file or folder name ("rank0_ascend_pt" for
// ".../rank0_ascend_pt/").
QString displayFileName(const QString& path);

QImage renderPage(const PageSpec& page);
// Writes by the file's extension (.png, .svg, .pdf); false with `error` naming the file.
bool savePage(const QString& path, const PageSpec& page, QString* error);

} // namespace lanescope::widgets
