// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "compare/run_comparison.h"
#include "compare_export.h"
#include "trace_document.h"

#include <QMainWindow>
#include <atomic>
#include <map>
#include <memory>

class QAction;
class QLabel;

namespace lanescope::widgets {
class ComparePanel;
class TimelineView;
} // namespace lanescope::widgets

namespace lanescope::app {

// Two runs of one model, one above the other: the baseline's timeline on top, the comparison's
// below, each with its own lanes, both rulers counting from the start of the first compared step
// so the steps line up; zooming or panning one moves the other (View → Link Timelines unlinks).
// The Compare dock shows the step chart, the op differences and the findings that differ;
// clicking an op selects its first matched instance on both timelines (clicking again walks to
// the next), and selecting an op on one timeline selects its matched partner on the other.
class CompareWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit CompareWindow(QWidget* parent = nullptr);
    ~CompareWindow() override;

    // Loads both on the thread pool, with their sessions, and finds their findings; a run that
    // fails is reported by name and the other is kept.
    void openRuns(const QString& basePath, const QString& compPath);
    // Shows two documents (the window takes them; either may be null: a run that did not load)
    // and compares them once both are analysed (right away when they already are).
    void showDocuments(std::unique_ptr<TraceDocument> base, std::unique_ptr<TraceDocument> comp);

    widgets::TimelineView* baseView() const { return baseView_; }
    widgets::TimelineView* compView() const { return compView_; }
    widgets::ComparePanel* panel() const { return panel_; }
    const compare::Comparison* comparison() const { return comparison_.get(); }
    const TraceDocument* baseDocument() const { return base_; }
    const TraceDocument* compDocument() const { return comp_; }
    void setLinked(bool linked);
    void setDarkTheme(bool dark);
    // Selects the op's next matched instance on both timelines; false when neither run has it.
    bool showOp(const QString& name);
    // Compares these steps (numbers as in ProfilerStep#N: "6", "5-7", "all"; empty: the
    // default choice); false with `error` when a list names a step the run does not have.
    bool chooseSteps(const QString& base, const QString& comp, QString* error);
    // File → Export Page… / Export Report…: one page with the step chart and both timelines,
    // or the comparison's review report; false with `error` naming what failed.
    bool exportPageTo(const QString& path, QString* error) const;
    bool exportReportTo(const QString& dir, QString* error) const;

signals:
    void comparisonReady();
    void loadFailed(const QString& message);

private:
    void showRun(const TraceDocument* run, widgets::TimelineView* view, QLabel* label,
                 const QString& role);
    void compareWhenAnalysed();
    void alignViews();
    void follow(widgets::TimelineView* from, widgets::TimelineView* to, TimeNs offset);
    void selectPartner(bool fromBase, SliceRef slice);
    void reportFailure(const QString& role, const QString& message);
    widgets::ComparedSide sideOf(const TraceDocument& run, const widgets::TimelineView& view) const;
    void exportPage();
    void exportReport();

    widgets::TimelineView* baseView_;
    widgets::TimelineView* compView_;
    QLabel* baseLabel_;
    QLabel* compLabel_;
    widgets::ComparePanel* panel_;
    QAction* link_ = nullptr;
    TraceDocument* base_ = nullptr; // owned
    TraceDocument* comp_ = nullptr;
    std::shared_ptr<const compare::Comparison> comparison_;
    TimeNs baseOrigin_ = 0;
    TimeNs compOrigin_ = 0;
    bool syncing_ = false;
    std::map<std::string, std::size_t> nextInstance_; // per op name, for repeated clicks
    std::vector<std::size_t> baseChoice_;             // chosen steps; empty: the default
    std::vector<std::size_t> compChoice_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace lanescope::app
