// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "insight_style.h"

#include "analysis/device_idle_gap.h"

#include <QPainter>
#include <QPixmap>

namespace lanescope::widgets {

namespace {

using analysis::InsightKind;

struct KindStyle {
    const char* label;
    QRgb color;
    char letter;
};

KindStyle styleOf(InsightKind kind) {
    switch (kind) {
    case InsightKind::HostBlockedOnDevice:
        return {"Host blocked", qRgb(0xdc, 0x26, 0x26), 'B'};
    case InsightKind::DeviceIdleGap:
        return {"Device idle", qRgb(0x64, 0x74, 0x8b), 'I'};
    case InsightKind::SmallOpStreak:
        return {"Small ops", qRgb(0x7c, 0x3a, 0xed), 'S'};
    case InsightKind::FusionCandidate:
        return {"Fusion", qRgb(0x25, 0x63, 0xeb), 'F'};
    case InsightKind::AiCpuOp:
        return {"AI CPU op", qRgb(0xd9, 0x77, 0x06), 'A'};
    case InsightKind::OpCompile:
        return {"Op compile", qRgb(0x0d, 0x94, 0x88), 'C'};
    case InsightKind::DynamicShape:
        return {"Dynamic shape", qRgb(0xdb, 0x27, 0x77), 'D'};
    case InsightKind::DispatchBound:
        return {"Dispatch", qRgb(0x4d, 0x7c, 0x0f), 'Q'};
    case InsightKind::ElementwiseChain:
        return {"Unfused chain", qRgb(0x9d, 0x17, 0x4d), 'E'};
    case InsightKind::FormatConversion:
        return {"Conversion", qRgb(0x57, 0x53, 0x4e), 'T'};
    }
    return {"Finding", qRgb(0x6b, 0x72, 0x80), '?'};
}

QString percent(double share) {
    return QString::fromStdString(analysis::formatTitlePercent(share));
}

QString duration(double ns) {
    return QString::fromStdString(analysis::formatTitleDuration(static_cast<TimeNs>(ns)));
}

} // namespace

QString kindLabel(InsightKind kind) {
    return QString::fromLatin1(styleOf(kind).label);
}

QColor kindColor(InsightKind kind) {
    return QColor::fromRgb(styleOf(kind).color);
}

QIcon kindIcon(InsightKind kind) {
    constexpr int kSize = 32; // drawn large, scaled down crisply by the views
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(kindColor(kind));
    p.drawRoundedRect(QRectF(1, 1, kSize - 2, kSize - 2), 7, 7);
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(20);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRect(0, 0, kSize, kSize), Qt::AlignCenter, QString(QChar(styleOf(kind).letter)));
    return QIcon(pixmap);
}

QString severityLabel(analysis::Severity severity) {
    switch (severity) {
    case analysis::Severity::High:
        return QStringLiteral("high");
    case analysis::Severity::Medium:
        return QStringLiteral("medium");
    case analysis::Severity::Low:
        return QStringLiteral("low");
    }
    return {};
}

QColor severityColor(analysis::Severity severity) {
    switch (severity) {
    case analysis::Severity::High:
        return QColor(0xdc, 0x26, 0x26);
    case analysis::Severity::Medium:
        return QColor(0xd9, 0x77, 0x06);
    case analysis::Severity::Low:
        return QColor(0x6b, 0x72, 0x80);
    }
    return {};
}

QString timelineLabel(const analysis::Insight& insight) {
    switch (insight.kind) {
    case InsightKind::HostBlockedOnDevice:
        return QStringLiteral("waited %1 of %2")
            .arg(percent(insight.number(analysis::Number::WaitedShare)),
                 duration(insight.number(analysis::Number::BlockedNs)));
    case InsightKind::DeviceIdleGap:
        return QStringLiteral("idle %1, %2")
            .arg(duration(static_cast<double>(insight.end - insight.start)),
                 QString::fromLatin1(analysis::toString(analysis::idleGapCauseOf(insight)))
                     .replace('_', ' '));
    case InsightKind::SmallOpStreak:
        // A streak counts its tasks; msprof-analyze's small-block share does not.
        if (insight.has(analysis::Number::Tasks))
            return QStringLiteral("%1 tiny tasks, %2 busy")
                .arg(insight.number(analysis::Number::Tasks))
                .arg(percent(insight.number(analysis::Number::BusyShare)));
        return QStringLiteral("small ops");
    case InsightKind::FusionCandidate:
        return QStringLiteral("fusion ×%1").arg(insight.number(analysis::Number::Occurrences));
    default:
        return kindLabel(insight.kind);
    }
}

} // namespace lanescope::widgets
