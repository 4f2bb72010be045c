#pragma once

#include <QColor>
#include <QString>

namespace lanescope::widgets {

// Colours of the timeline. Slice colours are stable per name (the same op is the same colour
// everywhere and across reloads) and readable on both backgrounds.
struct TimelineTheme {
    QString name;
    QColor background;
    QColor laneBackground;
    QColor laneAlternate;
    QColor rankHeader;
    QColor header;
    QColor headerText;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor ruler;
    QColor sliceText;
    QColor counterFill;
    QColor accent;    // selection outline, pinned marker
    QColor rangeFill; // selected time range
    QColor flow;      // flow arrows
    int sliceLightness = 170;

    static TimelineTheme light();
    static TimelineTheme dark();
    QColor sliceColor(const QString& name) const;
};

} // namespace lanescope::widgets
