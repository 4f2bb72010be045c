// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The document the window, the compare window and the CLI hold: background analysis that a newer
// one supersedes and destruction stops, the synchronous path, and the saved session read without
// touching it (an explicit file's problems are errors naming it).
#include "session/session_file.h"
#include "session/session_json.h"
#include "test_support.h"
#include "trace_document.h"

#include <QSignalSpy>
#include <QtTest>
#include <fstream>

using namespace lanescope;
using namespace lanescope::app;

namespace {

const QString kSample = QStringLiteral(LANESCOPE_SAMPLE);

std::shared_ptr<const Trace> sample() {
    static const auto trace =
        std::make_shared<const Trace>(formats::loadTrace(kSample.toStdString()));
    return trace;
}

} // namespace

class TraceDocumentTest : public QObject {
    Q_OBJECT

private slots:
    void newerAnalysisWins() {
        TraceDocument doc(kSample, sample());
        QSignalSpy analysed(&doc, &TraceDocument::analysed);
        doc.analyse();
        analysis::Thresholds strict;
        QVERIFY(strict.set("host_blocked.min_waited_us", 1e9)); // nothing waits that long
        doc.setThresholds(strict);
        doc.analyse(); // the first run is moot now
        QVERIFY(analysed.wait(60000));
        QTest::qWait(200); // a superseded run must not report late
        QCOMPARE(analysed.count(), 1);
        QCOMPARE(doc.analysis().thresholds["host_blocked.min_waited_us"], 1e9);
        for (const analysis::Insight& i : *doc.findings())
            QVERIFY(i.kind != analysis::InsightKind::HostBlockedOnDevice);
        QVERIFY(doc.ops() && !doc.ops()->instances().empty());
        QVERIFY(!doc.analysing());
    }

    void destroyedWhileAnalysing() {
        auto doc = std::make_unique<TraceDocument>(kSample, sample());
        doc->analyse();
        doc.reset(); // its worker stops at the next detector and touches nothing of it
        QTest::qWait(300);
    }

    void synchronousAnalysis() {
        TraceDocument doc(QString(), sample());
        QCOMPARE(doc.path(), QString::fromStdString(sample()->files.front().path));
        QVERIFY(doc.flows());
        doc.analyseNow();
        QVERIFY(doc.findings() && !doc.findings()->empty());
        QCOMPARE(doc.findings()->front().kind, analysis::InsightKind::HostBlockedOnDevice);
    }

    void savedSession() {
        QTemporaryDir dir;
        const QString trace = dir.filePath("run.json");
        QFile::copy(QStringLiteral(LANESCOPE_TEST_DATA
                                   "/kineto/kineto__docs_traces__before_fix_trace.json"),
                    trace);
        TraceDocument doc(trace,
                          std::make_shared<const Trace>(formats::loadTrace(trace.toStdString())));
        QVERIFY(doc.readSession().isEmpty()); // no sidecar: nothing to say
        QVERIFY(!doc.savedSession());
        const QString missing = dir.filePath("none.lanescope.json");
        QVERIFY(doc.readSession(missing).contains("none.lanescope.json"));
        session::Session saved;
        session::Annotation note;
        note.text = "the copy waits for the queue";
        saved.annotations.add(note, 0);
        saved.thresholds = {{"host_blocked.min_waited_us", 50}};
        session::saveSessionFile(session::sidecarPathFor(trace.toStdString()), saved,
                                 trace.toStdString());
        QVERIFY(doc.readSession().isEmpty());
        QVERIFY(doc.savedSession());
        QCOMPARE(doc.savedSession()->annotations.items().size(), std::size_t(1));
        QCOMPARE(doc.savedSession()->thresholds.front().second, 50.0);
        std::ofstream(session::sidecarPathFor(trace.toStdString())) << "{ not json";
        const QString problem = doc.readSession();
        QVERIFY(!problem.isEmpty());
        QVERIFY(!doc.savedSession());
        // Nothing was renamed or rewritten: the bad file is still there as it was.
        std::ifstream in(session::sidecarPathFor(trace.toStdString()));
        std::string text((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(text, std::string("{ not json"));
    }
};

QTEST_GUILESS_MAIN(TraceDocumentTest)
#include "tst_trace_document.moc"
