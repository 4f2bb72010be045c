// `lanescope --screenshot`: the real window renders the embedded sample to a PNG of the asked
// size, with the NPU stream lane filled where the host sits in aten::to; bad input exits 2.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

int runGui(const QStringList& args, QString* err = nullptr) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LANESCOPE_GUI), args);
    if (!process.waitForFinished(120000))
        qFatal("lanescope did not finish");
    if (err)
        *err = QString::fromUtf8(process.readAllStandardError());
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
