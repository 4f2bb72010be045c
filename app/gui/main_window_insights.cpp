// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// MainWindow's insights: running the detectors off the GUI thread, their thresholds (settings,
// session, dialog) and showing one finding on the timeline.
#include "annotation_controller.h"
#include "insights_panel.h"
#include "main_window.h"
#include "operator_stats_panel.h"
#include "thresholds_dialog.h"

#include <QSettings>
#include <algorithm>

namespace lanescope::app {

void MainWindow::analyse() {
    insights_->setInsights(nullptr);
    insights_->setAnalysing(true);
    doc_->analyse(); // a running analysis stops at its next detector
}

void MainWindow::showFindings() {
    insights_->setAnalysing(false);
    insights_->setInsights(doc_->findings());
    view_->setFindings(doc_->devices(), doc_->findings());
    operators_->setOps(doc_->trace(), doc_->ops());
    emit insightsReady();
}

analysis::Thresholds MainWindow::sessionThresholds() const {
    analysis::Thresholds thresholds;
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
                thresholds.set(def.name, value);
        }
    // The trace's own session wins: a reviewer opening it sees what its author saw.
    for (const auto& [name, value] : notes_->store().session().thresholds)
        thresholds.set(name, value);
    return thresholds;
}

analysis::Thresholds MainWindow::thresholds() const {
    return doc_ ? doc_->thresholds() : sessionThresholds();
}

void MainWindow::setThresholds(const analysis::Thresholds& thresholds) {
    std::vector<std::pair<std::string, double>> changed;
    for (const analysis::ThresholdDef& def : analysis::Thresholds::defaults())
        if (thresholds[def.name] != def.value)
            changed.emplace_back(def.name, thresholds[def.name]);
    notes_->store().setThresholds(std::move(changed));
    if (persistent_)
        for (const auto& [name, value] : thresholds.values())
            QSettings().setValue(QStringLiteral("thresholds/%1").arg(QString::fromStdString(name)),
                                 value);
    if (!doc_)
        return;
    doc_->setThresholds(thresholds);
    analyse();
}

void MainWindow::editThresholds() {
    auto* dialog = new ThresholdsDialog(thresholds(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ThresholdsDialog::applied, this, &MainWindow::setThresholds);
    dialog->open();
}

bool MainWindow::showInsight(const QString& id) {
    const std::vector<analysis::Insight>* list = findings();
    if (!list)
        return false;
    const auto found = std::find_if(list->begin(), list->end(), [&](const analysis::Insight& i) {
        return i.id == id.toStdString();
    });
    if (found == list->end())
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
