// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "step_chart.h"

#include "time_format.h"

#include <QPainter>
#include <algorithm>

namespace lanescope::widgets {

namespace {

constexpr int kMargin = 8;
constexpr int kBarHeight = 22;
constexpr int kLabelWidth = 150;
constexpr int kValueWidth = 118;

// The mean of the paired steps: totals over the pairs divided by their number.
compare::StepTime meanOf(const compare::StepTime& total, std::size_t pairs) {
    compare::StepTime mean = total;
    const auto n = static_cast<TimeNs>(std::max<std::size_t>(pairs, 1));
    mean.hostNs /= n;
    mean.windowNs /= n;
    mean.busyNs /= n;
    for (TimeNs& b : mean.buckets)
        b /= n;
    return mean;
}

} // namespace

StepChart::StepChart(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QColor StepChart::bucketColor(compare::Bucket bucket) {
    switch (bucket) {
    case compare::Bucket::Computing:
        return QColor(0x2a, 0x9d, 0x8f);
    case compare::Bucket::Conversion:
        return QColor(0xe7, 0x6f, 0x51);
    case compare::Bucket::Communication:
        return QColor(0x8e, 0x6b, 0xbf);
    case compare::Bucket::Copy:
        return QColor(0xe9, 0xc4, 0x6a);
    case compare::Bucket::Free:
        return QColor(0xc9, 0xcd, 0xd2);
    }
    return Qt::gray;
}

void StepChart::setComparison(std::shared_ptr<const compare::Comparison> comparison,
                              const QString& baseLabel, const QString& compLabel) {
    comparison_ = std::move(comparison);
    baseLabel_ = baseLabel;
    compLabel_ = compLabel;
    update();
}

QSize StepChart::sizeHint() const {
    return {420, minimumSizeHint().height()};
}

QSize StepChart::minimumSizeHint() const {
    return {300, stepChartHeight(fontMetrics())};
}

int stepChartHeight(const QFontMetrics& metrics) {
    const int line = metrics.height();
    return kMargin * 2 + line + 8 + (kBarHeight + 6) * 2 + (line + 2) * 2;
}

void paintStepChart(QPainter& p, const QRect& area, const compare::Comparison* comparison,
                    const QString& baseLabel, const QString& compLabel,
                    const StepChartStyle& style) {
    p.save();
    p.setClipRect(area);
    p.translate(area.topLeft());
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(QRect(QPoint(0, 0), area.size()), style.background);
    const QFontMetrics metrics = p.fontMetrics();
    const int line = metrics.height();
    const int width = area.width();
    if (!comparison || comparison->stepPairs.empty()) {
        p.setPen(style.muted);
        p.drawText(QRect(QPoint(0, 0), area.size()), Qt::AlignCenter,
                   QObject::tr("No steps to compare"));
        p.restore();
        return;
    }
    const std::size_t pairs = comparison->stepPairs.size();
    const compare::StepTime base = meanOf(comparison->baseTotal(), pairs);
    const compare::StepTime comp = meanOf(comparison->compTotal(), pairs);
    // Title: the host step difference.
    const TimeNs diff = comp.hostNs - base.hostNs;
    QString title =
        QObject::tr("Step: %1 → %2").arg(formatDuration(base.hostNs), formatDuration(comp.hostNs));
    if (pairs > 1)
        title = QObject::tr("Mean of %1 steps: %2 → %3")
                    .arg(QString::number(pairs), formatDuration(base.hostNs),
                         formatDuration(comp.hostNs));
    if (base.hostNs > 0)
        title += QObject::tr(", %1 (%2×)")
                     .arg(formatSignedDuration(diff))
                     .arg(double(comp.hostNs) / double(base.hostNs), 0, 'f', 2);
    QFont bold = p.font();
    const QFont normal = p.font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(style.text);
    p.drawText(QRect(kMargin, kMargin, width - 2 * kMargin, line), Qt::AlignLeft, title);
    p.setFont(normal);
    const int barLeft = kMargin + kLabelWidth;
    const int barWidth = std::max(40, width - barLeft - kValueWidth - kMargin);
    const TimeNs scale =
        std::max({base.windowNs, comp.windowNs, base.hostNs, comp.hostNs, TimeNs(1)});
    const auto xOf = [&](TimeNs t) { return barLeft + double(t) / double(scale) * barWidth; };
    int top = kMargin + line + 8;
    const auto bar = [&](const QString& label, const compare::StepTime& t) {
        p.setPen(style.text);
        p.drawText(QRect(kMargin, top, kLabelWidth - 6, kBarHeight),
                   Qt::AlignVCenter | Qt::AlignLeft,
                   metrics.elidedText(label, Qt::ElideRight, kLabelWidth - 6));
        TimeNs at = 0;
        for (std::size_t b = 0; b < compare::kBucketCount; ++b) {
            const TimeNs len = t.buckets[b];
            if (len <= 0)
                continue;
            const QRectF seg(xOf(at), top, xOf(at + len) - xOf(at), kBarHeight);
            p.fillRect(seg, StepChart::bucketColor(compare::Bucket(b)));
            at += len;
        }
        // The host's end-to-end step time.
        p.setPen(QPen(style.text, 2));
        const double hx = xOf(t.hostNs);
        p.drawLine(QPointF(hx, top - 3), QPointF(hx, top + kBarHeight + 3));
        p.setPen(style.text);
        p.drawText(QRect(barLeft + barWidth + 6, top, kValueWidth - 6, kBarHeight),
                   Qt::AlignVCenter | Qt::AlignLeft,
                   QObject::tr("E2E %1").arg(formatDuration(t.hostNs)));
        top += kBarHeight + 6;
    };
    bar(baseLabel, base);
    bar(compLabel, comp);
    // Legend, with each bucket's difference.
    int x = kMargin;
    for (std::size_t b = 0; b < compare::kBucketCount; ++b) {
        const TimeNs d = comp.buckets[b] - base.buckets[b];
        const QString text = QStringLiteral("%1 %2").arg(
            QString::fromLatin1(compare::toString(compare::Bucket(b))), formatSignedDuration(d));
        const int w = metrics.horizontalAdvance(text) + 18;
        if (x + w > width - kMargin && x > kMargin) {
            x = kMargin;
            top += line + 2;
        }
        p.fillRect(QRect(x, top + (line - 10) / 2, 10, 10),
                   StepChart::bucketColor(compare::Bucket(b)));
        p.setPen(style.text);
        p.drawText(QRect(x + 14, top, w, line), Qt::AlignVCenter | Qt::AlignLeft, text);
        x += w + 6;
    }
    p.restore();
}

void StepChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette& pal = palette();
    paintStepChart(p, rect(), comparison_.get(), baseLabel_, compLabel_,
                   {pal.color(QPalette::Base), pal.color(QPalette::Text),
                    pal.color(QPalette::PlaceholderText)});
}

} // namespace lanescope::widgets
