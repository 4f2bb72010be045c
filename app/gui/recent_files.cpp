// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace lanescope::app {

namespace {
const char* const kKey = "recentFiles";
}

QStringList RecentFiles::paths() const {
    return QSettings().value(kKey).toStringList();
}

void RecentFiles::add(const QString& path) {
    QStringList list = paths();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kLimit)
        list.removeLast();
    QSettings().setValue(kKey, list);
}

void RecentFiles::remove(const QString& path) {
    QStringList list = paths();
    list.removeAll(path);
    QSettings().setValue(kKey, list);
}

void RecentFiles::clear() {
    QSettings().remove(kKey);
}

} // namespace lanescope::app
