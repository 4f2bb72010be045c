// MainWindow's insights: running the detectors off the GUI thread, their thresholds (settings,
// session, dialog) and showing one finding on the timeline.
#include "annotation_controller.h"
#include "insight_job.h"
#include "insights_panel.h"
#include "main_window.h"
#include "thresholds_dialog.h"

#include <QFutureWatcher>
#include <QSettings>
#include <algorithm>

namespace lanescope::app {

void MainWindow::analyse() {
    findings_.reset();
    insights_->setInsights(nullptr);
    insights_->setAnalysing(true);
    const std::uint64_t run = ++analysisRun_;
    if (analysisCancel_)
        *analysisCancel_ = true; // the running analysis is moot: stop it at its next detector
    analysisCancel_ = std::make_shared<std::atomic<bool>>(false);
    auto* watcher = new QFutureWatcher<InsightOutcome>(this);
    connect(watcher, &QFutureWatcher<InsightOutcome>::finished, this, [this, watcher, run] {
        const InsightOutcome outcome = watcher->result();
        watcher->deleteLater();
        if (run != analysisRun_ || outcome.trace != trace_)
            return; // superseded by a newer trace or newer thresholds
        findings_ = outcome.insights;
        insights_->setAnalysing(false);
        insights_->setInsights(findings_);
        view_->setFindings(outcome.devices, findings_);
        emit insightsReady();
    });
    watcher->setFuture(analyseInBackground(trace_, thresholds_, analysisCancel_));
}

void MainWindow::applySessionThresholds() {
    thresholds_ = {};
    if (persistent_)
        for (const analysis::ThresholdDef& def : analysis::Thresholds::defaults()) {
            bool ok = false;
            const double value =
                QSettings()
                    .value(QStringLiteral("thresholds/%1")
                               .arg(QString::fromUtf8(def.name.data(),
                                                      static_cast<int>(def.name.size()))))
                    .toDouble(&ok);
            if (ok)
                thresholds_.set(def.name, value);
        }
    // The trace's own session wins: a reviewer opening it sees what its author saw.
    for (const auto& [name, value] : notes_->store().session().thresholds)
        thresholds_.set(name, value);
}

void MainWindow::setThresholds(const analysis::Thresholds& thresholds) {
    thresholds_ = thresholds;
    std::vector<std::pair<std::string, double>> changed;
    for (const analysis::ThresholdDef& def : analysis::Thresholds::defaults())
        if (thresholds_[def.name] != def.value)
            changed.emplace_back(def.name, thresholds_[def.name]);
    notes_->store().setThresholds(std::move(changed));
    if (persistent_)
        for (const auto& [name, value] : thresholds_.values())
            QSettings().setValue(QStringLiteral("thresholds/%1").arg(QString::fromStdString(name)),
                                 value);
    if (trace_)
        analyse();
}

void MainWindow::editThresholds() {
    auto* dialog = new ThresholdsDialog(thresholds_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ThresholdsDialog::applied, this, &MainWindow::setThresholds);
    dialog->open();
}

bool MainWindow::showInsight(const QString& id) {
    if (!findings_)
        return false;
    const auto found =
        std::find_if(findings_->begin(), findings_->end(),
                     [&](const analysis::Insight& i) { return i.id == id.toStdString(); });
    if (found == findings_->end())
        return false;
    view_->focusFinding(found->id);
    insights_->showCurrent(found->id);
    view_->selectRange({found->start, found->end}, found->tracks);
    view_->zoomToSelection();
    if (!found->events.empty())
        view_->selectSlice(found->events.front(), true);
    return true;
}

} // namespace lanescope::app
