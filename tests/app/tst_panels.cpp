// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The side panels on a real Kineto trace (GP100, 10 steps): the range summary against a
// brute-force count, header sorting and CSV; the search panel's matches, count label and
// wrap-around; the details panel's fields, flows and args read off the GUI thread; and the
// diagnostics panel on a trace with broken events. Set LANESCOPE_PANEL_PNG_DIR to also save a
// picture of each filled panel.
#include "analysis/flow_index.h"
#include "analysis/range_summary.h"
#include "diagnostics_panel.h"
#include "range_summary_model.h"
#include "range_summary_panel.h"
#include "search_panel.h"
#include "search_results_model.h"
#include "slice_details_panel.h"
#include "test_support.h"
#include "time_format.h"

#include <QCheckBox>
#include <QClipboard>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>
#include <map>
#include <memory>
#include <set>

using namespace lanescope;
using namespace lanescope::widgets;

namespace {

const char* const kTraceFile =
    LANESCOPE_TEST_DATA "/kineto/hta__gp100_step_based_trace_2543932.json.gz";

struct Totals {
    std::uint64_t count = 0;
    TimeNs total = 0;
    TimeNs min = kTimeMax;
    TimeNs max = kTimeMin;
};

// Every slice of every track that overlaps [start, end), counted by name the slow way.
std::map<QString, Totals> bruteForceSummary(const Trace& trace, TimeNs start, TimeNs end) {
    std::map<QString, Totals> byName;
    for (const SliceTrack& track : trace.sliceTracks)
        for (std::uint32_t i = 0; i < track.size(); ++i) {
            if (track.start(i) >= end || track.end(i) <= start)
                continue;
            Totals& t = byName[QString::fromStdString(test::sliceName(trace, track, i))];
            ++t.count;
            t.total += track.duration(i);
            t.min = std::min(t.min, track.duration(i));
            t.max = std::max(t.max, track.duration(i));
        }
    return byName;
}

// A time no slice starts or ends at, so the edge rule (touching does not count) cannot matter.
TimeNs freeTime(const Trace& trace, TimeNs t) {
    std::set<TimeNs> edges;
    for (const SliceTrack& track : trace.sliceTracks)
        for (std::uint32_t i = 0; i < track.size(); ++i)
            edges.insert({track.start(i), track.end(i)});
    while (edges.count(t))
        ++t;
    return t;
}

std::vector<std::uint32_t> allTracks(const Trace& trace) {
    std::vector<std::uint32_t> tracks(trace.sliceTracks.size());
    for (std::uint32_t i = 0; i < tracks.size(); ++i)
        tracks[i] = i;
    return tracks;
}

std::vector<qint64> columnValues(const QAbstractItemModel& model, int column) {
    std::vector<qint64> values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.push_back(model.data(model.index(row, column), Qt::UserRole).toLongLong());
    return values;
}

bool descending(const std::vector<qint64>& values) {
    return std::is_sorted(values.rbegin(), values.rend());
}

void savePicture(QWidget& widget, const QString& name) {
    const QString dir = qEnvironmentVariable("LANESCOPE_PANEL_PNG_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void showAndActivate(QWidget& widget) {
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    widget.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&widget));
}

QString nameOf(const Trace& trace, SliceRef ref) {
    return QString::fromStdString(test::nameOf(trace, ref));
}

// The first kernel whose launch is known and that has a flow from it.
const TaskLink* launchedKernel(const Trace& trace, const analysis::FlowIndex& flows) {
    for (const TaskLink& link : trace.taskLinks) {
        const SliceTrack& track = trace.sliceTracks[link.task.track];
        if (link.launch.valid() && !flows.incoming(link.task).empty() &&
            trace.str(track.category(link.task.slice)) == "kernel")
            return &link;
    }
    return nullptr;
}

QTreeWidget* treeWithColumns(QWidget& panel, int columns) {
    for (QTreeWidget* tree : panel.findChildren<QTreeWidget*>())
        if (tree->columnCount() == columns)
            return tree;
    return nullptr;
}

// A press first: item views take a double click only on the item the press went to.
void doubleClick(QAbstractItemView* view, QPoint pos) {
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, pos);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, pos);
}

QLabel* labelContaining(QWidget& panel, const QString& text) {
    for (QLabel* label : panel.findChildren<QLabel*>())
        if (label->text().contains(text))
            return label;
    return nullptr;
}

} // namespace

class TestPanels : public QObject {
    Q_OBJECT

    std::shared_ptr<const Trace> trace_;

    // The panel filled with every lane over the whole trace, shown and active.
    void showWholeTraceSummary(RangeSummaryPanel& panel) {
        panel.resize(900, 420);
        panel.setSummary(trace_,
                         analysis::summarizeRange(*trace_, allTracks(*trace_), trace_->spanStart,
                                                  trace_->spanEnd),
                         trace_->spanStart, trace_->spanEnd, 6);
        showAndActivate(panel);
    }

private slots:
    void initTestCase() {
        trace_ = std::make_shared<const Trace>(formats::loadTrace(kTraceFile));
        QVERIFY(trace_->sliceCount() > 500);
    }

    void rangeSummaryMatchesBruteForce() {
        const TimeNs span = trace_->spanEnd - trace_->spanStart;
        const TimeNs start = freeTime(*trace_, trace_->spanStart + span / 5);
        const TimeNs end = freeTime(*trace_, trace_->spanEnd - span / 5);
        const std::map<QString, Totals> expected = bruteForceSummary(*trace_, start, end);
        QVERIFY(expected.size() > 10);

        RangeSummaryModel model;
        model.setRows(trace_, analysis::summarizeRange(*trace_, allTracks(*trace_), start, end));
        QCOMPARE(model.rowCount(), static_cast<int>(expected.size()));
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto it = expected.find(model.name(row));
            QVERIFY2(it != expected.end(), qPrintable(model.name(row)));
            const auto value = [&](int column, int role) {
                return model.data(model.index(row, column), role);
            };
            QCOMPARE(value(RangeSummaryModel::Count, Qt::UserRole).toLongLong(),
                     static_cast<qint64>(it->second.count));
            QCOMPARE(value(RangeSummaryModel::Total, Qt::UserRole).toLongLong(), it->second.total);
            QCOMPARE(value(RangeSummaryModel::Min, Qt::UserRole).toLongLong(), it->second.min);
            QCOMPARE(value(RangeSummaryModel::Max, Qt::UserRole).toLongLong(), it->second.max);
            QCOMPARE(value(RangeSummaryModel::Total, Qt::DisplayRole).toString(),
                     formatDuration(it->second.total));
        }
    }

    void rangeSummarySortsByClickedHeader() {
        RangeSummaryPanel panel;
        showWholeTraceSummary(panel);
        QAbstractItemModel& view = *panel.table()->model();
        QVERIFY(descending(columnValues(view, RangeSummaryModel::Total)));
        // Otherwise sorting by count could not be told from the default order.
        QVERIFY(!descending(columnValues(view, RangeSummaryModel::Count)));
        savePicture(panel, QStringLiteral("range_summary"));

        QHeaderView* header = panel.table()->horizontalHeader();
        const QPoint countHeader(header->sectionViewportPosition(RangeSummaryModel::Count) +
                                     header->sectionSize(RangeSummaryModel::Count) / 2,
                                 header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, countHeader);
        QCOMPARE(header->sortIndicatorSection(), int(RangeSummaryModel::Count));
        QVERIFY(descending(columnValues(view, RangeSummaryModel::Count)));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, countHeader);
        const std::vector<qint64> ascending = columnValues(view, RangeSummaryModel::Count);
        QVERIFY(std::is_sorted(ascending.begin(), ascending.end()));
        QVERIFY(ascending.front() < ascending.back());
    }

    void rangeSummaryCsvAndActivation() {
        RangeSummaryPanel panel;
        showWholeTraceSummary(panel);
        QVERIFY(labelContaining(panel, QStringLiteral(" selected (")));
        const QString csv = panel.toCsv();
        const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("name,count,total_ns,avg_ns,min_ns,max_ns"));
        QCOMPARE(lines.size(), panel.table()->model()->rowCount() + 1);
        // Kernel names are C++ signatures full of commas: quoted whole.
        const QString first = panel.table()->model()->index(0, 0).data(Qt::UserRole).toString();
        const QString withComma = QStringLiteral(
            "void at::native::vectorized_elementwise_kernel<4, at::native::FillFunctor<float>, "
            "at::detail::Array<char*, 1> >(int, at::native::FillFunctor<float>, "
            "at::detail::Array<char*, 1>)");
        QVERIFY(csv.contains(QLatin1Char('"') + withComma + QStringLiteral("\",")));
        QVERIFY(lines.at(1).startsWith(first.contains(QLatin1Char(','))
                                           ? QLatin1Char('"') + first + QLatin1Char('"')
                                           : first));

        panel.table()->setFocus();
        QTest::keyClick(panel.table(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), csv);

        QSignalSpy activated(&panel, &RangeSummaryPanel::nameActivated);
        const QRect row = panel.table()->visualRect(panel.table()->model()->index(1, 0));
        doubleClick(panel.table(), row.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(),
                 panel.table()->model()->index(1, 0).data(Qt::UserRole).toString());

        panel.clear();
        QCOMPARE(panel.table()->model()->rowCount(), 0);
        QVERIFY(labelContaining(panel, QStringLiteral("Shift held")));
    }

    void csvQuotesQuotesAndCommas() {
        const auto trace = std::make_shared<const Trace>(test::loadText(
            "{\"traceEvents\":[{\"ph\":\"X\",\"name\":\"say \\\"hi\\\", twice\",\"pid\":1,"
            "\"tid\":1,\"ts\":1,\"dur\":2},{\"ph\":\"X\",\"name\":\"plain\",\"pid\":1,"
            "\"tid\":1,\"ts\":5,\"dur\":1}]}"));
        RangeSummaryPanel panel;
        panel.setSummary(trace, analysis::summarizeRange(*trace, allTracks(*trace), 0, 100'000), 0,
                         100'000, 1);
        const QString csv = panel.toCsv();
        QVERIFY2(
            csv.contains(QStringLiteral("\"say \"\"hi\"\", twice\",1,2000,2000.0,2000,2000\n")),
            qPrintable(csv));
        QVERIFY2(csv.contains(QStringLiteral("\nplain,1,1000,")), qPrintable(csv));
    }

    void searchFindsNamesAndWraps() {
        SearchPanel panel;
        panel.resize(900, 360);
        panel.setTrace(trace_);
        QSignalSpy changed(&panel, &SearchPanel::currentMatchChanged);
        panel.setQuery(QStringLiteral("CUDALAUNCHKERNEL"));
        const auto& matches = panel.result().matches;
        const int n = static_cast<int>(matches.size());
        QVERIFY(n > 10);
        QCOMPARE(panel.result().total, static_cast<std::uint64_t>(n));
        for (SliceRef ref : matches)
            QCOMPARE(nameOf(*trace_, ref), QStringLiteral("cudaLaunchKernel"));
        QCOMPARE(panel.currentIndex(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.last().at(0).value<SliceRef>(), matches[0]);
        QVERIFY(labelContaining(panel, QStringLiteral("1 of %1").arg(n)));

        panel.previous();
        QCOMPARE(panel.currentIndex(), n - 1);
        QCOMPARE(changed.last().at(0).value<SliceRef>(), matches[n - 1]);
        panel.next();
        QCOMPARE(panel.currentIndex(), 0);
        panel.next();
        QCOMPARE(panel.currentIndex(), 1);
        QCOMPARE(changed.last().at(0).value<SliceRef>(), matches[1]);
        QVERIFY(labelContaining(panel, QStringLiteral("2 of %1").arg(n)));

        panel.setCaseSensitive(true);
        QCOMPARE(panel.result().total, 0u);
        QVERIFY(labelContaining(panel, QStringLiteral("no matches")));
        panel.setQuery(QStringLiteral("cudaLaunchKernel"));
        QCOMPARE(static_cast<int>(panel.result().total), n);
        panel.setQuery(QStringLiteral("cudalaunchkernel"));
        QCOMPARE(panel.result().total, 0u);
        panel.setCaseSensitive(false);
        QCOMPARE(static_cast<int>(panel.result().total), n);
    }

    void searchFromTheKeyboardAndTheList() {
        SearchPanel panel;
        panel.resize(900, 360);
        panel.setTrace(trace_);
        showAndActivate(panel);
        auto* query = panel.findChild<QLineEdit*>();
        QVERIFY(query);
        panel.focusQuery();
        QTest::keyClicks(query, QStringLiteral("memcpy"));
        QCOMPARE(panel.result().total, 0u); // debounced
        QTRY_VERIFY(panel.result().total > 0);
        const int n = static_cast<int>(panel.result().matches.size());
        QVERIFY(n > 2);
        for (SliceRef ref : panel.result().matches)
            QVERIFY(nameOf(*trace_, ref).contains(QStringLiteral("memcpy"), Qt::CaseInsensitive));

        QSignalSpy changed(&panel, &SearchPanel::currentMatchChanged);
        QTest::keyClick(query, Qt::Key_Return);
        QCOMPARE(panel.currentIndex(), 1);
        QTest::keyClick(query, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClick(query, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(panel.currentIndex(), n - 1);
        QTest::keyClick(query, Qt::Key_F3);
        QCOMPARE(panel.currentIndex(), 0);
        QCOMPARE(changed.count(), 4);

        // Typing more and pressing Return at once searches without waiting.
        QTest::keyClicks(query, QStringLiteral("async"));
        QTest::keyClick(query, Qt::Key_Return);
        QVERIFY(panel.result().total > 0);
        QVERIFY(static_cast<int>(panel.result().total) < n);
        QCOMPARE(panel.currentIndex(), 0);

        auto* list = panel.findChild<QTableView*>();
        QVERIFY(list);
        const QRect row = list->visualRect(list->model()->index(1, 0));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(panel.currentIndex(), 1);
        QCOMPARE(changed.last().at(0).value<SliceRef>(), panel.result().matches[1]);
        QCOMPARE(list->currentIndex().row(), 1);

        panel.setQuery(QStringLiteral("cudaLaunch"));
        panel.next();
        panel.next();
        savePicture(panel, QStringLiteral("search"));
    }

    // Cells are computed on demand: a million matches cost no more to show than ten.
    void searchResultsScaleToAMillionRows() {
        const std::vector<SliceRef> matches(1'000'000, SliceRef{0, 0});
        SearchResultsModel model;
        QTableView view;
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.setModel(&model);
        view.resize(600, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QElapsedTimer timer;
        timer.start();
        model.setMatches(trace_, matches);
        view.scrollToBottom();
        QCoreApplication::processEvents();
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(model.rowCount(), 1'000'000);
        QCOMPARE(model.index(999'999, SearchResultsModel::Name).data().toString(),
                 nameOf(*trace_, SliceRef{0, 0}));
        QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
    }

    void detailsShowAKernelWithItsLaunch() {
        const analysis::FlowIndex flows(*trace_);
        const TaskLink* link = launchedKernel(*trace_, flows);
        QVERIFY(link);
        SliceDetailsPanel panel;
        panel.resize(520, 640);
        showAndActivate(panel);
        QSignalSpy ready(&panel, &SliceDetailsPanel::argsReady);
        panel.showSlice(trace_, &flows, link->task);

        const SliceTrack& track = trace_->sliceTracks[link->task.track];
        QCOMPARE(panel.field(QStringLiteral("name")), nameOf(*trace_, link->task));
        QCOMPARE(panel.field(QStringLiteral("category")), QStringLiteral("kernel"));
        QCOMPARE(panel.field(QStringLiteral("duration")),
                 formatDuration(track.duration(link->task.slice)));
        QVERIFY(panel.field(QStringLiteral("start"))
                    .startsWith(formatDuration(track.start(link->task.slice) - trace_->spanStart)));
        QVERIFY(!panel.field(QStringLiteral("self")).isEmpty());
        QVERIFY(panel.flowCount() >= 1);

        QVERIFY(ready.count() == 1 || ready.wait(10000));
        QVERIFY2(panel.argsText().contains(QStringLiteral("\"correlation\"")),
                 qPrintable(panel.argsText()));
        savePicture(panel, QStringLiteral("slice_details"));

        QSignalSpy jumped(&panel, &SliceDetailsPanel::jumpTo);
        QTreeWidget* flowTree = treeWithColumns(panel, 5);
        QVERIFY(flowTree);
        QTreeWidgetItem* incoming = flowTree->topLevelItem(0);
        QCOMPARE(incoming->text(0), QStringLiteral("←"));
        doubleClick(flowTree, flowTree->visualItemRect(incoming).center());
        QCOMPARE(jumped.count(), 1);
        QCOMPARE(jumped.last().at(0).value<SliceRef>(), link->launch);

        QTreeWidget* fields = treeWithColumns(panel, 2);
        QVERIFY(fields);
        const auto launchRows = fields->findItems(QStringLiteral("Launched by"), Qt::MatchExactly);
        QCOMPARE(launchRows.size(), 1);
        QCOMPARE(launchRows.first()->text(1), nameOf(*trace_, link->launch));
        doubleClick(fields, fields->visualItemRect(launchRows.first()).center());
        QCOMPARE(jumped.count(), 2);
        QCOMPARE(jumped.last().at(0).value<SliceRef>(), link->launch);
    }

    void detailsDropArgsOfASliceNoLongerShown() {
        const analysis::FlowIndex flows(*trace_);
        const TaskLink* link = launchedKernel(*trace_, flows);
        QVERIFY(link);
        SliceDetailsPanel panel;
        QSignalSpy ready(&panel, &SliceDetailsPanel::argsReady);
        panel.showSlice(trace_, &flows, link->task);
        QCOMPARE(panel.argsText(), QString()); // still reading
        panel.showSlice(trace_, &flows, link->launch);
        QVERIFY(ready.wait(10000));
        QTest::qWait(100);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(panel.field(QStringLiteral("name")), nameOf(*trace_, link->launch));
        QCOMPARE(panel.argsText(),
                 QString::fromStdString(trace_->sliceArgs(link->launch).argsJson));
        panel.clear();
        QCOMPARE(panel.field(QStringLiteral("name")), QString());
        QCOMPARE(panel.flowCount(), 0);
    }

    void diagnosticsListBrokenEvents() {
        const auto trace = std::make_shared<const Trace>(test::loadText(
            "{\"traceEvents\":[\n"
            "{\"ph\":\"X\",\"name\":\"good\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":2},\n"
            "{\"ph\":\"X\",\"name\":\"bad\",\"pid\":1,\"tid\":1,\"ts\":4,\"dur\":tru},\n"
            "{\"ph\":\"X\",\"name\":\"good\",\"pid\":1,\"tid\":1,\"ts\":6,\"dur\":2},\n"
            "{\"ph\":\"X\",\"name\":\"bad\",\"pid\":1 \"tid\":1,\"ts\":9,\"dur\":2},\n"
            "{\"ph\":\"X\",\"name\":\"good\",\"pid\":1,\"tid\":1,\"ts\":12,\"dur\":2}\n"
            "]}"));
        const std::uint64_t malformed = trace->diagnostics.get(diag::kMalformedEvent);
        QCOMPARE(malformed, 2u);

        DiagnosticsPanel panel;
        panel.resize(720, 300);
        panel.setTrace(trace);
        QCOMPARE(panel.entryCount(),
                 static_cast<int>(trace->notes.size() + trace->diagnostics.counts().size()));
        auto* tree = panel.findChild<QTreeWidget*>();
        QVERIFY(tree);
        const auto rows =
            tree->findItems(QString::fromLatin1(diag::kMalformedEvent), Qt::MatchExactly);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first()->text(1), QString::number(malformed));
        QCOMPARE(rows.first()->childCount(),
                 static_cast<int>(std::min<std::uint64_t>(malformed, 5)));
        QVERIFY(rows.first()->child(0)->text(0).startsWith(QStringLiteral("trace.json:")));
        showAndActivate(panel);
        savePicture(panel, QStringLiteral("diagnostics"));

        panel.setTrace(std::make_shared<const Trace>(test::loadText(
            "[{\"ph\":\"X\",\"name\":\"a\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":2}]")));
        QCOMPARE(panel.entryCount(), 0);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("Nothing was repaired or skipped"));
    }
};

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
