// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Annotations and the sidecar session file: the model (ids, undo), the JSON round trip, lane and
// event identities that survive reloading the real sample, the atomic save (a crash between the
// write and the rename leaves the old file whole), corrupt and newer files kept aside rather
// than overwritten, and where the sidecar goes.
#include "analysis/detect_insights.h"
#include "formats/atomic_file.h"
#include "formats/trace_loader.h"
#include "session/annotation_placement.h"
#include "session/session_file.h"
#include "session/session_json.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

using namespace lanescope;
using namespace lanescope::session;

namespace {

Trace loadSample() {
    return formats::loadTrace(LANESCOPE_SAMPLE);
}

SliceRef firstNamed(const Trace& trace, std::string_view name) {
    for (std::uint32_t t = 0; t < trace.sliceTracks.size(); ++t)
        for (std::uint32_t i = 0; i < trace.sliceTracks[t].size(); ++i)
            if (trace.str(trace.sliceTracks[t].name(i)) == name)
                return {t, i};
    return {};
}

Session sampleSession() {
    Session session;
    Annotation point;
    point.kind = AnnotationKind::Point;
    point.text = "step starts here";
    point.start = point.end = 1'000;
    point.author = "ana";
    session.annotations.add(point, 1'700'000'000'000);
    Annotation range;
    range.kind = AnnotationKind::Range;
    range.text = "queued compute \"quoted\" <b>and</b> ünïcode";
    range.color = "#2563eb";
    range.start = 2'000;
    range.end = 9'000;
    range.lanes = {"rank 0/pid 1/tid 1"};
    session.annotations.add(range, 1'700'000'000'001);
    Annotation note;
    note.kind = AnnotationKind::EventNote;
    note.text = "this copy waits";
    note.start = 5'000;
    note.end = 6'000;
    note.event = EventAnchor{"rank 0/pid 1/tid 1", 5'000, "aten::to"};
    note.insight = "host_blocked_on_device:0";
    session.annotations.add(note, 1'700'000'000'002);
    session.view = {1'500, 8'000, {"track:file 0/pid 1/tid 1"}, {"process:file 0/pid 2"}, {}};
    session.thresholds = {{"small_op.max_task_us", 5}};
    return session;
}

// JSON written with single quotes, to keep the test data readable.
QByteArray json(const char* text) {
    return QByteArray(text).replace('\'', '"');
}

QByteArray readBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT

private slots:
    void kindNamesAndColours() {
        QCOMPARE(std::string(toString(AnnotationKind::EventNote)), std::string("event"));
        QCOMPARE(annotationKindFrom("range"), std::optional(AnnotationKind::Range));
        QVERIFY(!annotationKindFrom("circle"));
        QVERIFY(isHexColor("#a1B2c3"));
        QVERIFY(!isHexColor("red") && !isHexColor("#12345g") && !isHexColor("#1234567"));
    }

    void idsAreNeverReusedAndRemovalsCanBeUndone() {
        AnnotationSet set;
        const auto a = set.add({}, 10);
        const auto b = set.add({}, 11);
        const auto c = set.add({}, 12);
        QCOMPARE(set.find(b)->createdMs, 11);
        std::optional<Annotation> removed = set.remove(b);
        QVERIFY(removed && !set.find(b));
        QCOMPARE(set.add({}, 13), c + 1); // b's id is not handed out again
        set.restore(*removed);
        QCOMPARE(set.items().size(), std::size_t(4));
        QCOMPARE(set.items()[1].id, b); // back in creation order
        Annotation edited = *set.find(a);
        edited.text = "edited";
        QVERIFY(set.update(edited, 99));
        QCOMPARE(set.find(a)->text, std::string("edited"));
        QCOMPARE(set.find(a)->createdMs, 10);
        QCOMPARE(set.find(a)->modifiedMs, 99);
        edited.id = 1000;
        QVERIFY(!set.update(edited, 100));
    }

    void theJsonRoundTripKeepsEverything() {
        const Session session = sampleSession();
        const std::string text = toJson(session, "/data/run_ascend_pt");
        QVERIFY(QByteArray::fromStdString(text).contains("\"version\": 1"));
        const Session back = sessionFromJson(text);
        QCOMPARE(back.annotations.items().size(), std::size_t(3));
        QVERIFY(back.annotations.items() == session.annotations.items());
        QVERIFY(back.view == session.view);
        QVERIFY(back.thresholds == session.thresholds);
        // A re-saved file is byte-identical: sidecars diff cleanly under version control.
        QCOMPARE(toJson(back, "/data/run_ascend_pt"), text);
    }

    void malformedFilesSayWhatIsWrong_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated")
            << json("{'format': 'lanescope-session', 'ver") << "not valid JSON at byte";
        // Found by fuzz_session: nlohmann reports 1e999 as out_of_range, not as a parse error.
        QTest::newRow("number beyond a double")
            << json("{'format': 'lanescope-session', 'version': 1, 'annotations': "
                    "[{'kind': 'point', 'created_ms': 17e8950000000}]}")
            << "a number is out of range";
        QTest::newRow("other json") << json("{'hello': 1}") << "not a Lanescope session file";
        QTest::newRow("format a number") << json("{'format': 1}") << "not a Lanescope session file";
        QTest::newRow("no version")
            << json("{'format': 'lanescope-session'}") << "version is missing";
        QTest::newRow("annotations not a list")
            << json("{'format': 'lanescope-session', 'version': 1, 'annotations': 3}")
            << "is not a list";
        QTest::newRow("wrong type")
            << json("{'format': 'lanescope-session', 'version': 1, 'annotations': "
                    "[{'kind': 'point', 'start_ns': 'soon'}]}")
            << "annotation 0: \"start_ns\" has the wrong type";
        // Found by fuzz_session: a float or a negative number read as an integer was undefined
        // behaviour or a silent wrap.
        QTest::newRow("time a float")
            << json("{'format': 'lanescope-session', 'version': 1, 'annotations': "
                    "[{'kind': 'point', 'start_ns': 2.9e53}]}")
            << "annotation 0: \"start_ns\" has the wrong type";
        QTest::newRow("negative id")
            << json("{'format': 'lanescope-session', 'version': 1, 'annotations': "
                    "[{'kind': 'point', 'id': -1}]}")
            << "annotation 0: \"id\" has the wrong type";
        QTest::newRow("time beyond a trace")
            << json("{'format': 'lanescope-session', 'version': 1, 'annotations': "
                    "[{'kind': 'point', 'start_ns': 9223372036854775807}]}")
            << "annotation 0: \"start_ns\" is out of range";
        QTest::newRow("view a float")
            << json("{'format': 'lanescope-session', 'version': 1, 'view': "
                    "{'start_ns': 0, 'end_ns': 1e300}}")
            << "the view or thresholds have the wrong types";
        QTest::newRow("unknown kind")
            << json("{'format': 'lanescope-session', 'version': 1, 'annotations': "
                    "[{'kind': 'circle'}]}")
            << "annotation 0: unknown kind";
        QTest::newRow("note without event")
            << json("{'format': 'lanescope-session', 'version': 1, 'annotations': "
                    "[{'kind': 'event'}]}")
            << "without its event";
    }

    void malformedFilesSayWhatIsWrong() {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        try {
            sessionFromJson(json.toStdString());
            QFAIL("accepted");
        } catch (const SessionFormatError& error) {
            QVERIFY2(QString(error.what()).contains(message), error.what());
        }
    }

    void laneIdentitiesSurviveReloading() {
        const Trace first = loadSample();
        const Trace second = loadSample();
        const LaneIdentities a(first);
        const LaneIdentities b(second);
        std::set<std::string> distinct;
        for (std::uint32_t t = 0; t < first.sliceTracks.size(); ++t) {
            QCOMPARE(a.track(t), b.track(t));
            QCOMPARE(b.findTrack(a.track(t)), std::optional<std::uint32_t>(t));
            distinct.insert(a.track(t));
        }
        QCOMPARE(distinct.size(), first.sliceTracks.size()); // no two lanes share a name
        for (std::uint32_t p = 0; p < first.processes.size(); ++p)
            QCOMPARE(b.findProcess(a.process(p)), std::optional<std::uint32_t>(p));
        for (std::uint32_t c = 0; c < first.counters.size(); ++c)
            QCOMPARE(b.findCounter(a.counter(c)), std::optional<std::uint32_t>(c));
        QVERIFY(!b.findTrack("file 0/pid 1/tid 404"));
        const SliceRef to = firstNamed(first, "aten::to");
        QVERIFY(QString::fromStdString(a.track(to.track)).endsWith("/tid 2480317"));
    }

    void eventNotesReattachAfterReloadAndMissingOnesAreKept() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/sample.lanescope.json").toStdString();
        {
            const Trace trace = loadSample();
            const LaneIdentities lanes(trace);
            const SliceRef to = firstNamed(trace, "aten::to");
            Session session;
            Annotation note;
            note.kind = AnnotationKind::EventNote;
            note.text = "the slow copy";
            note.event = anchorOf(trace, lanes, to);
            note.start = note.event->start;
            note.end = trace.sliceTracks[to.track].end(to.slice);
            session.annotations.add(note, 1);
            Annotation gone = note;
            gone.event->start += 1; // no slice starts there
            session.annotations.add(gone, 2);
            saveSessionFile(path, session, LANESCOPE_SAMPLE);
        }
        const Trace reloaded = loadSample();
        const LaneIdentities lanes(reloaded);
        const SessionLoad load = loadSessionFile(path);
        QCOMPARE(load.status, SessionLoad::Status::Loaded);
        const auto& items = load.session.annotations.items();
        QCOMPARE(items.size(), std::size_t(2));
        const Placement attached = place(reloaded, lanes, items[0]);
        QVERIFY(!attached.detached);
        QCOMPARE(test::nameOf(reloaded, attached.event), std::string("aten::to"));
        QVERIFY(attached.event == firstNamed(reloaded, "aten::to"));
        const Placement detached = place(reloaded, lanes, items[1]);
        QVERIFY(detached.detached && !detached.event.valid());
        // Saving again keeps the detached note as it was written.
        saveSessionFile(path, load.session, LANESCOPE_SAMPLE);
        QVERIFY(loadSessionFile(path).session.annotations.items() == items);
    }

    void anInsightBecomesARangeAnnotation() {
        const Trace trace = loadSample();
        const analysis::DeviceMap devices = analysis::mapDevices(trace);
        const auto insights = analysis::detectInsights(trace, devices, {});
        QVERIFY(!insights.empty());
        const LaneIdentities lanes(trace);
        const Annotation a = annotationFromInsight(lanes, insights.front());
        QCOMPARE(a.kind, AnnotationKind::Range);
        QCOMPARE(a.start, insights.front().start);
        QCOMPARE(a.end, insights.front().end);
        QCOMPARE(a.insight, insights.front().id);
        QVERIFY(QString::fromStdString(a.text).startsWith("aten::to blocked"));
        QVERIFY(QString::fromStdString(a.text).contains("Try: "));
        QCOMPARE(a.color, std::string("#dc2626")); // high severity
        const Placement placed = place(trace, lanes, a);
        QVERIFY(!placed.detached);
        QVERIFY(placed.tracks == insights.front().tracks);
    }

    void aCrashBetweenWriteAndRenameLeavesTheOldFileWhole() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/t.lanescope.json").toStdString();
        Session first = sampleSession();
        saveSessionFile(path, first, "t.json");
        const QByteArray before = readBytes(QString::fromStdString(path));
        Session second = sampleSession();
        second.annotations.add({}, 5);
        const std::string temp = formats::writeTempBeside(path, toJson(second, "t.json"),
                                                          formats::ParentFolders::Create);
        // "Crash" here: the rename never happens.
        QCOMPARE(readBytes(QString::fromStdString(path)), before);
        QCOMPARE(loadSessionFile(path).session.annotations.items().size(), std::size_t(3));
        QVERIFY(QFile::exists(QString::fromStdString(temp)));
        // The next save replaces the file and leaves no temporary behind.
        saveSessionFile(path, second, "t.json");
        QCOMPARE(loadSessionFile(path).session.annotations.items().size(), std::size_t(4));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).filter(".tmp-").size(), 0);
    }

    void corruptAndNewerFilesAreKeptAsideNeverOverwritten() {
        QTemporaryDir dir;
        const QString path = dir.path() + "/t.lanescope.json";
        const QByteArray corrupt = json("{'format': 'lanescope-session', 'version': 1, 'annot");
        for (int round = 1; round <= 2; ++round) {
            test::writeFile(dir, "t.lanescope.json", corrupt);
            const SessionLoad load = loadSessionFile(path.toStdString());
            QCOMPARE(load.status, SessionLoad::Status::KeptAside);
            const QString aside = path + ".corrupt-" + QString::number(round);
            QCOMPARE(QString::fromStdString(load.keptAsidePath), aside);
            QCOMPARE(readBytes(aside), corrupt);
            QVERIFY(!QFile::exists(path));
            QVERIFY(QString::fromStdString(load.problem).contains(path));
            QVERIFY(load.session.annotations.empty());
        }
        test::writeFile(dir, "t.lanescope.json",
                        json("{'format': 'lanescope-session', 'version': 7, 'annotations': []}"));
        const SessionLoad newer = loadSessionFile(path.toStdString());
        QCOMPARE(newer.status, SessionLoad::Status::KeptAside);
        QCOMPARE(QString::fromStdString(newer.keptAsidePath), path + ".newer-1");
        QVERIFY(QString::fromStdString(newer.problem).contains("newer Lanescope"));
        // 2^32 + 1 is newer too (it was read as an int: version 1).
        test::writeFile(dir, "t.lanescope.json",
                        json("{'format': 'lanescope-session', 'version': 4294967297, "
                             "'annotations': []}"));
        const SessionLoad huge = loadSessionFile(path.toStdString());
        QCOMPARE(huge.status, SessionLoad::Status::KeptAside);
        QCOMPARE(QString::fromStdString(huge.keptAsidePath), path + ".newer-2");
        QVERIFY(QString::fromStdString(huge.problem).contains("session version 4294967297"));
        QCOMPARE(loadSessionFile((dir.path() + "/none.json").toStdString()).status,
                 SessionLoad::Status::Missing);
    }

    // Opening a session opens its trace: the one beside it, else the one it records (a
    // session kept in the data folder); an error names the session file otherwise. Nothing
    // is renamed, not even a corrupt file.
    void aSessionFileLeadsToItsTrace() {
        QTemporaryDir dir;
        const QString trace = test::writeFile(dir, "run.pt.trace.json", "[]");
        const QString beside = test::writeFile(dir, "run.pt.trace.json.lanescope.json",
                                               json("{'format': 'lanescope-session', 'version': 1, "
                                                    "'trace': '/elsewhere/x.json'}"));
        QVERIFY(isSessionFile(beside.toStdString()));
        QVERIFY(!isSessionFile(trace.toStdString()));
        QCOMPARE(QString::fromStdString(traceOfSessionFile(beside.toStdString())), trace);
        // In the data folder, under a hashed name: the trace it records.
        QVERIFY(QDir(dir.path()).mkdir("sessions"));
        const QByteArray records =
            "{'format': 'lanescope-session', 'version': 1, 'trace': '" + trace.toUtf8() + "'}";
        const QString kept =
            test::writeFile(dir, "sessions/run.pt.trace.json-0123456789abcdef.lanescope.json",
                            json(records.constData()));
        QCOMPARE(QString::fromStdString(traceOfSessionFile(kept.toStdString())), trace);
        const auto problem = [](const QString& session) {
            try {
                traceOfSessionFile(session.toStdString());
            } catch (const std::runtime_error& error) {
                return QString::fromUtf8(error.what());
            }
            return QString();
        };
        QVERIFY(QFile::remove(trace));
        QString message = problem(beside);
        QVERIFY2(message.contains(beside) && message.contains("/elsewhere/x.json is not there"),
                 qPrintable(message));
        const QString corrupt = test::writeFile(dir, "broken.lanescope.json", "{\"format\": ");
        message = problem(corrupt);
        QVERIFY2(message.contains(corrupt) && message.contains("not valid JSON at byte"),
                 qPrintable(message));
        QVERIFY(QFile::exists(corrupt));
        message = problem(dir.filePath("missing.lanescope.json"));
        QVERIFY2(message.contains("cannot read") && message.contains("missing.lanescope.json"),
                 qPrintable(message));
    }

    void theSidecarGoesNextToTheTraceOrIntoTheDataFolder() {
        QCOMPARE(sidecarPathFor("/runs/bert_ascend_pt/"),
                 std::string("/runs/bert_ascend_pt.lanescope.json"));
        QCOMPARE(sidecarPathFor("/runs/a.pt.trace.json.gz"),
                 std::string("/runs/a.pt.trace.json.gz.lanescope.json"));
        QTemporaryDir dir;
        const std::string trace = (dir.path() + "/run.json").toStdString();
        QCOMPARE(chooseSidecarPath(trace, "/data"), trace + ".lanescope.json");
        // A folder that cannot be written (here: one that does not exist) sends it to the data
        // folder, named after the trace and a hash of its path.
        const std::string elsewhere = chooseSidecarPath("/no/such/folder/run.json", "/data");
        QVERIFY2(QString::fromStdString(elsewhere).startsWith("/data/sessions/run.json-"),
                 elsewhere.c_str());
        QVERIFY(fallbackSidecarPath("/a/run.json", "/d") !=
                fallbackSidecarPath("/b/run.json", "/d"));
        QCOMPARE(fallbackSidecarPath("/a/run.json", "/d"),
                 fallbackSidecarPath("/a/run.json", "/d"));
    }
};

QTEST_APPLESS_MAIN(TestSession)
#include "tst_session.moc"
