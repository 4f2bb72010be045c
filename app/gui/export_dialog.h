// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/time.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace lanescope::widgets {
struct ExportRequest;
}

namespace lanescope::app {

// File → Export View…: which range (the view, the selection or the whole trace), the title,
// the width and the PNG scale, and the file (its extension picks PNG, SVG or PDF).
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    // [start, end) of each choice; the selection only when hasSelection. (Plain fields: Qt
    // 6.4's moc cannot parse the standard headers std::optional needs.)
    struct Ranges {
        TimeNs viewStart = 0;
        TimeNs viewEnd = 0;
        bool hasSelection = false;
        TimeNs selectionStart = 0;
        TimeNs selectionEnd = 0;
        TimeNs wholeStart = 0;
        TimeNs wholeEnd = 0;
    };

    ExportDialog(const Ranges& ranges, const QString& suggestedPath, int width,
                 QWidget* parent = nullptr);

    widgets::ExportRequest request() const;
    QString path() const;
    void setPath(const QString& path);
    // "view", "selection" or "whole".
    void setRangeChoice(const QString& choice);
    void setScale(int scale);

private:
    void browse();

    Ranges ranges_;
    QComboBox* range_;
    QComboBox* scale_;
    QSpinBox* width_;
    QLineEdit* title_;
    QLineEdit* path_;
};

} // namespace lanescope::app
