// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/insight.h"
#include "annotation_store.h"

#include <QObject>
#include <optional>

namespace lanescope::widgets {
class AnnotationsPanel;
class TimelineView;
} // namespace lanescope::widgets

namespace lanescope::app {

// Connects the annotation store with the timeline and the Annotations dock: M, the range
// selection, the selected slice and an insight become annotations; the dock jumps to, edits,
// recolours and deletes them; the timeline draws them; the view (range, pinned, hidden and
// folded lanes) is saved in the session and restored on open.
class AnnotationController : public QObject {
    Q_OBJECT

public:
    AnnotationController(widgets::TimelineView* view, widgets::AnnotationsPanel* panel,
                         QObject* parent = nullptr);

    AnnotationStore& store() { return store_; }

signals:
    // An annotation was just added and its text is about to be edited: show the dock.
    void added(std::uint64_t id);

public:
    // Opens the trace's session (`read` by the load job, see AnnotationStore::open) and
    // restores its view; returns what the user should be told.
    QString open(const QString& tracePath, std::shared_ptr<const Trace> trace,
                 const QString& dataDir, std::optional<session::SidecarRead> read = std::nullopt);

    std::uint64_t addMarker(TimeNs time, std::optional<std::uint32_t> track);
    // At the start of the selected range, else of the selected slice (on its lane), else in
    // the middle of the view.
    std::uint64_t addMarkerAtSelection();
    std::uint64_t addRangeFromSelection();
    std::uint64_t addNoteOnSelection();
    std::uint64_t annotateInsight(const analysis::Insight& insight);
    // Zooms or pans the timeline to an annotation and emphasises it.
    void jumpTo(std::uint64_t id);

private:
    std::uint64_t addAndEdit(session::Annotation annotation);
    void refresh();
    void saveView();
    void chooseColor(std::uint64_t id);
    void editText(std::uint64_t id, const QString& text);
    QString whereOf(const session::Annotation& annotation,
                    const session::Placement& placement) const;

    widgets::TimelineView* view_;
    widgets::AnnotationsPanel* panel_;
    AnnotationStore store_;
    std::shared_ptr<const Trace> trace_;
    QString author_;
    bool restoring_ = false;
};

} // namespace lanescope::app
