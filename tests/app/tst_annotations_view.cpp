// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Annotations in the real window, on a copy of the embedded sample in a scratch folder: M adds
// a marker at the mouse on its lane and opens its text for typing; ranges come from a box
// selection, notes from the selected slice, and an insight becomes an annotation with one
// click; Delete, Ctrl+Z and Ctrl+Shift+Z; everything is in the sidecar after closing, reattached
// on reopening with the view restored; a corrupt sidecar is kept aside and the user told.
// Set LANESCOPE_SCREENSHOT_DIR to keep the PNGs.
#include "analysis/name_search.h"
#include "annotation_controller.h"
#include "annotations_panel.h"
#include "insights_panel.h"
#include "main_window.h"
#include "session/session_file.h"
#include "test_support.h"
#include "trace_load_job.h"
#include "window_test_support.h"

#include <QClipboard>
#include <QDirIterator>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QtTest>
#include <atomic>

using namespace lanescope;
using namespace lanescope::widgets;
using session::AnnotationKind;
using test::countColour;
using test::screenshotPath;

namespace {

// A copy of the sample folder, so the sidecar is written into scratch space.
QString copySample(const QTemporaryDir& dir) {
    const QString from = QStringLiteral(LANESCOPE_SAMPLE);
    const QString to = dir.path() + "/bert_eager_ascend_pt";
    QDirIterator files(from, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        const QString target = to + file.mid(from.size());
        QDir().mkpath(QFileInfo(target).path());
        QFile::copy(file, target);
    }
    return to;
}

SliceRef firstNamed(const Trace& trace, const std::string& name) {
    for (SliceRef ref : analysis::searchSlices(trace, name, {true}).matches)
        if (trace.str(trace.sliceTracks[ref.track].name(ref.slice)) == name)
            return ref;
    return {};
}

} // namespace

class TestAnnotationsView : public QObject {
    Q_OBJECT

    QTemporaryDir scratch_;
    QString sample_;
    std::unique_ptr<app::MainWindow> window_;

    TimelineView& view() { return *window_->timeline(); }
    const Trace& trace() { return *view().trace(); }
    app::AnnotationStore& store() { return window_->annotationController()->store(); }
    const std::vector<session::Annotation>& items() {
        return store().session().annotations.items();
    }

    void openWindow() {
        window_ = std::make_unique<app::MainWindow>(false);
        window_->setSessionFiles(true);
        window_->resize(1600, 1000);
        window_->show();
        QSignalSpy analysed(window_.get(), &app::MainWindow::insightsReady);
        window_->openPath(sample_);
        QVERIFY(analysed.wait(60000));
    }

    const Lane* laneTitled(const QString& title) {
        for (const Lane& lane : view().lanes()->lanes())
            if (laneTitle(trace(), lane) == title)
                return &lane;
        return nullptr;
    }

    QString sidecar() const { return sample_ + ".lanescope.json"; }

private slots:
    void initTestCase() { test::setUpWindowTests(); }

    void init() {
        QFile::remove(sidecar());
        sample_ = copySample(scratch_);
        openWindow();
    }

    void cleanup() { window_.reset(); }

    void mPutsAMarkerAtTheMouseOnItsLaneAndOpensItsText() {
        const Lane* stream = laneTitled("Stream 2");
        QVERIFY(stream);
        const int y = view().lanes()->screenTop(*stream, TimelineRenderer::kRulerHeight, 0) + 6;
        const QPoint at(view().renderer().nameColumnWidth + 300, y);
        QTest::mouseMove(&view(), at);
        view().setFocus();
        QTest::keyClick(&view(), Qt::Key_M);
        QCOMPARE(items().size(), std::size_t(1));
        const session::Annotation& marker = items().front();
        QCOMPARE(marker.kind, AnnotationKind::Point);
        QCOMPARE(marker.start, view().renderer().timeAt(at.x(), view().viewport(), view().width()));
        QCOMPARE(marker.lanes.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(marker.lanes.front()).endsWith("/tid 2"));
        QVERIFY(!marker.author.empty());

        // The dock came forward with the text open for typing.
        QWidget* editor = QApplication::focusWidget();
        QVERIFY(editor && window_->annotations()->isAncestorOf(editor));
        QTest::keyClicks(editor, "host waits here");
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(QString::fromStdString(items().front().text),
                     QStringLiteral("host waits here"));

        // Drawn on its lane and flagged on the ruler, in its colour.
        const QImage image = view().grab().toImage();
        const QColor colour(QString::fromStdString(marker.color));
        QVERIFY(countColour(image, colour, QRect(at.x() - 3, y - 6, 7, stream->height)) > 5);
        QVERIFY(countColour(image, colour,
                            QRect(at.x() - 2, 0, 12, TimelineRenderer::kRulerHeight)) > 10);
    }

    void deleteUndoAndRedo() {
        window_->annotationController()->addMarker(trace().spanStart + 1000, std::nullopt);
        window_->annotationController()->addMarker(trace().spanStart + 2000, std::nullopt);
        QCOMPARE(items().size(), std::size_t(2));
        const session::Annotation first = items().front();
        QTableView* table = window_->annotations()->table();
        table->setCurrentIndex(table->model()->index(0, 0));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(items().size(), std::size_t(1));
        QAction* undo = test::menuAction(*window_, "Undo Delete annotation");
        QVERIFY(undo);
        undo->trigger();
        QCOMPARE(items().size(), std::size_t(2));
        QVERIFY(items().front() == first); // the same id, text and stamps
        QAction* redo = test::menuAction(*window_, "Redo Delete annotation");
        QVERIFY(redo);
        redo->trigger();
        QCOMPARE(items().size(), std::size_t(1));
        store().undoStack()->undo();
        // Text edits are undoable too.
        session::Annotation edited = items().front();
        edited.text = "renamed";
        store().edit(edited);
        QCOMPARE(items().front().text, std::string("renamed"));
        store().undoStack()->undo();
        QCOMPARE(items().front().text, first.text);
    }

    void rangesNotesAndInsightsBecomeAnnotations() {
        const SliceRef to = firstNamed(trace(), "aten::to");
        QVERIFY(to.valid());
        const SliceTrack& host = trace().sliceTracks[to.track];
        view().selectRange({host.start(to.slice), host.end(to.slice)}, {to.track});
        auto* panel = window_->annotations();
        QToolButton* range = nullptr;
        QToolButton* note = nullptr;
        for (QToolButton* b : panel->findChildren<QToolButton*>()) {
            range = b->text() == "+ Range" ? b : range;
            note = b->text() == "+ Note" ? b : note;
        }
        QVERIFY(range && note && range->isEnabled());
        QTest::mouseClick(range, Qt::LeftButton);
        QCOMPARE(items().back().kind, AnnotationKind::Range);
        QCOMPARE(items().back().start, host.start(to.slice));
        QCOMPARE(items().back().end, host.end(to.slice));
        QCOMPARE(items().back().lanes.size(), std::size_t(1));

        view().selectSlice(to);
        QVERIFY(note->isEnabled());
        view().clearSelection();
        view().selectSlice(to);
        const std::uint64_t marker = window_->annotationController()->addMarkerAtSelection();
        QCOMPARE(store().session().annotations.find(marker)->start, host.start(to.slice));
        store().undoStack()->undo();
        QTest::mouseClick(note, Qt::LeftButton);
        QCOMPARE(items().back().kind, AnnotationKind::EventNote);
        QCOMPARE(items().back().event->name, std::string("aten::to"));

        QVERIFY(window_->insights()->selectInsight(window_->findings()->front().id));
        QToolButton* annotate = nullptr;
        for (QToolButton* b : window_->insights()->findChildren<QToolButton*>())
            annotate = b->text() == "Annotate" ? b : annotate;
        QVERIFY(annotate);
        QTest::mouseClick(annotate, Qt::LeftButton);
        QCOMPARE(items().back().insight, window_->findings()->front().id);
        QCOMPARE(items().size(), std::size_t(3));
        QCOMPARE(window_->annotations()->model()->rowCount(), 3);
        QTest::qWait(50);
        QVERIFY(window_->grab().save(screenshotPath("annotations_on_timeline")));
    }

    void everythingIsThereAfterClosingAndReopening() {
        const SliceRef to = firstNamed(trace(), "aten::to");
        view().selectSlice(to);
        window_->annotationController()->addNoteOnSelection();
        window_->annotationController()->addMarker(trace().spanStart + 5000, std::nullopt);
        const std::vector<session::Annotation> before = items();
        view().setRange(trace().spanStart + 1'000'000, trace().spanStart + 3'000'000);
        QTest::qWait(400); // past the autosave delay
        QVERIFY(QFile::exists(sidecar()));
        window_.reset(); // closing saves too
        openWindow();
        QVERIFY(items() == before);
        QCOMPARE(view().viewport().start, trace().spanStart + 1'000'000);
        QCOMPARE(view().viewport().end, trace().spanStart + 3'000'000);
        const session::Placement note = store().placementOf(items().front());
        QVERIFY(!note.detached);
        QVERIFY(note.event == firstNamed(trace(), "aten::to"));
        QCOMPARE(window_->annotations()->model()->rowCount(), 2);
    }

    void theExportedViewCarriesTheAnnotationsAndTheClipboardGetsTheImage() {
        const SliceRef to = firstNamed(trace(), "aten::to");
        view().selectSlice(to);
        const std::uint64_t id = window_->annotationController()->addNoteOnSelection();
        session::Annotation note = *store().session().annotations.find(id);
        note.color = "#0891b2";
        store().edit(note);
        const QString png = scratch_.path() + "/view.png";
        widgets::ExportRequest request = window_->currentViewRequest();
        request.scale = 2;
        QString error;
        QVERIFY2(window_->exportViewTo(png, request, &error), qPrintable(error));
        const QImage page(png);
        QVERIFY(page.save(screenshotPath("annotations_export_view")));
        QCOMPARE(page.width(), request.width * 2);
        QVERIFY(countColour(page, QColor("#0891b2"), page.rect()) > 200);
        QVERIFY(!window_->exportViewTo(scratch_.path() + "/view.bmp", request, &error));
        QVERIFY(error.contains(".png, .svg or .pdf"));

        const QString report = scratch_.path() + "/report";
        QVERIFY2(window_->exportReportTo(report, &error), qPrintable(error));
        const QString html = QString::fromUtf8([&] {
            QFile file(report + "/report.html");
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }());
        QVERIFY(html.contains("Annotations (1)"));
        QVERIFY(html.contains("aten::to blocked"));
        QVERIFY(QFile::exists(report + QStringLiteral("/images/annotation-%1.png").arg(id)));

        window_->copyViewImage();
        const QImage copied = QGuiApplication::clipboard()->image();
        QVERIFY(!copied.isNull());
        QVERIFY(countColour(copied, QColor("#0891b2"), copied.rect()) > 50);
    }

    // A save that fails (here: a folder sits where the sidecar goes) is reported, not ignored.
    void aFailedSaveIsReported() {
        QVERIFY(QDir().mkpath(sidecar() + "/blocker"));
        QSignalSpy notice(window_.get(), &app::MainWindow::sessionNotice);
        window_->annotationController()->addMarker(trace().spanStart + 1000, std::nullopt);
        QVERIFY(!store().saveNow());
        QVERIFY2(store().lastError().contains(sidecar()), qPrintable(store().lastError()));
        QVERIFY(!notice.isEmpty());
        QVERIFY(QDir(sidecar() + "/blocker").exists()); // nothing of the user's was touched
        QVERIFY(QDir(sidecar()).removeRecursively());
        QVERIFY(store().saveNow()); // and the next save goes through
        QVERIFY(QFileInfo(sidecar()).isFile());
    }

    // The sidecar is read by the load job, next to the trace, not on the GUI thread (a sidecar
    // of 300 000 annotations takes seconds); reopening the trace that is open must not take
    // the job's read, which predates the save of the latest edit.
    void theLoadJobReadsTheSidecarAndAReloadKeepsTheLatestEdit() {
        const TimeNs start = trace().spanStart;
        window_.reset();
        std::vector<session::Annotation> many(20'000);
        for (std::size_t i = 0; i < many.size(); ++i) {
            many[i].id = i + 1;
            many[i].start = start + static_cast<TimeNs>(i);
        }
        session::Session saved;
        saved.annotations.load(std::move(many));
        session::saveSessionFile(sidecar().toStdString(), saved, sample_.toStdString());

        const std::atomic<bool> never{false};
        const app::LoadOutcome outcome =
            app::loadNow(sample_, &never, {}, QString(scratch_.path()));
        QVERIFY(outcome.trace && outcome.sidecar);
        QCOMPARE(QString::fromStdString(outcome.sidecar->path), sidecar());
        QCOMPARE(outcome.sidecar->load.session.annotations.items().size(), std::size_t(20'000));

        openWindow();
        QCOMPARE(items().size(), std::size_t(20'000));
        window_->annotationController()->addMarker(trace().spanStart, std::nullopt);
        QSignalSpy analysed(window_.get(), &app::MainWindow::insightsReady);
        window_->openPath(sample_); // at once: the edit's autosave is still pending
        QVERIFY(analysed.wait(60000));
        QCOMPARE(items().size(), std::size_t(20'001));
    }

    void lookingWritesNothingAndACorruptSidecarIsKeptAside() {
        view().setRange(trace().spanStart, trace().spanStart + 1000);
        QTest::qWait(400);
        QVERIFY(!QFile::exists(sidecar()));
        window_.reset();
        {
            QFile file(sidecar());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"format\": \"lanescope-session\", \"version\": 1, \"annotati");
        }
        window_ = std::make_unique<app::MainWindow>(false);
        window_->setSessionFiles(true);
        QSignalSpy notice(window_.get(), &app::MainWindow::sessionNotice);
        QSignalSpy analysed(window_.get(), &app::MainWindow::insightsReady);
        window_->openPath(sample_);
        QVERIFY(analysed.wait(60000));
        QCOMPARE(notice.size(), 1);
        QVERIFY(notice.front().front().toString().contains(sidecar() + ".corrupt-1"));
        QVERIFY(QFile::exists(sidecar() + ".corrupt-1"));
        QVERIFY(items().empty());
    }
};

QTEST_MAIN(TestAnnotationsView)
#include "tst_annotations_view.moc"
