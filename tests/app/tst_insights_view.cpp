// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The insights in the real window: the dock lists the embedded sample's findings ranked (the
// aten::to wait first), clicking one zooms the timeline to it, selects its event and draws its
// overlay; the overlay can be hidden; filters narrow the list; the thresholds dialog re-runs the
// detectors; each device header carries a busy/idle strip. Set LANESCOPE_SCREENSHOT_DIR to keep
// the PNGs.
#include "analysis/slice_info.h"
#include "insights_panel.h"
#include "main_window.h"
#include "slice_details_panel.h"
#include "test_support.h"
#include "thresholds_dialog.h"
#include "window_test_support.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

using namespace lanescope;
using namespace lanescope::widgets;
using analysis::InsightKind;
using test::countColour;
using test::countNear;
using test::screenshotPath;

class TestInsightsView : public QObject {
    Q_OBJECT

    std::unique_ptr<app::MainWindow> window_;

    TimelineView& view() { return *window_->timeline(); }
    const Trace& trace() { return *view().trace(); }

    void openAndAnalyse(const QString& path) {
        QSignalSpy analysed(window_.get(), &app::MainWindow::insightsReady);
        window_->openPath(path);
        QVERIFY2(analysed.wait(60000), qPrintable(path));
        QVERIFY(window_->findings());
    }

    // The screen rectangle of an insight's time range across the whole lane area.
    QRect regionOf(const analysis::Insight& insight) {
        const auto x = [&](TimeNs t) {
            return static_cast<int>(view().renderer().xOf(t, view().viewport(), view().width()));
        };
        return QRect(QPoint(x(insight.start), TimelineRenderer::kRulerHeight),
                     QPoint(x(insight.end), view().height() - 1));
    }

private slots:
    void initTestCase() { test::setUpWindowTests(); }

    void init() {
        window_ = std::make_unique<app::MainWindow>(false);
        window_->resize(1600, 1000);
        window_->show();
    }

    void cleanup() { window_.reset(); }

    void theDockListsTheSampleFindingsWithTheCopyWaitFirst() {
        openAndAnalyse(LANESCOPE_SAMPLE);
        const auto& findings = *window_->findings();
        QVERIFY(!findings.empty());
        QCOMPARE(findings.front().kind, InsightKind::HostBlockedOnDevice);
        QCOMPARE(window_->insights()->shownCount(), static_cast<int>(findings.size()));
        const QAbstractItemModel* model = window_->insights()->table()->model();
        const QString first = model->index(0, 3).data().toString();
        QVERIFY2(first.startsWith("aten::to blocked"), qPrintable(first));
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("high"));
        for (int row = 1; row < model->rowCount(); ++row) // ranked: most time at stake first
            QVERIFY(findings[static_cast<std::size_t>(row - 1)].timeAtStake >=
                    findings[static_cast<std::size_t>(row)].timeAtStake);
    }

    void clickingAFindingZoomsToItSelectsItsEventAndDrawsItsOverlay() {
        openAndAnalyse(LANESCOPE_SAMPLE);
        const analysis::Insight& top = window_->findings()->front();
        QTableView* table = window_->insights()->table();
        const QRect row = table->visualRect(table->model()->index(0, 3));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, row.center());

        // Zoomed to the region with a small margin, its main event selected and detailed.
        const TimelineViewport& v = view().viewport();
        QVERIFY(v.start <= top.start && v.end >= top.end);
        QVERIFY2(v.end - v.start <= (top.end - top.start) * 13 / 10,
                 qPrintable(QString::number(v.end - v.start)));
        QVERIFY(view().overlay().selected == top.events.front());
        QCOMPARE(view().overlay().findings.focused, top.id);
        QCOMPARE(test::nameOf(trace(), view().overlay().selected), std::string("aten::to"));
        QVERIFY(window_->insights()->detailsText().contains("259 queued NPU tasks"));
        QVERIFY(window_->insights()->detailsText().contains("non_blocking=True"));

        // The hatched wait with its label is drawn on the host lane, inside the region only.
        QTest::qWait(50);
        const QImage shown = view().grab().toImage();
        QVERIFY(window_->grab().save(screenshotPath("insight_focused")));
        const QRect region = regionOf(top);
        const QColor wait = view().theme().hostWait;
        QVERIFY2(countColour(shown, wait, region.adjusted(-2, 0, 2, 0)) > 400,
                 qPrintable(QString::number(countColour(shown, wait, region))));
        QCOMPARE(
            countColour(shown, wait, QRect(region.right() + 4, region.top(), 400, region.height())),
            0);

        QAction* toggle = test::menuAction(*window_, "Insights on Timeline");
        QVERIFY(toggle);
        toggle->trigger();
        QCOMPARE(countColour(view().grab().toImage(), wait, region.adjusted(-2, 0, 2, 0)), 0);
        toggle->trigger();
        QVERIFY(countColour(view().grab().toImage(), wait, region.adjusted(-2, 0, 2, 0)) > 400);

        // Backspace goes back to the whole trace.
        view().setFocus();
        QTest::keyClick(&view(), Qt::Key_Backspace);
        QCOMPARE(view().viewport().start, trace().spanStart);
    }

    // A finding about many places at once (the sample's all-dynamic kernels) is not drawn until
    // it is picked; picked, its lane and its kernels are outlined.
    void findingsAboutTheWholeTraceAreDrawnOnlyWhenPicked() {
        openAndAnalyse(LANESCOPE_SAMPLE);
        const auto& findings = *window_->findings();
        const auto dynamic = std::find_if(findings.begin(), findings.end(), [](const auto& i) {
            return i.kind == InsightKind::DynamicShape;
        });
        QVERIFY(dynamic != findings.end());
        const QColor outline = view().theme().finding;
        const QRect lanesArea(view().renderer().nameColumnWidth, TimelineRenderer::kRulerHeight,
                              view().width(), view().height());
        QCOMPARE(countNear(view().grab().toImage(), outline, lanesArea, 12), 0);
        QVERIFY(window_->insights()->selectInsight(dynamic->id));
        view().clearSelection(); // the picked region's shading would tint the outline
        QCOMPARE(view().overlay().findings.focused, dynamic->id);
        const QImage picked = view().grab().toImage();
        QVERIFY(picked.save(screenshotPath("insight_dynamic_shape_picked")));
        QVERIFY2(countNear(picked, outline, lanesArea, 12) > 1000,
                 qPrintable(QString::number(countNear(picked, outline, lanesArea, 12))));
    }

    void filtersNarrowTheList() {
        openAndAnalyse(LANESCOPE_SAMPLE);
        InsightsPanel& panel = *window_->insights();
        const int all = panel.shownCount();
        QVERIFY(all > 0);
        panel.setTextFilter("no finding says this");
        QCOMPARE(panel.shownCount(), 0);
        panel.setTextFilter("aten::to");
        QVERIFY(panel.shownCount() >= 1);
        panel.setTextFilter({});
        panel.setKindFilter(InsightKind::HostBlockedOnDevice);
        const auto blocked = std::count_if(
            window_->findings()->begin(), window_->findings()->end(),
            [](const analysis::Insight& i) { return i.kind == InsightKind::HostBlockedOnDevice; });
        QCOMPARE(panel.shownCount(), static_cast<int>(blocked));
        panel.setKindFilter(std::nullopt);
        QCOMPARE(panel.shownCount(), all);
    }

    void theThresholdsDialogRerunsTheDetectors() {
        openAndAnalyse(LANESCOPE_SAMPLE);
        QVERIFY(!window_->findings()->empty());
        window_->editThresholds();
        auto* dialog = window_->findChild<app::ThresholdsDialog*>();
        QVERIFY(dialog);
        QDoubleSpinBox* field = dialog->field("host_blocked.min_waited_us");
        QVERIFY(field);
        QCOMPARE(field->value(), 20.0);
        field->setValue(1e9); // no wait is that long
        QSignalSpy analysed(window_.get(), &app::MainWindow::insightsReady);
        auto* buttons = dialog->findChild<QDialogButtonBox*>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY(analysed.wait(60000));
        QCOMPARE(window_->thresholds()["host_blocked.min_waited_us"], 1e9);
        QVERIFY(std::none_of(
            window_->findings()->begin(), window_->findings()->end(),
            [](const analysis::Insight& i) { return i.kind == InsightKind::HostBlockedOnDevice; }));
        QTest::mouseClick(buttons->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QCOMPARE(field->value(), 20.0);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(analysed.wait(60000));
        QCOMPARE(window_->findings()->front().kind, InsightKind::HostBlockedOnDevice);
    }

    void eachDeviceHeaderShowsABusyIdleStrip() {
        openAndAnalyse(LANESCOPE_SAMPLE);
        const Lane* header = nullptr;
        for (const Lane& lane : view().lanes()->lanes())
            if (lane.type == Lane::Type::ProcessHeader &&
                laneTitle(trace(), lane).startsWith("Ascend Hardware"))
                header = &lane;
        QVERIFY(header);
        const int y = view().lanes()->screenTop(*header, TimelineRenderer::kRulerHeight, 0) +
                      header->height - 2;
        const int left = view().renderer().nameColumnWidth;
        const QRect strip(left, y, view().width() - left, 1);
        const QImage whole = view().grab().toImage();
        QVERIFY(countColour(whole, view().theme().deviceBusy, strip) > 100);
        // Before the device's first task there is no strip: the header colour shows.
        QCOMPARE(countColour(whole, view().theme().deviceBusy, QRect(left, y, 20, 1)), 0);

        // Zoomed so the device's longest gap fills a third of the view, the strip turns idle.
        const analysis::DeviceActivity& device = view().overlay().findings.devices->devices.front();
        analysis::Interval gap{0, 0};
        for (std::size_t i = 1; i < device.working.size(); ++i)
            if (device.working[i].first - device.working[i - 1].second > gap.second - gap.first)
                gap = {device.working[i - 1].second, device.working[i].first};
        QVERIFY(gap.second > gap.first);
        view().setRange(gap.first - (gap.second - gap.first),
                        gap.second + (gap.second - gap.first));
        const QImage zoomed = view().grab().toImage();
        QVERIFY(zoomed.save(screenshotPath("insight_device_strip_gap")));
        const int idle = countColour(zoomed, view().theme().deviceIdleStrip, strip);
        QVERIFY2(idle > (view().width() - left) / 4, qPrintable(QString::number(idle)));
        QVERIFY(countColour(zoomed, view().theme().deviceBusy, strip) >
                (view().width() - left) / 4);
    }
};

QTEST_MAIN(TestInsightsView)
#include "tst_insights_view.moc"
