// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "timeline_view.h"

#include "analysis/slice_info.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <limits>

namespace lanescope::widgets {

namespace {

constexpr double kKeyZoom = 1.25;
constexpr double kKeyPanFraction = 0.15;
constexpr double kDragThreshold = 4.0;
constexpr int kZoomCoalesceMs = 600; // wheel ticks closer than this undo as one zoom
constexpr std::size_t kZoomHistoryLimit = 100;

QString text(const Trace& trace, StringId id) {
    const std::string_view s = trace.str(id);
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

TimelineView::TimelineView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(400, 200);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void TimelineView::setTrace(std::shared_ptr<const Trace> trace,
                            std::shared_ptr<const analysis::FlowIndex> flows) {
    trace_ = std::move(trace);
    renderer_.clearCache();
    if (!flows)
        flows = trace_ ? std::make_shared<const analysis::FlowIndex>(*trace_)
                       : std::make_shared<const analysis::FlowIndex>();
    flowIndex_ = std::move(flows);
    laneState_ = {};
    overlay_ = {};
    zoomHistory_.clear();
    view_.scrollY = 0;
    relayout();
    resetZoom();
    zoomHistory_.clear();
}

void TimelineView::relayout() {
    lanes_ = trace_ ? std::make_unique<TimelineLanes>(*trace_, laneState_) : nullptr;
    scrollBy(0);
    update();
}

void TimelineView::setLaneState(LaneState state) {
    laneState_ = std::move(state);
    relayout();
    emit laneStateChanged();
}

void TimelineView::setTheme(const TimelineTheme& theme) {
    theme_ = theme;
    update();
}

void TimelineView::setRulerOrigin(std::optional<TimeNs> origin) {
    renderer_.rulerOrigin = origin;
    update();
}

void TimelineView::setAbsoluteTime(bool absolute) {
    renderer_.absoluteTime = absolute;
    update();
}

void TimelineView::setNameColumnWidth(int width) {
    // Never wider than 60 % of the view, so the timeline keeps most of the space.
    const int widest = std::max(TimelineRenderer::kMinNameColumn, this->width() * 3 / 5);
    renderer_.nameColumnWidth =
        std::clamp(width, TimelineRenderer::kMinNameColumn, isVisible() ? widest : 2000);
    update();
}

void TimelineView::resetZoom() {
    if (!trace_)
        return;
    rememberZoom();
    setRange(trace_->spanStart, std::max(trace_->spanEnd, saturatingAdd(trace_->spanStart, 1)));
}

void TimelineView::setRange(TimeNs start, TimeNs end) {
    // Zooms in to 1 ns, out without a cap; times saturate at the ends of TimeNs.
    view_.start = std::min(start, kTimeMax - 1);
    view_.end = std::max(end, view_.start + 1);
    update();
    emit viewportChanged();
}

void TimelineView::rememberZoom(bool coalesce) {
    const bool recent = lastZoom_.isValid() && lastZoom_.elapsed() < kZoomCoalesceMs;
    lastZoom_.start();
    if (coalesce && recent)
        return;
    if (!zoomHistory_.empty() && zoomHistory_.back() == view_)
        return;
    zoomHistory_.push_back(view_);
    if (zoomHistory_.size() > kZoomHistoryLimit)
        zoomHistory_.erase(zoomHistory_.begin());
}

bool TimelineView::undoZoom() {
    if (zoomHistory_.empty())
        return false;
    const TimelineViewport previous = zoomHistory_.back();
    zoomHistory_.pop_back();
    view_.scrollY = previous.scrollY;
    setRange(previous.start, previous.end);
    scrollBy(0);
    return true;
}

void TimelineView::zoomToSelection() {
    TimeRange target;
    if (overlay_.range)
        target = *overlay_.range;
    else if (overlay_.selected.valid() && trace_) {
        const SliceTrack& track = trace_->sliceTracks[overlay_.selected.track];
        target = {track.start(overlay_.selected.slice), track.end(overlay_.selected.slice)};
    } else
        return;
    // A margin of a tenth on each side keeps the edges of the selection visible.
    const TimeNs margin = std::max<TimeNs>(1, target.duration() / 10);
    rememberZoom();
    setRange(saturatingSub(target.start, margin), saturatingAdd(target.end, margin));
}

void TimelineView::setFindings(std::shared_ptr<const analysis::DeviceMap> devices,
                               std::shared_ptr<const std::vector<analysis::Insight>> insights) {
    overlay_.findings.devices = std::move(devices);
    overlay_.findings.insights = std::move(insights);
    overlay_.findings.focused.clear();
    update();
}

void TimelineView::focusFinding(const std::string& id) {
    overlay_.findings.focused = id;
    update();
}

void TimelineView::setFindingsVisible(bool visible) {
    overlay_.findings.visible = visible;
    update();
}

void TimelineView::setAnnotations(std::vector<AnnotationMark> marks) {
    overlay_.annotations.marks = std::move(marks);
    update();
}

void TimelineView::selectAnnotation(std::uint64_t id) {
    overlay_.annotations.selected = id;
    update();
}

void TimelineView::setAnnotationsVisible(bool visible) {
    overlay_.annotations.visible = visible;
    update();
}

void TimelineView::selectSlice(SliceRef slice, bool reveal) {
    overlay_.selected = slice;
    updateSelectedFlows();
    if (reveal && slice.valid())
        revealSlice(slice);
    update();
    emit sliceSelected(slice);
}

void TimelineView::selectRange(TimeRange range, std::vector<std::uint32_t> tracks) {
    overlay_.range = range;
    overlay_.rangeTracks = tracks;
    update();
    emit rangeSelected(range, std::move(tracks));
}

void TimelineView::clearSelection() {
    const bool hadSlice = overlay_.selected.valid();
    FindingsOverlay findings = std::move(overlay_.findings);
    AnnotationsOverlay annotations = std::move(overlay_.annotations);
    overlay_ = {};
    overlay_.findings = std::move(findings);
    overlay_.annotations = std::move(annotations);
    update();
    if (hadSlice)
        emit sliceSelected({});
}

// Pans the slice to the middle when it is off screen, keeping the zoom unless the slice is
// wider than the view; scrolls its lane into view.
void TimelineView::revealSlice(SliceRef slice) {
    const SliceTrack& track = trace_->sliceTracks[slice.track];
    const TimeNs start = track.start(slice.slice);
    const TimeNs end = track.end(slice.slice);
    TimeNs span = saturatingSub(view_.end, view_.start);
    const TimeNs width = saturatingSub(end, start);
    if (width > span)
        span = saturatingAdd(saturatingAdd(width, width / 5), 1);
    const TimeNs middle = saturatingAdd(start, width / 2);
    if (start < view_.start || end > view_.end || span != saturatingSub(view_.end, view_.start)) {
        const TimeNs from = saturatingSub(middle, span / 2);
        setRange(from, saturatingAdd(from, span));
    }
    if (const auto centre = renderer_.rowCentre(*trace_, *lanes_, view_, slice)) {
        const int areaTop = TimelineRenderer::kRulerHeight + lanes_->pinnedHeight();
        if (*centre < areaTop || *centre > height() - 10)
            scrollBy(static_cast<int>(*centre - (areaTop + height()) / 2.0));
    }
}

void TimelineView::updateSelectedFlows() {
    overlay_.flows.clear();
    if (!trace_ || !overlay_.selected.valid())
        return;
    for (const auto flows :
         {flowIndex_->outgoing(overlay_.selected), flowIndex_->incoming(overlay_.selected)})
        for (std::uint32_t f : flows)
            if (flowCategoryEnabled(std::string(trace_->str(trace_->flows[f].category))))
                overlay_.flows.push_back(f);
}

std::vector<std::string> TimelineView::flowCategories() const {
    std::set<std::string> categories;
    if (trace_)
        for (const Flow& flow : trace_->flows)
            categories.emplace(trace_->str(flow.category));
    return {categories.begin(), categories.end()};
}

void TimelineView::setFlowCategoryEnabled(const std::string& category, bool enabled) {
    if (enabled)
        hiddenFlowCategories_.erase(category);
    else
        hiddenFlowCategories_.insert(category);
    updateSelectedFlows();
    update();
}

bool TimelineView::flowCategoryEnabled(const std::string& category) const {
    return !hiddenFlowCategories_.contains(category);
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (!trace_) {
        painter.fillRect(rect(), theme_.background);
        painter.setPen(theme_.mutedText);
        painter.drawText(rect(), Qt::AlignCenter,
                         tr("Open a trace file or profiler folder (Ctrl+O), or drop one here"));
        return;
    }
    renderer_.paint(painter, size(), *trace_, *lanes_, view_, theme_, overlay_);
    if (drag_ == Drag::Box) {
        painter.setPen(QPen(theme_.accent, 1, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(pressAt_, lastAt_).normalized());
    }
}

void TimelineView::resizeEvent(QResizeEvent*) {
    setNameColumnWidth(renderer_.nameColumnWidth);
    scrollBy(0);
}

TimelineHit TimelineView::hitAt(QPointF point) const {
    return hitTest(*lanes_, renderer_, view_, size(), point);
}

void TimelineView::zoomAround(double x, double factor) {
    const TimeNs anchor =
        renderer_.timeAt(std::max<double>(x, renderer_.nameColumnWidth), view_, width());
    const TimeNs span = saturatingSub(view_.end, view_.start);
    // Round towards the zoom direction so that repeated steps always progress, down to 1 ns.
    const double wanted = static_cast<double>(span) / factor;
    TimeNs next = clampToTime(factor > 1 ? std::floor(wanted) : std::ceil(wanted));
    if (factor < 1 && next == span)
        next = saturatingAdd(next, 1);
    next = std::max<TimeNs>(1, next);
    const double fraction =
        static_cast<double>(saturatingSub(anchor, view_.start)) / static_cast<double>(span);
    const TimeNs start = saturatingSub(anchor, clampToTime(fraction * static_cast<double>(next)));
    setRange(start, saturatingAdd(start, next));
}

void TimelineView::panByPixels(double dx) {
    const double nsPerPixel = static_cast<double>(saturatingSub(view_.end, view_.start)) /
                              std::max(1, width() - renderer_.nameColumnWidth);
    const TimeNs shift = clampToTime(dx * nsPerPixel);
    setRange(saturatingSub(view_.start, shift), saturatingSub(view_.end, shift));
}

void TimelineView::scrollBy(int dy) {
    const int visible =
        height() - TimelineRenderer::kRulerHeight - (lanes_ ? lanes_->pinnedHeight() : 0);
    const int maximum = lanes_ ? std::max(0, lanes_->scrolledHeight() - visible + 40) : 0;
    view_.scrollY = std::clamp(view_.scrollY + dy, 0, maximum);
    update();
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (!trace_)
        return;
    if (event->modifiers() & Qt::ControlModifier) {
        rememberZoom(true);
        zoomAround(event->position().x(), std::pow(kKeyZoom, steps));
    } else if (event->modifiers() & Qt::ShiftModifier) {
        panByPixels(steps * 80);
    } else {
        scrollBy(static_cast<int>(-steps * 60));
    }
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    if (!trace_ || event->button() != Qt::LeftButton)
        return;
    pressAt_ = lastAt_ = event->position();
    const TimelineHit hit = hitAt(pressAt_);
    dragStartTime_ = hit.time;
    if (hit.area == TimelineHit::Area::NameDivider)
        drag_ = Drag::Divider;
    else if (hit.area == TimelineHit::Area::Ruler)
        drag_ = Drag::Range;
    else if (hit.area == TimelineHit::Area::Lanes && (event->modifiers() & Qt::ShiftModifier))
        drag_ = Drag::Box;
    else
        drag_ = Drag::Pending;
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    if (!trace_)
        return;
    const QPointF now = event->position();
    hoverAt_ = now;
    switch (drag_) {
    case Drag::None:
        setCursor(hitAt(now).area == TimelineHit::Area::NameDivider ? Qt::SplitHCursor
                                                                    : Qt::ArrowCursor);
        showHoverTip(now, event->globalPosition().toPoint());
        return;
    case Drag::Divider:
        setNameColumnWidth(static_cast<int>(now.x()));
        break;
    case Drag::Pending:
        if ((now - pressAt_).manhattanLength() < kDragThreshold)
            return;
        drag_ = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
        [[fallthrough]];
    case Drag::Pan:
        panByPixels(now.x() - lastAt_.x());
        scrollBy(static_cast<int>(lastAt_.y() - now.y()));
        break;
    case Drag::Range:
    case Drag::Box:
        updateDragRange(now);
        break;
    }
    lastAt_ = now;
}

void TimelineView::updateDragRange(QPointF now) {
    const TimeNs t =
        renderer_.timeAt(std::max<double>(now.x(), renderer_.nameColumnWidth), view_, width());
    overlay_.range = TimeRange{std::min(t, dragStartTime_), std::max(t, dragStartTime_)};
    overlay_.rangeTracks.clear();
    lastAt_ = now;
    update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
    if (!trace_ || event->button() != Qt::LeftButton)
        return;
    const Drag finished = drag_;
    drag_ = Drag::None;
    setCursor(Qt::ArrowCursor);
    if (finished == Drag::Pending)
        finishClick(event->position());
    if (finished == Drag::Divider)
        emit laneStateChanged();
    if ((finished == Drag::Range || finished == Drag::Box) && overlay_.range &&
        overlay_.range->duration() > 0) {
        // A ruler drag selects the range on every lane, scrolled out of view or not.
        const bool box = finished == Drag::Box;
        const int y0 = box ? static_cast<int>(pressAt_.y()) : std::numeric_limits<int>::min() / 2;
        const int y1 =
            box ? static_cast<int>(event->position().y()) : std::numeric_limits<int>::max() / 2;
        std::vector<std::uint32_t> tracks = tracksInBox(*trace_, *lanes_, view_, y0, y1);
        overlay_.rangeTracks = box ? tracks : std::vector<std::uint32_t>{};
        selectRange(*overlay_.range, std::move(tracks));
    } else if (finished == Drag::Range || finished == Drag::Box) {
        overlay_.range.reset();
        update();
    }
}

void TimelineView::finishClick(QPointF point) {
    const TimelineHit hit = hitAt(point);
    if (hit.area == TimelineHit::Area::NameColumn && hit.lane && hit.lane->isHeader()) {
        laneState_.toggleCollapsed(hit.lane->key);
        relayout();
        emit laneStateChanged();
        return;
    }
    if (hit.area != TimelineHit::Area::Lanes)
        return;
    overlay_.range.reset();
    overlay_.rangeTracks.clear();
    selectSlice(sliceAt(*trace_, hit, view_, width(), renderer_.nameColumnWidth));
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (!trace_)
        return;
    const TimelineHit hit = hitAt(event->position());
    const SliceRef slice = sliceAt(*trace_, hit, view_, width(), renderer_.nameColumnWidth);
    if (!slice.valid())
        return;
    selectSlice(slice);
    zoomToSelection();
}

void TimelineView::showHoverTip(QPointF point, QPoint global) {
    const TimelineHit hit = hitAt(point);
    const SliceRef slice = sliceAt(*trace_, hit, view_, width(), renderer_.nameColumnWidth);
    if (!slice.valid()) {
        QToolTip::hideText();
        return;
    }
    const SliceTrack& track = trace_->sliceTracks[slice.track];
    const QString tip = QStringLiteral("<b>%1</b><br>duration %2<br>start %3")
                            .arg(text(*trace_, track.name(slice.slice)).toHtmlEscaped(),
                                 formatDuration(track.duration(slice.slice)),
                                 formatDuration(track.start(slice.slice) - trace_->spanStart));
    QToolTip::showText(global, tip, this);
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
    const double centre = renderer_.nameColumnWidth + (width() - renderer_.nameColumnWidth) / 2.0;
    const double panPixels = (width() - renderer_.nameColumnWidth) * kKeyPanFraction;
    if (!trace_) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_W:
        rememberZoom(event->isAutoRepeat());
        zoomAround(centre, kKeyZoom);
        break;
    case Qt::Key_S:
        rememberZoom(event->isAutoRepeat());
        zoomAround(centre, 1 / kKeyZoom);
        break;
    case Qt::Key_A:
        panByPixels(panPixels);
        break;
    case Qt::Key_D:
        panByPixels(-panPixels);
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_F:
        zoomToSelection();
        break;
    case Qt::Key_Backspace:
        undoZoom();
        break;
    case Qt::Key_Escape:
        clearSelection();
        break;
    case Qt::Key_M:
        requestMarker();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

// A marker at the time under the mouse (the view's centre when the mouse is elsewhere), on the
// lane under it when that is a slice lane.
void TimelineView::requestMarker() {
    const QPointF at = hoverAt_.value_or(QPointF(-1, -1));
    const bool inside =
        hoverAt_ && at.x() >= renderer_.nameColumnWidth && at.y() >= TimelineRenderer::kRulerHeight;
    const double x =
        inside ? at.x() : renderer_.nameColumnWidth + (width() - renderer_.nameColumnWidth) / 2.0;
    std::optional<std::uint32_t> track;
    if (inside)
        if (const TimelineHit hit = hitAt(at); hit.lane && hit.lane->type == Lane::Type::Slices)
            track = hit.lane->index;
    emit markerRequested(renderer_.timeAt(x, view_, width()), track);
}

void TimelineView::leaveEvent(QEvent* event) {
    hoverAt_.reset();
    QWidget::leaveEvent(event);
}

void TimelineView::contextMenuEvent(QContextMenuEvent* event) {
    if (!trace_)
        return;
    const TimelineHit hit = hitAt(event->pos());
    QMenu menu(this);
    if (hit.lane && !hit.lane->isHeader()) {
        const LaneKey key = hit.lane->key;
        menu.addAction(laneState_.isPinned(key) ? tr("Unpin lane") : tr("Pin lane to top"), this,
                       [this, key] {
                           laneState_.togglePinned(key);
                           setLaneState(laneState_);
                       });
        menu.addAction(tr("Hide lane"), this, [this, key] {
            laneState_.hidden.insert(key);
            setLaneState(laneState_);
        });
    }
    if (hit.lane && hit.lane->isHeader()) {
        const LaneKey key = hit.lane->key;
        menu.addAction(hit.lane->collapsed ? tr("Expand group") : tr("Collapse group"), this,
                       [this, key] {
                           laneState_.toggleCollapsed(key);
                           setLaneState(laneState_);
                       });
    }
    menu.addSeparator();
    menu.addAction(tr("Expand all groups"), this, [this] {
        laneState_.collapsed.clear();
        setLaneState(laneState_);
    });
    QAction* showHidden = menu.addAction(
        tr("Show %n hidden lane(s)", nullptr, static_cast<int>(lanes_->hiddenCount())), this,
        [this] {
            laneState_.hidden.clear();
            setLaneState(laneState_);
        });
    showHidden->setEnabled(lanes_->hiddenCount() > 0);
    menu.exec(event->globalPos());
}

} // namespace lanescope::widgets
