// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "time_format.h"

#include <QDateTime>
#include <cmath>

namespace lanescope::widgets {

namespace {

// Times after 2001-09-09 in ns since the Unix epoch: a wall clock, worth showing as one.
constexpr TimeNs kEpochClockThreshold = 1'000'000'000'000'000'000;

// Decimal digits of a second that tell apart ticks `step` ns apart.
int fractionDigits(TimeNs step) {
    int digits = 9;
    for (TimeNs unit = 10; digits > 0 && step % unit == 0; unit *= 10)
        --digits;
    return digits;
}

// "125 300": groups of three digits read faster than "125300".
QString groupedFraction(TimeNs nanos, int digits) {
    QString text = QString::number(nanos).rightJustified(9, '0').left(digits);
    for (int i = 3; i < text.size(); i += 4)
        text.insert(i, ' ');
    return text;
}

} // namespace

QString formatDuration(TimeNs ns) {
    const double value = static_cast<double>(ns);
    const TimeNs magnitude = ns < 0 ? -ns : ns;
    if (magnitude >= 1'000'000'000)
        return QString::number(value / 1e9, 'g', 4) + " s";
    if (magnitude >= 1'000'000)
        return QString::number(value / 1e6, 'g', 4) + " ms";
    if (magnitude >= 1'000)
        return QString::number(value / 1e3, 'g', 4) + " µs";
    return QString::number(ns) + " ns";
}

QString formatSignedDuration(TimeNs ns) {
    if (ns == 0)
        return QStringLiteral("0");
    return (ns > 0 ? QStringLiteral("+") : QStringLiteral("−")) + formatDuration(ns < 0 ? -ns : ns);
}

QString formatTick(TimeNs t, TimeNs step) {
    const TimeNs magnitude = t < 0 ? -t : t;
    struct Unit {
        TimeNs ns;
        const char* suffix;
    };
    const Unit unit = magnitude >= 1'000'000'000 ? Unit{1'000'000'000, " s"}
                      : magnitude >= 1'000'000   ? Unit{1'000'000, " ms"}
                      : magnitude >= 1'000       ? Unit{1'000, " µs"}
                                                 : Unit{1, " ns"};
    int decimals = 0;
    for (TimeNs resolution = unit.ns; resolution > 1 && step % resolution != 0; resolution /= 10)
        ++decimals;
    return QString::number(static_cast<double>(t) / static_cast<double>(unit.ns), 'f', decimals) +
           QString::fromUtf8(unit.suffix);
}

QString formatTimestamp(TimeNs t, TimeNs step, std::optional<std::int64_t> baseTimeNs) {
    if (baseTimeNs)
        t += *baseTimeNs;
    const int digits = fractionDigits(std::max<TimeNs>(1, step));
    const TimeNs seconds = t >= 0 ? t / 1'000'000'000 : -((-t + 999'999'999) / 1'000'000'000);
    const TimeNs nanos = t - seconds * 1'000'000'000;
    QString whole;
    if (t >= kEpochClockThreshold)
        whole = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString("HH:mm:ss");
    else
        whole = QString::number(seconds);
    if (digits == 0)
        return t >= kEpochClockThreshold ? whole : whole + " s";
    const QString text = whole + '.' + groupedFraction(nanos, digits);
    return t >= kEpochClockThreshold ? text : text + " s";
}

} // namespace lanescope::widgets
