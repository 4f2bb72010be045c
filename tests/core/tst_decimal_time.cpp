// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/decimal_time.h"

#include <QtTest>
#include <limits>

using lanescope::TimeNs;
using lanescope::formats::microsTextToNs;
using lanescope::formats::microsToNs;

class TestDecimalTime : public QObject {
    Q_OBJECT

private slots:
    void exactConversion_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("ascend epoch us")
            << "1736408883700059.821" << Q_INT64_C(1736408883700059821);
        QTest::newRow("kineto relative") << "1419247333932.927" << Q_INT64_C(1419247333932927);
        QTest::newRow("integer") << "1695835583881944" << Q_INT64_C(1695835583881944000);
        QTest::newRow("zero") << "0" << Q_INT64_C(0);
        QTest::newRow("negative zero") << "-0" << Q_INT64_C(0);
        QTest::newRow("one") << "1" << Q_INT64_C(1000);
        QTest::newRow("fraction") << "1.5" << Q_INT64_C(1500);
        QTest::newRow("float noise rounds") << "5.0200000000000005" << Q_INT64_C(5020);
        QTest::newRow("below half ns") << "0.0004" << Q_INT64_C(0);
        QTest::newRow("half ns rounds up") << "0.0005" << Q_INT64_C(1);
        QTest::newRow("negative half away") << "-0.0005" << Q_INT64_C(-1);
        QTest::newRow("negative") << "-3" << Q_INT64_C(-3000);
        QTest::newRow("negative fraction") << "-1.25" << Q_INT64_C(-1250);
        QTest::newRow("exponent") << "1e3" << Q_INT64_C(1000000);
        QTest::newRow("exponent fraction") << "1.2345e2" << Q_INT64_C(123450);
        QTest::newRow("negative exponent") << "1.5E-3" << Q_INT64_C(2);
        QTest::newRow("scientific epoch") << "1.69e15" << Q_INT64_C(1690000000000000000);
        QTest::newRow("plus exponent") << "2E+1" << Q_INT64_C(20000);
        QTest::newRow("leading dot") << ".5" << Q_INT64_C(500);
        QTest::newRow("trailing dot") << "5." << Q_INT64_C(5000);
        QTest::newRow("spaces") << "  42 " << Q_INT64_C(42000);
        QTest::newRow("zero huge exponent") << "0e999999" << Q_INT64_C(0);
        QTest::newRow("many fraction digits") << "0.12345678901234567890123" << Q_INT64_C(123);
        QTest::newRow("int64 max") << "9223372036854775.807" << std::numeric_limits<qint64>::max();
        QTest::newRow("int64 min") << "-9223372036854775.808" << std::numeric_limits<qint64>::min();
    }
    void exactConversion() {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        TimeNs ns = 12345;
        QVERIFY2(microsTextToNs(text.toStdString(), ns), qPrintable(text));
        QCOMPARE(ns, expected);
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << ""
                               << "not a number";
        QTest::newRow("NaN") << "NaN"
                             << "not a number";
        QTest::newRow("inf") << "inf"
                             << "not a number";
        QTest::newRow("letters") << "abc"
                                 << "not a number";
        QTest::newRow("two dots") << "1.2.3"
                                  << "not a number";
        QTest::newRow("bare exponent") << "1e"
                                       << "malformed exponent";
        QTest::newRow("sign only") << "-"
                                   << "not a number";
        QTest::newRow("above int64") << "9223372036854775.808"
                                     << "number out of range";
        QTest::newRow("below int64") << "-9223372036854775.809"
                                     << "number out of range";
        QTest::newRow("huge exponent") << "1e300"
                                       << "number out of range";
        QTest::newRow("huge integer") << "123456789012345678901234567890"
                                      << "number out of range";
    }
    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        TimeNs ns = 0;
        const char* why = nullptr;
        QVERIFY(!microsTextToNs(text.toStdString(), ns, &why));
        QCOMPARE(QString(why), reason);
    }

    void integerMicros() {
        TimeNs ns = 0;
        QVERIFY(microsToNs(std::int64_t{-7}, ns));
        QCOMPARE(ns, TimeNs{-7000});
        QVERIFY(microsToNs(std::uint64_t{1695835583881944}, ns));
        QCOMPARE(ns, TimeNs{1695835583881944000});
        QVERIFY(!microsToNs(std::numeric_limits<std::int64_t>::max() / 1000 + 1, ns));
        QVERIFY(!microsToNs(std::uint64_t{1} << 63, ns));
    }

    // Every integer µs value with a 3-digit fraction round-trips exactly (no double snapping).
    void noDoubleRoundTrip() {
        for (std::int64_t us = 1736408883700000; us < 1736408883700000 + 2000; us += 7) {
            for (int frac : {0, 1, 255, 256, 499, 500, 821, 999}) {
                const std::string text = std::to_string(us) + "." +
                                         (frac < 10    ? "00"
                                          : frac < 100 ? "0"
                                                       : "") +
                                         std::to_string(frac);
                TimeNs ns = 0;
                QVERIFY(microsTextToNs(text, ns));
                QCOMPARE(ns, us * 1000 + frac);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestDecimalTime)
#include "tst_decimal_time.moc"
