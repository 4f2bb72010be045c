// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "timeline_theme.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>
#include <utility>

namespace lanescope::widgets {

namespace {

// A range of hues (degrees; `to` may pass 360) and saturations a kind is drawn from.
struct HueBand {
    double hueFrom;
    double hueTo;
    double saturationFrom;
    double saturationTo;

    std::pair<double, double> pick(double hueFraction, double saturationFraction) const {
        const double hue = std::fmod(hueFrom + (hueTo - hueFrom) * hueFraction, 360.0);
        return {hue, saturationFrom + (saturationTo - saturationFrom) * saturationFraction};
    }
};

// Reserved bands, one per kind, with gaps between them and the hashed hues.
constexpr HueBand kCopyBand{26, 44, 0.80, 0.95};            // orange to amber
constexpr HueBand kCommunicationBand{268, 298, 0.45, 0.65}; // violet to purple
constexpr HueBand kSyncBand{356, 366, 0.40, 0.52};          // red, muted
// Compute and Other: yellow-green to azure, clear of the bands above. Bluer hues would turn
// lavender at the lightness dark text needs and pass for communication.
constexpr HueBand kFreeBand{68, 212, 0.45, 0.70};
// Sync starts darker than the others (then lightened only as far as the text needs), so that a
// muted red reads as red rather than as salmon next to the copies.
constexpr double kSyncDarker = 0.10;

constexpr double kMinContrast = 4.6; // WCAG AA is 4.5; a little margin for 8-bit rounding

// FNV-1a over the UTF-8 bytes, then a SplitMix64 finaliser: the same on every run and machine
// (qHash may change with the CPU's features and the Qt version).
std::uint64_t nameHash(const QString& name) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char byte : name.toUtf8()) {
        h ^= static_cast<unsigned char>(byte);
        h *= 0x100000001b3ull;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
}

// 21 bits of the hash from `shift` as a fraction in [0, 1).
double unitFraction(std::uint64_t hash, int shift) {
    constexpr std::uint64_t kBits = 21;
    return static_cast<double>((hash >> shift) & ((1ull << kBits) - 1)) /
           static_cast<double>(1ull << kBits);
}

double linear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double relativeLuminance(const QColor& c) {
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The colour at that hue and saturation, its lightness moved away from the text (up for dark
// text, down for light text) until the text on it reaches kMinContrast. Hue and saturation stay.
QColor readableOn(double hue, double saturation, double lightness, const QColor& text) {
    const bool darkText = relativeLuminance(text) < 0.18;
    const double step = darkText ? 0.01 : -0.01;
    lightness = std::clamp(lightness, 0.0, 1.0);
    const auto make = [&](double l) {
        return QColor::fromHslF(static_cast<float>(hue / 360.0), static_cast<float>(saturation),
                                static_cast<float>(std::clamp(l, 0.0, 1.0)));
    };
    QColor color = make(lightness);
    while (contrastRatio(color, text) < kMinContrast && lightness > 0.0 && lightness < 1.0) {
        lightness += step;
        color = make(lightness);
    }
    return color.toRgb();
}

} // namespace

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
    t.hostWait = QColor(0xdc, 0x26, 0x26);
    t.deviceIdle = QColor(0xdc, 0x26, 0x26, 34);
    t.smallOps = QColor(0x7c, 0x3a, 0xed);
    t.finding = QColor(0xb4, 0x53, 0x09);
    t.deviceBusy = QColor(0x16, 0xa3, 0x4a);
    t.deviceIdleStrip = QColor(0xef, 0x44, 0x44);
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
    t.hostWait = QColor(0xf8, 0x71, 0x71);
    t.deviceIdle = QColor(0xf8, 0x71, 0x71, 40);
    t.smallOps = QColor(0xc4, 0xb5, 0xfd);
    t.finding = QColor(0xfb, 0xbf, 0x24);
    t.deviceBusy = QColor(0x4a, 0xde, 0x80);
    t.deviceIdleStrip = QColor(0xf8, 0x71, 0x71);
    t.sliceLightness = 150;
    return t;
}

QColor TimelineTheme::sliceColor(const QString& name, analysis::SliceKind kind) const {
    using analysis::SliceKind;
    const std::uint64_t hash = nameHash(name);
    const double pickHue = unitFraction(hash, 0);
    const double pickSaturation = unitFraction(hash, 21);
    const double pickLightness = unitFraction(hash, 42);

    const double base = sliceLightness / 255.0;
    double hue = 0;
    double saturation = 0;
    double lightness = base + (pickLightness - 0.5) * 0.08;
    switch (kind) {
    case SliceKind::Copy:
        std::tie(hue, saturation) = kCopyBand.pick(pickHue, pickSaturation);
        break;
    case SliceKind::Communication:
        std::tie(hue, saturation) = kCommunicationBand.pick(pickHue, pickSaturation);
        break;
    case SliceKind::Sync:
        std::tie(hue, saturation) = kSyncBand.pick(pickHue, pickSaturation);
        lightness -= kSyncDarker;
        break;
    case SliceKind::Idle:
        // Grey, a step towards the background so idle time stays quiet.
        lightness = base + (background.lightnessF() - base) * 0.35;
        break;
    case SliceKind::Compute:
    case SliceKind::Other:
        std::tie(hue, saturation) = kFreeBand.pick(pickHue, pickSaturation);
        break;
    }
    return readableOn(hue, saturation, lightness, sliceText);
}

} // namespace lanescope::widgets
