#include "timeline_theme.h"

#include <QHash>
#include <cmath>

namespace lanescope::widgets {

TimelineTheme TimelineTheme::light() {
    TimelineTheme t;
    t.name = QStringLiteral("light");
    t.background = QColor(0xfa, 0xfa, 0xfa);
    t.laneBackground = QColor(0xff, 0xff, 0xff);
    t.laneAlternate = QColor(0xf3, 0xf5, 0xf8);
    t.rankHeader = QColor(0xcf, 0xd6, 0xe0);
    t.header = QColor(0xe4, 0xe8, 0xee);
    t.headerText = QColor(0x1f, 0x29, 0x37);
    t.text = QColor(0x11, 0x18, 0x27);
    t.mutedText = QColor(0x6b, 0x72, 0x80);
    t.grid = QColor(0xd1, 0xd5, 0xdb);
    t.ruler = QColor(0xf0, 0xf2, 0xf5);
    t.sliceText = QColor(0x11, 0x18, 0x27);
    t.counterFill = QColor(0x3b, 0x82, 0xf6, 110);
    t.accent = QColor(0xdb, 0x27, 0x77);
    t.rangeFill = QColor(0x25, 0x63, 0xeb, 40);
    t.flow = QColor(0x1f, 0x29, 0x37, 200);
    t.sliceLightness = 178;
    return t;
}

TimelineTheme TimelineTheme::dark() {
    TimelineTheme t;
    t.name = QStringLiteral("dark");
    t.background = QColor(0x17, 0x19, 0x1d);
    t.laneBackground = QColor(0x1e, 0x21, 0x26);
    t.laneAlternate = QColor(0x23, 0x27, 0x2e);
    t.rankHeader = QColor(0x37, 0x3e, 0x4a);
    t.header = QColor(0x2c, 0x31, 0x3a);
    t.headerText = QColor(0xe5, 0xe7, 0xeb);
    t.text = QColor(0xe5, 0xe7, 0xeb);
    t.mutedText = QColor(0x9c, 0xa3, 0xaf);
    t.grid = QColor(0x3a, 0x40, 0x4a);
    t.ruler = QColor(0x25, 0x29, 0x30);
    t.sliceText = QColor(0x0b, 0x0d, 0x10);
    t.counterFill = QColor(0x60, 0xa5, 0xfa, 120);
    t.accent = QColor(0xf4, 0x72, 0xb6);
    t.rangeFill = QColor(0x93, 0xc5, 0xfd, 40);
    t.flow = QColor(0xf3, 0xf4, 0xf6, 220);
    t.sliceLightness = 150;
    return t;
}

QColor TimelineTheme::sliceColor(const QString& name) const {
    // Golden-ratio spacing of the hash spreads similar names over distinct hues.
    const auto hash = static_cast<quint32>(qHash(name, 0x9e3779b9u));
    const int hue = static_cast<int>(std::fmod(hash * 0.6180339887, 1.0) * 360.0);
    const int saturation = 110 + static_cast<int>((hash >> 8) % 60);
    return QColor::fromHsl(hue, saturation, sliceLightness);
}

} // namespace lanescope::widgets
