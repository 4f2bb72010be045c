// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/flow_index.h"
#include "analysis/insight.h"
#include "analysis/op_stats.h"
#include "model/trace.h"
#include "session/session.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace lanescope::app {

// What the detectors and the op index found in one trace, for one set of thresholds. The pieces
// refer to the trace, so the trace is kept with them.
struct TraceAnalysis {
    std::shared_ptr<const Trace> trace;
    analysis::Thresholds thresholds;
    std::shared_ptr<const analysis::DeviceMap> devices;
    std::shared_ptr<const std::vector<analysis::Insight>> findings; // ranked
    std::shared_ptr<const analysis::OpIndex> ops;
};

// Runs the detectors and indexes the top-level ops (seconds on the largest traces); stops between
// detectors once `*cancel` is true (then the findings are partial and the result is dropped).
TraceAnalysis analyseTrace(std::shared_ptr<const Trace> trace,
                           const analysis::Thresholds& thresholds,
                           const std::atomic<bool>* cancel = nullptr);

// One trace as the app holds it: the trace and its flow index, the thresholds its findings are
// found with, the newest analysis (devices, findings, top-level ops) and the session saved next
// to it (annotations, view state, thresholds). The main window views one, the compare window
// two, and the CLI's export, report and compare commands read them. Qt-free users take
// analysis() and savedSession(); live annotation editing stays with the window's store.
//
// analyse() runs on the thread pool: a newer analyse() (a changed threshold) stops the running
// one at its next detector and only the newest result is kept; destroying the document stops it
// too. analyseNow() runs on the calling thread (CLI, screenshots).
class TraceDocument : public QObject {
    Q_OBJECT

public:
    // `path` is what the user opened (it names the sidecar session); empty for a trace shown
    // without one. Without `flows` the index is built here.
    TraceDocument(QString path, std::shared_ptr<const Trace> trace,
                  std::shared_ptr<const analysis::FlowIndex> flows = nullptr,
                  QObject* parent = nullptr);
    ~TraceDocument() override;

    const QString& path() const { return path_; }
    const std::shared_ptr<const Trace>& trace() const { return trace_; }
    const std::shared_ptr<const analysis::FlowIndex>& flows() const { return flows_; }

    const analysis::Thresholds& thresholds() const { return thresholds_; }
    // Takes effect at the next analyse().
    void setThresholds(const analysis::Thresholds& thresholds) { thresholds_ = thresholds; }

    // The newest finished analysis; its pointers are null until one finished.
    const TraceAnalysis& analysis() const { return analysis_; }
    const std::shared_ptr<const std::vector<analysis::Insight>>& findings() const {
        return analysis_.findings;
    }
    const std::shared_ptr<const analysis::DeviceMap>& devices() const { return analysis_.devices; }
    const std::shared_ptr<const analysis::OpIndex>& ops() const { return analysis_.ops; }
    bool analysing() const { return running_ != nullptr; }

    void analyse();
    void analyseNow();

    // A saved session as read from disk: the session, or why it could not be used ("" when it
    // was read or there is none; for an explicit file the caller should fail; for the sidecar,
    // warn and go on without it).
    struct SavedSession {
        std::optional<session::Session> session;
        QString problem;
    };
    // The session file next to `tracePath` (or `sessionFile`), read without changing anything;
    // thread-safe, for load jobs.
    static SavedSession readSavedSession(const QString& tracePath, const QString& sessionFile = {});
    // Takes a session read by readSavedSession; returns its problem.
    QString setSavedSession(SavedSession saved);
    // Both, on the calling thread.
    QString readSession(const QString& sessionFile = {});
    const std::optional<session::Session>& savedSession() const { return session_; }

signals:
    void analysed();

private:
    QString path_;
    std::shared_ptr<const Trace> trace_;
    std::shared_ptr<const analysis::FlowIndex> flows_;
    analysis::Thresholds thresholds_;
    TraceAnalysis analysis_;
    std::shared_ptr<std::atomic<bool>> running_; // the cancel flag of the running analysis
    std::optional<session::Session> session_;
};

} // namespace lanescope::app
