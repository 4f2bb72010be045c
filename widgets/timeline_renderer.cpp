// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "timeline_renderer.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>

namespace lanescope::widgets {

namespace {

// `over` at `alpha` (0–255) over an opaque `under`: what the painter's blend would give.
QColor mixed(const QColor& over, const QColor& under, int alpha) {
    const auto mix = [alpha](int a, int b) { return (a * alpha + b * (255 - alpha) + 127) / 255; };
    return QColor(mix(over.red(), under.red()), mix(over.green(), under.green()),
                  mix(over.blue(), under.blue()));
}

constexpr int kRowPadding = 1;
constexpr int kMinLabelWidth = 28;

// No label shows more than this many bytes of a name: a 50 MB name is cut before any font
// work (measuring and eliding it whole took seconds per frame).
constexpr std::size_t kMaxLabelBytes = 1024;

QString nameOf(const Trace& trace, StringId id) {
    std::string_view text = trace.str(id);
    if (text.size() > kMaxLabelBytes) {
        std::size_t cut = kMaxLabelBytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut; // not inside a UTF-8 sequence
        text = text.substr(0, cut);
    }
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

QString laneTitle(const Trace& trace, const Lane& lane) {
    const Process& process = trace.processes[lane.process];
    switch (lane.type) {
    case Lane::Type::RankHeader: {
        const SourceFile& file = trace.files[process.sourceFile];
        const QString path = QString::fromStdString(file.path);
        const QString rank = file.rank ? QStringLiteral("rank %1").arg(*file.rank)
                                       : QStringLiteral("file %1").arg(process.sourceFile);
        return rank + QStringLiteral(" · ") + path.section('/', -3);
    }
    case Lane::Type::ProcessHeader: {
        // "python3 · GPU 0 (pid 0)": labels tell apart processes that share a name.
        QString title = nameOf(trace, process.name);
        for (StringId label : process.labels)
            title += (title.isEmpty() ? QString() : QStringLiteral(" · ")) + nameOf(trace, label);
        const QString pid = QString::fromStdString(toString(process.pid, trace.strings));
        return title + (title.isEmpty() ? QStringLiteral("pid ") + pid
                                        : QStringLiteral(" (pid %1)").arg(pid));
    }
    case Lane::Type::Counter:
        return nameOf(trace, trace.counters[lane.index].name);
    case Lane::Type::Slices:
        break;
    }
    if (lane.thread != kNoIndex) {
        const Thread& thread = trace.threads[lane.thread];
        return thread.name != 0 ? nameOf(trace, thread.name)
                                : QString::fromStdString(toString(thread.tid, trace.strings));
    }
    for (std::uint32_t a : process.asyncTracks)
        if (trace.asyncTracks[a].sliceTrack == lane.index)
            return nameOf(trace, trace.asyncTracks[a].name);
    return QStringLiteral("async");
}

namespace {

// 1-2-5 steps: the smallest step whose ticks are at least `minPixels` apart.
TimeNs tickStep(TimeNs span, int pixels, int minPixels) {
    const double wanted = static_cast<double>(span) * minPixels / std::max(pixels, 1);
    TimeNs step = 1;
    while (true) {
        for (TimeNs factor : {1, 2, 5})
            if (static_cast<double>(step * factor) >= wanted)
                return step * factor;
        if (step > kTimeMax / 10) // 10^18: the largest power of ten TimeNs holds
            return step * 5;
        step *= 10;
    }
}

} // namespace

double TimelineRenderer::xOf(TimeNs t, const TimelineViewport& view, int width) const {
    const double span = static_cast<double>(saturatingSub(view.end, view.start));
    return nameColumnWidth +
           static_cast<double>(saturatingSub(t, view.start)) * (width - nameColumnWidth) / span;
}

TimeNs TimelineRenderer::timeAt(double x, const TimelineViewport& view, int width) const {
    const double span = static_cast<double>(saturatingSub(view.end, view.start));
    return saturatingAdd(view.start, clampToTime((x - nameColumnWidth) * span /
                                                 std::max(1, width - nameColumnWidth)));
}

QColor TimelineRenderer::colorOf(const Trace& trace, StringId name,
                                 const TimelineTheme& theme) const {
    if (cachedTrace_ != &trace || cachedLightness_ != theme.sliceLightness ||
        colorCache_.size() != trace.strings.size()) {
        cachedTrace_ = &trace;
        cachedLightness_ = theme.sliceLightness;
        colorCache_.assign(trace.strings.size(), 0);
    }
    // Classified and coloured once per name id (a colour's alpha is never 0, so 0 means unset).
    QRgb& cached = colorCache_[name];
    if (cached == 0)
        cached = theme.sliceColor(nameOf(trace, name), analysis::classifySliceName(trace.str(name)))
                     .rgba();
    return QColor::fromRgba(cached);
}

void TimelineRenderer::paint(QPainter& p, QSize size, const Trace& trace,
                             const TimelineLanes& lanes, const TimelineViewport& view,
                             const TimelineTheme& theme, const TimelineOverlay& overlay) const {
    p.fillRect(QRect(QPoint(0, 0), size), theme.background);
    paintLanes(p, size, trace, lanes, view, theme, false);
    paintLanes(p, size, trace, lanes, view, theme, true);
    labels_ = {}; // findings and annotations share the frame's label space
    paintFindings(p, size, trace, lanes, view, theme, overlay.findings);
    paintAnnotations(p, size, trace, lanes, view, overlay.annotations);
    paintNames(p, size, trace, lanes, view, theme);
    paintOverlay(p, size, trace, lanes, view, theme, overlay);
    paintRuler(p, size, trace, view, theme, overlay);
    paintAnnotationFlags(p, size, view, overlay.annotations);
    if (overlay.range)
        paintRange(p, size, lanes, view, theme, overlay);
}

// Pinned lanes sit in a fixed band under the ruler; the others scroll beneath it.
void TimelineRenderer::paintLanes(QPainter& p, QSize size, const Trace& trace,
                                  const TimelineLanes& lanes, const TimelineViewport& view,
                                  const TimelineTheme& theme, bool pinned) const {
    const int bandTop = pinned ? kRulerHeight : kRulerHeight + lanes.pinnedHeight();
    const int bandBottom = pinned ? bandTop + lanes.pinnedHeight() : size.height();
    if (bandBottom <= bandTop)
        return;
    p.save();
    p.setClipRect(nameColumnWidth, bandTop, size.width() - nameColumnWidth, bandBottom - bandTop);
    bool alternate = false;
    for (const Lane& lane : lanes.lanes()) {
        if (lane.pinned != pinned)
            continue;
        const int top = lanes.screenTop(lane, kRulerHeight, view.scrollY);
        if (top > bandBottom || top + lane.height < bandTop) {
            alternate = lane.isHeader() ? false : !alternate;
            continue;
        }
        const QRect band(nameColumnWidth, top, size.width() - nameColumnWidth, lane.height);
        if (lane.isHeader()) {
            p.fillRect(band, lane.type == Lane::Type::RankHeader ? theme.rankHeader : theme.header);
            alternate = false;
            continue;
        }
        const QColor bandColor = alternate ? theme.laneAlternate : theme.laneBackground;
        p.fillRect(band, bandColor);
        alternate = !alternate;
        if (lane.type == Lane::Type::Slices)
            paintSliceLane(p, top, size.width(), trace, lane, view, theme, bandTop, bandBottom,
                           bandColor);
        else
            paintCounterLane(p, top, size.width(), trace, lane, view, theme);
    }
    p.restore();
    if (pinned) {
        p.setPen(QPen(theme.grid, 2));
        p.drawLine(0, bandBottom, size.width(), bandBottom);
    }
}

void TimelineRenderer::paintSliceLane(QPainter& p, int top, int width, const Trace& trace,
                                      const Lane& lane, const TimelineViewport& view,
                                      const TimelineTheme& theme, int visibleTop, int visibleBottom,
                                      QColor background) const {
    const SliceTrack& track = trace.sliceTracks[lane.index];
    const int rowHeight = lane.height / std::max<int>(1, lane.rows);
    const TimeNs pixelNs =
        std::max<TimeNs>(1, (view.end - view.start) / std::max(1, width - nameColumnWidth));
    const QFontMetrics metrics(p.font());
    for (std::uint16_t row = 0; row < track.rowCount(); ++row) {
        const int y = top + row * rowHeight + kRowPadding;
        const int h = rowHeight - 2 * kRowPadding;
        if (y + h < visibleTop || y > visibleBottom)
            continue; // a row scrolled or clipped out of sight costs nothing
        track.forEachLodBox(row, view.start, view.end, pixelNs, [&](const index::LodBox& box) {
            const double x0 = std::max<double>(nameColumnWidth, xOf(box.start, view, width));
            const double x1 = std::min<double>(width, xOf(box.end, view, width));
            const QRectF rect(x0, y, std::max(1.0, x1 - x0), h);
            const std::uint32_t slice = track.sliceAtRowPosition(row, box.first);
            QColor color = colorOf(trace, track.name(slice), theme);
            if (box.count > 1) {
                // A merged run: shade by how much of it is busy, mixed with the lane's background
                // here rather than blended by the painter (opaque fills are the cheap ones, and
                // a full view is one box per pixel column and row).
                const double density =
                    static_cast<double>(box.busy) /
                    static_cast<double>(std::max<TimeNs>(1, box.end - box.start));
                color = mixed(color, background,
                              70 + static_cast<int>(185 * std::clamp(density, 0.0, 1.0)));
            }
            p.fillRect(rect, color);
            if (box.count == 1 && rect.width() >= kMinLabelWidth) {
                p.setPen(theme.sliceText);
                const QString label =
                    metrics.elidedText(nameOf(trace, track.name(slice)), Qt::ElideRight,
                                       static_cast<int>(rect.width()) - 6);
                if (!label.isEmpty() && label != QStringLiteral("…"))
                    p.drawText(rect.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
            }
        });
    }
}

void TimelineRenderer::paintCounterLane(QPainter& p, int top, int width, const Trace& trace,
                                        const Lane& lane, const TimelineViewport& view,
                                        const TimelineTheme& theme) const {
    const CounterTrack& counter = trace.counters[lane.index];
    if (counter.series.empty() || counter.series.front().times.empty())
        return;
    const CounterSeries& series = counter.series.front();
    const double maximum = std::max(1e-12, lane.counterMax);
    const auto first = std::upper_bound(series.times.begin(), series.times.end(), view.start);
    std::size_t i = first == series.times.begin()
                        ? 0
                        : static_cast<std::size_t>(first - series.times.begin() - 1);
    QPolygonF area;
    const double bottom = top + lane.height - 2;
    area << QPointF(xOf(series.times[i], view, width), bottom);
    for (; i < series.times.size(); ++i) {
        const double y = bottom - (lane.height - 6) * std::max(0.0, series.values[i]) / maximum;
        const double x = xOf(series.times[i], view, width);
        if (area.size() > 1)
            area << QPointF(x, area.back().y());
        area << QPointF(x, y);
        if (series.times[i] > view.end)
            break;
    }
    // The last value holds until the trace ends (a counter is a step function).
    const double holdUntil =
        std::max(area.back().x() + 1, std::min<double>(width, xOf(trace.spanEnd, view, width)));
    area << QPointF(holdUntil, area.back().y()) << QPointF(holdUntil, bottom);
    p.setPen(Qt::NoPen);
    p.setBrush(theme.counterFill);
    p.drawPolygon(area);
    p.setPen(theme.mutedText);
    p.drawText(QRectF(width - 120, top, 116, 14), Qt::AlignRight | Qt::AlignTop,
               QStringLiteral("max %1").arg(maximum, 0, 'g', 4));
}

void TimelineRenderer::paintNames(QPainter& p, QSize size, const Trace& trace,
                                  const TimelineLanes& lanes, const TimelineViewport& view,
                                  const TimelineTheme& theme) const {
    p.fillRect(0, kRulerHeight, nameColumnWidth, size.height() - kRulerHeight,
               theme.laneBackground);
    for (const bool pinned : {false, true}) {
        const int bandTop = pinned ? kRulerHeight : kRulerHeight + lanes.pinnedHeight();
        const int bandBottom = pinned ? bandTop + lanes.pinnedHeight() : size.height();
        p.save();
        p.setClipRect(0, bandTop, nameColumnWidth, std::max(0, bandBottom - bandTop));
        for (const Lane& lane : lanes.lanes()) {
            const int top = lanes.screenTop(lane, kRulerHeight, view.scrollY);
            if (lane.pinned == pinned && top <= bandBottom && top + lane.height >= bandTop)
                paintLaneName(p, top, trace, lane, theme);
        }
        p.restore();
    }
    p.setPen(theme.grid);
    p.drawLine(nameColumnWidth, 0, nameColumnWidth, size.height());
}

// Headers carry a fold arrow; children are indented under their group; pinned lanes get a
// marker so they are not mistaken for the first lanes of the trace.
void TimelineRenderer::paintLaneName(QPainter& p, int top, const Trace& trace, const Lane& lane,
                                     const TimelineTheme& theme) const {
    const bool header = lane.isHeader();
    if (header)
        p.fillRect(0, top, nameColumnWidth, lane.height,
                   lane.type == Lane::Type::RankHeader ? theme.rankHeader : theme.header);
    QFont font = p.font();
    font.setBold(header);
    p.setFont(font);
    const int indent = 6 + lane.depth * 12;
    const int lineHeight = header ? lane.height : std::min(lane.height, 18);
    p.setPen(header ? theme.headerText : theme.text);
    if (header)
        p.drawText(QRect(indent, top, 12, lineHeight), Qt::AlignCenter,
                   lane.collapsed ? QStringLiteral("▸") : QStringLiteral("▾"));
    if (lane.pinned) {
        p.setPen(theme.accent);
        p.drawText(QRect(indent - 2, top, 12, lineHeight), Qt::AlignCenter, QStringLiteral("●"));
        p.setPen(theme.text);
    }
    const int textLeft = indent + 14;
    const QRect text(textLeft, top, nameColumnWidth - textLeft - 6, lineHeight);
    p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
               QFontMetrics(font).elidedText(laneTitle(trace, lane), Qt::ElideRight, text.width()));
    font.setBold(false);
    p.setFont(font);
}

void TimelineRenderer::paintRuler(QPainter& p, QSize size, const Trace& trace,
                                  const TimelineViewport& view, const TimelineTheme& theme,
                                  const TimelineOverlay& overlay) const {
    p.fillRect(0, 0, size.width(), kRulerHeight, theme.ruler);
    p.setPen(theme.mutedText);
    p.drawText(QRect(6, 0, nameColumnWidth - 12, kRulerHeight), Qt::AlignVCenter | Qt::AlignLeft,
               QStringLiteral("view %1").arg(formatDuration(view.end - view.start)));
    const int labelWidth = absoluteTime ? 170 : 110;
    const int pixels = size.width() - nameColumnWidth;
    const TimeNs step = tickStep(saturatingSub(view.end, view.start), pixels, labelWidth);
    const TimeNs origin = rulerOrigin.value_or(trace.spanStart);
    const QRectF chip = rangeChip(p.fontMetrics(), size, view, overlay);
    // Ticks by index, each computed without overflow, at most one per label width: timestamps
    // near ±2^63 must not wrap the loop around.
    const TimeNs first = saturatingAdd(origin, (saturatingSub(view.start, origin) / step) * step);
    const int maxTicks = pixels / std::max(labelWidth, 1) + 2;
    for (int i = 0; i <= maxTicks; ++i) {
        TimeNs tick = 0;
        if (__builtin_mul_overflow(static_cast<TimeNs>(i), step, &tick) ||
            __builtin_add_overflow(first, tick, &tick) || tick > view.end)
            break;
        const double x = xOf(tick, view, size.width());
        if (x < nameColumnWidth)
            continue;
        p.setPen(theme.grid);
        p.drawLine(QPointF(x, kRulerHeight - 8), QPointF(x, kRulerHeight));
        p.setPen(theme.text);
        const QString label = absoluteTime ? formatTimestamp(tick, step, trace.metadata.baseTimeNs)
                                           : formatTick(tick - origin, step);
        const QRectF labelRect(x + 3, 0, labelWidth - 6, kRulerHeight - 4);
        const QRectF used(labelRect.topLeft(),
                          QSizeF(p.fontMetrics().horizontalAdvance(label), labelRect.height()));
        if (!used.intersects(chip)) // the selected range's duration wins over a tick label
            p.drawText(labelRect, Qt::AlignBottom | Qt::AlignLeft, label);
    }
    p.setPen(theme.grid);
    p.drawLine(0, kRulerHeight - 1, size.width(), kRulerHeight - 1);
}

std::optional<double> TimelineRenderer::rowCentre(const Trace& trace, const TimelineLanes& lanes,
                                                  const TimelineViewport& view,
                                                  SliceRef slice) const {
    const Lane* lane = slice.valid() ? lanes.laneOfTrack(slice.track) : nullptr;
    if (!lane)
        return std::nullopt;
    const int top = lanes.screenTop(*lane, kRulerHeight, view.scrollY);
    if (lane->type != Lane::Type::Slices)
        return top + lane->height / 2.0;
    const int row = trace.sliceTracks[slice.track].row(slice.slice);
    return top + (row + 0.5) * lanes.metrics().rowHeight;
}

} // namespace lanescope::widgets
