// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "annotation_controller.h"

#include "annotations_panel.h"
#include "search_results_model.h"
#include "timeline_view.h"
#include "view_state_io.h"

#include <QColorDialog>
#include <QDir>
#include <QTableView>

namespace lanescope::app {

using session::Annotation;
using session::AnnotationKind;

AnnotationController::AnnotationController(widgets::TimelineView* view,
                                           widgets::AnnotationsPanel* panel, QObject* parent)
    : QObject(parent), view_(view), panel_(panel),
      author_(qEnvironmentVariable("USER", QDir::home().dirName())) {
    connect(&store_, &AnnotationStore::changed, this, &AnnotationController::refresh);
    connect(view_, &widgets::TimelineView::markerRequested, this,
            [this](TimeNs time, std::optional<std::uint32_t> track) { addMarker(time, track); });
    connect(view_, &widgets::TimelineView::viewportChanged, this, &AnnotationController::saveView);
    connect(view_, &widgets::TimelineView::laneStateChanged, this, &AnnotationController::saveView);
    const auto canAdd = [this] {
        panel_->setCanAdd(view_->overlay().range.has_value(), view_->overlay().selected.valid());
    };
    connect(view_, &widgets::TimelineView::sliceSelected, this, canAdd);
    connect(view_, &widgets::TimelineView::rangeSelected, this, canAdd);
    connect(panel_, &widgets::AnnotationsPanel::addMarkerRequested, this,
            &AnnotationController::addMarkerAtSelection);
    connect(panel_, &widgets::AnnotationsPanel::addRangeRequested, this,
            &AnnotationController::addRangeFromSelection);
    connect(panel_, &widgets::AnnotationsPanel::addNoteRequested, this,
            &AnnotationController::addNoteOnSelection);
    connect(panel_, &widgets::AnnotationsPanel::jumpRequested, this, &AnnotationController::jumpTo);
    connect(panel_, &widgets::AnnotationsPanel::currentChanged, view_,
            &widgets::TimelineView::selectAnnotation);
    connect(panel_, &widgets::AnnotationsPanel::textEdited, this, &AnnotationController::editText);
    connect(panel_, &widgets::AnnotationsPanel::colorRequested, this,
            &AnnotationController::chooseColor);
    connect(panel_, &widgets::AnnotationsPanel::deleteRequested, this,
            [this](std::uint64_t id) { store_.remove(id); });
}

QString AnnotationController::open(const QString& tracePath, std::shared_ptr<const Trace> trace,
                                   const QString& dataDir,
                                   std::optional<session::SidecarRead> read) {
    trace_ = trace;
    const QString notice = store_.open(tracePath, std::move(trace), dataDir, std::move(read));
    const session::ViewState saved = store_.session().view;
    if (store_.lanes()) {
        restoring_ = true; // the view's change signals must not save a half-restored view
        view_->setLaneState(widgets::laneStateOf(saved, *store_.lanes()));
        if (saved.start && saved.end && *saved.end > *saved.start)
            view_->setRange(*saved.start, *saved.end);
        restoring_ = false;
    }
    refresh();
    return notice;
}

std::uint64_t AnnotationController::addAndEdit(Annotation annotation) {
    annotation.author = author_.toStdString();
    const std::uint64_t id = store_.add(std::move(annotation));
    emit added(id);
    // Straight into typing its text, as in every editor that adds a note.
    panel_->showCurrent(id);
    const int row = panel_->model()->rowOf(id);
    if (row >= 0 && panel_->isVisible())
        panel_->table()->edit(panel_->model()->index(row, widgets::AnnotationsModel::Text));
    return id;
}

std::uint64_t AnnotationController::addMarker(TimeNs time, std::optional<std::uint32_t> track) {
    if (!trace_ || !store_.lanes())
        return 0;
    Annotation a;
    a.kind = AnnotationKind::Point;
    a.start = a.end = time;
    if (track)
        a.lanes.push_back(store_.lanes()->track(*track));
    a.text = tr("Marker").toStdString();
    return addAndEdit(std::move(a));
}

std::uint64_t AnnotationController::addMarkerAtSelection() {
    const widgets::TimelineOverlay& overlay = view_->overlay();
    if (overlay.range)
        return addMarker(overlay.range->start, std::nullopt);
    if (overlay.selected.valid() && trace_)
        return addMarker(trace_->sliceTracks[overlay.selected.track].start(overlay.selected.slice),
                         overlay.selected.track);
    const widgets::TimelineViewport& v = view_->viewport();
    return addMarker(v.start + (v.end - v.start) / 2, std::nullopt);
}

std::uint64_t AnnotationController::addRangeFromSelection() {
    const auto& overlay = view_->overlay();
    if (!trace_ || !store_.lanes() || !overlay.range)
        return 0;
    Annotation a;
    a.kind = AnnotationKind::Range;
    a.start = overlay.range->start;
    a.end = overlay.range->end;
    for (std::uint32_t track : overlay.rangeTracks)
        a.lanes.push_back(store_.lanes()->track(track));
    a.text = tr("Range").toStdString();
    a.color = "#2563eb";
    return addAndEdit(std::move(a));
}

std::uint64_t AnnotationController::addNoteOnSelection() {
    const SliceRef slice = view_->overlay().selected;
    if (!trace_ || !store_.lanes() || !slice.valid())
        return 0;
    Annotation a;
    a.kind = AnnotationKind::EventNote;
    a.event = session::anchorOf(*trace_, *store_.lanes(), slice);
    a.start = a.event->start;
    a.end = trace_->sliceTracks[slice.track].end(slice.slice);
    a.lanes.push_back(a.event->track);
    a.text = a.event->name;
    a.color = "#d97706";
    return addAndEdit(std::move(a));
}

std::uint64_t AnnotationController::annotateInsight(const analysis::Insight& insight) {
    if (!store_.lanes())
        return 0;
    Annotation a = session::annotationFromInsight(*store_.lanes(), insight);
    a.author = author_.toStdString();
    const std::uint64_t id = store_.add(std::move(a));
    emit added(id);
    panel_->showCurrent(id);
    return id;
}

void AnnotationController::jumpTo(std::uint64_t id) {
    const Annotation* a = store_.session().annotations.find(id);
    if (!a || !trace_)
        return;
    view_->selectAnnotation(id);
    const session::Placement placed = store_.placementOf(*a);
    if (a->kind == AnnotationKind::EventNote && placed.event.valid()) {
        view_->selectSlice(placed.event, true);
        return;
    }
    const widgets::TimelineViewport& v = view_->viewport();
    if (a->kind == AnnotationKind::Point) {
        const TimeNs half = (v.end - v.start) / 2;
        view_->setRange(a->start - half, a->start + half);
        return;
    }
    const TimeNs margin = std::max<TimeNs>(1, (a->end - a->start) / 10);
    view_->setRange(a->start - margin, a->end + margin);
}

void AnnotationController::editText(std::uint64_t id, const QString& text) {
    if (const Annotation* a = store_.session().annotations.find(id)) {
        Annotation edited = *a;
        edited.text = text.toStdString();
        store_.edit(edited);
    }
}

void AnnotationController::chooseColor(std::uint64_t id) {
    const Annotation* a = store_.session().annotations.find(id);
    if (!a)
        return;
    auto* dialog = new QColorDialog(QColor(QString::fromStdString(a->color)), panel_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QColorDialog::colorSelected, this, [this, id](const QColor& color) {
        if (const Annotation* current = store_.session().annotations.find(id)) {
            Annotation edited = *current;
            edited.color = color.name().toStdString();
            store_.edit(edited);
        }
    });
    dialog->open();
}

void AnnotationController::saveView() {
    // While the window swaps traces the view already shows the new one and the store still
    // holds the old session: its lanes would be misnamed.
    if (!restoring_ && store_.lanes() && view_->trace() && view_->trace() == trace_.get())
        store_.setView(
            widgets::viewStateOf(view_->laneState(), view_->viewport(), *store_.lanes()));
}

QString AnnotationController::whereOf(const Annotation& a, const session::Placement& placed) const {
    if (a.kind == AnnotationKind::EventNote && a.event) {
        const QString name = QString::fromStdString(a.event->name);
        return placed.event.valid()
                   ? tr("%1 on %2").arg(name, widgets::laneNameOf(*trace_, placed.event.track))
                   : name;
    }
    if (a.lanes.empty())
        return tr("all lanes");
    QStringList names;
    for (std::uint32_t track : placed.tracks)
        names << widgets::laneNameOf(*trace_, track);
    if (names.isEmpty())
        names << QString::fromStdString(a.lanes.front());
    return names.join(QStringLiteral("; "));
}

void AnnotationController::refresh() {
    view_->setAnnotations(store_.marks());
    std::vector<widgets::AnnotationRow> rows;
    for (const Annotation& a : store_.session().annotations.items()) {
        const session::Placement placed = store_.placementOf(a);
        rows.push_back({a, trace_ ? whereOf(a, placed) : QString(), placed.detached});
    }
    panel_->setRows(std::move(rows), trace_ ? trace_->spanStart : 0);
}

} // namespace lanescope::app
