#include "timeline_theme.h"

#include <QHash>
#include <cmath>

namespace lanescope::widgets {

TimelineTheme TimelineTheme::light() {
    return {QColor(0xfa, 0xfa, 0xfa), QColor(0xff, 0xff, 0xff),      QColor(0xf3, 0xf5, 0xf8),
            QColor(0xe4, 0xe8, 0xee), QColor(0x1f, 0x29, 0x37),      QColor(0x11, 0x18, 0x27),
            QColor(0x6b, 0x72, 0x80), QColor(0xe5, 0xe7, 0xeb),      QColor(0xf0, 0xf2, 0xf5),
            QColor(0x11, 0x18, 0x27), QColor(0x3b, 0x82, 0xf6, 110), 178};
}

TimelineTheme TimelineTheme::dark() {
    return {QColor(0x17, 0x19, 0x1d), QColor(0x1e, 0x21, 0x26),      QColor(0x23, 0x27, 0x2e),
            QColor(0x2c, 0x31, 0x3a), QColor(0xe5, 0xe7, 0xeb),      QColor(0xe5, 0xe7, 0xeb),
            QColor(0x9c, 0xa3, 0xaf), QColor(0x33, 0x38, 0x41),      QColor(0x25, 0x29, 0x30),
            QColor(0x0b, 0x0d, 0x10), QColor(0x60, 0xa5, 0xfa, 120), 150};
}

QColor TimelineTheme::sliceColor(const QString& name) const {
    // Golden-ratio spacing of the hash spreads similar names over distinct hues.
    const auto hash = static_cast<quint32>(qHash(name, 0x9e3779b9u));
    const int hue = static_cast<int>(std::fmod(hash * 0.6180339887, 1.0) * 360.0);
    const int saturation = 110 + static_cast<int>((hash >> 8) % 60);
    return QColor::fromHsl(hue, saturation, sliceLightness);
}

} // namespace lanescope::widgets
