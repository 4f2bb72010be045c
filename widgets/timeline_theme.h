// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/slice_kind.h"

#include <QColor>
#include <QString>

namespace lanescope::widgets {

// Colours of the timeline. Slice colours are stable per name (the same op is the same colour
// everywhere and across reloads), tell the kind apart (analysis::SliceKind) and keep `sliceText`
// readable on them (WCAG contrast >= 4.5) on both backgrounds.
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
    QColor accent;            // selection outline, pinned marker
    QColor rangeFill;         // selected time range
    QColor flow;              // flow arrows
    QColor hostWait;          // hatch of a host call blocked on the device
    QColor deviceIdle;        // shading of a device idle gap
    QColor smallOps;          // outline of small-op streaks and fusion candidates
    QColor finding;           // outline of the other findings
    QColor deviceBusy;        // device strip: busy
    QColor deviceIdleStrip;   // device strip: idle inside the device's active window
    int sliceLightness = 170; // HSL lightness (0-255) slices start from; raised for contrast

    static TimelineTheme light();
    static TimelineTheme dark();

    // The hue carries the kind, the name picks the shade:
    // - Compute and Other: any hue outside the reserved bands below (yellow-green to azure),
    //   hashed from the name, so neighbouring ops differ;
    // - Copy: the orange/amber band; Communication: the purple/violet band; Sync: the red band,
    //   less saturated; the name picks hue and saturation inside the band;
    // - Idle: grey.
    // The lightness starts at sliceLightness and is raised (or lowered, for light text) until
    // sliceText reaches a contrast ratio of 4.5 on the colour.
    QColor sliceColor(const QString& name, analysis::SliceKind kind) const;
};

} // namespace lanescope::widgets
