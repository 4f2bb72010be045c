// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <QString>

namespace lanescope::app {

// The name the desktop entry, the icon and the metainfo share (packaging/linux).
inline const QString kAppId = QStringLiteral("io.github.lanescope.Lanescope");

// Names the running application as the desktop knows it: its name, organisation and version
// (QSettings and --version use them), its desktop entry (so a Wayland compositor matches the
// window to the menu entry and its icon) and its window icon: the installed theme's icon when
// there is one, else the SVG compiled in. Call once, after the QApplication is made.
void setApplicationIdentity();

} // namespace lanescope::app
