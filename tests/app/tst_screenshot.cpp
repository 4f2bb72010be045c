// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// `lanescope --screenshot`: the real window renders the embedded sample to a PNG of the asked
// size, with the NPU stream lane filled where the host sits in aten::to; bad input exits 2.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// `display`: false runs it as on a machine without any (no DISPLAY, WAYLAND_DISPLAY or
// QT_QPA_PLATFORM), true on Qt's offscreen platform.
int runGui(const QStringList& args, QString* err = nullptr, QString* out = nullptr,
           bool display = true) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    if (!display)
        for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(name);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LANESCOPE_GUI), args);
    if (!process.waitForFinished(120000))
        qFatal("lanescope did not finish");
    if (err)
        *err = QString::fromUtf8(process.readAllStandardError());
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -999;
}

} // namespace

class TestScreenshot : public QObject {
    Q_OBJECT

private slots:
    void rendersTheSampleAtTheAskedSize() {
        QTemporaryDir dir;
        const QString png = dir.filePath("sample.png");
        QCOMPARE(runGui({"--screenshot", png, "--size", "1280x720", LANESCOPE_SAMPLE}), 0);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 720));
        // Many distinct colours: slices were drawn, not just an empty background.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 40, qPrintable(QString::number(colours.size())));
    }

    // Without a display: a screenshot, --help and --version work (offscreen); a window is
    // refused with a sentence, not a Qt abort.
    void withoutADisplay() {
        QTemporaryDir dir;
        const QString png = dir.filePath("headless.png");
        QString err, out;
        QCOMPARE(runGui({"--screenshot", png, LANESCOPE_SAMPLE}, &err, &out, false), 0);
        QVERIFY(!QImage(png).isNull());
        QCOMPARE(runGui({"--version"}, &err, &out, false), 0);
        QVERIFY2(out.contains(QStringLiteral(LANESCOPE_VERSION)), qPrintable(out));
        QCOMPARE(runGui({"--help"}, &err, &out, false), 0);
        QVERIFY(out.contains("--screenshot"));
        QCOMPARE(runGui({LANESCOPE_SAMPLE}, &err, &out, false), 2);
        QVERIFY2(err.contains("no display"), qPrintable(err));
    }

    void badInputExitsTwo() {
        QTemporaryDir dir;
        QString err;
        QCOMPARE(
            runGui({"--screenshot", dir.filePath("x.png"), dir.filePath("missing.json")}, &err), 2);
        QVERIFY2(err.contains("missing.json"), qPrintable(err));
        QCOMPARE(runGui({"--screenshot", dir.filePath("x.png"), "--size", "big", LANESCOPE_SAMPLE}),
                 2);
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
