// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

// Helpers shared by the window tests: set-up, where screenshots go, menu actions and pixel
// counting.
#include <QAction>
#include <QApplication>
#include <QColor>
#include <QDir>
#include <QImage>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRect>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <cstdlib>

namespace lanescope::test {

// Before the first window: settings go to the test location (~/.qttest, never the user's) under
// a test organisation, and widgets use the style the app sets.
inline void setUpWindowTests() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("LanescopeTests");
    QApplication::setStyle("Fusion");
}

// LANESCOPE_SCREENSHOT_DIR keeps the PNGs for a person to look at; otherwise a scratch folder.
inline QString screenshotPath(const QString& name) {
    static QTemporaryDir scratch;
    const QString dir = qEnvironmentVariableIsSet("LANESCOPE_SCREENSHOT_DIR")
                            ? qEnvironmentVariable("LANESCOPE_SCREENSHOT_DIR")
                            : scratch.path();
    QDir().mkpath(dir);
    return dir + "/" + name + ".png";
}

// The menu-bar action whose text (without its & mnemonic) is `text`, or nullptr.
inline QAction* menuAction(QMainWindow& window, const QString& text) {
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->text().remove('&') == text)
                return action;
    return nullptr;
}

// Pixels of exactly `colour` inside `area`.
inline int countColour(const QImage& image, QColor colour, QRect area) {
    int n = 0;
    area = area.intersected(image.rect());
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            n += QColor(image.pixel(x, y)).rgb() == colour.rgb();
    return n;
}

// Pixels within `tolerance` of `colour` on every channel inside `area` (antialiased strokes and
// translucent fills are never exact).
inline int countNear(const QImage& image, QColor colour, QRect area, int tolerance) {
    int n = 0;
    area = area.intersected(image.rect());
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor c(image.pixel(x, y));
            n += std::abs(c.red() - colour.red()) <= tolerance &&
                 std::abs(c.green() - colour.green()) <= tolerance &&
                 std::abs(c.blue() - colour.blue()) <= tolerance;
        }
    return n;
}

} // namespace lanescope::test
