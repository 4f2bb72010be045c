// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "compare/run_comparison.h"

#include <QPainter>
#include <QWidget>
#include <memory>

namespace lanescope::widgets {

struct StepChartStyle {
    QColor background;
    QColor text;
    QColor muted;
};

// The height the chart needs with this font (the legend may take two lines).
int stepChartHeight(const QFontMetrics& metrics);
// Paints the chart into `area` (the widget, an exported page, a report image).
void paintStepChart(QPainter& p, const QRect& area, const compare::Comparison* comparison,
                    const QString& baseLabel, const QString& compLabel,
                    const StepChartStyle& style);

// The comparison's step summary in one look: per run a horizontal bar of the mean compared step,
// its device window split into computing, conversion, communication, copy and free, on one scale,
// with the host's end-to-end step time marked and written beside it, and the difference above.
class StepChart : public QWidget {
    Q_OBJECT

public:
    explicit StepChart(QWidget* parent = nullptr);
    void setComparison(std::shared_ptr<const compare::Comparison> comparison,
                       const QString& baseLabel, const QString& compLabel);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    static QColor bucketColor(compare::Bucket bucket);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::shared_ptr<const compare::Comparison> comparison_;
    QString baseLabel_;
    QString compLabel_;
};

} // namespace lanescope::widgets
