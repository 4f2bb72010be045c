// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster_heatmap.h"

#include "cluster_rank_model.h"
#include "time_format.h"

#include <QHelpEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace lanescope::widgets {

namespace {

constexpr int kMargin = 6;
constexpr int kLegendBar = 120;

// Light to dark: pale yellow through orange to deep red.
const QColor kScale[] = {QColor(0xff, 0xf5, 0xd6), QColor(0xfd, 0xc9, 0x7a),
                         QColor(0xf2, 0x80, 0x3a), QColor(0xcc, 0x3a, 0x1e),
                         QColor(0x7a, 0x0c, 0x0c)};
constexpr int kScaleStops = sizeof kScale / sizeof kScale[0];

double share(TimeNs part, TimeNs whole) {
    return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

QString stepTitle(const cluster::ClusterStep& step) {
    return step.step.empty() ? QObject::tr("whole trace") : QString::fromStdString(step.step);
}

} // namespace

QString heatMetricName(HeatMetric metric) {
    switch (metric) {
    case HeatMetric::StepTime:
        return QObject::tr("Step time");
    case HeatMetric::Computing:
        return QObject::tr("Computing");
    case HeatMetric::CommunicationShare:
        return QObject::tr("Communication share (not overlapped)");
    case HeatMetric::FreeShare:
        return QObject::tr("Free share");
    case HeatMetric::Preparing:
        return QObject::tr("Preparing");
    case HeatMetric::Wait:
        return QObject::tr("Communication wait");
    case HeatMetric::Transit:
        return QObject::tr("Communication transit");
    }
    return {};
}

HeatMetric metricOf(cluster::SlowCause cause) {
    switch (cause) {
    case cluster::SlowCause::Computing:
        return HeatMetric::Computing;
    case cluster::SlowCause::Preparing:
        return HeatMetric::Preparing;
    case cluster::SlowCause::Transit:
        return HeatMetric::Transit;
    }
    return HeatMetric::StepTime;
}

bool isShare(HeatMetric metric) {
    return metric == HeatMetric::CommunicationShare || metric == HeatMetric::FreeShare;
}

double heatValue(const cluster::RankStep& step, HeatMetric metric) {
    switch (metric) {
    case HeatMetric::StepTime:
        return static_cast<double>(step.stepNs);
    case HeatMetric::Computing:
        return static_cast<double>(step.computingNs);
    case HeatMetric::CommunicationShare:
        return share(step.communicationNotOverlappedNs, step.stepNs);
    case HeatMetric::FreeShare:
        return share(step.freeNs, step.stepNs);
    case HeatMetric::Preparing:
        return static_cast<double>(step.preparingNs);
    case HeatMetric::Wait:
        return static_cast<double>(cluster::waitOf(step));
    case HeatMetric::Transit:
        return static_cast<double>(cluster::transitOf(step));
    }
    return 0;
}

QString formatHeatValue(double value, HeatMetric metric) {
    if (isShare(metric))
        return QStringLiteral("%1 %").arg(value * 100.0, 0, 'f', 1);
    return formatDuration(static_cast<TimeNs>(std::llround(value)));
}

ClusterHeatmap::ClusterHeatmap(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ClusterHeatmap::setView(std::shared_ptr<const cluster::ClusterView> view) {
    view_ = std::move(view);
    const std::size_t ranks = view_ ? view_->ranks.size() : 0;
    order_.resize(ranks);
    for (std::size_t r = 0; r < ranks; ++r)
        order_[r] = r;
    selected_.assign(ranks, false);
    slowRanks_.assign(ranks, false);
    if (view_)
        for (const cluster::ClusterStep& step : view_->steps)
            for (const cluster::SlowRank& slow : step.slow)
                slowRanks_[slow.rank] = true;
    updateRange();
    updateGeometry();
    update();
}

void ClusterHeatmap::setMetric(HeatMetric metric) {
    metric_ = metric;
    updateRange();
    update();
}

void ClusterHeatmap::setRowOrder(std::vector<std::size_t> ranks) {
    order_ = std::move(ranks);
    updateGeometry();
    update();
}

void ClusterHeatmap::setSelectedRanks(std::vector<std::size_t> ranks) {
    std::fill(selected_.begin(), selected_.end(), false);
    for (std::size_t r : ranks)
        if (r < selected_.size())
            selected_[r] = true;
    update();
}

void ClusterHeatmap::setTheme(const TimelineTheme& theme) {
    theme_ = theme;
    update();
}

void ClusterHeatmap::updateRange() {
    low_ = high_ = 0;
    bool any = false;
    if (!view_)
        return;
    for (const cluster::ClusterStep& step : view_->steps)
        for (const cluster::RankStep* r : step.ranks)
            if (r) {
                const double v = heatValue(*r, metric_);
                low_ = any ? std::min(low_, v) : v;
                high_ = any ? std::max(high_, v) : v;
                any = true;
            }
    // Noise between ranks (a 2 % longer step) must not look like a slow rank: the scale spans
    // at least kMinRelativeSpan of the largest value.
    if (high_ > low_)
        low_ = std::min(low_, high_ * (1.0 - kMinRelativeSpan));
}

QColor ClusterHeatmap::scaleColor(double fraction) const {
    const double at = std::clamp(fraction, 0.0, 1.0) * (kScaleStops - 1);
    const int i = std::min(static_cast<int>(at), kScaleStops - 2);
    const double t = at - i;
    const QColor& a = kScale[i];
    const QColor& b = kScale[i + 1];
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

int ClusterHeatmap::gutterWidth() const {
    int widest = fontMetrics().horizontalAdvance(tr("rank %1").arg(88888));
    if (view_)
        for (const cluster::RankSummary& rank : view_->ranks)
            if (!rank.rank) // named by folder: as wide as the longest, within reason
                widest = std::max(widest,
                                  std::min(220, fontMetrics().horizontalAdvance(rankTitle(rank))));
    return widest + 2 * kMargin + 8; // and the held-up mark
}

int ClusterHeatmap::headerHeight() const {
    return fontMetrics().height() * 2 + kMargin;
}

int ClusterHeatmap::legendHeight() const {
    return fontMetrics().height() + 3 * kMargin;
}

ClusterHeatmap::Layout ClusterHeatmap::layout() const {
    Layout l;
    const int rows = std::max<int>(1, static_cast<int>(order_.size()));
    const int columns = view_ ? std::max<int>(1, static_cast<int>(view_->steps.size())) : 1;
    const int top = headerHeight();
    const int available = height() - top - legendHeight();
    l.rowHeight = std::clamp(available / rows, kMinRowHeight, kMaxRowHeight);
    const int left = gutterWidth();
    const int width = std::max(columns, this->width() - left - kMargin);
    l.columnWidth = static_cast<double>(width) / columns;
    l.grid = QRect(left, top, width, l.rowHeight * static_cast<int>(order_.size()));
    return l;
}

QSize ClusterHeatmap::minimumSizeHint() const {
    const int rows = static_cast<int>(order_.size());
    const int columns = view_ ? static_cast<int>(view_->steps.size()) : 1;
    return {gutterWidth() + std::max(2 * columns, kLegendBar * 3) + kMargin,
            headerHeight() + rows * kMinRowHeight + legendHeight()};
}

QSize ClusterHeatmap::sizeHint() const {
    const int rows = static_cast<int>(order_.size());
    const int columns = view_ ? static_cast<int>(view_->steps.size()) : 1;
    return {gutterWidth() + std::max(60 * columns, kLegendBar * 4) + kMargin,
            headerHeight() + rows * std::min(kMaxRowHeight, fontMetrics().height() + 4) +
                legendHeight()};
}

std::optional<ClusterHeatmap::Cell> ClusterHeatmap::cellAt(QPoint point) const {
    if (!view_ || view_->steps.empty())
        return std::nullopt;
    const Layout l = layout();
    if (point.y() < l.grid.top() || point.y() >= l.grid.bottom() + 1 || point.x() < l.grid.left() ||
        point.x() > l.grid.right())
        return std::nullopt;
    const auto row = static_cast<std::size_t>((point.y() - l.grid.top()) / l.rowHeight);
    const auto column = static_cast<std::size_t>((point.x() - l.grid.left()) / l.columnWidth);
    if (row >= order_.size())
        return std::nullopt;
    return Cell{order_[row], std::min(column, view_->steps.size() - 1)};
}

QRect ClusterHeatmap::cellRect(Cell cell) const {
    const auto row = std::find(order_.begin(), order_.end(), cell.rank);
    if (row == order_.end())
        return {};
    return cellRectAt(layout(), static_cast<std::size_t>(row - order_.begin()), cell.step);
}

QRect ClusterHeatmap::cellRectAt(const Layout& l, std::size_t row, std::size_t step) const {
    const auto x = [&](std::size_t s) {
        return l.grid.left() +
               static_cast<int>(std::lround(static_cast<double>(s) * l.columnWidth));
    };
    return QRect(x(step), l.grid.top() + static_cast<int>(row) * l.rowHeight, x(step + 1) - x(step),
                 l.rowHeight);
}

std::optional<QColor> ClusterHeatmap::cellColor(Cell cell) const {
    const cluster::RankStep* r = view_->steps.at(cell.step).ranks.at(cell.rank);
    if (!r)
        return std::nullopt;
    const double span = high_ - low_;
    return scaleColor(span > 0 ? (heatValue(*r, metric_) - low_) / span : 0.0);
}

bool ClusterHeatmap::isSlow(std::size_t rank, std::size_t step) const {
    const std::vector<cluster::SlowRank>& slow = view_->steps[step].slow;
    return std::any_of(slow.begin(), slow.end(),
                       [&](const cluster::SlowRank& s) { return s.rank == rank; });
}

QString ClusterHeatmap::cellToolTip(Cell cell) const {
    const cluster::ClusterStep& step = view_->steps.at(cell.step);
    const cluster::RankSummary& rank = view_->ranks.at(cell.rank);
    QString text = tr("<b>%1</b> · step %2").arg(rankTitle(rank).toHtmlEscaped(), stepTitle(step));
    const cluster::RankStep* r = step.ranks.at(cell.rank);
    if (!r)
        return text + tr("<br>This rank's trace has no such step.");
    text += tr("<br>Step %1 (median of the ranks %2)")
                .arg(formatDuration(r->stepNs), formatDuration(step.medianStepNs));
    text += tr("<br>Computing %1 · communication not overlapped %2 · free %3 (%4)")
                .arg(formatDuration(r->computingNs),
                     formatDuration(r->communicationNotOverlappedNs), formatDuration(r->freeNs),
                     formatHeatValue(heatValue(*r, HeatMetric::FreeShare), HeatMetric::FreeShare));
    text += tr("<br>Preparing %1 · communication wait %2 · transit %3")
                .arg(formatDuration(r->preparingNs), formatDuration(cluster::waitOf(*r)),
                     formatDuration(cluster::transitOf(*r)));
    std::uint64_t bytes = 0;
    TimeNs linkNs = 0;
    for (const cluster::CommunicationTotals& c : r->communication) {
        bytes += c.linkBytes;
        linkNs += c.linkNs;
    }
    if (linkNs > 0)
        text += tr("<br>Moved %1 MB between chips at %2 GB/s")
                    .arg(static_cast<double>(bytes) / 1e6, 0, 'f', 1)
                    .arg(static_cast<double>(bytes) / static_cast<double>(linkNs), 0, 'f', 1);
    for (const cluster::SlowRank& slow : step.slow)
        if (slow.rank == cell.rank)
            text += tr("<br><b>Held this step up:</b> %1").arg(slowText(slow));
    return text + tr("<br><i>Double-click to open this rank's timeline.</i>");
}

void ClusterHeatmap::paintEvent(QPaintEvent* event) {
    QPainter p(this);
    p.fillRect(event->rect(), theme_.background);
    if (!view_)
        return;
    const Layout l = layout();
    // Only the rows in the exposed area: a scroll area shows a few of 512 ranks at a time.
    const int first = std::max(0, (event->rect().top() - l.grid.top()) / l.rowHeight);
    const int last = std::min(static_cast<int>(order_.size()),
                              (event->rect().bottom() - l.grid.top()) / l.rowHeight + 1);
    const Rows rows{static_cast<std::size_t>(first),
                    static_cast<std::size_t>(std::max(first, last))};
    paintHeader(p, l);
    paintGutter(p, l, rows);
    paintCells(p, l, rows);
    paintLegend(p, l);
}

void ClusterHeatmap::paintHeader(QPainter& p, const Layout& l) const {
    const QFontMetrics fm = fontMetrics();
    p.setPen(theme_.mutedText);
    p.drawText(QRect(kMargin, 0, l.grid.left() - kMargin, fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, tr("Step"));
    // Every k-th step's name, so that neighbours do not touch.
    int widest = 1;
    for (const cluster::ClusterStep& step : view_->steps)
        widest = std::max(widest, fm.horizontalAdvance(stepTitle(step)) + 6);
    const auto every = static_cast<std::size_t>(std::ceil(widest / l.columnWidth));
    p.setPen(theme_.text);
    for (std::size_t s = 0; s < view_->steps.size(); s += std::max<std::size_t>(1, every)) {
        const int x = l.grid.left() + static_cast<int>(std::lround(s * l.columnWidth));
        const int w = std::max(widest, static_cast<int>(std::lround(l.columnWidth)));
        p.drawText(QRect(x, fm.height(), w, fm.height()),
                   (every <= 1 ? Qt::AlignHCenter : Qt::AlignLeft) | Qt::AlignVCenter,
                   stepTitle(view_->steps[s]));
    }
}

void ClusterHeatmap::paintGutter(QPainter& p, const Layout& l, Rows rows) const {
    const QFontMetrics fm = fontMetrics();
    const int every = std::max(1, (fm.height() + l.rowHeight - 1) / l.rowHeight);
    for (std::size_t row = rows.first; row < rows.end; ++row) {
        const std::size_t rank = order_[row];
        const int y = l.grid.top() + static_cast<int>(row) * l.rowHeight;
        if (slowRanks_[rank]) // the ranks that held a step up, findable at any zoom
            p.fillRect(QRect(l.grid.left() - 6, y, 4, std::max(1, l.rowHeight - 1)),
                       theme_.finding);
        if (row % static_cast<std::size_t>(every) != 0 && !selected_[rank])
            continue;
        QFont font = p.font();
        font.setBold(selected_[rank]);
        p.setFont(font);
        p.setPen(selected_[rank] ? theme_.accent : theme_.text);
        const QRect label(kMargin, y + l.rowHeight / 2 - fm.height() / 2,
                          l.grid.left() - 2 * kMargin - 6, fm.height());
        p.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(rankTitle(view_->ranks[rank]), Qt::ElideMiddle, label.width()));
    }
    QFont font = p.font();
    font.setBold(false);
    p.setFont(font);
}

void ClusterHeatmap::paintCells(QPainter& p, const Layout& l, Rows rows) const {
    const QBrush missing(theme_.mutedText, Qt::BDiagPattern);
    const bool outlined = l.rowHeight >= 6 && l.columnWidth >= 6;
    for (std::size_t row = rows.first; row < rows.end; ++row) {
        const std::size_t rank = order_[row];
        for (std::size_t s = 0; s < view_->steps.size(); ++s) {
            const QRect r = cellRectAt(l, row, s);
            const std::optional<QColor> colour = cellColor(Cell{rank, s});
            if (!colour) {
                p.fillRect(r, theme_.laneAlternate);
                p.fillRect(r, missing);
                continue;
            }
            p.fillRect(r, *colour);
            if (outlined && isSlow(rank, s)) {
                p.setPen(QPen(theme_.accent, 2));
                p.setBrush(Qt::NoBrush);
                p.drawRect(r.adjusted(1, 1, -1, -1));
            }
        }
        if (selected_[rank]) {
            const int y = l.grid.top() + static_cast<int>(row) * l.rowHeight;
            p.setPen(QPen(theme_.accent, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRect(l.grid.left(), y, l.grid.width() - 1, l.rowHeight - 1));
        }
    }
}

void ClusterHeatmap::paintLegend(QPainter& p, const Layout& l) const {
    const QFontMetrics fm = fontMetrics();
    const int y = l.grid.bottom() + 1 + 2 * kMargin;
    int x = l.grid.left();
    p.setPen(theme_.text);
    const QString name = heatMetricName(metric_);
    p.drawText(QPoint(x, y + fm.ascent()), name);
    x += fm.horizontalAdvance(name) + 2 * kMargin;
    if (high_ == low_) { // one colour: say so rather than draw a scale nothing is on
        const QString same = tr("%1 in every cell").arg(formatHeatValue(low_, metric_));
        p.fillRect(QRect(x, y + 2, fm.height() - 4, fm.height() - 4), scaleColor(0));
        x += fm.height() + kMargin;
        p.drawText(QPoint(x, y + fm.ascent()), same);
        x += fm.horizontalAdvance(same) + 3 * kMargin;
        paintLegendMarks(p, x, y);
        return;
    }
    const QString low = formatHeatValue(low_, metric_);
    p.drawText(QPoint(x, y + fm.ascent()), low);
    x += fm.horizontalAdvance(low) + kMargin;
    QLinearGradient gradient(x, 0, x + kLegendBar, 0);
    for (int i = 0; i < kScaleStops; ++i)
        gradient.setColorAt(static_cast<double>(i) / (kScaleStops - 1), kScale[i]);
    p.fillRect(QRect(x, y + 2, kLegendBar, fm.height() - 4), gradient);
    x += kLegendBar + kMargin;
    const QString high = formatHeatValue(high_, metric_);
    p.drawText(QPoint(x, y + fm.ascent()), high);
    x += fm.horizontalAdvance(high) + 3 * kMargin;
    paintLegendMarks(p, x, y);
}

void ClusterHeatmap::paintLegendMarks(QPainter& p, int x, int y) const {
    const QFontMetrics fm = fontMetrics();
    const QRect hatch(x, y + 2, fm.height() - 4, fm.height() - 4);
    p.fillRect(hatch, theme_.laneAlternate);
    p.fillRect(hatch, QBrush(theme_.mutedText, Qt::BDiagPattern));
    x += hatch.width() + kMargin;
    const QString none = tr("no such step");
    p.drawText(QPoint(x, y + fm.ascent()), none);
    x += fm.horizontalAdvance(none) + 3 * kMargin;
    p.fillRect(QRect(x, y + 2, 4, fm.height() - 4), theme_.finding);
    p.setPen(QPen(theme_.accent, 2));
    p.drawRect(QRect(x + 8, y + 3, fm.height() - 6, fm.height() - 6));
    x += fm.height() + 8;
    p.setPen(theme_.text);
    p.drawText(QPoint(x, y + fm.ascent()), tr("held the others up (over 5 % of the median step)"));
}

void ClusterHeatmap::mousePressEvent(QMouseEvent* event) {
    if (const auto cell = cellAt(event->position().toPoint()))
        emit rankClicked(cell->rank, event->modifiers());
}

void ClusterHeatmap::mouseDoubleClickEvent(QMouseEvent* event) {
    if (const auto cell = cellAt(event->position().toPoint()))
        emit rankActivated(cell->rank);
}

bool ClusterHeatmap::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const auto cell = cellAt(help->pos()))
            QToolTip::showText(help->globalPos(), cellToolTip(*cell), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace lanescope::widgets
