// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The annotations half of TimelineRenderer: markers, ranges and event notes on the lanes, with
// their flags on the ruler.
#include "label_placer.h"
#include "timeline_renderer.h"

#include <QPainterPath>
#include <algorithm>

namespace lanescope::widgets {

namespace {

constexpr int kMaxLabelWidth = 260;

QString firstLine(const std::string& text) {
    const QString all = QString::fromStdString(text);
    const QString line = all.section('\n', 0, 0);
    return line.isEmpty() ? QStringLiteral("(no text)") : line;
}

// White text on the annotation's colour, elided, moved left to end inside the painter's clip
// (a marker near the right edge) and clear of the labels already placed.
void drawLabel(QPainter& p, LabelPlacer& labels, QPointF at, const QString& text,
               const QColor& color, bool emphasised) {
    const QFontMetrics metrics(p.font());
    const QString shown = metrics.elidedText(text, Qt::ElideRight, kMaxLabelWidth);
    const QSizeF size(metrics.horizontalAdvance(shown) + 10, metrics.height() + 2);
    const double maxX = p.clipBoundingRect().right() - size.width();
    const QRectF chip = labels.place(QRectF(QPointF(std::min(at.x(), maxX), at.y()), size));
    p.fillRect(chip, color);
    if (emphasised) {
        p.setPen(QPen(Qt::white, 1));
        p.drawRect(chip.adjusted(0.5, 0.5, -0.5, -0.5));
    }
    p.setPen(Qt::white);
    p.drawText(chip, Qt::AlignCenter, shown);
}

} // namespace

// The bands an annotation covers: its lanes, or the whole lane area when it names none (or
// none of them is shown).
std::vector<std::pair<double, double>>
TimelineRenderer::annotationBands(QSize size, const TimelineLanes& lanes,
                                  const TimelineViewport& view, const AnnotationMark& mark) const {
    std::vector<std::pair<double, double>> bands;
    for (std::uint32_t track : mark.tracks)
        if (const Lane* lane = lanes.laneOfTrack(track)) {
            const double top = lanes.screenTop(*lane, kRulerHeight, view.scrollY);
            bands.emplace_back(top, top + lane->height);
        }
    if (bands.empty())
        bands.emplace_back(kRulerHeight, size.height());
    return bands;
}

void TimelineRenderer::paintAnnotations(QPainter& p, QSize size, const Trace& trace,
                                        const TimelineLanes& lanes, const TimelineViewport& view,
                                        const AnnotationsOverlay& notes) const {
    if (!notes.visible)
        return;
    p.save();
    p.setClipRect(nameColumnWidth, kRulerHeight, size.width() - nameColumnWidth,
                  size.height() - kRulerHeight);
    for (const AnnotationMark& mark : notes.marks) {
        if (mark.end < view.start || mark.start > view.end)
            continue;
        const bool emphasised = mark.id == notes.selected;
        QColor color(QString::fromStdString(mark.color));
        if (!color.isValid())
            color = QColor(0xe1, 0x1d, 0x48);
        const double x0 = xOf(mark.start, view, size.width());
        const double x1 = std::max(x0 + 1, xOf(mark.end, view, size.width()));
        const QString text =
            (mark.detached ? QStringLiteral("⚠ ") : QString()) + firstLine(mark.text);
        if (mark.kind == session::AnnotationKind::EventNote && !mark.detached) {
            paintEventNote(p, size, trace, lanes, view, mark, color, text, emphasised);
            continue;
        }
        const auto bands = annotationBands(size, lanes, view, mark);
        const Qt::PenStyle style = mark.detached ? Qt::DashLine : Qt::SolidLine;
        for (const auto& [top, bottom] : bands) {
            if (mark.kind == session::AnnotationKind::Point) {
                p.setPen(QPen(color, emphasised ? 3 : 2, style));
                p.drawLine(QPointF(x0, top), QPointF(x0, bottom));
                continue;
            }
            QColor fill = color;
            fill.setAlpha(emphasised ? 70 : 38);
            p.fillRect(QRectF(x0, top, x1 - x0, bottom - top), fill);
            p.setPen(QPen(color, emphasised ? 2 : 1, style));
            p.drawLine(QPointF(x0, top), QPointF(x0, bottom));
            p.drawLine(QPointF(x1, top), QPointF(x1, bottom));
        }
        drawLabel(p, labels_,
                  QPointF(std::max<double>(nameColumnWidth, x0) + 3, bands.front().first + 2), text,
                  color, emphasised);
    }
    p.restore();
}

// An outline around the note's slice and its text just above it.
void TimelineRenderer::paintEventNote(QPainter& p, QSize size, const Trace& trace,
                                      const TimelineLanes& lanes, const TimelineViewport& view,
                                      const AnnotationMark& mark, const QColor& color,
                                      const QString& text, bool emphasised) const {
    const std::optional<double> centre = rowCentre(trace, lanes, view, mark.event);
    if (!centre)
        return;
    const SliceTrack& track = trace.sliceTracks[mark.event.track];
    const double x0 = std::max<double>(nameColumnWidth - 2,
                                       xOf(track.start(mark.event.slice), view, size.width()));
    const double x1 =
        std::max(x0 + 4, std::min<double>(size.width() + 2,
                                          xOf(track.end(mark.event.slice), view, size.width())));
    const double h = lanes.metrics().rowHeight;
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, emphasised ? 3 : 2));
    p.drawRect(QRectF(x0 - 1, *centre - h / 2 - 1, x1 - x0 + 2, h + 2));
    const double labelHeight = QFontMetrics(p.font()).height() + 2;
    const double labelTop = std::max<double>(kRulerHeight, *centre - h / 2 - labelHeight - 2);
    drawLabel(p, labels_, QPointF(std::max<double>(nameColumnWidth, x0) + 3, labelTop), text, color,
              emphasised);
}

// Each marker's and range's place on the ruler: a flag for a point, a bracket for a range, and
// the first words of its text along the ruler's top edge where they do not run into another's.
void TimelineRenderer::paintAnnotationFlags(QPainter& p, QSize size, const TimelineViewport& view,
                                            const AnnotationsOverlay& notes) const {
    if (!notes.visible)
        return;
    constexpr int kRulerTextWidth = 150;
    p.save();
    p.setClipRect(nameColumnWidth, 0, size.width() - nameColumnWidth, kRulerHeight);
    p.setRenderHint(QPainter::Antialiasing, true);
    QFont small = p.font();
    small.setPixelSize(10);
    const QFontMetrics metrics(small);
    std::vector<QRectF> texts;
    for (const AnnotationMark& mark : notes.marks) {
        if (mark.end < view.start || mark.start > view.end ||
            mark.kind == session::AnnotationKind::EventNote)
            continue;
        QColor color(QString::fromStdString(mark.color));
        if (!color.isValid())
            color = QColor(0xe1, 0x1d, 0x48);
        const double x0 = xOf(mark.start, view, size.width());
        const QString text =
            metrics.elidedText(firstLine(mark.text), Qt::ElideRight, kRulerTextWidth);
        const double textWidth = metrics.horizontalAdvance(text) + 2;
        const QRectF textBox(std::clamp<double>(x0 + 2, nameColumnWidth, size.width() - textWidth),
                             0, textWidth, metrics.height());
        if (std::none_of(texts.begin(), texts.end(),
                         [&](const QRectF& other) { return other.intersects(textBox); })) {
            texts.push_back(textBox);
            p.setFont(small);
            p.setPen(color);
            p.drawText(textBox, Qt::AlignLeft | Qt::AlignTop, text);
        }
        if (mark.kind == session::AnnotationKind::Range) {
            const double x1 = xOf(mark.end, view, size.width());
            p.fillRect(QRectF(x0, kRulerHeight - 5, std::max(1.0, x1 - x0), 4), color);
            continue;
        }
        QPainterPath flag;
        flag.moveTo(x0, kRulerHeight);
        flag.lineTo(x0, kRulerHeight - 14);
        flag.lineTo(x0 + 9, kRulerHeight - 10);
        flag.lineTo(x0, kRulerHeight - 6);
        p.setPen(QPen(color, 2));
        p.setBrush(color);
        p.drawPath(flag);
    }
    p.restore();
}

} // namespace lanescope::widgets
