// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/flow_index.h"
#include "lane_state.h"
#include "timeline_hit_test.h"
#include "timeline_lanes.h"
#include "timeline_overlay.h"
#include "timeline_renderer.h"
#include "timeline_theme.h"

#include <QElapsedTimer>
#include <QWidget>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace lanescope::widgets {

// The interactive timeline. Painting is the renderer's; this widget keeps the viewport, the lane
// choices and the selection, and turns input into changes of them:
//   Ctrl+wheel, W/S zoom around the cursor; drag, A/D, Shift+wheel pan; the wheel scrolls lanes;
//   click selects a slice (Esc clears), double-click zooms to it; Shift+drag (or a drag on the
//   ruler) selects a range; F zooms to the selection; Backspace undoes a zoom; 0 shows it all;
//   M asks for a marker at the mouse.
//   In the name column: click a header to fold it, right-click for pin/hide, drag the divider
//   to resize.
class TimelineView : public QWidget {
    Q_OBJECT

public:
    explicit TimelineView(QWidget* parent = nullptr);

    // `flows` indexes the trace's flows; it is built here when not given (building it takes
    // ~0.2 s at 10^7 slices, so the window builds it on the loading thread).
    void setTrace(std::shared_ptr<const Trace> trace,
                  std::shared_ptr<const analysis::FlowIndex> flows = nullptr);
    const Trace* trace() const { return trace_.get(); }
    const analysis::FlowIndex& flowIndex() const { return *flowIndex_; }
    const TimelineLanes* lanes() const { return lanes_.get(); }
    const TimelineRenderer& renderer() const { return renderer_; }
    const TimelineTheme& theme() const { return theme_; }
    const TimelineOverlay& overlay() const { return overlay_; }

    void setRange(TimeNs start, TimeNs end);
    const TimelineViewport& viewport() const { return view_; }
    void setTheme(const TimelineTheme& theme);
    void setAbsoluteTime(bool absolute);
    // The ruler's zero (relative time); nullopt: the trace start.
    void setRulerOrigin(std::optional<TimeNs> origin);
    void setNameColumnWidth(int width);
    void resetZoom();
    // Zooms to the selected range, else the selected slice (with a margin).
    void zoomToSelection();
    // Back to the range before the last zoom; false when there is none.
    bool undoZoom();

    // The insights drawn over the lanes (kept until the next trace) and the devices whose
    // busy/idle strips the headers show; `focusFinding` emphasises one insight by id.
    void setFindings(std::shared_ptr<const analysis::DeviceMap> devices,
                     std::shared_ptr<const std::vector<analysis::Insight>> insights);
    void focusFinding(const std::string& id);
    void setFindingsVisible(bool visible);

    // The user's annotations, drawn until replaced; `selectAnnotation` emphasises one (0: none).
    void setAnnotations(std::vector<AnnotationMark> marks);
    void selectAnnotation(std::uint64_t id);
    void setAnnotationsVisible(bool visible);

    // Selects a slice (invalid clears) and, with `reveal`, scrolls and pans until it is shown.
    void selectSlice(SliceRef slice, bool reveal = false);
    void selectRange(TimeRange range, std::vector<std::uint32_t> tracks);
    void clearSelection();

    const LaneState& laneState() const { return laneState_; }
    void setLaneState(LaneState state);

    // Flow categories of the trace, and which of them draw arrows for the selection.
    std::vector<std::string> flowCategories() const;
    void setFlowCategoryEnabled(const std::string& category, bool enabled);
    bool flowCategoryEnabled(const std::string& category) const;

signals:
    void sliceSelected(lanescope::SliceRef slice);
    void rangeSelected(lanescope::widgets::TimeRange range, std::vector<std::uint32_t> tracks);
    void viewportChanged();
    void laneStateChanged();
    // M: the user wants a point marker at `time`, on `track` when the mouse is over a lane.
    void markerRequested(lanescope::TimeNs time, std::optional<std::uint32_t> track);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag { None, Pending, Pan, Range, Box, Divider };

    TimelineHit hitAt(QPointF point) const;
    void zoomAround(double x, double factor);
    void panByPixels(double dx);
    void scrollBy(int dy);
    void rememberZoom(bool coalesce = false);
    void relayout();
    void revealSlice(SliceRef slice);
    void updateSelectedFlows();
    void updateDragRange(QPointF now);
    void finishClick(QPointF point);
    void showHoverTip(QPointF point, QPoint global);
    void requestMarker();

    std::shared_ptr<const Trace> trace_;
    std::shared_ptr<const analysis::FlowIndex> flowIndex_ =
        std::make_shared<const analysis::FlowIndex>();
    std::unique_ptr<TimelineLanes> lanes_;
    LaneState laneState_;
    TimelineRenderer renderer_;
    TimelineTheme theme_ = TimelineTheme::light();
    TimelineViewport view_;
    TimelineOverlay overlay_;
    std::set<std::string> hiddenFlowCategories_;
    std::vector<TimelineViewport> zoomHistory_;
    QElapsedTimer lastZoom_;
    Drag drag_ = Drag::None;
    QPointF pressAt_;
    QPointF lastAt_;
    std::optional<QPointF> hoverAt_; // the mouse over the view, for M
    TimeNs dragStartTime_ = 0;
};

} // namespace lanescope::widgets
