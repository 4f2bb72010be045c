// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The real main window driven like a user would: open the Ascend sample folder and a real
// Kineto trace, check the lane order, zoom and pan with the keys, click a slice and read its
// args, search, box-select a range and compare its totals with a brute-force sum, draw the flow
// arrows of a launch, fold, pin and hide lanes, resize the name column, and grab screenshots
// (whole trace, deep zoom, dark theme) whose content is checked. Set LANESCOPE_SCREENSHOT_DIR
// to keep the PNGs.
#include "analysis/name_search.h"
#include "analysis/slice_info.h"
#include "cluster_page.h"
#include "load_preview_view.h"
#include "main_window.h"
#include "range_summary_panel.h"
#include "search_panel.h"
#include "slice_details_panel.h"
#include "test_support.h"
#include "window_test_support.h"

#include <QDockWidget>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolTip>
#include <QtTest>
#include <map>

using namespace lanescope;
using namespace lanescope::widgets;
using test::countColour;
using test::screenshotPath;

namespace {

const char* const kKinetoTrace =
    LANESCOPE_TEST_DATA "/kineto/hta__cuda_event_sync__event_sync_trace.json.gz";
// Ten training steps on a GP100: thousands of slices for the range summary.
const char* const kStepsTrace =
    LANESCOPE_TEST_DATA "/kineto/hta__gp100_step_based_trace_2543932.json.gz";

QString sliceText(const Trace& trace, SliceRef ref) {
    return QString::fromStdString(test::nameOf(trace, ref));
}

// The first slice whose name is exactly `name`.
SliceRef findSlice(const Trace& trace, const std::string& name) {
    for (SliceRef ref : analysis::searchSlices(trace, name, {true}).matches)
        if (trace.str(trace.sliceTracks[ref.track].name(ref.slice)) == name)
            return ref;
    return {};
}

QPointF centreOf(const TimelineView& view, SliceRef ref) {
    const SliceTrack& track = view.trace()->sliceTracks[ref.track];
    const TimeNs middle = track.start(ref.slice) + track.duration(ref.slice) / 2;
    const auto y = view.renderer().rowCentre(*view.trace(), *view.lanes(), view.viewport(), ref);
    return {view.renderer().xOf(middle, view.viewport(), view.width()), y.value_or(-1)};
}

// A training loop of `steps` 10 ms steps, time-ordered like a profiler writes it: a Python thread
// running ops, a data-loader thread, and two device streams whose kernels leave a gap at the
// start of every step. About 250 events per step.
QByteArray trainingLoop(int steps) {
    QByteArray text = "{\"traceEvents\":[\n"
                      "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,"
                      "\"args\":{\"name\":\"python3\"}},\n"
                      "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":11,"
                      "\"args\":{\"name\":\"MainThread\"}},\n"
                      "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":12,"
                      "\"args\":{\"name\":\"DataLoader\"}},\n"
                      "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":2,"
                      "\"args\":{\"name\":\"NPU 0\"}}";
    const auto event = [&](int pid, int tid, const char* name, qint64 ts, qint64 dur) {
        text += ",\n{\"ph\":\"X\",\"name\":\"" + QByteArray(name) +
                "\",\"pid\":" + QByteArray::number(pid) + ",\"tid\":" + QByteArray::number(tid) +
                ",\"ts\":" + QByteArray::number(ts) + ",\"dur\":" + QByteArray::number(dur) + "}";
    };
    for (int step = 0; step < steps; ++step) {
        const qint64 t = step * 10000;
        event(1, 11, "ProfilerStep", t, 9900);
        event(1, 12, "DataLoader.__next__", t, 1500 + (step % 7) * 200);
        for (int op = 0; op < 80; ++op) {
            event(1, 11, "aten::add", t + 2000 + op * 90, 60);
            event(2, 7 + op % 2, "AddKernel", t + 2600 + op * 90, 40 + (op % 5) * 8);
        }
    }
    return text + "]}";
}

int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

} // namespace

class TestTimelineWindow : public QObject {
    Q_OBJECT

    std::unique_ptr<app::MainWindow> window_;

    TimelineView& view() { return *window_->timeline(); }
    const Trace& trace() { return *view().trace(); }

    // Waits for the detectors too, so every picture has the same findings drawn.
    void open(const QString& path) {
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        QSignalSpy analysed(window_.get(), &app::MainWindow::insightsReady);
        window_->openPath(path);
        QVERIFY2(loaded.wait(60000), qPrintable(path));
        QVERIFY2(!analysed.isEmpty() || analysed.wait(60000), qPrintable(path));
    }

    QStringList headerTitles() {
        QStringList titles;
        for (const Lane& lane : view().lanes()->lanes())
            if (lane.isHeader())
                titles << laneTitle(trace(), lane);
        return titles;
    }

    QImage grabView() { return view().grab().toImage(); }

private slots:
    void initTestCase() { test::setUpWindowTests(); }

    void init() {
        window_ = std::make_unique<app::MainWindow>(false);
        window_->resize(1600, 1000);
        window_->show();
    }

    void cleanup() { window_.reset(); }

    void opensTheAscendSampleWithLanesInProfilerOrder() {
        open(LANESCOPE_SAMPLE);
        const QStringList titles = headerTitles();
        QVERIFY2(titles.size() >= 4, qPrintable(titles.join(" | ")));
        QVERIFY2(titles.front().startsWith("Python"), qPrintable(titles.join(" | ")));
        const auto indexOf = [&](const QString& prefix) {
            for (int i = 0; i < titles.size(); ++i)
                if (titles[i].startsWith(prefix))
                    return i;
            return -1;
        };
        QVERIFY(indexOf("CANN") > indexOf("Python"));
        QVERIFY(indexOf("Ascend Hardware") > indexOf("CANN"));
        QVERIFY(indexOf("Overlap Analysis") > indexOf("Ascend Hardware"));
        // Headers follow the processes' sort indexes.
        std::int64_t previous = std::numeric_limits<std::int64_t>::min();
        for (const Lane& lane : view().lanes()->lanes())
            if (lane.type == Lane::Type::ProcessHeader &&
                trace().processes[lane.process].hasSortIndex) {
                QVERIFY(trace().processes[lane.process].sortIndex >= previous);
                previous = trace().processes[lane.process].sortIndex;
            }
        QStringList laneNames;
        for (const Lane& lane : view().lanes()->lanes())
            laneNames << laneTitle(trace(), lane);
        QVERIFY(laneNames.contains("Stream 2"));
        QVERIFY(laneNames.contains("Computing"));
        QVERIFY(laneNames.contains("Free"));
        QCOMPARE(view().viewport().start, trace().spanStart);
        QCOMPARE(view().viewport().end, trace().spanEnd);
    }

    // A job folder opens on its cluster page; both ranks selected there open stacked.
    void opensARealTwoRankAscendJobGroupedByRank() {
        QSignalSpy cluster(window_.get(), &app::MainWindow::clusterLoaded);
        window_->openPath(LANESCOPE_TEST_DATA "/ascend/text/level1");
        QVERIFY(cluster.wait(60000));
        QVERIFY(window_->timeline()->trace() == nullptr);
        window_->clusterPage()->selectRanks({0, 1});
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        window_->clusterPage()->openSelected();
        QVERIFY(loaded.wait(60000));
        QCOMPARE(trace().format, std::string("ascend"));
        std::vector<const Lane*> ranks;
        for (const Lane& lane : view().lanes()->lanes())
            if (lane.type == Lane::Type::RankHeader)
                ranks.push_back(&lane);
        QCOMPARE(ranks.size(), std::size_t(2));
        QVERIFY2(laneTitle(trace(), *ranks[0]).startsWith("rank 0"),
                 qPrintable(laneTitle(trace(), *ranks[0])));
        QVERIFY(laneTitle(trace(), *ranks[1]).startsWith("rank 1"));
        // Every process header sits under its own rank's header.
        std::uint32_t file = kNoIndex;
        for (const Lane& lane : view().lanes()->lanes()) {
            if (lane.type == Lane::Type::RankHeader)
                file = lane.key.group;
            else
                QCOMPARE(trace().processes[lane.process].sourceFile, file);
        }
        // Folding rank 0 leaves its header and all of rank 1.
        const std::size_t all = view().lanes()->lanes().size();
        // The click relayouts the lanes: keep what is needed from them, not pointers.
        const int top = view().lanes()->screenTop(*ranks[0], TimelineRenderer::kRulerHeight, 0);
        const std::uint32_t rankZeroFile = ranks[0]->key.group;
        QTest::mouseClick(&view(), Qt::LeftButton, {}, QPoint(40, top + 5));
        std::size_t rankZeroLanes = 0;
        for (const Lane& lane : view().lanes()->lanes())
            rankZeroLanes += trace().processes[lane.process].sourceFile == rankZeroFile;
        QVERIFY(view().lanes()->lanes().size() < all);
        QCOMPARE(rankZeroLanes, std::size_t(1));
        // An NPU task selected from the details of a link shows its arrows.
        QTest::mouseClick(&view(), Qt::LeftButton, {}, QPoint(40, top + 5));
        const auto linked = std::find_if(trace().taskLinks.begin(), trace().taskLinks.end(),
                                         [](const TaskLink& l) { return l.launch.valid(); });
        QVERIFY(linked != trace().taskLinks.end());
        view().selectSlice(linked->task, true);
        QVERIFY(!view().overlay().flows.empty());
        QVERIFY(distinctColours(grabView()) > 20);
    }

    void opensARealKinetoTrace() {
        open(kKinetoTrace);
        QVERIFY(trace().format == "kineto");
        QVERIFY(headerTitles().size() >= 2);
        int sliceLanes = 0;
        for (const Lane& lane : view().lanes()->lanes())
            sliceLanes += lane.type == Lane::Type::Slices;
        QVERIFY(sliceLanes >= 3);
        QVERIFY(distinctColours(grabView()) > 20);
    }

    void zoomPanUndoAndResetKeys() {
        open(LANESCOPE_SAMPLE);
        view().setFocus();
        const TimelineViewport whole = view().viewport();
        const TimeNs span = whole.end - whole.start;
        QTest::keyClick(&view(), Qt::Key_W);
        const TimelineViewport zoomed = view().viewport();
        QVERIFY(std::abs(static_cast<double>(zoomed.end - zoomed.start) - span / 1.25) < 2);
        // Zooming around the centre keeps the centre.
        QVERIFY(std::abs((zoomed.start + zoomed.end) / 2 - (whole.start + whole.end) / 2) < 2);
        QTest::keyClick(&view(), Qt::Key_A);
        QVERIFY(view().viewport().start < zoomed.start);
        QCOMPARE(view().viewport().end - view().viewport().start, zoomed.end - zoomed.start);
        QTest::keyClick(&view(), Qt::Key_D);
        QTest::keyClick(&view(), Qt::Key_D);
        QVERIFY(view().viewport().start > zoomed.start);
        QTest::keyClick(&view(), Qt::Key_S);
        QVERIFY(view().viewport().end - view().viewport().start > zoomed.end - zoomed.start);
        QTest::keyClick(&view(), Qt::Key_Backspace); // back to before S
        QCOMPARE(view().viewport().end - view().viewport().start, zoomed.end - zoomed.start);
        QTest::keyClick(&view(), Qt::Key_0);
        QCOMPARE(view().viewport().start, whole.start);
        QCOMPARE(view().viewport().end, whole.end);
        for (int i = 0; i < 120; ++i)
            QTest::keyClick(&view(), Qt::Key_W);
        QCOMPARE(view().viewport().end - view().viewport().start, TimeNs(1)); // reaches 1 ns
        QTest::keyClick(&view(), Qt::Key_0);
        for (int i = 0; i < 40; ++i)
            QTest::keyClick(&view(), Qt::Key_S);
        QVERIFY(view().viewport().end - view().viewport().start > span * 1000); // no cap
    }

    void clickSelectsTheSliceUnderTheCursorAndShowsItsArgs() {
        open(kKinetoTrace);
        QVERIFY(!trace().taskLinks.empty());
        const SliceRef kernel = trace().taskLinks.front().task;
        view().selectSlice(kernel, true);
        view().zoomToSelection();
        view().clearSelection();
        QVERIFY(!view().overlay().selected.valid());
        QSignalSpy args(window_->details(), &SliceDetailsPanel::argsReady);
        const QPointF at = centreOf(view(), kernel);
        QTest::mouseClick(&view(), Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(view().overlay().selected, kernel);
        QCOMPARE(window_->details()->field("name"), sliceText(trace(), kernel));
        QVERIFY(args.wait(10000));
        QVERIFY2(window_->details()->argsText().contains("correlation"),
                 qPrintable(window_->details()->argsText()));
        QVERIFY(window_->grab().save(screenshotPath("window_kernel_selected")));
        // Hovering shows the slice's name, duration and start.
        QTest::mouseMove(&view(), at.toPoint());
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(sliceText(trace(), kernel).left(20).toHtmlEscaped()),
                 qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains("duration"));
        // A click on empty lane space clears the selection.
        QTest::mouseClick(&view(), Qt::LeftButton, {},
                          QPoint(view().width() - 5, view().height() - 5));
        QVERIFY(!view().overlay().selected.valid());
    }

    void searchFindsAndCentresTheMatch() {
        open(LANESCOPE_SAMPLE);
        QTest::keyClick(&view(), Qt::Key_W);
        QTest::keyClick(&view(), Qt::Key_W);
        QTest::keyClick(&view(), Qt::Key_W); // zoomed in: the match is off screen at first
        QSignalSpy current(window_->search(), &SearchPanel::currentMatchChanged);
        window_->search()->setQuery("synchronizestream");
        QVERIFY(!current.isEmpty() || current.wait(5000));
        const SliceRef match = window_->search()->result().matches.front();
        QCOMPARE(view().overlay().selected, match);
        QVERIFY(sliceText(trace(), match).contains("aclrtSynchronizeStream"));
        const SliceTrack& track = trace().sliceTracks[match.track];
        const TimelineViewport& v = view().viewport();
        QVERIFY(track.start(match.slice) >= v.start || track.end(match.slice) <= v.end);
        const TimeNs middle = track.start(match.slice) + track.duration(match.slice) / 2;
        QVERIFY(std::abs(middle - (v.start + v.end) / 2) <= (v.end - v.start) / 50 + 1);
    }

    void rangeSelectionTotalsMatchABruteForceSum() {
        open(kStepsTrace);
        const int x0 = view().renderer().nameColumnWidth + 200;
        const int x1 = view().width() - 300;
        const int y0 = TimelineRenderer::kRulerHeight + 2;
        const int y1 = view().height() - 2;
        QTest::mousePress(&view(), Qt::LeftButton, Qt::ShiftModifier, QPoint(x0, y0));
        QTest::mouseMove(&view(), QPoint((x0 + x1) / 2, (y0 + y1) / 2));
        QTest::mouseMove(&view(), QPoint(x1, y1));
        QTest::mouseRelease(&view(), Qt::LeftButton, Qt::ShiftModifier, QPoint(x1, y1));
        QVERIFY(view().overlay().range.has_value());
        const TimeRange range = *view().overlay().range;
        QCOMPARE(range.start, view().renderer().timeAt(x0, view().viewport(), view().width()));
        QCOMPARE(range.end, view().renderer().timeAt(x1, view().viewport(), view().width()));
        // Brute force over every slice of every lane the box covers.
        std::map<QString, std::pair<std::uint64_t, TimeNs>> expected;
        for (const Lane& lane : view().lanes()->lanes()) {
            const int top = view().lanes()->screenTop(lane, TimelineRenderer::kRulerHeight, 0);
            if (lane.type != Lane::Type::Slices || top > y1 || top + lane.height <= y0)
                continue;
            const SliceTrack& track = trace().sliceTracks[lane.index];
            for (std::uint32_t i = 0; i < track.size(); ++i) {
                const bool inside =
                    track.duration(i) == 0
                        ? track.start(i) >= range.start && track.start(i) < range.end
                        : track.start(i) < range.end && track.end(i) > range.start;
                if (!inside)
                    continue;
                auto& entry = expected[QString::fromStdString(test::sliceName(trace(), track, i))];
                ++entry.first;
                entry.second += track.duration(i);
            }
        }
        QVERIFY(expected.size() > 3);
        QStringList lines = window_->rangeSummary()->toCsv().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.takeFirst(), QString("name,count,total_ns,avg_ns,min_ns,max_ns"));
        QCOMPARE(lines.size(), static_cast<int>(expected.size()));
        std::uint64_t checked = 0;
        for (const QString& line : lines) {
            // Names may contain commas (quoted); the numbers are the last five fields.
            const QStringList fields = line.split(',');
            QString name = fields.mid(0, fields.size() - 5).join(',');
            if (name.startsWith('"'))
                name = name.mid(1, name.size() - 2).replace("\"\"", "\"");
            QVERIFY2(expected.contains(name), qPrintable(name));
            QCOMPARE(fields[fields.size() - 5].toULongLong(), expected[name].first);
            QCOMPARE(fields[fields.size() - 4].toLongLong(), expected[name].second);
            checked += expected[name].first;
        }
        QVERIFY2(checked > 500, qPrintable(QString::number(checked)));
    }

    void rulerDragSelectsARangeAndFZoomsToIt() {
        open(LANESCOPE_SAMPLE);
        const int x0 = 500, x1 = 900;
        QTest::mousePress(&view(), Qt::LeftButton, {}, QPoint(x0, 10));
        QTest::mouseMove(&view(), QPoint(x1, 12));
        QTest::mouseRelease(&view(), Qt::LeftButton, {}, QPoint(x1, 12));
        QVERIFY(view().overlay().range.has_value());
        const TimeRange range = *view().overlay().range;
        QTest::keyClick(&view(), Qt::Key_F);
        const TimelineViewport& v = view().viewport();
        QVERIFY(v.start < range.start && v.end > range.end);
        QVERIFY(v.end - v.start < range.duration() * 13 / 10);
        QTest::keyClick(&view(), Qt::Key_Backspace);
        QCOMPARE(view().viewport().start, trace().spanStart);
    }

    void flowArrowsAreDrawnForASelectedLaunch() {
        open(kKinetoTrace);
        const TaskLink& link = trace().taskLinks.front();
        QVERIFY(link.launch.valid());
        view().selectSlice(link.launch, true);
        view().zoomToSelection();
        view().setRange(view().viewport().start,
                        std::max(view().viewport().end,
                                 trace().sliceTracks[link.task.track].end(link.task.slice)));
        std::string category;
        bool found = false;
        for (std::uint32_t f : view().overlay().flows)
            if (trace().flows[f].to == link.task) {
                found = true;
                category = std::string(trace().str(trace().flows[f].category));
            }
        QVERIFY2(found, "the selected launch has no arrow to its kernel");
        const QImage withArrow = grabView();
        view().setFlowCategoryEnabled(category, false);
        QVERIFY(view().overlay().flows.empty() ||
                std::none_of(view().overlay().flows.begin(), view().overlay().flows.end(),
                             [&](std::uint32_t f) { return trace().flows[f].to == link.task; }));
        const QImage withoutArrow = grabView();
        // The arrow runs from the launch down to the kernel: pixels between them change.
        const QPointF from = centreOf(view(), link.launch);
        const QPointF to = centreOf(view(), link.task);
        const QRect between = QRectF(from, to).normalized().toAlignedRect().adjusted(-10, 0, 10, 0);
        int changed = 0;
        for (int y = between.top(); y <= between.bottom(); ++y)
            for (int x = between.left(); x <= between.right(); ++x)
                changed += withArrow.pixel(x, y) != withoutArrow.pixel(x, y);
        QVERIFY2(changed > 20, qPrintable(QString::number(changed)));
        view().setFlowCategoryEnabled(category, true);
        QVERIFY(!view().overlay().flows.empty());
    }

    void headersFoldAndLanesPinAndHide() {
        open(LANESCOPE_SAMPLE);
        const auto laneCount = [&] { return view().lanes()->lanes().size(); };
        const std::size_t all = laneCount();
        const Lane* header = nullptr;
        for (const Lane& lane : view().lanes()->lanes())
            if (lane.type == Lane::Type::ProcessHeader &&
                laneTitle(trace(), lane).startsWith("Python"))
                header = &lane;
        QVERIFY(header);
        // The click relayouts the lanes: keep the header's place, not a pointer into them.
        const QPoint onHeader(
            60, view().lanes()->screenTop(*header, TimelineRenderer::kRulerHeight, 0) +
                    header->height / 2);
        QTest::mouseClick(&view(), Qt::LeftButton, {}, onHeader);
        QVERIFY(laneCount() < all);
        const SliceRef to = findSlice(trace(), "aten::to");
        QVERIFY(view().lanes()->laneOfTrack(to.track)->isHeader()); // folded into its header
        QTest::mouseClick(&view(), Qt::LeftButton, {}, onHeader);
        QCOMPARE(laneCount(), all);

        // Pin the Overlap Analysis "Free" lane: it moves to the top band.
        LaneState state = view().laneState();
        LaneKey freeLane;
        for (const Lane& lane : view().lanes()->lanes())
            if (laneTitle(trace(), lane) == "Free")
                freeLane = lane.key;
        state.togglePinned(freeLane);
        view().setLaneState(state);
        const Lane* pinned = nullptr;
        for (const Lane& lane : view().lanes()->lanes())
            if (lane.pinned)
                pinned = &lane;
        QVERIFY(pinned && laneTitle(trace(), *pinned) == "Free");
        QCOMPARE(view().lanes()->screenTop(*pinned, TimelineRenderer::kRulerHeight, 500),
                 TimelineRenderer::kRulerHeight);
        state.hidden.insert(freeLane);
        view().setLaneState(state);
        QCOMPARE(view().lanes()->hiddenCount(), std::size_t(1));
        QCOMPARE(laneCount(), all - 1);
    }

    void theNameColumnResizesByDraggingItsEdge() {
        open(LANESCOPE_SAMPLE);
        const int before = view().renderer().nameColumnWidth;
        QTest::mousePress(&view(), Qt::LeftButton, {}, QPoint(before, 300));
        QTest::mouseMove(&view(), QPoint(before + 60, 300));
        QTest::mouseMove(&view(), QPoint(before + 120, 300));
        QTest::mouseRelease(&view(), Qt::LeftButton, {}, QPoint(before + 120, 300));
        QCOMPARE(view().renderer().nameColumnWidth, before + 120);
    }

    void aNewerLoadSupersedesARunningOne() {
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        window_->openPath(kStepsTrace);
        window_->openPath(LANESCOPE_SAMPLE);
        QVERIFY(loaded.wait(30000));
        QTest::qWait(1500); // the first load has long finished: it must not replace the sample
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(trace().format, std::string("ascend"));
    }

    // The centre shows the lanes read so far while a trace loads, and the timeline once it has;
    // the grab is taken while the load runs.
    void loadingShowsWhatWasReadSoFar() {
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "loop.json", trainingLoop(600));
        window_->setPreviewInterval(std::chrono::milliseconds(1));
        widgets::LoadPreviewView* page = window_->loadPreview();
        int lanesSeen = 0;
        QImage whileLoading;
        connect(page, &widgets::LoadPreviewView::previewShown, this, [&](int lanes) {
            lanesSeen = std::max(lanesSeen, lanes);
            if (lanes == 4 && whileLoading.isNull() && page->isVisible())
                whileLoading = window_->grab().toImage();
        });
        open(path);
        QCOMPARE(lanesSeen, 4);
        QVERIFY(!whileLoading.isNull());
        QVERIFY(whileLoading.save(screenshotPath("window_loading_preview")));
        QVERIFY(distinctColours(whileLoading) > 5);
        QVERIFY(!page->isVisible());
        QVERIFY(view().isVisible());
        QCOMPARE(trace().sliceCount(), 600u * 162u);
    }

    // Cancel answers at once: the timeline is back and the load never shows up.
    void cancellingALoadShowsTheTimelineAtOnce() {
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "loop.json", trainingLoop(600));
        window_->setPreviewInterval(std::chrono::milliseconds(1));
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        widgets::LoadPreviewView* page = window_->loadPreview();
        bool cancelled = false;
        connect(page, &widgets::LoadPreviewView::previewShown, this, [&](int lanes) {
            if (lanes > 0 && !cancelled) {
                cancelled = true;
                QTest::mouseClick(page->findChild<QPushButton*>(), Qt::LeftButton);
                QVERIFY(!page->isVisible());
            }
        });
        window_->openPath(path);
        QTRY_VERIFY_WITH_TIMEOUT(cancelled, 30000);
        QTest::qWait(1000); // the worker has long stopped: nothing may arrive
        QCOMPARE(loaded.count(), 0);
        QVERIFY(view().trace() == nullptr);
        QVERIFY(view().isVisible());
    }

    void aDroppedFileOpens() {
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(kKinetoTrace)});
        QDragEnterEvent enter(QPoint(300, 300), Qt::CopyAction, &data, Qt::LeftButton, {});
        QApplication::sendEvent(window_.get(), &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy loaded(window_.get(), &app::MainWindow::traceLoaded);
        QDropEvent drop(QPointF(300, 300), Qt::CopyAction, &data, Qt::LeftButton, {});
        QApplication::sendEvent(window_.get(), &drop);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(trace().format, std::string("kineto"));
    }

    // A persistent window remembers recent files, the theme and the name column across runs.
    void settingsAndRecentFilesPersist() {
        QSettings().clear();
        {
            app::MainWindow first;
            first.show();
            QSignalSpy loaded(&first, &app::MainWindow::traceLoaded);
            first.openPath(kKinetoTrace);
            QVERIFY(loaded.wait(30000));
            first.setDarkTheme(true);
            first.timeline()->setNameColumnWidth(333);
            first.close();
        }
        QCOMPARE(app::RecentFiles().paths().value(0), QFileInfo(kKinetoTrace).absoluteFilePath());
        app::MainWindow second;
        QCOMPARE(second.timeline()->theme().name, QString("dark"));
        QCOMPARE(second.timeline()->renderer().nameColumnWidth, 333);
        second.setDarkTheme(false);
        QSettings().clear();
    }

    // The status bar and the diagnostics dock give the same count of what the loader reported
    // (4 events without a phase here), and the status bar says "1 file".
    void theStatusBarAndTheDiagnosticsDockCountAlike() {
        QTemporaryDir dir;
        const QString path =
            test::writeFile(dir, "t.json",
                            "{\"traceEvents\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"},"
                            "{\"name\":\"d\"},{\"ph\":\"X\",\"name\":\"op\",\"pid\":1,\"tid\":1,"
                            "\"ts\":1,\"dur\":2}]}");
        open(path);
        const auto* dock = window_->findChild<QDockWidget*>("diagnosticsDock");
        QVERIFY(dock);
        QCOMPARE(dock->windowTitle(), QString("Load diagnostics (4)"));
        const QList<QLabel*> labels = window_->statusBar()->findChildren<QLabel*>();
        const auto status = std::find_if(labels.begin(), labels.end(), [](const QLabel* label) {
            return label->text().contains("load diagnostics");
        });
        QVERIFY(status != labels.end());
        QVERIFY2((*status)->text().contains(" · 1 file · ") &&
                     (*status)->text().endsWith(" · 4 load diagnostics"),
                 qPrintable((*status)->text()));
    }

    void aFolderWithoutATraceReportsTheError() {
        QTemporaryDir empty;
        QSignalSpy failed(window_.get(), &app::MainWindow::loadFailed);
        window_->openPath(empty.path());
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.front().front().toString().contains(empty.path()),
                 qPrintable(failed.front().front().toString()));
        QVERIFY(view().trace() == nullptr);
    }

    // The migration story in one picture: box-select the NPU stream while the host waits in
    // aten::to; the summary counts the queued small kernels; one of them is selected with its
    // launch arrow and details.
    void screenshotOfTheWaitRegionSummary() {
        open(LANESCOPE_SAMPLE);
        const SliceRef to = findSlice(trace(), "aten::to");
        const Lane* stream = nullptr;
        for (const Lane& lane : view().lanes()->lanes())
            if (laneTitle(trace(), lane) == "Stream 2")
                stream = &lane;
        QVERIFY(to.valid() && stream);
        const SliceTrack& host = trace().sliceTracks[to.track];
        const int x0 = static_cast<int>(
            view().renderer().xOf(host.start(to.slice), view().viewport(), view().width()));
        const int x1 = static_cast<int>(
            view().renderer().xOf(host.end(to.slice), view().viewport(), view().width()));
        const int top = view().lanes()->screenTop(*stream, TimelineRenderer::kRulerHeight, 0);
        QTest::mousePress(&view(), Qt::LeftButton, Qt::ShiftModifier, QPoint(x0 + 1, top + 2));
        QTest::mouseMove(&view(), QPoint(x1 - 1, top + stream->height - 2));
        QTest::mouseRelease(&view(), Qt::LeftButton, Qt::ShiftModifier,
                            QPoint(x1 - 1, top + stream->height - 2));
        const QStringList rows = window_->rangeSummary()->toCsv().split('\n', Qt::SkipEmptyParts);
        QVERIFY2(rows.size() > 3, qPrintable(rows.join(" / ")));
        std::uint64_t kernels = 0;
        for (int i = 1; i < rows.size(); ++i)
            kernels += rows[i].split(',').at(rows[i].split(',').size() - 5).toULongLong();
        QVERIFY2(kernels >= 200, qPrintable(QString::number(kernels))); // the queued tasks
        const auto linked = std::find_if(
            trace().taskLinks.begin(), trace().taskLinks.end(), [&](const TaskLink& l) {
                return l.launch.valid() && l.task.track == stream->index &&
                       trace().sliceTracks[l.task.track].start(l.task.slice) > host.start(to.slice);
            });
        QVERIFY(linked != trace().taskLinks.end());
        QSignalSpy args(window_->details(), &SliceDetailsPanel::argsReady);
        view().selectSlice(linked->task);
        QVERIFY(args.wait(10000));
        QTest::qWait(100);
        QVERIFY(window_->grab().save(screenshotPath("window_wait_region_summary")));
    }

    void screenshotsShowTheTraceTheSelectionAndTheDarkTheme() {
        open(LANESCOPE_SAMPLE);
        const QImage whole = window_->grab().toImage();
        QVERIFY(whole.save(screenshotPath("window_whole_trace")));
        QVERIFY2(distinctColours(whole) > 40, qPrintable(QString::number(distinctColours(whole))));

        // Deep zoom on the copy that ends the wait, selected: its outline is drawn in the accent.
        const SliceRef copy = findSlice(trace(), "aten::copy_");
        QVERIFY(copy.valid());
        view().selectSlice(copy, true);
        view().setRange(trace().sliceTracks[copy.track].end(copy.slice) - 40'000,
                        trace().sliceTracks[copy.track].end(copy.slice) + 10'000);
        QTest::qWait(100); // let the details dock lay out its rows, as the event loop would
        const QImage deep = grabView();
        QVERIFY(window_->grab().save(screenshotPath("window_deep_zoom_selected")));
        const QPointF at = centreOf(view(), copy);
        const QRect around(view().renderer().nameColumnWidth, static_cast<int>(at.y()) - 12,
                           view().width(), 24);
        QVERIFY2(countColour(deep, view().theme().accent, around) > 50,
                 "the selected slice has no accent outline");
        QCOMPARE(countColour(deep, view().theme().accent,
                             QRect(0, static_cast<int>(at.y()) + 40, view().width(), 200)),
                 0);

        window_->setDarkTheme(true);
        QTest::qWait(100);
        const QImage dark = window_->grab().toImage();
        QVERIFY(dark.save(screenshotPath("window_dark_theme")));
        const QImage darkView = grabView();
        const QColor background(darkView.pixel(view().width() - 3, view().height() - 3));
        QVERIFY2(background.lightness() < 60, "the dark theme is not dark");
        QVERIFY(distinctColours(darkView) > 30);
        const QColor dockBase = window_->details()->palette().color(QPalette::Base);
        QVERIFY2(dockBase.lightness() < 80, "the docks did not follow the dark theme");
        window_->setDarkTheme(false);
    }
};

QTEST_MAIN(TestTimelineWindow)
#include "tst_timeline_window.moc"
