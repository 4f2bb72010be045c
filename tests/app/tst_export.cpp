// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// `lanescope-cli export` and `report` as a reviewer's colleague would run them: the PNG has the
// requested size and scale, the SVG is valid XML with the annotation's text, the PDF is one
// page, an insight's page shows its overlay (and a page elsewhere does not), bad input or an
// unwritable output ends with exit 2 and a message; the report's files exist, its image links
// resolve, and names from a hostile trace are escaped. Set LANESCOPE_SCREENSHOT_DIR to keep the
// pages.
#include "analysis/detect_insights.h"
#include "cli_support.h"
#include "formats/trace_loader.h"
#include "session/session_file.h"
#include "timeline_theme.h"
#include "window_test_support.h"

#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <nlohmann/json.hpp>

using namespace lanescope;
using test::countColour;
using test::runCli;
using test::screenshotPath;

namespace {

const char* const kInsight = "host_blocked_on_device:0";

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A session with one range annotation over the aten::to wait, written to `path`.
void writeSession(const QString& path, const std::string& text) {
    const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
    const analysis::DeviceMap devices = analysis::mapDevices(trace);
    const auto insights = analysis::detectInsights(trace, devices, {});
    session::Session s;
    session::Annotation a;
    a.kind = session::AnnotationKind::Range;
    a.start = insights.front().start;
    a.end = insights.front().end;
    a.text = text;
    a.color = "#0891b2";
    s.annotations.add(a, 1);
    session::saveSessionFile(path.toStdString(), s, LANESCOPE_SAMPLE);
}

// A host op named like a script launches a kernel named like an image tag; a device
// synchronize waits for it, so the finding's sentence carries both names.
QByteArray hostileTrace() {
    using Json = nlohmann::json;
    const auto event = [](const char* cat, const char* name, int pid, int tid, int ts, int dur,
                          int correlation) {
        Json e = {{"ph", "X"},  {"cat", cat},           {"name", name}, {"pid", pid},
                  {"tid", tid}, {"ts", 1'000'000 + ts}, {"dur", dur}};
        if (correlation)
            e["args"] = {{"correlation", correlation}, {"stream", 7}};
        return e;
    };
    const Json events = Json::array({
        event("cpu_op", "<script>alert(1)</script>", 100, 100, 0, 100, 0),
        event("cuda_runtime", "cudaLaunchKernel", 100, 100, 10, 5, 1),
        event("kernel", "<img src=x onerror=alert(2)>", 0, 7, 20, 2000, 1),
        event("cuda_runtime", "cudaDeviceSynchronize", 100, 100, 200, 1900, 2),
    });
    return QByteArray::fromStdString(Json{{"traceEvents", events}}.dump());
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString out(const QString& name) const { return dir_.path() + "/" + name; }

private slots:
    void pngHasTheRequestedSizeAndScale() {
        const QString png = out("sized.png");
        const auto run = runCli({"export", LANESCOPE_SAMPLE, "--out", png, "--width", "1200",
                                 "--height", "700", "--scale", "2"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(2400, 1400));
        QVERIFY(run.out.contains("1200x700"));
    }

    void anInsightPageShowsItsOverlayAndOnlyThere() {
        const QString png = out("insight.png");
        const auto run = runCli({"export", LANESCOPE_SAMPLE, "--out", png, "--insight", kInsight});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QImage image(png);
        QVERIFY(image.save(screenshotPath("export_insight")));
        const QColor wait = widgets::TimelineTheme::light().hostWait;
        QVERIFY2(countColour(image, wait, image.rect()) > 500,
                 qPrintable(QString::number(countColour(image, wait, image.rect()))));

        // The first millisecond, before the wait: no hatching, no wait label.
        const Trace trace = formats::loadTrace(LANESCOPE_SAMPLE);
        const QString early = out("early.png");
        const QString range =
            QStringLiteral("%1..%2").arg(trace.spanStart).arg(trace.spanStart + 1'000'000);
        QCOMPARE(runCli({"export", LANESCOPE_SAMPLE, "--out", early, "--range", range}).exitCode,
                 0);
        const QImage before(early);
        // The legend still shows the colour's swatch: count only above it.
        QCOMPARE(countColour(before, wait, QRect(0, 0, before.width(), before.height() - 110)), 0);
    }

    void svgIsValidXmlWithTheAnnotationText() {
        const QString sessionFile = out("review.lanescope.json");
        writeSession(sessionFile, "copy waits on queued kernels");
        const QString svg = out("page.svg");
        const auto run =
            runCli({"export", LANESCOPE_SAMPLE, "--out", svg, "--session", sessionFile});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("1 annotations"));
        QXmlStreamReader xml(readAll(svg));
        QString text;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::Characters)
                text += xml.text();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(text.contains("copy waits on queued kernels"));
        QVERIFY(text.contains("Stream 2")); // lane names
        QVERIFY(text.contains("ms"));       // the time axis
    }

    void pdfIsOnePage() {
        const QString pdf = out("page.pdf");
        const auto run = runCli({"export", LANESCOPE_SAMPLE, "--out", pdf, "--theme", "dark"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QByteArray bytes = readAll(pdf);
        QVERIFY(bytes.startsWith("%PDF"));
        const auto pages = QRegularExpression("/Type\\s*/Page[^s]").globalMatch(bytes);
        int count = 0;
        for (auto it = pages; it.hasNext(); it.next())
            ++count;
        QCOMPARE(count, 1);
    }

    void badInputAndUnwritableOutputsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString sample = LANESCOPE_SAMPLE;
        QTest::newRow("unwritable") << QStringList{"export", sample, "--out", "/no/such/dir/x.png"}
                                    << "/no/such/dir/x.png: cannot write";
        QTest::newRow("format") << QStringList{"export", sample, "--out", "x.gif"}
                                << "must end in .png, .svg or .pdf";
        QTest::newRow("no trace") << QStringList{"export", "/no/trace.json", "--out", "x.png"}
                                  << "/no/trace.json";
        QTest::newRow("range") << QStringList{"export", sample, "--out", "x.png", "--range", "9..3"}
                               << "--range wants";
        QTest::newRow("scale") << QStringList{"export", sample, "--out", "x.png", "--scale", "9"}
                               << "--scale wants 1 to 4";
        QTest::newRow("insight") << QStringList{"export", sample,      "--out",
                                                "x.png",  "--insight", "nope:1"}
                                 << "no insight 'nope:1'";
        QTest::newRow("session") << QStringList{"export", sample,      "--out",
                                                "x.png",  "--session", "/no/session.json"}
                                 << "/no/session.json";
        QTest::newRow("no out") << QStringList{"export", sample} << "--out";
    }

    void badInputAndUnwritableOutputsExitTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto run = runCli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void aCorruptSessionFileIsAnErrorNamingIt() {
        const QString sessionFile = out("broken.lanescope.json");
        QFile file(sessionFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"lanescope-session\", \"version\": 1, \"annot");
        file.close();
        const auto run =
            runCli({"export", LANESCOPE_SAMPLE, "--out", out("x.png"), "--session", sessionFile});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(sessionFile));
        QVERIFY(run.err.contains("not valid JSON"));
        QVERIFY(QFile::exists(sessionFile)); // read only: never renamed or rewritten
    }

    // A session file given as the path (a shell or file manager offers it) reports its trace
    // with that session's annotations, and names the trace, not the session file.
    void aSessionFileAsThePathReportsItsTraceWithItsNotes() {
        const QString dir = out("session-report");
        const QString sessionFile = out("kept.lanescope.json");
        writeSession(sessionFile, "noted in the kept session");
        const auto run = runCli({"report", sessionFile, "--out", dir});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString markdown = QString::fromUtf8(readAll(dir + "/report.md"));
        QVERIFY(markdown.contains("noted in the kept session"));
        QVERIFY2(markdown.contains("# Lanescope review: ` bert_eager_ascend_pt `"),
                 qPrintable(markdown.left(120)));
        QVERIFY(!markdown.contains("kept.lanescope.json"));
        // A session whose trace is gone: the error names both.
        QFile orphan(out("orphan.lanescope.json"));
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.write(
            R"({"format": "lanescope-session", "version": 1, "trace": "/no/such/run.json"})");
        orphan.close();
        const auto gone = runCli({"info", orphan.fileName()});
        QCOMPARE(gone.exitCode, 2);
        QVERIFY2(
            gone.err.contains("orphan.lanescope.json: its trace /no/such/run.json is not there"),
            qPrintable(gone.err));
    }

    void theReportHasItsFilesAndItsImageLinksResolve() {
        const QString dir = out("report");
        const QString sessionFile = out("report.lanescope.json");
        writeSession(sessionFile, "the copy waits for queued kernels");
        const auto run =
            runCli({"report", LANESCOPE_SAMPLE, "--out", dir, "--session", sessionFile});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString page = QString::fromUtf8(readAll(dir + "/report.html"));
        const QString markdown = QString::fromUtf8(readAll(dir + "/report.md"));
        QVERIFY(page.startsWith("<!DOCTYPE html>"));
        QVERIFY(page.contains("aten::to blocked 9.5 ms"));
        QVERIFY(page.contains("the copy waits for queued kernels"));
        QVERIFY(markdown.contains("## Insights"));
        QVERIFY(markdown.contains("## Annotations (1)"));
        QVERIFY(markdown.contains(" by Lanescope " LANESCOPE_VERSION "_"));
        QVERIFY(page.contains(" by Lanescope " LANESCOPE_VERSION "</p>"));
        int images = 0;
        const QRegularExpression link("src='(images/[^']+)'");
        for (auto it = link.globalMatch(page); it.hasNext(); ++images) {
            const QString file = dir + "/" + it.next().captured(1);
            QVERIFY2(!QImage(file).isNull(), qPrintable(file));
        }
        QVERIFY(images >= 2); // the first insight and the annotation at least
        for (auto it = QRegularExpression("\\]\\((images/[^)]+)\\)").globalMatch(markdown);
             it.hasNext();)
            QVERIFY(QFile::exists(dir + "/" + it.next().captured(1)));
        QVERIFY(QImage(dir + "/images/insight-1.png").save(screenshotPath("report_insight_1")));
    }

    void namesFromAHostileTraceAreEscaped() {
        const QString trace = out("evil<b>trace.json");
        {
            QFile file(trace);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(hostileTrace());
        }
        const QString sessionFile = out("evil.lanescope.json");
        {
            session::Session s;
            session::Annotation a;
            a.kind = session::AnnotationKind::Point;
            a.start = a.end = 1'000'050'000;
            a.text = "<script>alert('note')</script>";
            s.annotations.add(a, 1);
            session::saveSessionFile(sessionFile.toStdString(), s, trace.toStdString());
        }
        const QString dir = out("evil-report");
        const auto run = runCli({"report", trace, "--out", dir, "--session", sessionFile});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString page = QString::fromUtf8(readAll(dir + "/report.html"));
        QVERIFY2(page.contains("launched by &lt;script&gt;alert(1)&lt;/script&gt;"),
                 qPrintable(page.left(3000)));
        QVERIFY(page.contains("&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;") ||
                page.contains("&lt;script&gt;alert('note')&lt;/script&gt;"));
        QVERIFY(page.contains("evil&lt;b&gt;trace.json"));
        QVERIFY(!page.contains("<script"));
        QVERIFY(!page.contains("<img src=x"));
        QVERIFY(!page.contains("<b>trace"));
        const QString markdown = QString::fromUtf8(readAll(dir + "/report.md"));
        QVERIFY(markdown.contains("\\<script\\>alert(1)\\</script\\>"));
        QVERIFY(!markdown.contains("<script>"));
    }
};

QTEST_APPLESS_MAIN(TestExport)
#include "tst_export.moc"
