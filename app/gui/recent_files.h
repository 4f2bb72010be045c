// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <QStringList>

namespace lanescope::app {

// The most recently opened traces, newest first, kept in QSettings across sessions.
class RecentFiles {
public:
    static constexpr int kLimit = 10;

    QStringList paths() const;
    void add(const QString& path);
    void remove(const QString& path);
    void clear();
};

} // namespace lanescope::app
