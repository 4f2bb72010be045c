// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/load_preview.h"
#include "timeline_theme.h"

#include <QString>
#include <QWidget>
#include <memory>

class QPushButton;

namespace lanescope::widgets {

// The window's picture of a trace while it loads: the lanes read so far, each a strip shaded by
// how busy it was over the time read so far (model/load_preview.h), under a line saying how far
// the load is, with a Cancel button. It only draws the previews it is handed; the load runs
// elsewhere, so the window stays usable meanwhile.
class LoadPreviewView : public QWidget {
    Q_OBJECT

public:
    explicit LoadPreviewView(QWidget* parent = nullptr);

    // Starts over for a new load of `name`.
    void begin(const QString& name);
    void setProgress(const QString& text, double fraction);
    void setPreview(std::shared_ptr<const LoadPreview> preview);
    void setTheme(const TimelineTheme& theme);

signals:
    void cancelRequested();
    // A preview was handed over (`lanes` of them drawn), for tests and status lines.
    void previewShown(int lanes);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void paintLanes(QPainter& painter, const QRect& area) const;
    void paintRuler(QPainter& painter, const QRect& area) const;

    TimelineTheme theme_ = TimelineTheme::light();
    std::shared_ptr<const LoadPreview> preview_;
    QString name_;
    QString progressText_;
    double fraction_ = 0;
    QPushButton* cancel_;
};

} // namespace lanescope::widgets
