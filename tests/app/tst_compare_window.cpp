// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The compare window on the samples: both timelines drawn and aligned at the compared steps'
// starts, zoom and pan linked (and unlinkable), a click on an op row selecting its matched
// instances on both sides, a selection on one timeline selecting its partner on the other, and a
// run that fails to load reported by name with the other kept. Screenshots land in the build
// folder to be looked at.
#include "compare_panel.h"
#include "compare_window.h"
#include "main_window.h"
#include "op_diff_model.h"
#include "timeline_view.h"
#include "trace_load_job.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace lanescope;
using namespace lanescope::app;

namespace {

const QString kSamples = QStringLiteral(LANESCOPE_SAMPLES);

std::unique_ptr<TraceDocument> load(const QString& path) {
    std::atomic<bool> never{false};
    LoadOutcome outcome = loadNow(path, &never);
    if (!outcome.trace)
        qFatal("cannot load %s", qPrintable(path));
    auto document = std::make_unique<TraceDocument>(path, outcome.trace, outcome.flows);
    document->analyseNow();
    return document;
}

std::string selectedName(const widgets::TimelineView& view) {
    const SliceRef s = view.overlay().selected;
    if (!s.valid())
        return {};
    return std::string(view.trace()->str(view.trace()->sliceTracks[s.track].name(s.slice)));
}

// Two samples in a shown window of screenshot size.
void show(CompareWindow& window, const QString& base, const QString& comp) {
    window.resize(1800, 1000);
    window.show();
    window.showDocuments(load(kSamples + "/" + base), load(kSamples + "/" + comp));
}

int rowOf(const widgets::ComparePanel& panel, const QString& name) {
    for (int r = 0; r < panel.opTable()->model()->rowCount(); ++r)
        if (panel.opAt(r) == name)
            return r;
    return -1;
}

} // namespace

class CompareWindowTest : public QObject {
    Q_OBJECT

private slots:
    void alignedLinkedAndSelected() {
        CompareWindow window;
        show(window, "bert_a10.pt.trace.json", "bert_eager_ascend_pt");
        QVERIFY(window.comparison());
        QVERIFY(window.baseView()->trace() && window.compView()->trace());
        // Aligned: both views start the same time before their compared step.
        const compare::Comparison& c = *window.comparison();
        const TimeNs baseStep = c.baseSteps[c.stepPairs[0].base].start;
        const TimeNs compStep = c.compSteps[c.stepPairs[0].comp].start;
        QCOMPARE(window.baseView()->viewport().start - baseStep,
                 window.compView()->viewport().start - compStep);
        QCOMPARE(window.baseView()->viewport().end - window.baseView()->viewport().start,
                 window.compView()->viewport().end - window.compView()->viewport().start);
        // Linked: a zoom on the baseline moves the comparison by the same relative range.
        window.baseView()->setRange(baseStep + 1'000'000, baseStep + 3'000'000);
        QCOMPARE(window.compView()->viewport().start, compStep + 1'000'000);
        QCOMPARE(window.compView()->viewport().end, compStep + 3'000'000);
        window.setLinked(false);
        window.baseView()->setRange(baseStep, baseStep + 500'000);
        QCOMPARE(window.compView()->viewport().start, compStep + 1'000'000);
        window.setLinked(true);
        QCOMPARE(window.compView()->viewport().start, compStep);

        // The op table: largest difference first; a click selects gelu on both timelines.
        widgets::ComparePanel* panel = window.panel();
        QCOMPARE(panel->opAt(0), QStringLiteral("aten::linear"));
        const QAbstractItemModel* model = panel->opTable()->model();
        QCOMPARE(model->headerData(widgets::OpDiffModel::Diff, Qt::Horizontal).toString(),
                 QStringLiteral("Δ device"));
        QCOMPARE(model->headerData(widgets::OpDiffModel::BaseCalls, Qt::Horizontal).toString(),
                 QStringLiteral("Base calls"));
        QCOMPARE(model->index(0, widgets::OpDiffModel::BaseCalls).data().toInt(), 74);
        const int gelu = rowOf(*panel, "aten::gelu");
        QVERIFY(gelu >= 0);
        QTableView* table = panel->opTable();
        const QRect cell = table->visualRect(table->model()->index(gelu, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(selectedName(*window.baseView()), std::string("aten::gelu"));
        QCOMPARE(selectedName(*window.compView()), std::string("aten::gelu"));
        const SliceRef first = window.compView()->overlay().selected;
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center()); // the next one
        QCOMPARE(selectedName(*window.compView()), std::string("aten::gelu"));
        QVERIFY(!(window.compView()->overlay().selected == first));
        QVERIFY(window.grab().save(QStringLiteral("compare_window_gelu.png")));

        // A selection on one timeline selects its partner on the other.
        const auto& pairs = c.alignments[0][0].pairs;
        const auto matched = std::find_if(pairs.begin(), pairs.end(), [](const auto& p) {
            return p.base != compare::kUnmatched && p.comp != compare::kUnmatched;
        });
        QVERIFY(matched != pairs.end());
        window.compView()->clearSelection();
        window.baseView()->selectSlice(window.baseDocument()->ops()->instances()[matched->base].op);
        QVERIFY(!selectedName(*window.compView()).empty());
        QCOMPARE(selectedName(*window.compView()), selectedName(*window.baseView()));
    }

    // Steps chosen per side pair by position; a step the run lacks is refused and the
    // comparison kept; kernel types are offered for runs on the same vendor only.
    void chosenStepsAndKernelTypes() {
        CompareWindow window;
        show(window, "bert_a10.pt.trace.json", "bert_tuned_ascend_pt");
        QCOMPARE(window.comparison()->stepPairs.size(), std::size_t(1));
        QString error;
        QVERIFY(window.chooseSteps("5-6", "1-2", &error));
        const compare::Comparison& c = *window.comparison();
        QCOMPARE(c.stepPairs.size(), std::size_t(2));
        QCOMPARE(c.baseSteps[c.stepPairs[0].base].name, std::string("ProfilerStep#5"));
        QCOMPARE(c.compSteps[c.stepPairs[1].comp].name, std::string("ProfilerStep#2"));
        const auto* before = window.comparison();
        QVERIFY(!window.chooseSteps("7", "", &error));
        QVERIFY2(error.contains("step 7 is not in this run"), qPrintable(error));
        QCOMPARE(window.comparison(), before);
        widgets::ComparePanel* panel = window.panel();
        panel->showKernelTypes(true); // A10 against Ascend: not offered
        QVERIFY(!panel->opModel()->showsKernels());

        CompareWindow same;
        show(same, "bert_eager_ascend_pt", "bert_tuned_ascend_pt");
        same.panel()->showKernelTypes(true);
        QVERIFY(same.panel()->opModel()->showsKernels());
        bool fastGelu = false;
        for (int r = 0; r < same.panel()->opModel()->rowCount(); ++r)
            fastGelu = fastGelu || same.panel()->opModel()->diff(r).name.starts_with("FastGelu");
        QVERIFY(fastGelu);
    }

    void tunedAgainstEagerOneSidedOps() {
        CompareWindow window;
        show(window, "bert_eager_ascend_pt", "bert_tuned_ascend_pt");
        // An op of one run only is selected on that run alone.
        QVERIFY(window.showOp("npu::npu_fast_gelu"));
        QCOMPARE(selectedName(*window.compView()), std::string("npu::npu_fast_gelu"));
        QVERIFY(selectedName(*window.baseView()).empty());
        QVERIFY(!window.showOp("no such op"));
        QVERIFY(window.grab().save(QStringLiteral("compare_window_tuned.png")));
        // File → Export Page… and Export Report… write what the CLI writes.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(window.exportPageTo(dir.filePath("page.pdf"), &error), qPrintable(error));
        QVERIFY(QFileInfo(dir.filePath("page.pdf")).size() > 1000);
        QVERIFY2(window.exportReportTo(dir.filePath("review"), &error), qPrintable(error));
        QVERIFY(QFile::exists(dir.filePath("review/images/timelines.png")));
    }

    // File → Open Sample Comparison: the embedded samples open in a compare window.
    void sampleComparisonFromTheMenu() {
        MainWindow main(false);
        main.openSampleComparison(true);
        CompareWindow* window = nullptr;
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* c = qobject_cast<CompareWindow*>(w))
                window = c;
        QVERIFY(window);
        QSignalSpy ready(window, &CompareWindow::comparisonReady);
        QVERIFY(window->comparison() || ready.wait(60000));
        QVERIFY(window->baseDocument()->path().endsWith("bert_eager_ascend_pt"));
        QVERIFY(window->compDocument()->path().endsWith("bert_tuned_ascend_pt"));
        QCOMPARE(window->comparison()->compSteps[window->comparison()->stepPairs[0].comp].name,
                 std::string("ProfilerStep#2"));
        window->close(); // deletes itself
    }

    void oneRunFailsToLoad() {
        CompareWindow window;
        QSignalSpy failed(&window, &CompareWindow::loadFailed);
        window.openRuns(kSamples + "/bert_eager_ascend_pt", kSamples + "/missing_run");
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.front().front().toString().contains("comparison"));
        QTRY_VERIFY_WITH_TIMEOUT(window.baseView()->trace() != nullptr, 30000);
        QVERIFY(!window.comparison());
        QVERIFY(!window.compView()->trace());
    }
};

QTEST_MAIN(CompareWindowTest)
#include "tst_compare_window.moc"
