#include "timeline_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace lanescope::widgets {

namespace {
constexpr double kKeyZoom = 1.25;
constexpr double kKeyPanFraction = 0.15;
} // namespace

TimelineView::TimelineView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(400, 200);
}

void TimelineView::setTrace(std::shared_ptr<const Trace> trace) {
    trace_ = std::move(trace);
    renderer_.clearCache();
    lanes_ = trace_ ? std::make_unique<TimelineLanes>(*trace_) : nullptr;
    resetZoom();
}

void TimelineView::setTheme(const TimelineTheme& theme) {
    theme_ = theme;
    update();
}

void TimelineView::resetZoom() {
    if (trace_)
        setRange(trace_->spanStart, std::max(trace_->spanEnd, trace_->spanStart + 1));
}

void TimelineView::setRange(TimeNs start, TimeNs end) {
    view_.start = start;
    view_.end = std::max(end, start + 1); // zooms in to 1 ns, out without a cap
    update();
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (!trace_) {
        painter.fillRect(rect(), theme_.background);
        painter.setPen(theme_.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Open a trace file or folder (Ctrl+O)"));
        return;
    }
    renderer_.paint(painter, size(), *trace_, *lanes_, view_, theme_);
}

void TimelineView::zoomAround(double x, double factor) {
    const TimeNs anchor =
        renderer_.timeAt(std::max<double>(x, renderer_.nameColumnWidth), view_, width());
    const double left = static_cast<double>(anchor - view_.start) / factor;
    const double right = static_cast<double>(view_.end - anchor) / factor;
    setRange(anchor - static_cast<TimeNs>(std::llround(left)),
             anchor + static_cast<TimeNs>(std::llround(right)));
}

void TimelineView::panByPixels(double dx) {
    const double nsPerPixel = static_cast<double>(view_.end - view_.start) /
                              std::max(1, width() - renderer_.nameColumnWidth);
    const auto shift = static_cast<TimeNs>(std::llround(dx * nsPerPixel));
    setRange(view_.start - shift, view_.end - shift);
}

void TimelineView::scrollBy(int dy) {
    const int maximum = lanes_ ? std::max(0, lanes_->totalHeight() - height() + 60) : 0;
    view_.scrollY = std::clamp(view_.scrollY + dy, 0, maximum);
    update();
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier)
        zoomAround(event->position().x(), std::pow(kKeyZoom, steps));
    else
        scrollBy(static_cast<int>(-steps * 60));
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    dragging_ = event->button() == Qt::LeftButton;
    dragFrom_ = event->position().toPoint();
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_)
        return;
    const QPoint now = event->position().toPoint();
    panByPixels(now.x() - dragFrom_.x());
    scrollBy(dragFrom_.y() - now.y());
    dragFrom_ = now;
}

void TimelineView::mouseReleaseEvent(QMouseEvent*) {
    dragging_ = false;
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
    const double centre = renderer_.nameColumnWidth + (width() - renderer_.nameColumnWidth) / 2.0;
    const double panPixels = (width() - renderer_.nameColumnWidth) * kKeyPanFraction;
    switch (event->key()) {
    case Qt::Key_W:
        zoomAround(centre, kKeyZoom);
        break;
    case Qt::Key_S:
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
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace lanescope::widgets
