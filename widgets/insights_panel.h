// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/insight.h"

#include <QWidget>
#include <memory>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTextBrowser;

namespace lanescope::widgets {

class InsightsFilter;
class InsightsModel;

// The Insights dock: the ranked findings (kind icon, severity, time at stake, finding), filtered
// by kind, severity and text; the chosen one's finding, suggestion and numbers below. Choosing a
// finding (click, arrow keys) asks the window to show it on the timeline.
class InsightsPanel : public QWidget {
    Q_OBJECT

public:
    explicit InsightsPanel(QWidget* parent = nullptr);

    void setInsights(std::shared_ptr<const std::vector<analysis::Insight>> insights);
    // Shown while the detectors run (after a load, or when thresholds change).
    void setAnalysing(bool analysing);
    // Makes the finding with that id current (and emits insightActivated); false when it is
    // not listed.
    bool selectInsight(const std::string& id);
    // Makes it current without announcing it (the window already shows it); clears the filter
    // when the filter hides it.
    void showCurrent(const std::string& id);

    void setKindFilter(std::optional<analysis::InsightKind> kind);
    void setTextFilter(const QString& text);
    int shownCount() const;
    QTableView* table() const { return table_; }
    QString detailsText() const;
    // The id of the current finding, empty when none.
    QString currentId() const;

signals:
    void insightActivated(const QString& id);
    void thresholdsRequested();
    // "Annotate": keep the current finding as an annotation.
    void annotateRequested(const QString& id);

private:
    void layOut();
    void rebuildKindChoices();
    void showDetails(const analysis::Insight* insight);
    void updateCount();
    void onCurrentRowChanged();

    std::shared_ptr<const std::vector<analysis::Insight>> insights_;
    InsightsModel* model_;
    InsightsFilter* filter_;
    QLineEdit* text_;
    QComboBox* kind_;
    QComboBox* severity_;
    QLabel* count_;
    QTableView* table_;
    QTextBrowser* details_;
    bool analysing_ = false;
    bool quiet_ = false; // showCurrent: the row changes without insightActivated
};

} // namespace lanescope::widgets
