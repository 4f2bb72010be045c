// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Time text on the ruler and in the panels: durations in the unit that reads best, tick labels
// precise enough to tell neighbouring ticks apart, and absolute timestamps as UTC time of day
// for epoch clocks (with Kineto's baseTimeNs added back).
#include "time_format.h"

#include <QtTest>

using namespace lanescope;
using namespace lanescope::widgets;

class TestTimeFormat : public QObject {
    Q_OBJECT

private slots:
    void durationsPickTheirUnit() {
        QCOMPARE(formatDuration(830), QString("830 ns"));
        QCOMPARE(formatDuration(12'500), QString("12.5 µs"));
        QCOMPARE(formatDuration(9'489'000), QString("9.489 ms"));
        QCOMPARE(formatDuration(7'031'246'000'000), QString("7031 s"));
        QCOMPARE(formatDuration(-2'000), QString("-2 µs"));
    }

    void ticksCarryTheDigitsTheirStepNeeds() {
        QCOMPARE(formatTick(14'495'000, 5'000), QString("14.495 ms"));
        QCOMPARE(formatTick(14'500'000, 5'000), QString("14.500 ms"));
        QCOMPARE(formatTick(14'000'000, 2'000'000), QString("14 ms"));
        QCOMPARE(formatTick(2'810'200, 200), QString("2.8102 ms"));
        QCOMPARE(formatTick(0, 500'000), QString("0 ns"));
        QCOMPARE(formatTick(1'500, 1), QString("1.500 µs"));
        // Neighbouring ticks never print the same text.
        for (TimeNs step : {1, 2, 5, 10, 20, 50, 1'000, 5'000, 20'000, 1'000'000})
            for (TimeNs t = 14'490'000; t < 14'490'000 + 20 * step; t += step)
                QVERIFY2(formatTick(t, step) != formatTick(t + step, step),
                         qPrintable(formatTick(t, step)));
    }

    void absoluteTimestampsReadAsTimeOfDay() {
        // 2024-01-09 06:17:43.756311100 UTC
        const TimeNs t = 1'704'781'063'756'311'100;
        QCOMPARE(formatTimestamp(t, 1'000'000'000, std::nullopt), QString("06:17:43"));
        QCOMPARE(formatTimestamp(t, 1'000'000, std::nullopt), QString("06:17:43.756"));
        QCOMPARE(formatTimestamp(t, 100, std::nullopt), QString("06:17:43.756 311 1"));
        // Kineto: ts relative to baseTimeNs.
        QCOMPARE(formatTimestamp(5'000'000, 1'000'000, t - 5'000'000), QString("06:17:43.756"));
        // A clock that is not the epoch reads as seconds.
        QCOMPARE(formatTimestamp(12'345'000'000, 1'000'000, std::nullopt), QString("12.345 s"));
    }
};

QTEST_APPLESS_MAIN(TestTimeFormat)
#include "tst_time_format.moc"
