// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The desktop sees Lanescope as installed: the MIME package makes a file manager tell PyTorch
// traces and Lanescope sessions by name (through update-mime-database and Qt's MIME database,
// as a file manager reads them), the menu entry opens exactly those types and the metainfo
// provides them, the icon is drawn at every hicolor size, the window carries the app's icon and
// desktop entry, and opening a session file opens the trace it belongs to.
#include "app_identity.h"
#include "main_window.h"
#include "window_test_support.h"

#include <QApplication>
#include <QFile>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const QString kLinux = QStringLiteral(LANESCOPE_PACKAGING_SOURCE "/linux/");
const QString kBuilt = QStringLiteral(LANESCOPE_PACKAGING_BUILD "/");

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// Every value of `attribute` on the `element` elements of an XML file (or their text when
// `attribute` is empty).
QStringList xmlValues(const QString& path, const QString& element, const QString& attribute) {
    QXmlStreamReader xml(readAll(path));
    QStringList values;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == element)
            values << (attribute.isEmpty() ? xml.readElementText()
                                           : xml.attributes().value(attribute).toString());
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    values.sort();
    return values;
}

// The value of `key` in the [Desktop Entry] group.
QString desktopValue(const QString& key) {
    const QString text = QString::fromUtf8(readAll(kLinux + lanescope::app::kAppId + ".desktop"));
    const QRegularExpression line("^" + key + "=(.*)$", QRegularExpression::MultilineOption);
    return line.match(text).captured(1);
}

const QStringList kClaimedTypes = {"application/x-compressed-pytorch-trace",
                                   "application/x-lanescope-session",
                                   "application/x-pytorch-trace+json"};

} // namespace

class TestDesktopIntegration : public QObject {
    Q_OBJECT

    QTemporaryDir data_;

private slots:
    // The MIME package installed into a data folder of its own, which the MIME database reads
    // before the system's (Qt reads XDG_DATA_DIRS when the database is first used).
    void initTestCase() {
        lanescope::test::setUpWindowTests();
        const QString updater = QStandardPaths::findExecutable("update-mime-database");
        if (updater.isEmpty())
            QSKIP("update-mime-database is not installed (packaging/deps.sh installs it)");
        const QString packages = data_.filePath("mime/packages");
        QVERIFY(QDir().mkpath(packages));
        QVERIFY(QFile::copy(kLinux + lanescope::app::kAppId + ".mime.xml",
                            packages + "/" + lanescope::app::kAppId + ".xml"));
        QCOMPARE(QProcess::execute(updater, {data_.filePath("mime")}), 0);
        qputenv("XDG_DATA_DIRS", (data_.path() + ":/usr/local/share:/usr/share").toUtf8());
    }

    void filesAreToldByName_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("parent");
        QTest::newRow("Kineto trace") << "rank-0.Apr_03_18_51_38.1102.pt.trace.json"
                                      << "application/x-pytorch-trace+json"
                                      << "application/json";
        QTest::newRow("gzipped Kineto trace") << "worker0.1623143089861.pt.trace.json.gz"
                                              << "application/x-compressed-pytorch-trace"
                                              << "application/gzip";
        QTest::newRow("session of a folder") << "rank0_ascend_pt.lanescope.json"
                                             << "application/x-lanescope-session"
                                             << "application/json";
        QTest::newRow("session of a trace") << "run.pt.trace.json.gz.lanescope.json"
                                            << "application/x-lanescope-session"
                                            << "application/json";
        // Not claimed: any JSON or gzip file.
        QTest::newRow("plain JSON") << "trace_view.json"
                                    << "application/json"
                                    << "";
        QTest::newRow("plain gzip") << "trace.json.gz"
                                    << "application/gzip"
                                    << "";
    }
    void filesAreToldByName() {
        QFETCH(QString, name);
        QFETCH(QString, type);
        QFETCH(QString, parent);
        const QMimeType found =
            QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        QCOMPARE(found.name(), type);
        if (!parent.isEmpty())
            QVERIFY2(found.inherits(parent), qPrintable(found.parentMimeTypes().join(' ')));
    }

    // A real trace from disk (name and content) is ours too.
    void aRealGzippedTraceIsAPyTorchTrace() {
        const QString trace = QStringLiteral(LANESCOPE_TEST_DATA) +
                              "/kineto/kineto__tbplugin_resnet50_num_workers_0__worker0."
                              "1623143089861.pt.trace.json.gz";
        QCOMPARE(QMimeDatabase().mimeTypeForFile(trace).name(),
                 QStringLiteral("application/x-compressed-pytorch-trace"));
    }

    // The menu entry, the MIME package and the metainfo name the same types.
    void theEntryOpensWhatThePackageDefines() {
        QStringList entryTypes = desktopValue("MimeType").split(';', Qt::SkipEmptyParts);
        entryTypes.sort();
        QCOMPARE(entryTypes, kClaimedTypes);
        QCOMPARE(xmlValues(kLinux + lanescope::app::kAppId + ".mime.xml", "mime-type", "type"),
                 kClaimedTypes);
        QCOMPARE(xmlValues(kBuilt + lanescope::app::kAppId + ".metainfo.xml", "mediatype", ""),
                 kClaimedTypes);
        QCOMPARE(desktopValue("Exec"), QStringLiteral("lanescope %f"));
        QCOMPARE(desktopValue("Icon"), lanescope::app::kAppId);
        QCOMPARE(xmlValues(kBuilt + lanescope::app::kAppId + ".metainfo.xml", "release", "version"),
                 QStringList{QStringLiteral(LANESCOPE_VERSION)});
    }

    // The PNGs drawn from the SVG at build time: the right size, and the icon drawn (opaque
    // pixels of several colours), not an empty canvas.
    void theIconIsDrawnAtEveryHicolorSize() {
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
            const QString png =
                kBuilt + QString("icons/%1x%1/%2.png").arg(size).arg(lanescope::app::kAppId);
            const QImage image(png);
            QVERIFY2(!image.isNull(), qPrintable(png));
            QCOMPARE(image.size(), QSize(size, size));
            QSet<QRgb> colours;
            int opaque = 0;
            for (int y = 0; y < size; ++y)
                for (int x = 0; x < size; ++x)
                    if (qAlpha(image.pixel(x, y)) == 255) {
                        ++opaque;
                        colours.insert(image.pixel(x, y));
                    }
            QVERIFY2(opaque > size * size / 2, qPrintable(png));
            QVERIFY2(colours.size() >= 4, qPrintable(png));
            // The corners are rounded off: transparent.
            QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        }
    }

    void theWindowCarriesTheAppIconAndEntry() {
        lanescope::app::setApplicationIdentity();
        QCOMPARE(QGuiApplication::desktopFileName(), lanescope::app::kAppId);
        QCOMPARE(QApplication::applicationVersion(), QStringLiteral(LANESCOPE_VERSION));
        lanescope::test::setUpWindowTests(); // the tests' settings, not the app's
        lanescope::app::MainWindow window(false);
        const QPixmap icon = window.windowIcon().pixmap(64, 64);
        QVERIFY(!icon.isNull());
        QCOMPARE(icon.size(), QSize(64, 64));
    }

    // A session file opened (as a file manager does, or `lanescope x.lanescope.json`) opens
    // its trace, whose session it is; one whose trace is gone says so and names both.
    void aSessionFileOpensItsTrace() {
        QTemporaryDir dir;
        const QString trace = dir.filePath("bert.pt.trace.json");
        QVERIFY(QFile::copy(QStringLiteral(LANESCOPE_SAMPLES "/bert_a10.pt.trace.json"), trace));
        const QString session = trace + ".lanescope.json";
        QFile file(session);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "lanescope-session", "version": 1, "annotations": []})");
        file.close();
        lanescope::app::MainWindow window(false);
        QSignalSpy loaded(&window, &lanescope::app::MainWindow::traceLoaded);
        window.openPath(session);
        QVERIFY(loaded.wait(30000));
        QVERIFY(window.document());
        QCOMPARE(window.document()->path(), trace);

        QVERIFY(QFile::remove(trace));
        QSignalSpy failed(&window, &lanescope::app::MainWindow::loadFailed);
        window.openPath(session);
        QCOMPARE(failed.size(), 1);
        const QString message = failed[0][0].toString();
        QVERIFY2(message.contains(session) && message.contains("names no trace"),
                 qPrintable(message));
    }
};

QTEST_MAIN(TestDesktopIntegration)
#include "tst_desktop_integration.moc"
