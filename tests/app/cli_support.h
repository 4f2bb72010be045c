// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

// Runs `lanescope-cli` as a user would and keeps what it printed, for the CLI suites.
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace lanescope::test {

struct CliRun {
    int exitCode = -1; // -999 when the process crashed
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(LANESCOPE_CLI), args);
    if (!process.waitForFinished(120000))
        qFatal("lanescope-cli did not finish");
    CliRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -999;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace lanescope::test
