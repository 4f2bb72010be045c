// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"
#include "session/annotation_placement.h"
#include "session/lane_identity.h"
#include "session/session.h"
#include "session/session_file.h"
#include "timeline_overlay.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUndoStack>
#include <memory>
#include <optional>

namespace lanescope::app {

// The open trace's session: its annotations (changed through undoable commands), the view
// state and the thresholds, kept in the sidecar file and saved shortly after every change, so
// closing the window, a crash or a newer trace never loses a note. Merely looking at a trace
// writes nothing: the file is created with the first annotation, pinned, hidden or folded lane
// or changed threshold.
class AnnotationStore : public QObject {
    Q_OBJECT

public:
    explicit AnnotationStore(QObject* parent = nullptr);
    ~AnnotationStore() override;

    // Saves the previous trace's session, then takes the sidecar of `tracePath` as the load job
    // read it (`read`) or, without one, reads it here (or starts a fresh session). A read of
    // the sidecar open until now is not used: it may have been saved since the job read it.
    // Returns what the user should be told (a file kept aside, a session kept in the data
    // folder), empty when nothing. An empty `tracePath` keeps the session in memory.
    QString open(const QString& tracePath, std::shared_ptr<const Trace> trace,
                 const QString& dataDir, std::optional<session::SidecarRead> read = std::nullopt);
    // Saves now; false (with lastError and saveFailed) when what there is to keep cannot be
    // written.
    bool saveNow();
    QString lastError() const { return lastError_; }

    const session::Session& session() const { return session_; }
    const session::LaneIdentities* lanes() const { return lanes_.get(); }
    QString sidecarPath() const { return path_; }
    QUndoStack* undoStack() { return &undo_; }

    // Undoable edits. `add` returns the new annotation's id.
    std::uint64_t add(session::Annotation annotation);
    void edit(const session::Annotation& annotation);
    void remove(std::uint64_t id);

    // Saved with the annotations, not undoable.
    void setView(const session::ViewState& view);
    void setThresholds(std::vector<std::pair<std::string, double>> changed);

    // Where each annotation lands in the trace, for the timeline and the dock.
    std::vector<widgets::AnnotationMark> marks() const;
    session::Placement placementOf(const session::Annotation& annotation) const;

signals:
    void changed();
    void saveFailed(const QString& message);

private:
    friend class AnnotationCommand;
    // The commands' effects (no undo record).
    void insert(session::Annotation annotation);
    void replace(const session::Annotation& annotation);
    std::optional<session::Annotation> take(std::uint64_t id);
    void touched();

    session::Session session_;
    std::shared_ptr<const Trace> trace_;
    std::unique_ptr<session::LaneIdentities> lanes_;
    QString path_;
    QString tracePath_;
    bool writable_ = false; // false while a file we could not move aside sits at path_
    QString lastError_;
    QUndoStack undo_;
    QTimer autosave_;
};

// Milliseconds since the Unix epoch, for annotation stamps.
std::int64_t nowMs();

} // namespace lanescope::app
