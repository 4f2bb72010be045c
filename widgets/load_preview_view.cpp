// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "load_preview_view.h"

#include "time_format.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPushButton>
#include <algorithm>

namespace lanescope::widgets {

namespace {

constexpr int kMargin = 16;
constexpr int kHeaderHeight = 64; // title, progress line and bar
constexpr int kRulerHeight = 22;
constexpr int kLaneHeight = 18;
constexpr int kLabelWidth = 240;

QString laneLabel(const LoadPreview::Lane& lane) {
    return QString::fromStdString(lane.process) + QStringLiteral(" · ") +
           QString::fromStdString(lane.thread);
}

} // namespace

LoadPreviewView::LoadPreviewView(QWidget* parent)
    : QWidget(parent), cancel_(new QPushButton(tr("Cancel"), this)) {
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(false);
    connect(cancel_, &QPushButton::clicked, this, &LoadPreviewView::cancelRequested);
}

void LoadPreviewView::begin(const QString& name) {
    name_ = name;
    progressText_.clear();
    fraction_ = 0;
    preview_.reset();
    update();
}

void LoadPreviewView::setProgress(const QString& text, double fraction) {
    progressText_ = text;
    fraction_ = std::clamp(fraction, 0.0, 1.0);
    update();
}

void LoadPreviewView::setPreview(std::shared_ptr<const LoadPreview> preview) {
    preview_ = std::move(preview);
    update();
    if (preview_)
        emit previewShown(static_cast<int>(preview_->lanes.size()));
}

void LoadPreviewView::setTheme(const TimelineTheme& theme) {
    theme_ = theme;
    update();
}

void LoadPreviewView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const QSize hint = cancel_->sizeHint();
    cancel_->setGeometry(width() - kMargin - hint.width(), kMargin, hint.width(), hint.height());
}

void LoadPreviewView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape)
        emit cancelRequested();
    else
        QWidget::keyPressEvent(event);
}

void LoadPreviewView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), theme_.background);
    painter.setPen(theme_.text);
    QFont title = font();
    title.setBold(true);
    painter.setFont(title);
    const int textRight = cancel_->x() - kMargin;
    painter.drawText(QRect(kMargin, kMargin, textRight - kMargin, 20), Qt::AlignLeft,
                     tr("Loading %1").arg(name_));
    painter.setFont(font());
    painter.setPen(theme_.mutedText);
    QString line = progressText_.section('\n', 1); // the first line repeats the name
    if (line.isEmpty())
        line = progressText_;
    painter.drawText(QRect(kMargin, kMargin + 20, textRight - kMargin, 18), Qt::AlignLeft, line);
    const QRect bar(kMargin, kMargin + 42, width() - 2 * kMargin, 4);
    painter.fillRect(bar, theme_.grid);
    painter.fillRect(
        QRect(bar.x(), bar.y(), static_cast<int>(bar.width() * fraction_), bar.height()),
        theme_.accent);
    const QRect area(0, kHeaderHeight, width(), height() - kHeaderHeight);
    if (!preview_ || preview_->lanes.empty()) {
        painter.setPen(theme_.mutedText);
        painter.drawText(area, Qt::AlignCenter, tr("Reading the first events…"));
        return;
    }
    paintRuler(painter, QRect(area.x(), area.y(), area.width(), kRulerHeight));
    paintLanes(painter, area.adjusted(0, kRulerHeight, 0, 0));
}

void LoadPreviewView::paintRuler(QPainter& painter, const QRect& area) const {
    painter.fillRect(area, theme_.header);
    painter.setPen(theme_.headerText);
    const TimeNs span = preview_->binWidth * static_cast<TimeNs>(preview_->binCount());
    const QRect track = area.adjusted(kLabelWidth + 4, 0, -kMargin, 0);
    painter.drawText(area.adjusted(kMargin, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("%1 lanes so far").arg(preview_->lanes.size()));
    painter.drawText(track, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("0"));
    painter.drawText(track, Qt::AlignRight | Qt::AlignVCenter,
                     tr("%1 read").arg(formatDuration(span)));
}

void LoadPreviewView::paintLanes(QPainter& painter, const QRect& area) const {
    const QRect track = area.adjusted(kLabelWidth + 4, 0, -kMargin, 0);
    const std::size_t bins = preview_->binCount();
    const std::size_t rows = static_cast<std::size_t>(std::max(1, area.height() / kLaneHeight));
    const std::size_t lanes = preview_->lanes.size();
    const std::size_t shown = lanes <= rows ? lanes : rows - 1; // the last row says how many more
    QColor busy = theme_.deviceBusy;
    for (std::size_t l = 0; l < shown; ++l) {
        const LoadPreview::Lane& lane = preview_->lanes[l];
        const int y = area.y() + static_cast<int>(l) * kLaneHeight;
        painter.fillRect(QRect(0, y, width(), kLaneHeight),
                         l % 2 ? theme_.laneAlternate : theme_.laneBackground);
        painter.setPen(theme_.text);
        painter.drawText(QRect(kMargin, y, kLabelWidth - kMargin, kLaneHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(laneLabel(lane), Qt::ElideMiddle,
                                                          kLabelWidth - kMargin));
        // One column per pixel: the busiest bin under it, so short bursts stay visible.
        for (int x = 0; x < track.width() && bins != 0; ++x) {
            const std::size_t from =
                bins * static_cast<std::size_t>(x) / static_cast<std::size_t>(track.width());
            const std::size_t to = std::max(from + 1, bins * static_cast<std::size_t>(x + 1) /
                                                          static_cast<std::size_t>(track.width()));
            float share = 0;
            for (std::size_t b = from; b < to && b < bins; ++b)
                share = std::max(share, lane.busy[b]);
            if (share <= 0)
                continue;
            busy.setAlphaF(0.25f + 0.75f * share);
            painter.fillRect(QRect(track.x() + x, y + 3, 1, kLaneHeight - 6), busy);
        }
    }
    if (shown < lanes) {
        painter.setPen(theme_.mutedText);
        painter.drawText(
            QRect(kMargin, area.y() + static_cast<int>(shown) * kLaneHeight, width(), kLaneHeight),
            Qt::AlignLeft | Qt::AlignVCenter, tr("… and %1 more lanes").arg(lanes - shown));
    }
}

} // namespace lanescope::widgets
