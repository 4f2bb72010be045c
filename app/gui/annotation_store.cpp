// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "annotation_store.h"

#include "annotation_marks.h"
#include "session/session_file.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QUndoCommand>

namespace lanescope::app {

using session::Annotation;

namespace {

constexpr int kAutosaveDelayMs = 300;

} // namespace

std::int64_t nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// One undoable change: the annotation before (absent when added) and after (absent when
// removed).
class AnnotationCommand : public QUndoCommand {
public:
    AnnotationCommand(AnnotationStore& store, std::optional<Annotation> before,
                      std::optional<Annotation> after, const QString& text)
        : QUndoCommand(text), store_(store), before_(std::move(before)), after_(std::move(after)) {}

    void redo() override { apply(before_, after_); }
    void undo() override { apply(after_, before_); }

private:
    void apply(const std::optional<Annotation>& from, const std::optional<Annotation>& to) {
        if (from && !to)
            store_.take(from->id);
        else if (!from && to)
            store_.insert(*to);
        else if (to)
            store_.replace(*to);
    }

    AnnotationStore& store_;
    std::optional<Annotation> before_;
    std::optional<Annotation> after_;
};

AnnotationStore::AnnotationStore(QObject* parent) : QObject(parent) {
    autosave_.setSingleShot(true);
    autosave_.setInterval(kAutosaveDelayMs);
    connect(&autosave_, &QTimer::timeout, this, &AnnotationStore::saveNow);
}

AnnotationStore::~AnnotationStore() {
    // The window that would show a failure is being destroyed too: save, but quietly.
    blockSignals(true);
    if (autosave_.isActive())
        saveNow();
}

QString AnnotationStore::open(const QString& tracePath, std::shared_ptr<const Trace> trace,
                              const QString& dataDir, std::optional<session::SidecarRead> read) {
    if (autosave_.isActive())
        saveNow();
    const QString previousPath = path_;
    undo_.clear();
    session_ = {};
    trace_ = std::move(trace);
    lanes_ = trace_ ? std::make_unique<session::LaneIdentities>(*trace_) : nullptr;
    tracePath_ = tracePath;
    path_.clear();
    writable_ = false;
    if (tracePath.isEmpty())
        return {};
    if (!read || QString::fromStdString(read->path) == previousPath)
        read = session::readSidecar(tracePath.toStdString(), dataDir.toStdString());
    path_ = QString::fromStdString(read->path);
    session::SessionLoad& load = read->load;
    session_ = std::move(load.session);
    writable_ = load.status != session::SessionLoad::Status::Unreadable;
    emit changed();
    QString notice = QString::fromStdString(load.problem);
    if (!path_.startsWith(tracePath.endsWith('/') ? tracePath.chopped(1) : tracePath))
        notice += (notice.isEmpty() ? QString() : QStringLiteral("\n")) +
                  tr("The trace's folder is read-only: annotations are kept in %1").arg(path_);
    return notice;
}

bool AnnotationStore::saveNow() {
    autosave_.stop();
    lastError_.clear();
    if (path_.isEmpty())
        return true; // kept in memory by choice (screenshots, tests)
    // Looking at a trace leaves nothing behind; the file appears with the first thing worth
    // keeping and, once there, follows every change (deleting the last note included).
    const session::Session& s = session_;
    const bool worthKeeping = !s.annotations.empty() || !s.thresholds.empty() ||
                              !s.view.pinned.empty() || !s.view.hidden.empty() ||
                              !s.view.collapsed.empty();
    if (!worthKeeping && (!writable_ || !QFileInfo::exists(path_)))
        return true;
    if (!writable_)
        lastError_ = tr("%1 could not be moved aside, so nothing is saved over it").arg(path_);
    else
        try {
            session::saveSessionFile(path_.toStdString(), session_, tracePath_.toStdString());
            return true;
        } catch (const std::exception& error) {
            lastError_ = QString::fromStdString(error.what());
        }
    emit saveFailed(lastError_);
    return false;
}

std::uint64_t AnnotationStore::add(Annotation annotation) {
    // The id and stamps are fixed now, so that redo after undo brings back the same annotation.
    annotation.id = session_.annotations.nextId();
    annotation.createdMs = annotation.modifiedMs = nowMs();
    const std::uint64_t id = annotation.id;
    undo_.push(
        new AnnotationCommand(*this, std::nullopt, std::move(annotation), tr("Add annotation")));
    return id;
}

void AnnotationStore::edit(const Annotation& annotation) {
    const Annotation* before = session_.annotations.find(annotation.id);
    if (!before || *before == annotation)
        return;
    Annotation after = annotation;
    after.modifiedMs = nowMs();
    undo_.push(new AnnotationCommand(*this, *before, after, tr("Edit annotation")));
}

void AnnotationStore::remove(std::uint64_t id) {
    if (const Annotation* before = session_.annotations.find(id))
        undo_.push(new AnnotationCommand(*this, *before, std::nullopt, tr("Delete annotation")));
}

void AnnotationStore::setView(const session::ViewState& view) {
    if (session_.view == view)
        return;
    session_.view = view;
    autosave_.start();
}

void AnnotationStore::setThresholds(std::vector<std::pair<std::string, double>> changed) {
    session_.thresholds = std::move(changed);
    autosave_.start();
}

void AnnotationStore::insert(Annotation annotation) {
    session_.annotations.restore(std::move(annotation));
    touched();
}

void AnnotationStore::replace(const Annotation& annotation) {
    // The command carries the stamps it wants; update() would stamp "now" on undo too.
    if (session_.annotations.remove(annotation.id))
        session_.annotations.restore(annotation);
    touched();
}

std::optional<Annotation> AnnotationStore::take(std::uint64_t id) {
    std::optional<Annotation> removed = session_.annotations.remove(id);
    touched();
    return removed;
}

void AnnotationStore::touched() {
    autosave_.start();
    emit changed();
}

session::Placement AnnotationStore::placementOf(const Annotation& annotation) const {
    if (!trace_ || !lanes_)
        return {};
    return session::place(*trace_, *lanes_, annotation);
}

std::vector<widgets::AnnotationMark> AnnotationStore::marks() const {
    if (!trace_ || !lanes_)
        return {};
    return widgets::annotationMarks(*trace_, *lanes_, session_.annotations);
}

} // namespace lanescope::app
