// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "cluster/cluster_view.h"
#include "timeline_theme.h"

#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

namespace lanescope::widgets {

// What a heatmap cell's colour stands for. Higher is worse for each, so dark red always marks
// the cells to look at.
enum class HeatMetric {
    StepTime,           // RankStep::stepNs
    Computing,          // computingNs
    CommunicationShare, // communicationNotOverlappedNs of the step time
    FreeShare,          // freeNs of the step time
    Preparing,          // preparingNs
    Wait,               // cluster::waitOf
    Transit,            // cluster::transitOf
};
inline constexpr int kHeatMetrics = 7;
// The metric that shows a slow rank's cause.
HeatMetric metricOf(cluster::SlowCause cause);
QString heatMetricName(HeatMetric metric);
bool isShare(HeatMetric metric);
// A cell's value: ns for times, a fraction in [0, 1] for shares (0 when the step took no time).
double heatValue(const cluster::RankStep& step, HeatMetric metric);
// "154.2 ms", "12.5 %".
QString formatHeatValue(double value, HeatMetric metric);

// A job at a glance: one row per rank, one column per step (cluster::ClusterView), each cell
// coloured by the metric on one scale from the smallest to the largest cell (the legend below
// says which; when all cells are equal, all take the scale's light end). The scale spans at
// least kMinRelativeSpan of the largest cell, so that ranks a few per cent apart look alike; cells
// a rank lacks hatched, and the cells where a rank held the step up outlined (its row marked in the
// gutter too). Rows take the order they are given (the rank table's sort) and are at least
// kMinRowHeight px high: 512 ranks need a scroll area around it. Hovering a cell tells its numbers;
// clicking picks its rank, double-clicking opens it.
class ClusterHeatmap : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMinRowHeight = 3;
    static constexpr int kMaxRowHeight = 24;
    static constexpr double kMinRelativeSpan = 0.25;

    explicit ClusterHeatmap(QWidget* parent = nullptr);

    void setView(std::shared_ptr<const cluster::ClusterView> view);
    void setMetric(HeatMetric metric);
    HeatMetric metric() const { return metric_; }
    // Ranks (indices into ClusterView::ranks) top to bottom; the others are not drawn.
    void setRowOrder(std::vector<std::size_t> ranks);
    const std::vector<std::size_t>& rowOrder() const { return order_; }
    void setSelectedRanks(std::vector<std::size_t> ranks);
    void setTheme(const TimelineTheme& theme);

    // The cell under `point`: rank and step indices.
    struct Cell {
        std::size_t rank = 0;
        std::size_t step = 0;
    };
    std::optional<Cell> cellAt(QPoint point) const;
    // Where a cell is drawn (empty when its rank is not a row).
    QRect cellRect(Cell cell) const;
    // Its colour: the scale's, or nullopt when the rank lacks the step.
    std::optional<QColor> cellColor(Cell cell) const;
    // The colour scale's ends, over every cell of the metric.
    std::pair<double, double> range() const { return {low_, high_}; }
    QString cellToolTip(Cell cell) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void rankClicked(std::size_t rank, Qt::KeyboardModifiers modifiers);
    void rankActivated(std::size_t rank);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Layout {
        QRect grid; // the cells
        int rowHeight = kMinRowHeight;
        double columnWidth = 1;
    };
    struct Rows {
        std::size_t first = 0;
        std::size_t end = 0;
    };
    Layout layout() const;
    QRect cellRectAt(const Layout& l, std::size_t row, std::size_t step) const;
    int gutterWidth() const;
    int headerHeight() const;
    int legendHeight() const;
    void updateRange();
    QColor scaleColor(double fraction) const;
    void paintGutter(QPainter& p, const Layout& l, Rows rows) const;
    void paintHeader(QPainter& p, const Layout& l) const;
    void paintCells(QPainter& p, const Layout& l, Rows rows) const;
    void paintLegend(QPainter& p, const Layout& l) const;
    // "no such step" and "held the others up", from `x` on the legend's line at `y`.
    void paintLegendMarks(QPainter& p, int x, int y) const;
    bool isSlow(std::size_t rank, std::size_t step) const;

    std::shared_ptr<const cluster::ClusterView> view_;
    HeatMetric metric_ = HeatMetric::StepTime;
    std::vector<std::size_t> order_;
    std::vector<bool> selected_;  // per rank
    std::vector<bool> slowRanks_; // per rank: held some step up
    double low_ = 0;
    double high_ = 0;
    TimelineTheme theme_ = TimelineTheme::light();
};

} // namespace lanescope::widgets
