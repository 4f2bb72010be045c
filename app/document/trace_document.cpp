// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "trace_document.h"

#include "analysis/detect_insights.h"
#include "formats/load_error.h"
#include "formats/read_only_file.h"
#include "session/session_file.h"
#include "session/session_json.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <filesystem>
#include <system_error>
#include <thread>

namespace lanescope::app {

TraceAnalysis analyseTrace(std::shared_ptr<const Trace> trace,
                           const analysis::Thresholds& thresholds,
                           const std::atomic<bool>* cancel) {
    TraceAnalysis out;
    out.thresholds = thresholds;
    // The operator index is built beside the detectors, which leave a core idle at times.
    std::shared_ptr<const analysis::OpIndex> ops;
    std::thread opsThread([&] { ops = std::make_shared<const analysis::OpIndex>(*trace); });
    try {
        auto devices = std::make_shared<const analysis::DeviceMap>(analysis::mapDevices(*trace));
        out.findings = std::make_shared<const std::vector<analysis::Insight>>(
            analysis::detectInsights(*trace, *devices, thresholds, cancel));
        out.devices = std::move(devices);
    } catch (...) {
        opsThread.join();
        throw;
    }
    opsThread.join();
    out.ops = std::move(ops);
    out.trace = std::move(trace);
    return out;
}

TraceDocument::TraceDocument(QString path, std::shared_ptr<const Trace> trace,
                             std::shared_ptr<const analysis::FlowIndex> flows, QObject* parent)
    : QObject(parent), path_(std::move(path)), trace_(std::move(trace)), flows_(std::move(flows)) {
    if (path_.isEmpty() && !trace_->files.empty())
        path_ = QString::fromStdString(trace_->files.front().path);
    if (!flows_)
        flows_ = std::make_shared<const analysis::FlowIndex>(*trace_);
}

TraceDocument::~TraceDocument() {
    if (running_)
        *running_ = true; // its worker owns the flag too and stops at the next detector
}

void TraceDocument::analyse() {
    if (running_)
        *running_ = true; // moot now: stop it at its next detector
    const auto cancel = std::make_shared<std::atomic<bool>>(false);
    running_ = cancel;
    auto* watcher = new QFutureWatcher<TraceAnalysis>(this);
    connect(watcher, &QFutureWatcher<TraceAnalysis>::finished, this, [this, watcher, cancel] {
        watcher->deleteLater();
        if (*cancel || running_ != cancel)
            return; // superseded by newer thresholds
        analysis_ = watcher->result();
        running_.reset();
        emit analysed();
    });
    watcher->setFuture(QtConcurrent::run([trace = trace_, thresholds = thresholds_, cancel] {
        return analyseTrace(trace, thresholds, cancel.get());
    }));
}

void TraceDocument::analyseNow() {
    if (running_)
        *running_ = true;
    running_.reset();
    analysis_ = analyseTrace(trace_, thresholds_);
    emit analysed();
}

TraceDocument::SavedSession TraceDocument::readSavedSession(const QString& tracePath,
                                                            const QString& sessionFile) {
    const bool explicitFile = !sessionFile.isEmpty();
    if (!explicitFile && tracePath.isEmpty())
        return {};
    const std::string file =
        explicitFile ? sessionFile.toStdString() : session::sidecarPathFor(tracePath.toStdString());
    std::error_code missing;
    if (!explicitFile && !std::filesystem::exists(file, missing))
        return {};
    std::string text;
    try {
        // A regular file only: a FIFO or a directory named like the sidecar is refused by name.
        text = formats::readWholeFile(file, session::kMaxSessionBytes);
    } catch (const formats::LoadError& e) {
        return {std::nullopt,
                QString::fromStdString(file + ": cannot read the session file: " + e.message())};
    }
    try {
        return {session::sessionFromJson(text), {}};
    } catch (const session::SessionFormatError& e) {
        return {std::nullopt, QString::fromStdString(file + ": " + e.what())};
    }
}

QString TraceDocument::setSavedSession(SavedSession saved) {
    session_ = std::move(saved.session);
    return saved.problem;
}

QString TraceDocument::readSession(const QString& sessionFile) {
    return setSavedSession(readSavedSession(path_, sessionFile));
}

} // namespace lanescope::app
