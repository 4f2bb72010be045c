// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// The fast path (SimpleEventParser) must read every event exactly as the reference parser
// (EventParser, nlohmann SAX) does, or hand it over. Checked on every event of the real traces,
// compact and pretty-printed, and on hand-made edge cases.
#include "formats/event_parser.h"
#include "formats/json_text.h"
#include "formats/simple_event_parser.h"
#include "test_support.h"

#include <QDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <zlib.h>

using namespace lanescope;
using namespace lanescope::formats;
using Json = nlohmann::json;

namespace {

std::string describe(const RawValue& v) {
    switch (v.kind) {
    case RawValue::Kind::Absent:
        return "absent";
    case RawValue::Kind::Integer:
        return "int " + std::to_string(v.integer);
    case RawValue::Kind::Unsigned:
        return "uint " + std::to_string(v.unsignedInteger);
    case RawValue::Kind::Float:
        return "float " + std::string(v.text);
    case RawValue::Kind::String:
        return "string " + std::string(v.text);
    case RawValue::Kind::Bool:
        return v.boolean ? "true" : "false";
    case RawValue::Kind::Null:
        return "null";
    case RawValue::Kind::Composite:
        return "composite";
    }
    return "?";
}

// Everything the builder reads, as text, so two parses can be compared in one QCOMPARE.
std::string summary(const RawEvent& e, const std::vector<FieldProblem>& problems) {
    std::string s =
        "ph=" + (e.hasPhase ? std::string(e.phase) : "<none>") +
        " name=" + (e.hasName ? std::string(e.name) : "<none>") +
        " cat=" + std::string(e.category) + " ts=" + (e.hasTs ? std::to_string(e.ts) : "<none>") +
        " tsPresent=" + std::to_string(e.tsPresent) +
        " dur=" + (e.hasDur ? std::to_string(e.dur) : "<none>") + " pid=" + describe(e.pid) +
        " tid=" + describe(e.tid) + " id=" + describe(e.id) + " bind_id=" + describe(e.bindId) +
        " scope=" + std::string(e.scope) + " bp=" + std::string(e.bindingPoint) +
        " s=" + std::string(e.instantScope) + " in=" + std::to_string(e.flowIn) +
        " out=" + std::to_string(e.flowOut);
    for (const char* key : {"correlation", "connection_id", "correlation_id"}) {
        const RawValue* value = e.arg(key);
        s += std::string(" ") + key + "=" + (value ? describe(*value) : "absent");
    }
    if (e.hasPhase && e.phase == "C") // a counter's args are its values: all of them count
        for (const RawArg& arg : e.args)
            s += " arg:" + std::string(arg.key) + "=" + describe(arg.value);
    for (const FieldProblem& p : problems)
        s += " problem:" + std::string(p.kind) + ":" + p.message;
    return s;
}

struct Outcome {
    std::uint64_t compared = 0;
    std::uint64_t handedOver = 0;
};

void compareOn(const std::string& text, Outcome& outcome) {
    SimpleEventParser fast;
    EventParser reference;
    RawEvent fastEvent, referenceEvent;
    std::vector<FieldProblem> fastProblems, referenceProblems;
    std::size_t length = 0;
    const auto result = fast.parse(text, 0, fastEvent, fastProblems, length);
    if (result == SimpleEventParser::Result::Unsupported) {
        ++outcome.handedOver;
        return;
    }
    QCOMPARE(int(result), int(SimpleEventParser::Result::Parsed));
    QCOMPARE(length, text.size());
    std::string error;
    std::size_t position = 0;
    QVERIFY(reference.parse(text, 0, referenceEvent, referenceProblems, error, position));
    const std::string fastSummary = summary(fastEvent, fastProblems);
    QCOMPARE(QString::fromStdString(fastSummary),
             QString::fromStdString(summary(referenceEvent, referenceProblems)));
    ++outcome.compared;
}

} // namespace

class TestEventParsers : public QObject {
    Q_OBJECT

private slots:
    void agreeOnRealEvents_data() {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(LANESCOPE_TEST_DATA "/kineto"));
        for (const QString& file : dir.entryList({"*.json", "*.json.gz"}, QDir::Files))
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
        for (const char* level : {"level0", "level1", "level2"})
            QTest::newRow(level) << QString(LANESCOPE_TEST_DATA
                                            "/ascend/text/%1/rank0_ascend_pt/"
                                            "ASCEND_PROFILER_OUTPUT/trace_view.json")
                                        .arg(level);
    }
    void agreeOnRealEvents() {
        QFETCH(QString, path);
        const Json document = Json::parse(test::readWholeFile(path));
        const Json& events = document.is_array() ? document : document.at("traceEvents");
        Outcome outcome;
        std::uint64_t metadata = 0;
        for (const Json& e : events) {
            if (e.empty())
                continue;
            const std::string ph = e.value("ph", "");
            metadata += ph == "M";
            compareOn(e.dump(), outcome);
            compareOn(e.dump(2), outcome);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(outcome.compared > 0);
        // Only M events (and the odd escaped or non-ASCII string) take the slow path.
        QVERIFY2(
            outcome.handedOver <= 2 * metadata + events.size() / 50,
            qPrintable(
                QString("handed over %1 of %2").arg(outcome.handedOver).arg(2 * events.size())));
    }

    void agreeOnEdgeCases_data() {
        QTest::addColumn<QString>("event");
        QTest::newRow("string numbers")
            << "{\"ph\":\"X\",\"ts\":\"1.5\",\"dur\":\"2\",\"pid\":\"12\",\"tid\":\"w\"}";
        QTest::newRow("big ids")
            << "{\"ph\":\"s\",\"id\":18446744073709551615,\"pid\":1,\"tid\":1,\"ts\":1}";
        QTest::newRow("float id") << "{\"ph\":\"s\",\"id\":1.5,\"pid\":1,\"tid\":1,\"ts\":1}";
        QTest::newRow("negative tid")
            << "{\"ph\":\"X\",\"pid\":-1,\"tid\":-9223372036854775808,\"ts\":1,\"dur\":0}";
        QTest::newRow("bad ts type") << "{\"ph\":\"X\",\"ts\":\"soon\",\"dur\":1}";
        QTest::newRow("huge ts") << "{\"ph\":\"X\",\"ts\":1e300,\"dur\":1}";
        QTest::newRow("negative dur") << "{\"ph\":\"X\",\"ts\":1,\"dur\":-5}";
        QTest::newRow("exponent ts") << "{\"ph\":\"X\",\"ts\":1.69e15,\"dur\":1E1}";
        QTest::newRow("flow v2") << "{\"ph\":\"X\",\"ts\":1,\"dur\":1,\"bind_id\":\"0x1\",\"flow_"
                                    "out\":true,\"flow_in\":false}";
        QTest::newRow("correlation") << "{\"ph\":\"X\",\"ts\":1,\"dur\":1,\"args\":{\"a\":{\"b\":["
                                        "1,2,{\"c\":\"}\"}]},\"correlation\":77,\"z\":\"x\"}}";
        QTest::newRow("string correlation")
            << "{\"ph\":\"X\",\"ts\":1,\"dur\":1,\"args\":{\"correlation\":\"77\"}}";
        QTest::newRow("spaces")
            << " {  \"ph\" :\t\"i\" ,\n \"s\" : \"g\" , \"ts\" : 3 , \"name\":\"n\" }";
        QTest::newRow("keys repeated") << "{\"ph\":\"X\",\"ph\":\"B\",\"ts\":1,\"ts\":2}";
        QTest::newRow("no phase") << "{\"name\":\"x\",\"ts\":1}";
        QTest::newRow("null fields") << "{\"ph\":\"X\",\"ts\":1,\"cat\":null}";
        QTest::newRow("counter") << "{\"ph\":\"C\",\"name\":\"m\",\"ts\":\"5\",\"args\":{\"MHz\":"
                                    "1800,\"r\":0.5,\"s\":\"7\",\"o\":{\"x\":1}}}";
        QTest::newRow("escaped name") << "{\"ph\":\"X\",\"name\":\"a\\\"b\",\"ts\":1}";
        QTest::newRow("unicode name")
            << "{\"ph\":\"X\",\"name\":\"\xe7\xae\x97\xe5\xad\x90\",\"ts\":1}";
        // Not strict JSON: the fast path hands these over (text_repair.h has the one tolerance).
        QTest::newRow("args trailing comma") << "{\"ph\":\"X\",\"ts\":1,\"args\":{\"a\":[1,],}}";
        QTest::newRow("leading zero") << "{\"ph\":\"X\",\"ts\":1,\"x\":01}";
        QTest::newRow("nested bad escape") << "{\"ph\":\"X\",\"ts\":1,\"args\":{\"a\":[\"\\q\"]}}";
        QTest::newRow("nested missing comma")
            << "{\"ph\":\"X\",\"ts\":1,\"args\":{\"a\":{\"b\":1 \"c\":2}}}";
        QTest::newRow("tab in an arg") << "{\"ph\":\"X\",\"ts\":1,\"args\":{\"a\":\"x\ty\"}}";
    }

    // The word-at-a-time scan finds a bad byte wherever it is.
    void strictStrings() {
        const std::string plain = "abcdefghijklmnopqrstuvwxyz0123";
        QVERIFY(json_text::isStrictString(plain));
        QVERIFY(json_text::isStrictString("caf\xc3\xa9 \\n \\u00e9 \\ud83d\\ude00 tail text"));
        for (std::size_t at = 0; at < plain.size(); ++at)
            for (const std::string bad : {"\x01", "\\q", "\xff", "\\ud800", "\\u12g"}) {
                std::string text = plain;
                text.replace(at, 1, bad);
                QVERIFY2(!json_text::isStrictString(text), qPrintable(QString::number(at)));
            }
        QVERIFY(json_text::isStrictNumber("-0.5e+10"));
        for (const char* bad : {"01", "+1", "1.", ".5", "-", "1e", "0x10", ""})
            QVERIFY2(!json_text::isStrictNumber(bad), bad);
    }
    void agreeOnEdgeCases() {
        QFETCH(QString, event);
        Outcome outcome;
        compareOn(event.toStdString(), outcome);
    }

    void needsMoreInputWhenCut() {
        SimpleEventParser fast;
        RawEvent event;
        std::vector<FieldProblem> problems;
        std::size_t length = 0;
        const std::string full =
            "{\"ph\":\"X\",\"name\":\"abc\",\"ts\":12,\"dur\":3,\"args\":{\"x\":[1]}}";
        for (std::size_t cut = 1; cut < full.size(); ++cut) {
            const auto result =
                fast.parse(std::string_view(full).substr(0, cut), 0, event, problems, length);
            QVERIFY2(result == SimpleEventParser::Result::NeedMoreInput,
                     qPrintable(QString::number(cut)));
        }
        QCOMPARE(int(fast.parse(full, 0, event, problems, length)),
                 int(SimpleEventParser::Result::Parsed));
    }
};

QTEST_APPLESS_MAIN(TestEventParsers)
#include "tst_event_parsers.moc"
