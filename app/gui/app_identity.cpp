// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "app_identity.h"

#include <QApplication>
#include <QIcon>

namespace lanescope::app {

void setApplicationIdentity() {
    QApplication::setApplicationName(QStringLiteral("Lanescope"));
    QApplication::setOrganizationName(QStringLiteral("Lanescope"));
    QApplication::setApplicationVersion(QStringLiteral(LANESCOPE_VERSION));
    QGuiApplication::setDesktopFileName(kAppId);
    QApplication::setWindowIcon(
        QIcon::fromTheme(kAppId, QIcon(QStringLiteral(":/icons/%1.svg").arg(kAppId))));
}

} // namespace lanescope::app
