#include "timeline_renderer.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>

namespace lanescope::widgets {

namespace {

constexpr int kRowPadding = 1;
constexpr int kMinLabelWidth = 28;

QString nameOf(const Trace& trace, StringId id) {
    const std::string_view text = trace.str(id);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString laneTitle(const Trace& trace, const Lane& lane) {
    const Process& process = trace.processes[lane.process];
    switch (lane.type) {
    case Lane::Type::ProcessHeader: {
        // "python3 · GPU 0 (pid 0)": labels tell apart processes that share a name.
        QString title = nameOf(trace, process.name);
        for (StringId label : process.labels)
            title += (title.isEmpty() ? QString() : QStringLiteral(" · ")) + nameOf(trace, label);
        const QString pid = QString::fromStdString(toString(process.pid, trace.strings));
        title +=
            title.isEmpty() ? QStringLiteral("pid ") + pid : QStringLiteral(" (pid %1)").arg(pid);
        if (const auto& rank = trace.files[process.sourceFile].rank; rank && trace.files.size() > 1)
            title = QStringLiteral("rank %1 · ").arg(*rank) + title;
        return title;
    }
    case Lane::Type::Counter:
        return nameOf(trace, trace.counters[lane.index].name);
    case Lane::Type::Slices:
        if (lane.thread == kNoIndex)
            break;
        const Thread& thread = trace.threads[lane.thread];
        return thread.name != 0 ? nameOf(trace, thread.name)
                                : QString::fromStdString(toString(thread.tid, trace.strings));
    }
    return QStringLiteral("async");
}

// 1-2-5 steps: the smallest step whose ticks are at least `minPixels` apart.
TimeNs tickStep(TimeNs span, int pixels, int minPixels) {
    const double wanted = static_cast<double>(span) * minPixels / std::max(pixels, 1);
    TimeNs step = 1;
    while (true) {
        for (TimeNs factor : {1, 2, 5})
            if (static_cast<double>(step * factor) >= wanted)
                return step * factor;
        if (step > kTimeMax / 100)
            return step;
        step *= 10;
    }
}

} // namespace

QString formatDuration(TimeNs ns) {
    const double value = static_cast<double>(ns);
    const TimeNs magnitude = ns < 0 ? -ns : ns;
    if (magnitude >= 1'000'000'000)
        return QString::number(value / 1e9, 'g', 4) + " s";
    if (magnitude >= 1'000'000)
        return QString::number(value / 1e6, 'g', 4) + " ms";
    if (magnitude >= 1'000)
        return QString::number(value / 1e3, 'g', 4) + " µs";
    return QString::number(ns) + " ns";
}

double TimelineRenderer::xOf(TimeNs t, const TimelineViewport& view, int width) const {
    const double span = static_cast<double>(view.end - view.start);
    return nameColumnWidth + static_cast<double>(t - view.start) * (width - nameColumnWidth) / span;
}

TimeNs TimelineRenderer::timeAt(double x, const TimelineViewport& view, int width) const {
    const double span = static_cast<double>(view.end - view.start);
    return view.start +
           static_cast<TimeNs>((x - nameColumnWidth) * span / std::max(1, width - nameColumnWidth));
}

QColor TimelineRenderer::colorOf(const Trace& trace, StringId name,
                                 const TimelineTheme& theme) const {
    if (cachedTrace_ != &trace || cachedLightness_ != theme.sliceLightness ||
        colorCache_.size() != trace.strings.size()) {
        cachedTrace_ = &trace;
        cachedLightness_ = theme.sliceLightness;
        colorCache_.assign(trace.strings.size(), 0);
    }
    QRgb& cached = colorCache_[name];
    if (cached == 0)
        cached = theme.sliceColor(nameOf(trace, name)).rgba();
    return QColor::fromRgba(cached);
}

void TimelineRenderer::paint(QPainter& p, QSize size, const Trace& trace,
                             const TimelineLanes& lanes, const TimelineViewport& view,
                             const TimelineTheme& theme) const {
    p.fillRect(QRect(QPoint(0, 0), size), theme.background);
    const int laneTop = kRulerHeight;
    p.save();
    p.setClipRect(nameColumnWidth, laneTop, size.width() - nameColumnWidth,
                  size.height() - laneTop);
    bool alternate = false;
    for (const Lane& lane : lanes.lanes()) {
        const int top = laneTop + lane.y - view.scrollY;
        if (top > size.height() || top + lane.height < laneTop)
            continue;
        const QRect band(nameColumnWidth, top, size.width() - nameColumnWidth, lane.height);
        if (lane.type == Lane::Type::ProcessHeader) {
            p.fillRect(band, theme.header);
            alternate = false;
            continue;
        }
        p.fillRect(band, alternate ? theme.laneAlternate : theme.laneBackground);
        alternate = !alternate;
        if (lane.type == Lane::Type::Slices)
            paintSliceLane(p, top, size.width(), trace, lane, view, theme);
        else
            paintCounterLane(p, top, size.width(), trace, lane, view, theme);
    }
    p.restore();
    paintNames(p, size, trace, lanes, view, theme);
    paintRuler(p, size, trace, view, theme);
}

void TimelineRenderer::paintSliceLane(QPainter& p, int top, int width, const Trace& trace,
                                      const Lane& lane, const TimelineViewport& view,
                                      const TimelineTheme& theme) const {
    const SliceTrack& track = trace.sliceTracks[lane.index];
    const int rowHeight = lane.height / std::max<int>(1, lane.rows);
    const TimeNs pixelNs =
        std::max<TimeNs>(1, (view.end - view.start) / std::max(1, width - nameColumnWidth));
    const QFontMetrics metrics(p.font());
    for (std::uint16_t row = 0; row < track.rowCount(); ++row) {
        const int y = top + row * rowHeight + kRowPadding;
        const int h = rowHeight - 2 * kRowPadding;
        track.forEachLodBox(row, view.start, view.end, pixelNs, [&](const index::LodBox& box) {
            const double x0 = std::max<double>(nameColumnWidth, xOf(box.start, view, width));
            const double x1 = std::min<double>(width, xOf(box.end, view, width));
            const QRectF rect(x0, y, std::max(1.0, x1 - x0), h);
            const std::uint32_t slice = track.sliceAtRowPosition(row, box.first);
            QColor color = colorOf(trace, track.name(slice), theme);
            if (box.count > 1) {
                // A merged run: shade by how much of it is busy.
                const double density =
                    static_cast<double>(box.busy) /
                    static_cast<double>(std::max<TimeNs>(1, box.end - box.start));
                color.setAlpha(70 + static_cast<int>(185 * std::clamp(density, 0.0, 1.0)));
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
    area << QPointF(std::min<double>(width, area.back().x() + 1), area.back().y())
         << QPointF(std::min<double>(width, area.back().x()), bottom);
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
    p.save();
    p.setClipRect(0, kRulerHeight, nameColumnWidth, size.height() - kRulerHeight);
    for (const Lane& lane : lanes.lanes()) {
        const int top = kRulerHeight + lane.y - view.scrollY;
        if (top > size.height() || top + lane.height < kRulerHeight)
            continue;
        const bool header = lane.type == Lane::Type::ProcessHeader;
        if (header)
            p.fillRect(0, top, nameColumnWidth, lane.height, theme.header);
        p.setPen(header ? theme.headerText : theme.text);
        QFont font = p.font();
        font.setBold(header);
        p.setFont(font);
        const int indent = header ? 6 : 18;
        const QRect text(indent, top, nameColumnWidth - indent - 6,
                         header ? lane.height : std::min(lane.height, 18));
        p.drawText(
            text, Qt::AlignVCenter | Qt::AlignLeft,
            QFontMetrics(font).elidedText(laneTitle(trace, lane), Qt::ElideRight, text.width()));
    }
    QFont font = p.font();
    font.setBold(false);
    p.setFont(font);
    p.restore();
    p.setPen(theme.grid);
    p.drawLine(nameColumnWidth, 0, nameColumnWidth, size.height());
}

void TimelineRenderer::paintRuler(QPainter& p, QSize size, const Trace& trace,
                                  const TimelineViewport& view, const TimelineTheme& theme) const {
    p.fillRect(0, 0, size.width(), kRulerHeight, theme.ruler);
    p.setPen(theme.mutedText);
    p.drawText(QRect(6, 0, nameColumnWidth - 12, kRulerHeight), Qt::AlignVCenter | Qt::AlignLeft,
               QStringLiteral("view %1").arg(formatDuration(view.end - view.start)));
    const TimeNs step = tickStep(view.end - view.start, size.width() - nameColumnWidth, 110);
    const TimeNs origin = trace.spanStart;
    TimeNs tick = origin + ((view.start - origin) / step) * step;
    for (; tick <= view.end; tick += step) {
        const double x = xOf(tick, view, size.width());
        if (x < nameColumnWidth)
            continue;
        p.setPen(theme.grid);
        p.drawLine(QPointF(x, kRulerHeight - 8), QPointF(x, kRulerHeight));
        p.setPen(theme.text);
        p.drawText(QRectF(x + 3, 0, 100, kRulerHeight - 4), Qt::AlignBottom | Qt::AlignLeft,
                   formatDuration(tick - origin));
    }
    p.setPen(theme.grid);
    p.drawLine(0, kRulerHeight - 1, size.width(), kRulerHeight - 1);
}

} // namespace lanescope::widgets
