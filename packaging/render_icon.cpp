// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// lanescope-render-icon IN.svg OUT.png SIZE: the app icon drawn at SIZE×SIZE pixels, for the
// hicolor theme's PNG sizes (a build tool; the packages ship its output, not the tool).
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: lanescope-render-icon IN.svg OUT.png SIZE\n";
        return 1;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int size = QString::fromLocal8Bit(argv[3]).toInt();
    QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
    if (!svg.isValid() || size <= 0) {
        std::cerr << "lanescope-render-icon: cannot draw " << argv[1] << " at size " << argv[3]
                  << "\n";
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter);
    painter.end();
    if (!image.save(QString::fromLocal8Bit(argv[2]), "PNG")) {
        std::cerr << "lanescope-render-icon: cannot write " << argv[2] << "\n";
        return 1;
    }
    return 0;
}
