// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "view_export.h"

#include "analysis/slice_kind.h"
#include "insight_style.h"
#include "time_format.h"
#include "timeline_lanes.h"
#include "timeline_renderer.h"

#include <QDateTime>
#include <QFileInfo>
#include <set>

namespace lanescope::widgets {

namespace {

constexpr int kMargin = 16;
constexpr int kHeaderHeight = 52;
constexpr int kFooterHeight = 40;
constexpr int kLegendRow = 20;
constexpr int kSwatch = 14;

QString kindLegend(analysis::SliceKind kind) {
    switch (kind) {
    case analysis::SliceKind::Compute:
        return QObject::tr("compute (a shade per op name)");
    case analysis::SliceKind::Copy:
        return QObject::tr("copy");
    case analysis::SliceKind::Communication:
        return QObject::tr("communication");
    case analysis::SliceKind::Sync:
        return QObject::tr("sync / wait");
    case analysis::SliceKind::Idle:
        return QObject::tr("idle");
    case analysis::SliceKind::Other:
        return QObject::tr("other");
    }
    return {};
}

QString legendNameOf(analysis::InsightKind kind) {
    using analysis::InsightKind;
    switch (kind) {
    case InsightKind::HostBlockedOnDevice:
        return QObject::tr("host blocked on the device (hatched)");
    case InsightKind::DeviceIdleGap:
        return QObject::tr("device idle gap (shaded)");
    case InsightKind::SmallOpStreak:
    case InsightKind::FusionCandidate:
        return QObject::tr("small ops / fusion candidate (outlined)");
    default:
        return QObject::tr("other finding (outlined)");
    }
}

QColor legendColorOf(analysis::InsightKind kind, const TimelineTheme& theme) {
    using analysis::InsightKind;
    switch (kind) {
    case InsightKind::HostBlockedOnDevice:
    case InsightKind::DeviceIdleGap:
        return theme.hostWait;
    case InsightKind::SmallOpStreak:
    case InsightKind::FusionCandidate:
        return theme.smallOps;
    default:
        return theme.finding;
    }
}

} // namespace

std::vector<analysis::SliceKind> ViewExporter::sliceKindsOf(const Trace& trace) {
    std::set<StringId> names;
    for (const SliceTrack& track : trace.sliceTracks)
        for (std::uint32_t i = 0; i < track.size(); ++i)
            names.insert(track.name(i));
    std::set<analysis::SliceKind> kinds;
    for (StringId name : names)
        kinds.insert(analysis::classifySliceName(trace.str(name)));
    return {kinds.begin(), kinds.end()};
}

ViewExporter::ViewExporter(const Trace& trace, const LaneState& lanes,
                           const TimelineOverlay& overlay, const TimelineTheme& theme,
                           QString tracePath, const std::vector<analysis::SliceKind>* sliceKinds)
    : trace_(trace), layout_(trace, lanes), overlay_(overlay), theme_(theme),
      tracePath_(std::move(tracePath)) {
    // A page shows no transient selection chrome but the selected range (it is the subject).
    overlay_.flows.clear();
    legend_ = legendEntries(sliceKinds ? *sliceKinds : sliceKindsOf(trace));
}

int ViewExporter::lanesHeight() const {
    return TimelineRenderer::kRulerHeight + layout_.pinnedHeight() + layout_.scrolledHeight() + 4;
}

std::vector<std::pair<QString, QColor>>
ViewExporter::legendEntries(const std::vector<analysis::SliceKind>& sliceKinds) const {
    std::vector<std::pair<QString, QColor>> entries;
    for (analysis::SliceKind kind : sliceKinds)
        entries.emplace_back(kindLegend(kind), theme_.sliceColor(kindLegend(kind), kind));
    if (overlay_.findings.visible && overlay_.findings.insights) {
        std::set<QString> seen;
        for (const analysis::Insight& insight : *overlay_.findings.insights)
            if ((!insight.aggregate || insight.id == overlay_.findings.focused) &&
                seen.insert(legendNameOf(insight.kind)).second)
                entries.emplace_back(legendNameOf(insight.kind),
                                     legendColorOf(insight.kind, theme_));
    }
    if (overlay_.findings.visible && overlay_.findings.devices &&
        !overlay_.findings.devices->devices.empty()) {
        entries.emplace_back(QObject::tr("device busy (header strip)"), theme_.deviceBusy);
        entries.emplace_back(QObject::tr("device idle (header strip)"), theme_.deviceIdleStrip);
    }
    if (overlay_.annotations.visible && !overlay_.annotations.marks.empty())
        entries.emplace_back(
            QObject::tr("annotation"),
            QColor(QString::fromStdString(overlay_.annotations.marks.front().color)));
    return entries;
}

int ViewExporter::legendHeight(int width) const {
    const QFont font;
    const QFontMetrics metrics(font);
    int x = kMargin;
    int rows = 1;
    for (const auto& [label, color] : legend_) {
        const int w = kSwatch + 6 + metrics.horizontalAdvance(label) + 18;
        if (x + w > width - kMargin && x > kMargin) {
            ++rows;
            x = kMargin;
        }
        x += w;
    }
    return rows * kLegendRow + 8;
}

QSize ViewExporter::pageSize(const ExportRequest& request) const {
    if (request.height > 0)
        return {request.width, request.height};
    const int height = kHeaderHeight + lanesHeight() + legendHeight(request.width) + kFooterHeight;
    return {request.width, std::min(height, kMaxAutoHeight)};
}

void ViewExporter::paint(QPainter& p, const ExportRequest& request) const {
    const QSize page = pageSize(request);
    p.fillRect(QRect(QPoint(0, 0), page), theme_.background);
    paintHeader(p, request, page.width());
    const int legend = legendHeight(page.width());
    const int timelineTop = kHeaderHeight;
    const int timelineHeight = std::max(TimelineRenderer::kRulerHeight + 20,
                                        page.height() - kHeaderHeight - legend - kFooterHeight);
    TimelineRenderer renderer;
    renderer.nameColumnWidth = request.nameColumnWidth;
    renderer.rulerOrigin = request.origin;
    TimelineViewport view{request.start, std::max(request.end, request.start + 1), 0};
    p.save();
    p.translate(0, timelineTop);
    p.setClipRect(QRect(0, 0, page.width(), timelineHeight));
    renderer.paint(p, QSize(page.width(), timelineHeight), trace_, layout_, view, theme_, overlay_);
    p.restore();
    p.setPen(theme_.grid);
    p.drawLine(0, timelineTop + timelineHeight, page.width(), timelineTop + timelineHeight);
    paintLegend(p, QRect(0, timelineTop + timelineHeight + 4, page.width(), legend));
    paintFooter(p, request, QRect(0, page.height() - kFooterHeight, page.width(), kFooterHeight));
}

void ViewExporter::paintHeader(QPainter& p, const ExportRequest& request, int width) const {
    p.fillRect(QRect(0, 0, width, kHeaderHeight), theme_.ruler);
    QFont title = p.font();
    title.setPixelSize(18);
    title.setBold(true);
    p.save();
    p.setFont(title);
    p.setPen(theme_.text);
    const QString text = request.title.isEmpty() ? displayFileName(tracePath_) : request.title;
    p.drawText(QRect(kMargin, 4, width - 2 * kMargin, 26), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(title).elidedText(text, Qt::ElideRight, width - 2 * kMargin));
    p.restore();
    p.setPen(theme_.mutedText);
    const QString subtitle =
        QObject::tr("%1 · %2 … %3 (%4) after %5")
            .arg(displayFileName(tracePath_),
                 formatDuration(request.start - request.origin.value_or(trace_.spanStart)),
                 formatDuration(request.end - request.origin.value_or(trace_.spanStart)),
                 formatDuration(request.end - request.start),
                 request.origin ? request.originName : QObject::tr("the trace's start"));
    p.drawText(QRect(kMargin, 30, width - 2 * kMargin, 18), Qt::AlignLeft | Qt::AlignVCenter,
               subtitle);
}

void ViewExporter::paintLegend(QPainter& p, QRect area) const {
    const QFontMetrics metrics(p.font());
    int x = kMargin;
    int y = area.top() + 4;
    for (const auto& [label, color] : legend_) {
        const int w = kSwatch + 6 + metrics.horizontalAdvance(label) + 18;
        if (x + w > area.width() - kMargin && x > kMargin) {
            x = kMargin;
            y += kLegendRow;
        }
        p.fillRect(QRect(x, y + 3, kSwatch, kSwatch - 4), color);
        p.setPen(theme_.text);
        p.drawText(QRect(x + kSwatch + 6, y, w, kLegendRow - 4), Qt::AlignLeft | Qt::AlignVCenter,
                   label);
        x += w;
    }
}

void ViewExporter::paintFooter(QPainter& p, const ExportRequest& request, QRect area) const {
    p.fillRect(area, theme_.ruler);
    p.setPen(theme_.mutedText);
    // Epoch clocks read as UTC time of day, the others as seconds (formatTimestamp decides).
    const QString absolute =
        QObject::tr(" · starts %1")
            .arg(formatTimestamp(request.start, 1000, trace_.metadata.baseTimeNs));
    const QString line1 = QObject::tr("%1 · range %2 … %3 ns%4")
                              .arg(tracePath_)
                              .arg(request.start)
                              .arg(request.end)
                              .arg(absolute);
    const QString line2 = QObject::tr("Lanescope %1 · exported %2")
                              .arg(QStringLiteral(LANESCOPE_VERSION),
                                   QDateTime::currentDateTime().toString(Qt::ISODate));
    const QFontMetrics metrics(p.font());
    p.drawText(QRect(kMargin, area.top() + 3, area.width() - 2 * kMargin, 17),
               Qt::AlignLeft | Qt::AlignVCenter,
               metrics.elidedText(line1, Qt::ElideMiddle, area.width() - 2 * kMargin));
    p.drawText(QRect(kMargin, area.top() + 20, area.width() - 2 * kMargin, 17),
               Qt::AlignLeft | Qt::AlignVCenter, line2);
}

PageSpec ViewExporter::page(const ExportRequest& request) const {
    PageSpec spec;
    spec.size = pageSize(request);
    spec.scale = request.scale;
    spec.title = request.title.isEmpty() ? displayFileName(tracePath_) : request.title;
    spec.description = QObject::tr("Exported by Lanescope from %1").arg(tracePath_);
    spec.background = theme_.background;
    spec.paint = [this, request](QPainter& p) { paint(p, request); };
    return spec;
}

QImage ViewExporter::image(const ExportRequest& request) const {
    return renderPage(page(request));
}

bool ViewExporter::save(const QString& path, const ExportRequest& request, QString* error) const {
    return savePage(path, page(request), error);
}

} // namespace lanescope::widgets
