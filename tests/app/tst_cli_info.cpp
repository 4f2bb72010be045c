// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// `lanescope-cli info` as a user runs it: exit codes, the one-line error format, the JSON keys,
// and bad input of every kind (never a crash; damage at the end loads what it can).
#include "cli_support.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <unistd.h>
#include <zlib.h>

using Json = nlohmann::json;

namespace {

using lanescope::test::CliRun;
using lanescope::test::runCli;

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write test file");
    file.write(bytes);
    return file.fileName();
}

QByteArray gzip(const QByteArray& plain) {
    QByteArray out(compressBound(static_cast<uLong>(plain.size())) + 64, '\0');
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    s.avail_in = static_cast<uInt>(plain.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    deflate(&s, Z_FINISH);
    out.resize(static_cast<int>(s.total_out));
    deflateEnd(&s);
    return out;
}

const QByteArray kGood = "{\"ph\":\"X\",\"name\":\"good\",\"pid\":1,\"tid\":1,\"ts\":10,\"dur\":5}";

} // namespace

class TestCliInfo : public QObject {
    Q_OBJECT

private slots:
    void version() {
        const lanescope::test::CliRun run = runCli({"--version"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QStringLiteral("lanescope-cli " LANESCOPE_VERSION "\n"));
    }

    void jsonHasTheDocumentedKeys() {
        const CliRun run =
            runCli({"info", "--json",
                    LANESCOPE_TEST_DATA "/kineto/hta__cuda_event_sync__event_sync_trace.json.gz"});
        QCOMPARE(run.exitCode, 0);
        const Json j = Json::parse(run.out.toStdString());
        QVERIFY(j["format"].is_string());
        QVERIFY(j["files"].is_array() && j["files"][0].is_string());
        QVERIFY(j["span_ns"]["start"].is_number_integer());
        QVERIFY(j["span_ns"]["end"].is_number_integer());
        QVERIFY(j["span_ns"]["end"].get<std::int64_t>() >
                j["span_ns"]["start"].get<std::int64_t>());
        QVERIFY(j["events_by_phase"]["X"].is_number_integer());
        for (const char* key : {"slices", "instants", "counter_samples", "flows"})
            QVERIFY2(j["counts"][key].is_number_integer(), key);
        QVERIFY(j["diagnostics"].is_object());
        QVERIFY(!j["processes"].empty());
        bool sawHost = false, sawDevice = false;
        for (const Json& p : j["processes"]) {
            QVERIFY(p["pid"].is_number_integer() || p["pid"].is_string());
            QVERIFY(p["name"].is_string());
            for (const Json& t : p["threads"]) {
                QVERIFY(t["tid"].is_number_integer() || t["tid"].is_string());
                QVERIFY(t["name"].is_string());
                QVERIFY(t["slices"].is_number_integer());
                const std::string kind = t["kind"].get<std::string>();
                QVERIFY(kind == "host" || kind == "device" || kind == "counter" || kind == "other");
                sawHost = sawHost || kind == "host";
                sawDevice = sawDevice || kind == "device";
            }
        }
        QVERIFY(sawHost && sawDevice);
    }

    void textOutputNamesLanesAndDiagnostics() {
        const CliRun run =
            runCli({"info", LANESCOPE_TEST_DATA "/kineto/hta__triton_example.json.gz"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("Format:    kineto"));
        QVERIFY(run.out.contains("Processes:"));
        QVERIFY(run.out.contains("device"));
        QVERIFY(run.out.contains("Diagnostics:"));
    }

    void unusableInputsExitTwoWithFileAndOffset_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty file") << QByteArray() << "offset 0: empty file";
        QTest::newRow("only spaces") << QByteArray("  \n ") << "empty file";
        QTest::newRow("lone bracket") << QByteArray("[") << "no readable trace events";
        QTest::newRow("garbage") << QByteArray("hello world") << "offset 0: not a JSON trace";
        QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3) << "not a JSON trace";
        QTest::newRow("cut in first string") << QByteArray("[{\"ph\":\"X\",\"name\":\"ab")
                                             << "offset 1: file ends inside the first event";
        QTest::newRow("cut in first number")
            << QByteArray("[{\"ph\":\"X\",\"ts\":12") << "file ends inside the first event";
        QTest::newRow("empty object") << QByteArray("{}") << "no trace events";
        QTest::newRow("no events key") << QByteArray("{\"foo\": [1,2]}") << "no trace events";
        QTest::newRow("only bad events")
            << QByteArray("[{\"ph\":\"X\",\"ts\":{}}]") << "no readable trace events";
        QTest::newRow("array of numbers") << QByteArray("[1,2,3]") << "no readable trace events";
        QTest::newRow("bad key") << QByteArray("{traceEvents: []}") << "offset 1: expected a key";
    }
    void unusableInputsExitTwoWithFileAndOffset() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = write(dir, "bad.json", content);
        const CliRun run = runCli({"info", path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(path + ": "), qPrintable(run.err));
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QCOMPARE(run.err.count('\n'), 1); // one line
        QVERIFY(run.out.isEmpty());
    }

    void damageAtTheEndLoadsWhatItCan_data() {
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<QString>("diagnostic");
        QTest::newRow("cut in a string")
            << QByteArray("{\"ph\":\"X\",\"name\":\"cu") << "truncated_input";
        QTest::newRow("cut in a number")
            << QByteArray("{\"ph\":\"X\",\"ts\":1234") << "truncated_input";
        QTest::newRow("cut in an object")
            << QByteArray("{\"ph\":\"X\",\"args\":{\"a\":{") << "truncated_input";
        QTest::newRow("cut after a comma") << QByteArray(",") << "missing_array_end";
    }
    void damageAtTheEndLoadsWhatItCan() {
        QFETCH(QByteArray, tail);
        QFETCH(QString, diagnostic);
        QTemporaryDir dir;
        const QString path = write(dir, "cut.json", "[" + kGood + ",\n" + tail);
        const CliRun run = runCli({"info", "--json", path});
        QCOMPARE(run.exitCode, 0);
        const Json j = Json::parse(run.out.toStdString());
        QCOMPARE(j["counts"]["slices"].get<int>(), 1);
        QCOMPARE(j["diagnostics"][diagnostic.toStdString()].get<int>(), 1);
        if (diagnostic == "truncated_input")
            QVERIFY2(run.err.contains("warning: " + path + ": offset "), qPrintable(run.err));
    }

    void badEventsAreSkippedAndCounted_data() {
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<QString>("diagnostic");
        QTest::newRow("ts is an object")
            << QByteArray("{\"ph\":\"X\",\"ts\":{},\"dur\":1,\"pid\":1,\"tid\":1}")
            << "bad_timestamp";
        QTest::newRow("ts is an array")
            << QByteArray("{\"ph\":\"X\",\"ts\":[1],\"dur\":1,\"pid\":1,\"tid\":1}")
            << "bad_timestamp";
        QTest::newRow("huge ts") << QByteArray(
                                        "{\"ph\":\"X\",\"ts\":1e300,\"dur\":1,\"pid\":1,\"tid\":1}")
                                 << "bad_timestamp";
        QTest::newRow("huge integer ts")
            << QByteArray(
                   "{\"ph\":\"X\",\"ts\":99999999999999999999999,\"dur\":1,\"pid\":1,\"tid\":1}")
            << "bad_timestamp";
        QTest::newRow("text ts")
            << QByteArray("{\"ph\":\"X\",\"ts\":\"soon\",\"dur\":1,\"pid\":1,\"tid\":1}")
            << "bad_timestamp";
        QTest::newRow("NaN ts") << QByteArray(
                                       "{\"ph\":\"X\",\"ts\":NaN,\"dur\":1,\"pid\":1,\"tid\":1}")
                                << "malformed_event";
        QTest::newRow("bad dur") << QByteArray(
                                        "{\"ph\":\"X\",\"ts\":1,\"dur\":true,\"pid\":1,\"tid\":1}")
                                 << "bad_duration";
        QTest::newRow("negative dur")
            << QByteArray("{\"ph\":\"X\",\"ts\":1,\"dur\":-5,\"pid\":1,\"tid\":1}")
            << "negative_duration";
        QTest::newRow("missing quote") << QByteArray("{\"ph\":\"X,\"ts\":1}") << "malformed_event";
        QTest::newRow("single quotes") << QByteArray("{'ph':'X'}") << "malformed_event";
        QTest::newRow("not an object") << QByteArray("42") << "event_not_an_object";
        QTest::newRow("stray close brace") << QByteArray("}") << "event_not_an_object";
        QTest::newRow("stray colon") << QByteArray(":") << "event_not_an_object";
        QTest::newRow("flow without id")
            << QByteArray("{\"ph\":\"s\",\"ts\":1,\"pid\":1,\"tid\":1}") << "bad_id";
    }
    void badEventsAreSkippedAndCounted() {
        QFETCH(QByteArray, event);
        QFETCH(QString, diagnostic);
        QTemporaryDir dir;
        const QString path = write(dir, "t.json", "[" + kGood + "," + event + "," + kGood + "]");
        const CliRun run = runCli({"info", "--json", path});
        QCOMPARE(run.exitCode, 0);
        const Json j = Json::parse(run.out.toStdString());
        QVERIFY2(j["diagnostics"].contains(diagnostic.toStdString()),
                 qPrintable(run.out.left(2000)));
        QVERIFY(j["counts"]["slices"].get<int>() >= 2);
        bool named = false;
        for (const Json& e : j["diagnostic_examples"])
            named = named || (e["file"] == path.toStdString() && e["offset"].get<int>() > 0);
        QVERIFY(named);
    }

    void controlCharactersAndInvalidUtf8AreRepaired() {
        QTemporaryDir dir;
        const QByteArray event = QByteArray("{\"ph\":\"X\",\"name\":\"tab") + '\t' + "bad\xff\xfe" +
                                 "\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":1}";
        const QString path = write(dir, "utf.json", "[" + event + "]");
        const CliRun run = runCli({"info", "--json", path});
        QCOMPARE(run.exitCode, 0);
        const Json j = Json::parse(run.out.toStdString());
        QCOMPARE(j["counts"]["slices"].get<int>(), 1);
        QCOMPARE(j["diagnostics"]["repaired_string"].get<int>(), 1);
    }

    void deeplyNestedArgsDoNotCrash() {
        QTemporaryDir dir;
        const int depth = 100000;
        const QByteArray nested = QByteArray(depth, '[') + QByteArray(depth, ']');
        const QString path = write(dir, "deep.json",
                                   "[{\"ph\":\"X\",\"name\":\"deep\",\"pid\":1,\"tid\":1,\"ts\":1,"
                                   "\"dur\":1,\"args\":{\"a\":" +
                                       nested + "}}]");
        const CliRun run = runCli({"info", "--json", path});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(Json::parse(run.out.toStdString())["counts"]["slices"].get<int>(), 1);
    }

    void cutAndCorruptGzip() {
        QByteArray json = "[";
        for (int i = 0; i < 3000; ++i)
            json += "{\"ph\":\"X\",\"name\":\"op" + QByteArray::number(i) +
                    "\",\"pid\":1,\"tid\":1,\"ts\":" + QByteArray::number(i * 10) + ",\"dur\":5},";
        json += "]";
        const QByteArray gz = gzip(json);
        QTemporaryDir dir;
        const QString cut = write(dir, "cut.json.gz", gz.left(gz.size() / 2));
        CliRun run = runCli({"info", "--json", cut});
        QCOMPARE(run.exitCode, 0);
        Json j = Json::parse(run.out.toStdString());
        QVERIFY(j["counts"]["slices"].get<int>() > 100);
        QVERIFY(j["diagnostics"]["truncated_input"].get<int>() >= 1);
        QVERIFY(run.err.contains("warning:"));

        const QString corrupt =
            write(dir, "corrupt.json.gz", QByteArray("\x1f\x8b") + QByteArray(200, 'x'));
        run = runCli({"info", corrupt});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(corrupt + ": "), qPrintable(run.err));
    }

    void pathsThatAreNotTraceFiles() {
        QTemporaryDir dir;
        CliRun run = runCli({"info", dir.path()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("folder is empty"), qPrintable(run.err));
        QDir(dir.path()).mkdir("sub");
        write(dir, "notes.txt", "not a trace");
        run = runCli({"info", dir.path()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("no trace_view.json found"), qPrintable(run.err));

        run = runCli({"info", dir.filePath("missing.json")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("No such file"), qPrintable(run.err));

        if (::geteuid() != 0) { // root reads any file; the permission case needs a normal user
            const QString path = write(dir, "locked.json", "[" + kGood + "]");
            QFile::setPermissions(path, QFileDevice::Permissions());
            run = runCli({"info", path});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains("Permission denied"), qPrintable(run.err));
        }
    }

    void usageErrors() {
        QCOMPARE(runCli({}).exitCode, 1);
        QCOMPARE(runCli({"frobnicate"}).exitCode, 1);
        QCOMPARE(runCli({"info"}).exitCode, 1);
        QCOMPARE(runCli({"--help"}).exitCode, 0);
    }
};

QTEST_APPLESS_MAIN(TestCliInfo)
#include "tst_cli_info.moc"
