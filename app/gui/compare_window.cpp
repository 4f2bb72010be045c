// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "compare_window.h"

#include "annotation_marks.h"
#include "compare_panel.h"
#include "op_diff_model.h"
#include "session/lane_identity.h"
#include "time_format.h"
#include "timeline_view.h"
#include "trace_load_job.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace lanescope::app {

namespace {

QWidget* titled(QLabel* label, widgets::TimelineView* view, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    label->setContentsMargins(6, 3, 6, 1);
    layout->addWidget(label);
    layout->addWidget(view, 1);
    return box;
}

} // namespace

CompareWindow::CompareWindow(QWidget* parent)
    : QMainWindow(parent), baseView_(new widgets::TimelineView(this)),
      compView_(new widgets::TimelineView(this)), baseLabel_(new QLabel(this)),
      compLabel_(new QLabel(this)), panel_(new widgets::ComparePanel(this)) {
    setWindowTitle(tr("Compare — Lanescope"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(titled(baseLabel_, baseView_, splitter));
    splitter->addWidget(titled(compLabel_, compView_, splitter));
    setCentralWidget(splitter);
    auto* dock = new QDockWidget(tr("Compare"), this);
    dock->setObjectName("compareDock");
    dock->setWidget(panel_);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    resizeDocks({dock}, {640}, Qt::Horizontal);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Export &Page…"), QKeySequence(tr("Ctrl+E")), this,
                    &CompareWindow::exportPage);
    file->addAction(tr("Export &Report…"), this, &CompareWindow::exportReport);
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    link_ = view->addAction(tr("&Link Timelines"), this, &CompareWindow::setLinked);
    link_->setCheckable(true);
    link_->setChecked(true);
    // Plain 0 stays the timeline's own "whole trace".
    view->addAction(tr("&Align at the Compared Steps"), QKeySequence(tr("Ctrl+0")), this,
                    &CompareWindow::alignViews);
    view->addAction(dock->toggleViewAction());

    connect(baseView_, &widgets::TimelineView::viewportChanged, this,
            [this] { follow(baseView_, compView_, compOrigin_ - baseOrigin_); });
    connect(compView_, &widgets::TimelineView::viewportChanged, this,
            [this] { follow(compView_, baseView_, baseOrigin_ - compOrigin_); });
    connect(baseView_, &widgets::TimelineView::sliceSelected, this,
            [this](SliceRef slice) { selectPartner(true, slice); });
    connect(compView_, &widgets::TimelineView::sliceSelected, this,
            [this](SliceRef slice) { selectPartner(false, slice); });
    connect(panel_, &widgets::ComparePanel::opActivated, this,
            [this](const QString& name) { showOp(name); });
    connect(panel_, &widgets::ComparePanel::stepsChosen, this,
            [this](const QString& base, const QString& comp) {
                QString error;
                if (!chooseSteps(base, comp, &error))
                    statusBar()->showMessage(error, 15000);
            });
    // The timelines follow the theme the main window keeps in the settings.
    setDarkTheme(QSettings().value("view/dark", false).toBool());
    resize(1600, 950);
}

void CompareWindow::setDarkTheme(bool dark) {
    for (widgets::TimelineView* v : {baseView_, compView_})
        v->setTheme(dark ? widgets::TimelineTheme::dark() : widgets::TimelineTheme::light());
}

CompareWindow::~CompareWindow() {
    if (cancel_)
        *cancel_ = true;
}

void CompareWindow::setLinked(bool linked) {
    link_->setChecked(linked);
    if (linked)
        follow(baseView_, compView_, compOrigin_ - baseOrigin_);
}

void CompareWindow::reportFailure(const QString& role, const QString& message) {
    const QString text = tr("The %1 could not be opened:\n%2").arg(role, message);
    statusBar()->showMessage(text.section('\n', 0, 0) + " " + message, 30000);
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Cannot compare"), text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit loadFailed(text);
}

void CompareWindow::openRuns(const QString& basePath, const QString& compPath) {
    if (cancel_)
        *cancel_ = true;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    const auto cancel = cancel_;
    statusBar()->showMessage(
        tr("Loading %1 and %2…")
            .arg(widgets::displayFileName(basePath), widgets::displayFileName(compPath)));
    // Each run's trace and its saved session (for its thresholds), read off the GUI thread.
    struct Run {
        LoadOutcome outcome;
        TraceDocument::SavedSession session;
    };
    using Loaded = std::pair<Run, Run>;
    auto* watcher = new QFutureWatcher<Loaded>(this);
    watcher->setFuture(QtConcurrent::run([basePath, compPath, cancel] {
        const auto load = [&](const QString& path) {
            Run run{loadNow(path, cancel.get()), {}};
            if (run.outcome.trace)
                run.session = TraceDocument::readSavedSession(path);
            return run;
        };
        return Loaded{load(basePath), load(compPath)};
    }));
    connect(
        watcher, &QFutureWatcher<Loaded>::finished, this,
        [this, watcher, cancel, basePath, compPath] {
            watcher->deleteLater();
            if (*cancel)
                return;
            const Loaded loaded = watcher->result();
            const auto open = [&](const Run& run, const QString& path,
                                  const QString& role) -> std::unique_ptr<TraceDocument> {
                const LoadOutcome& outcome = run.outcome;
                if (!outcome.trace) {
                    reportFailure(role, outcome.error.isEmpty() ? tr("cancelled") : outcome.error);
                    return nullptr;
                }
                auto document = std::make_unique<TraceDocument>(path, outcome.trace, outcome.flows);
                if (const QString problem = document->setSavedSession(run.session);
                    !problem.isEmpty())
                    statusBar()->showMessage(problem, 15000);
                return document;
            };
            auto base = open(loaded.first, basePath, tr("baseline"));
            auto comp = open(loaded.second, compPath, tr("comparison"));
            if (base)
                base->analyse();
            if (comp)
                comp->analyse();
            showDocuments(std::move(base), std::move(comp));
        });
}

void CompareWindow::showRun(const TraceDocument* run, widgets::TimelineView* view, QLabel* label,
                            const QString& role) {
    if (!run) {
        label->setText(tr("<b>%1</b>: not loaded").arg(role));
        return;
    }
    view->setTrace(run->trace(), run->flows());
    if (const auto& saved = run->savedSession())
        view->setAnnotations(widgets::annotationMarks(
            *run->trace(), session::LaneIdentities(*run->trace()), saved->annotations));
    label->setText(tr("<b>%1</b> — %2").arg(role, run->path().toHtmlEscaped()));
}

void CompareWindow::showDocuments(std::unique_ptr<TraceDocument> base,
                                  std::unique_ptr<TraceDocument> comp) {
    for (TraceDocument* old : {base_, comp_})
        if (old) {
            disconnect(old, nullptr, this, nullptr);
            old->deleteLater();
        }
    base_ = base.release();
    comp_ = comp.release();
    baseChoice_.clear();
    compChoice_.clear();
    panel_->setStepsText({}, {});
    comparison_.reset();
    panel_->setComparison(nullptr, {}, {});
    showRun(base_, baseView_, baseLabel_, tr("Baseline"));
    showRun(comp_, compView_, compLabel_, tr("Comparison"));
    nextInstance_.clear();
    for (TraceDocument* run : {base_, comp_})
        if (run) {
            run->setParent(this);
            connect(run, &TraceDocument::analysed, this, &CompareWindow::compareWhenAnalysed);
        }
    compareWhenAnalysed();
}

void CompareWindow::compareWhenAnalysed() {
    for (auto [run, view] : {std::pair{base_, baseView_}, std::pair{comp_, compView_}})
        if (run && run->findings())
            view->setFindings(run->devices(), run->findings());
    if (!base_ || !comp_ || !base_->ops() || !comp_->ops()) {
        statusBar()->showMessage(tr("Finding what ran in both runs…"));
        return;
    }
    const compare::RunInput b{
        base_->path().toStdString(), base_->trace().get(), base_->ops().get(),
        base_->findings().get(),     baseChoice_,          base_->devices().get()};
    const compare::RunInput c{
        comp_->path().toStdString(), comp_->trace().get(), comp_->ops().get(),
        comp_->findings().get(),     compChoice_,          comp_->devices().get()};
    comparison_ = std::make_shared<const compare::Comparison>(compare::compareRuns(b, c));
    panel_->setComparison(comparison_, widgets::displayFileName(base_->path()),
                          widgets::displayFileName(comp_->path()));
    const auto describe = [&](const TraceDocument& run, const std::vector<compare::RunStep>& steps,
                              const std::vector<std::size_t>& chosen, const std::string& device,
                              const QString& role) {
        QStringList names;
        for (std::size_t i : chosen)
            names << QString::fromStdString(steps[i].name) + " (" +
                         widgets::formatDuration(steps[i].durationNs()) + ")";
        return tr("<b>%1</b> — %2 · %3 · compared: %4")
            .arg(role, run.path().toHtmlEscaped(), QString::fromStdString(device),
                 names.join(", "));
    };
    baseLabel_->setText(describe(*base_, comparison_->baseSteps, comparison_->baseChosen,
                                 comparison_->baseDevice, tr("Baseline")));
    compLabel_->setText(describe(*comp_, comparison_->compSteps, comparison_->compChosen,
                                 comparison_->compDevice, tr("Comparison")));
    alignViews();
    statusBar()->showMessage(
        tr("%n step pair(s) compared", nullptr, int(comparison_->stepPairs.size())));
    emit comparisonReady();
}

void CompareWindow::alignViews() {
    if (!comparison_ || comparison_->stepPairs.empty())
        return;
    const compare::StepPair& first = comparison_->stepPairs.front();
    const compare::RunStep& bs = comparison_->baseSteps[first.base];
    const compare::RunStep& cs = comparison_->compSteps[first.comp];
    baseOrigin_ = bs.number ? bs.start : base_->trace()->spanStart;
    compOrigin_ = cs.number ? cs.start : comp_->trace()->spanStart;
    baseView_->setRulerOrigin(baseOrigin_);
    compView_->setRulerOrigin(compOrigin_);
    const TimeNs span = std::max({first.baseTime.hostNs, first.compTime.hostNs,
                                  first.baseTime.windowNs, first.compTime.windowNs, TimeNs(1000)});
    const TimeNs pad = span / 40;
    syncing_ = true;
    baseView_->setRange(baseOrigin_ - pad, baseOrigin_ + span + pad);
    compView_->setRange(compOrigin_ - pad, compOrigin_ + span + pad);
    syncing_ = false;
}

void CompareWindow::follow(widgets::TimelineView* from, widgets::TimelineView* to, TimeNs offset) {
    if (syncing_ || !link_->isChecked() || !comparison_)
        return;
    syncing_ = true;
    const widgets::TimelineViewport& v = from->viewport();
    to->setRange(v.start + offset, v.end + offset);
    syncing_ = false;
}

void CompareWindow::selectPartner(bool fromBase, SliceRef slice) {
    if (syncing_ || !comparison_ || !slice.valid())
        return;
    const analysis::OpIndex& ops = fromBase ? *base_->ops() : *comp_->ops();
    const std::uint32_t k = ops.instanceAround(slice);
    if (k == kNoIndex)
        return;
    const std::uint32_t partner = comparison_->partnerOf(fromBase, k);
    if (partner == compare::kUnmatched)
        return;
    const analysis::OpIndex& other = fromBase ? *comp_->ops() : *base_->ops();
    syncing_ = true;
    (fromBase ? compView_ : baseView_)->selectSlice(other.instances()[partner].op, true);
    syncing_ = false;
}

bool CompareWindow::showOp(const QString& name) {
    if (!comparison_)
        return false;
    const std::string key = name.toStdString();
    std::vector<compare::AlignedPair> pairs;
    for (const auto& step : comparison_->alignments)
        for (const compare::ThreadAlignment& thread : step)
            for (const compare::AlignedPair& p : thread.pairs) {
                const bool inBase = p.base != compare::kUnmatched &&
                                    base_->ops()->name(base_->ops()->instances()[p.base]) == key;
                const bool inComp = p.comp != compare::kUnmatched &&
                                    comp_->ops()->name(comp_->ops()->instances()[p.comp]) == key;
                if (inBase || inComp)
                    pairs.push_back(p);
            }
    if (pairs.empty())
        return false;
    std::size_t& next = nextInstance_[key];
    const compare::AlignedPair p = pairs[next++ % pairs.size()];
    syncing_ = true;
    if (p.base != compare::kUnmatched)
        baseView_->selectSlice(base_->ops()->instances()[p.base].op, true);
    else
        baseView_->clearSelection();
    if (p.comp != compare::kUnmatched)
        compView_->selectSlice(comp_->ops()->instances()[p.comp].op, true);
    else
        compView_->clearSelection();
    syncing_ = false;
    statusBar()->showMessage(
        tr("%1: instance %2 of %3").arg(name).arg((next - 1) % pairs.size() + 1).arg(pairs.size()));
    return true;
}

bool CompareWindow::chooseSteps(const QString& base, const QString& comp, QString* error) {
    if (!base_ || !comp_) {
        *error = tr("both runs must be loaded to choose their steps");
        return false;
    }
    const auto parse = [&](const QString& text, const TraceDocument& run, const QString& role,
                           std::vector<std::size_t>& out) {
        out.clear();
        if (text.trimmed().isEmpty())
            return true;
        std::string why;
        const auto chosen = compare::parseStepChoice(text.trimmed().toStdString(),
                                                     compare::runSteps(*run.trace()), &why);
        if (!chosen) {
            *error = tr("%1 steps: %2").arg(role, QString::fromStdString(why));
            return false;
        }
        out = *chosen;
        return true;
    };
    std::vector<std::size_t> b, c;
    if (!parse(base, *base_, tr("Baseline"), b) || !parse(comp, *comp_, tr("Comparison"), c))
        return false;
    baseChoice_ = std::move(b);
    compChoice_ = std::move(c);
    panel_->setStepsText(base.trimmed(), comp.trimmed());
    nextInstance_.clear();
    compareWhenAnalysed();
    return true;
}

widgets::ComparedSide CompareWindow::sideOf(const TraceDocument& run,
                                            const widgets::TimelineView& view) const {
    widgets::ComparedSide side;
    side.trace = run.trace();
    side.path = run.path();
    side.devices = run.devices();
    side.insights = run.findings();
    if (const auto& saved = run.savedSession())
        side.annotations = saved->annotations;
    side.lanes = view.laneState();
    return side;
}

bool CompareWindow::exportPageTo(const QString& path, QString* error) const {
    if (!comparison_) {
        *error = tr("there is no comparison to export");
        return false;
    }
    const widgets::ComparedSide base = sideOf(*base_, *baseView_);
    const widgets::ComparedSide comp = sideOf(*comp_, *compView_);
    const widgets::CompareExporter exporter(*comparison_, base, comp, baseView_->theme());
    return exporter.save(path, {}, error);
}

bool CompareWindow::exportReportTo(const QString& dir, QString* error) const {
    if (!comparison_) {
        *error = tr("there is no comparison to report on");
        return false;
    }
    widgets::CompareReportInput input;
    input.comparison = comparison_;
    input.base = sideOf(*base_, *baseView_);
    input.comp = sideOf(*comp_, *compView_);
    input.noise = panel_->opModel()->noise();
    input.theme = baseView_->theme();
    return widgets::writeCompareReport(input, dir, error);
}

void CompareWindow::exportPage() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export comparison page"), QStringLiteral("comparison.png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !exportPageTo(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

void CompareWindow::exportReport() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Write the comparison report into"));
    QString error;
    if (dir.isEmpty())
        return;
    if (!exportReportTo(dir, &error))
        QMessageBox::warning(this, tr("Report failed"), error);
    else
        statusBar()->showMessage(tr("Wrote %1/report.html").arg(dir), 15000);
}

} // namespace lanescope::app
