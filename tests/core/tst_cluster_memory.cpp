// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// A 512-rank synthetic job is summarised within the memory of two ranks: the peak RSS of
// `lanescope-cli cluster JOB --jobs 2` stays below twice that of `lanescope-cli summarize` on one
// of its ranks (each measured as its own process, by wait4), however many ranks the job has.
// Loading the ranks all at once, or keeping their traces, would take hundreds of MB here.
#include "synthetic_job.h"

#include <QTemporaryDir>
#include <QtTest>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

// Runs the CLI with `args` (output to /dev/null); its peak RSS in KB, or -1 when it failed.
long peakRssKb(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    std::string cli = LANESCOPE_CLI;
    argv.push_back(cli.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    const pid_t child = fork();
    if (child == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(126);
        execv(cli.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (child < 0 || wait4(child, &status, 0, &usage) != child || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    return usage.ru_maxrss;
}

} // namespace

class TestClusterMemory : public QObject {
    Q_OBJECT

private slots:
    void aLargeJobPeaksBelowTwoRanks() {
        QTemporaryDir dir;
        JobSpec spec;
        spec.ranks = 512;
        spec.steps = 2;
        spec.kernelsPerStep = 1000;
        spec.slowComputeRank = 100;
        spec.slowLinkRank = 300;
        const std::string job = dir.filePath("job512").toStdString();
        const std::vector<std::string> ranks = writeJob(spec, job);
        const long one =
            peakRssKb({"summarize", ranks[0], "--out", dir.filePath("r0.json").toStdString()});
        const long all = peakRssKb({"cluster", job, "--jobs", "2"});
        QVERIFY(one > 0);
        QVERIFY(all > 0);
        qInfo("one rank: %ld KB; 512 ranks on 2 workers: %ld KB", one, all);
        QVERIFY2(all < 2 * one, qPrintable(QString("%1 KB > 2 × %2 KB").arg(all).arg(one)));
    }
};

QTEST_GUILESS_MAIN(TestClusterMemory)
#include "tst_cluster_memory.moc"
