// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "page_writer.h"

#include <QFileInfo>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace lanescope::widgets {

namespace {

bool saveSvg(const QString& path, const PageSpec& page) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(page.size);
    svg.setViewBox(QRect(QPoint(0, 0), page.size));
    svg.setTitle(page.title);
    svg.setDescription(page.description);
    QPainter p;
    if (!p.begin(&svg))
        return false;
    page.paint(p);
    return p.end();
}

bool savePdf(const QString& path, const PageSpec& page) {
    QPdfWriter pdf(path);
    pdf.setResolution(96); // one logical pixel per 1/96 inch, as on screen
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setPageSize(
        QPageSize(QSizeF(page.size.width() * 72.0 / 96.0, page.size.height() * 72.0 / 96.0),
                  QPageSize::Point, QString(), QPageSize::ExactMatch));
    pdf.setTitle(page.title);
    pdf.setCreator(QStringLiteral("Lanescope " LANESCOPE_VERSION));
    QPainter p;
    if (!p.begin(&pdf))
        return false;
    page.paint(p);
    return p.end();
}

} // namespace

QString displayFileName(const QString& path) {
    QString trimmed = path;
    while (trimmed.endsWith('/'))
        trimmed.chop(1);
    return QFileInfo(trimmed).fileName();
}

QImage renderPage(const PageSpec& page) {
    QImage image(page.size * page.scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(page.scale);
    image.fill(page.background);
    QPainter p(&image);
    p.setRenderHint(QPainter::TextAntialiasing);
    page.paint(p);
    return image;
}

bool savePage(const QString& path, const PageSpec& page, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == "png")
        ok = renderPage(page).save(path, "PNG");
    else if (suffix == "svg")
        ok = saveSvg(path, page);
    else if (suffix == "pdf")
        ok = savePdf(path, page);
    else {
        if (error)
            *error = QObject::tr("%1: the name must end in .png, .svg or .pdf").arg(path);
        return false;
    }
    // QSvgGenerator and QPdfWriter report an unwritable file only through the result.
    if (!ok || !QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
        if (error)
            *error = QObject::tr("%1: cannot write the file").arg(path);
        return false;
    }
    return true;
}

} // namespace lanescope::widgets
