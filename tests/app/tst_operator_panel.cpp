// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The Operators dock on the samples: the numbers the Python oracle computed for the embedded
// sample (tests/data/oracle/sample_bert_eager.json), kernel types, one step of a two-step run, the
// selected range, the filter, Copy CSV and the search request a double-click makes.
#include "analysis/op_stats.h"
#include "operator_stats_model.h"
#include "operator_stats_panel.h"
#include "test_support.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>
#include <fstream>

using namespace lanescope;
using Json = nlohmann::json;

namespace {

const QString kSamples = QStringLiteral(LANESCOPE_SAMPLES);

struct Loaded {
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const analysis::OpIndex> ops;
};

Loaded load(const QString& name) {
    auto trace =
        std::make_shared<const Trace>(formats::loadTrace((kSamples + "/" + name).toStdString()));
    return {trace, std::make_shared<const analysis::OpIndex>(*trace)};
}

QVariant cell(const QTableView& table, int row, int column, int role = Qt::DisplayRole) {
    return table.model()->index(row, column).data(role);
}

} // namespace

class OperatorPanelTest : public QObject {
    Q_OBJECT

private slots:
    void wholeTraceMatchesOracle() {
        const Loaded eager = load("bert_eager_ascend_pt");
        widgets::OperatorStatsPanel panel;
        panel.resize(900, 400);
        panel.setOps(eager.trace, eager.ops);
        std::ifstream in(LANESCOPE_SOURCE_DIR "/tests/data/oracle/sample_bert_eager.json");
        const Json oracle = Json::parse(in);
        const Json& expected = oracle["operators_whole_trace"];
        QTableView& table = *panel.table();
        QCOMPARE(table.model()->rowCount(), int(expected.size()));
        for (int r = 0; r < table.model()->rowCount();
             ++r) { // most device time first, as the oracle
            QCOMPARE(cell(table, r, 0).toString().toStdString(),
                     expected[r]["name"].get<std::string>());
            QCOMPARE(cell(table, r, widgets::OperatorStatsModel::OpCalls).toULongLong(),
                     expected[r]["count"].get<qulonglong>());
            QCOMPARE(
                cell(table, r, widgets::OperatorStatsModel::OpDevice, Qt::UserRole).toLongLong(),
                expected[r]["device_ns"].get<qlonglong>());
        }
        QVERIFY(panel.caption()->text().startsWith("9 top-level ops · 232 calls"));
        const QStringList csv = panel.toCsv().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), int(expected.size()) + 1);
        QVERIFY(csv[1].startsWith(QStringLiteral("aten::linear,74,%1,74,")
                                      .arg(expected[0]["device_ns"].get<qlonglong>())));
        // The filter narrows the table and the CSV.
        panel.findChild<QLineEdit*>()->setText("GELU");
        QCOMPARE(table.model()->rowCount(), 1);
        QCOMPARE(panel.toCsv().count('\n'), 2);
        panel.findChild<QLineEdit*>()->clear();
        // Double-click asks for a search.
        QSignalSpy activated(&panel, &widgets::OperatorStatsPanel::nameActivated);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QRect first = table.visualRect(table.model()->index(0, 0));
        QTest::mouseClick(table.viewport(), Qt::LeftButton, {}, first.center()); // views take a
        QTest::mouseDClick(table.viewport(), Qt::LeftButton, {},
                           first.center()); // double click on the pressed item
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.front().front().toString(), QStringLiteral("aten::linear"));
        QVERIFY(panel.grab().save("operator_panel.png"));
        // Kernel types.
        panel.setKernelTypes(true);
        QCOMPARE(table.model()->columnCount(), int(widgets::OperatorStatsModel::KernelColumns));
        QCOMPARE(cell(table, 0, 0).toString(), QStringLiteral("MatMulV2"));
        QCOMPARE(cell(table, 0, widgets::OperatorStatsModel::KernelCount).toInt(), 74);
    }

    // Two steps: each step's scope counts its own calls; a selected range counts the ops that
    // start in it, and the scope falls back to the whole trace when the selection goes.
    void stepsAndRange() {
        const Loaded tuned = load("bert_tuned_ascend_pt");
        widgets::OperatorStatsPanel panel;
        panel.setOps(tuned.trace, tuned.ops);
        const auto addCalls = [&] {
            for (int r = 0; r < panel.table()->model()->rowCount(); ++r)
                if (cell(*panel.table(), r, 0).toString() == "aten::add")
                    return cell(*panel.table(), r, widgets::OperatorStatsModel::OpCalls).toInt();
            return 0;
        };
        QCOMPARE(addCalls(), 96);
        auto* scope = panel.findChild<QComboBox*>();
        QCOMPARE(scope->count(), 4); // whole, range, #1, #2
        panel.setScope(3);
        QCOMPARE(addCalls(), 48);
        QVERIFY(panel.caption()->text().contains("ProfilerStep#2"));
        const auto steps = compare::runSteps(*tuned.trace);
        panel.setSelectedRange(analysis::Interval{steps[0].start, steps[0].end});
        panel.setScope(1);
        QCOMPARE(addCalls(), 48);
        QVERIFY(panel.caption()->text().contains("selected range"));
        panel.setSelectedRange(std::nullopt);
        QCOMPARE(scope->currentIndex(), 0);
        QCOMPARE(addCalls(), 96);
    }
};

QTEST_MAIN(OperatorPanelTest)
#include "tst_operator_panel.moc"
