#pragma once

#include "timeline_lanes.h"
#include "timeline_renderer.h"
#include "timeline_theme.h"

#include <QWidget>
#include <memory>

namespace lanescope::widgets {

// The interactive timeline: Ctrl+wheel or W/S zoom around the cursor, drag or A/D pan, the wheel
// scrolls lanes, 0 shows the whole trace. Painting is the renderer's; this widget only keeps the
// viewport and turns input into viewport changes.
class TimelineView : public QWidget {
    Q_OBJECT

public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setTrace(std::shared_ptr<const Trace> trace);
    const Trace* trace() const { return trace_.get(); }
    void setRange(TimeNs start, TimeNs end);
    const TimelineViewport& viewport() const { return view_; }
    void setTheme(const TimelineTheme& theme);
    void resetZoom();

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void zoomAround(double x, double factor);
    void panByPixels(double dx);
    void scrollBy(int dy);

    std::shared_ptr<const Trace> trace_;
    std::unique_ptr<TimelineLanes> lanes_;
    TimelineRenderer renderer_;
    TimelineTheme theme_ = TimelineTheme::light();
    TimelineViewport view_;
    QPoint dragFrom_;
    bool dragging_ = false;
};

} // namespace lanescope::widgets
