#pragma once

#include <QColor>
#include <QString>

namespace lanescope::widgets {

// Colours of the timeline. Slice colours are stable per name (the same op is the same colour
// everywhere and across reloads) and readable on both backgrounds.
struct TimelineTheme {
    QColor background;
    QColor laneBackground;
    QColor laneAlternate;
    QColor header;
    QColor headerText;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor ruler;
    QColor sliceText;
    QColor counterFill;
    int sliceLightness;

    static TimelineTheme light();
    static TimelineTheme dark();
    QColor sliceColor(const QString& name) const;
};

} // namespace lanescope::widgets
