// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "app_palette.h"

#include "timeline_theme.h"

#include <QApplication>
#include <QStyle>

namespace lanescope::app {

QPalette applicationPalette(bool dark) {
    if (!dark)
        return QApplication::style()->standardPalette();
    const widgets::TimelineTheme theme = widgets::TimelineTheme::dark();
    QPalette p;
    p.setColor(QPalette::Window, theme.ruler);
    p.setColor(QPalette::WindowText, theme.text);
    p.setColor(QPalette::Base, theme.laneBackground);
    p.setColor(QPalette::AlternateBase, theme.laneAlternate);
    p.setColor(QPalette::ToolTipBase, theme.header);
    p.setColor(QPalette::ToolTipText, theme.text);
    p.setColor(QPalette::PlaceholderText, theme.mutedText);
    p.setColor(QPalette::Text, theme.text);
    p.setColor(QPalette::Button, theme.header);
    p.setColor(QPalette::ButtonText, theme.text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x25, 0x63, 0xeb));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x93, 0xc5, 0xfd));
    p.setColor(QPalette::Mid, theme.grid);
    p.setColor(QPalette::Dark, theme.background);
    p.setColor(QPalette::Disabled, QPalette::Text, theme.mutedText);
    p.setColor(QPalette::Disabled, QPalette::WindowText, theme.mutedText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, theme.mutedText);
    return p;
}

} // namespace lanescope::app
