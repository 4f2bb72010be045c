// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "annotations_model.h"

#include <QWidget>

class QTableView;
class QToolButton;

namespace lanescope::widgets {

// The Annotations dock: every marker, range and note with its time, text, lane and author.
// Double-click (or Return) jumps to one; its text is edited in place (F2); Colour… and Delete
// act on the current one. Adding comes from the timeline (M, a range selection, the selected
// slice) through the buttons on top. Every change is a request the window sends through the
// undo stack.
class AnnotationsPanel : public QWidget {
    Q_OBJECT

public:
    explicit AnnotationsPanel(QWidget* parent = nullptr);

    void setRows(std::vector<AnnotationRow> rows, TimeNs origin);
    // What can be added from the timeline's current selection.
    void setCanAdd(bool range, bool note);
    // Makes the annotation current without asking to jump to it.
    void showCurrent(std::uint64_t id);
    std::uint64_t currentId() const;
    QTableView* table() const { return table_; }
    AnnotationsModel* model() const { return model_; }

signals:
    void jumpRequested(std::uint64_t id);
    void currentChanged(std::uint64_t id); // 0: none
    void textEdited(std::uint64_t id, const QString& text);
    void colorRequested(std::uint64_t id);
    void deleteRequested(std::uint64_t id);
    void addMarkerRequested();
    void addRangeRequested();
    void addNoteRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QToolButton* button(const QString& text, const QString& tip);

    AnnotationsModel* model_;
    QTableView* table_;
    QToolButton* addRange_;
    QToolButton* addNote_;
    QToolButton* color_;
    QToolButton* delete_;
};

} // namespace lanescope::widgets
