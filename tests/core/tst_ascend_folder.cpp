// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/ascend_folder.h"
#include "formats/load_error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>
#include <unistd.h>

using lanescope::formats::AscendDiscovery;
using lanescope::formats::AscendRankInput;
using lanescope::formats::discoverAscendInput;
using lanescope::formats::kAscendMaxDepth;
using lanescope::formats::kAscendMaxEntries;
using lanescope::formats::LoadError;
using lanescope::formats::looksLikeAscendInput;
using lanescope::formats::RankSource;

namespace {

const QString kTextData = QStringLiteral(LANESCOPE_TEST_DATA "/ascend/text");

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

AscendDiscovery discover(const QString& path) {
    return discoverAscendInput(path.toStdString());
}

// The LoadError message, or an empty string when discovery succeeded.
QString errorOf(const QString& path) {
    try {
        discover(path);
    } catch (const LoadError& error) {
        return qs(error.message());
    }
    return {};
}

void writeFile(const QString& path, const QByteArray& bytes = {}) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

// A minimal text export: the discovery never parses the trace, only finds it.
void makeRank(const QString& folder, const QByteArray& profilerInfoName = {},
              const QByteArray& profilerInfo = {}, bool analyseDone = false) {
    writeFile(folder + "/ASCEND_PROFILER_OUTPUT/trace_view.json", "[]");
    if (!profilerInfoName.isEmpty())
        writeFile(folder + "/" + profilerInfoName, profilerInfo);
    if (analyseDone)
        writeFile(folder + "/ASCEND_PROFILER_OUTPUT/analyse.done");
}

bool hasNote(const AscendDiscovery& found, const QString& part) {
    for (const std::string& note : found.notes)
        if (qs(note).contains(part))
            return true;
    return false;
}

QString ignoredReason(const AscendDiscovery& found, const QString& path) {
    for (const auto& [ignoredPath, why] : found.ignored)
        if (qs(ignoredPath) == QDir::cleanPath(path))
            return qs(why);
    return {};
}

QList<qint64> ranksOf(const AscendDiscovery& found) {
    QList<qint64> ranks;
    for (const AscendRankInput& input : found.ranks)
        ranks.append(input.rank);
    return ranks;
}

void checkRealRank(const AscendRankInput& input, const QString& level, int rank) {
    const QString folder = kTextData + "/" + level + "/rank" + QString::number(rank) + "_ascend_pt";
    const QString output = folder + "/ASCEND_PROFILER_OUTPUT";
    QCOMPARE(qs(input.folder), folder);
    QCOMPARE(qs(input.traceView), output + "/trace_view.json");
    QCOMPARE(qs(input.kernelDetails), output + "/kernel_details.csv");
    QCOMPARE(qs(input.stepTraceTime), output + "/step_trace_time.csv");
    QCOMPARE(qs(input.profilerInfo), folder + "/profiler_info_" + QString::number(rank) + ".json");
    QCOMPARE(input.rank, std::int64_t(rank));
    QVERIFY(input.rankSource == RankSource::RankId);
    QVERIFY(!input.analyseDone);
}

} // namespace

class TestAscendFolder : public QObject {
    Q_OBJECT

private slots:
    void realLevel_data() {
        QTest::addColumn<QString>("level");
        QTest::newRow("level0") << "level0";
        QTest::newRow("level1") << "level1";
        QTest::newRow("level2") << "level2";
    }
    void realLevel() {
        QFETCH(QString, level);
        const AscendDiscovery found = discover(kTextData + "/" + level);
        QCOMPARE(found.ranks.size(), std::size_t(2));
        checkRealRank(found.ranks[0], level, 0);
        checkRealRank(found.ranks[1], level, 1);
        QVERIFY(found.ignored.empty());
        QVERIFY(hasNote(found, "analyse.done missing in " + kTextData + "/" + level +
                                   "/rank1_ascend_pt/ASCEND_PROFILER_OUTPUT"));
    }

    void openOneRank_data() {
        QTest::addColumn<QString>("path");
        const QString rank = kTextData + "/level1/rank1_ascend_pt";
        QTest::newRow("rank folder") << rank;
        QTest::newRow("trailing slash") << rank + "/";
        QTest::newRow("output folder") << rank + "/ASCEND_PROFILER_OUTPUT";
        QTest::newRow("trace file") << rank + "/ASCEND_PROFILER_OUTPUT/trace_view.json";
        QTest::newRow("dot segments") << rank + "/ASCEND_PROFILER_OUTPUT/../.";
    }
    void openOneRank() {
        QFETCH(QString, path);
        const AscendDiscovery found = discover(path);
        QCOMPARE(found.ranks.size(), std::size_t(1));
        checkRealRank(found.ranks[0], "level1", 1);
        QVERIFY(found.ignored.empty());
    }

    void parentOfAllLevels() {
        const AscendDiscovery found = discover(kTextData);
        QCOMPARE(found.ranks.size(), std::size_t(6));
        QCOMPARE(ranksOf(found), (QList<qint64>{0, 0, 0, 1, 1, 1}));
        const QStringList levels{"level0", "level1", "level2"};
        for (int i = 0; i < 6; ++i)
            checkRealRank(found.ranks[std::size_t(i)], levels[i % 3], i / 3);
        QVERIFY(hasNote(found, "rank 0 appears in 3 inputs: " + kTextData + "/level0/rank0"));
        QVERIFY(hasNote(found, "rank 1 appears in 3 inputs"));
        QVERIFY(found.ignored.empty());
    }

    void foldersWithoutProfileAreReported() {
        // tests/data/ascend also holds server/, loose CSV and JSON samples, and db/ (2 ranks).
        const AscendDiscovery found = discover(LANESCOPE_TEST_DATA "/ascend");
        QCOMPARE(found.ranks.size(), std::size_t(8));
        std::size_t databases = 0;
        for (const AscendRankInput& input : found.ranks)
            databases += input.database.empty() ? 0 : 1;
        QCOMPARE(databases, std::size_t(2));
        QCOMPARE(ignoredReason(found, LANESCOPE_TEST_DATA "/ascend/server"),
                 QString("not a profiler folder"));
    }

    void emptyFolder() {
        QTemporaryDir dir;
        QCOMPARE(errorOf(dir.path()), QString("folder is empty"));
    }

    void folderWithoutTrace() {
        QTemporaryDir dir;
        writeFile(dir.filePath("notes.txt"), "hello");
        writeFile(dir.filePath("sub/data.csv"), "a,b");
        const QString error = errorOf(dir.path());
        QVERIFY2(error.startsWith("no trace_view.json found (looked in 2 folders)"),
                 qPrintable(error));
    }

    void databaseOnlyExport() {
        QTemporaryDir dir;
        const QString dbRank = dir.filePath("job/db_ascend_pt");
        const QString output = dbRank + "/ASCEND_PROFILER_OUTPUT";
        const QString db = output + "/ascend_pytorch_profiler_0.db";
        writeFile(dbRank + "/profiler_info_0.json", "{\"rank_id\": 0}");
        writeFile(db, "SQLite");
        writeFile(output + "/analysis.db", "SQLite");
        for (const QString& path : {dbRank, output, db}) {
            const AscendDiscovery found = discover(path);
            QCOMPARE(found.ranks.size(), std::size_t(1));
            QCOMPARE(qs(found.ranks[0].database), db);
            QVERIFY(found.ranks[0].traceView.empty());
            QCOMPARE(found.ranks[0].rank, std::int64_t(0));
        }

        makeRank(dir.filePath("job/text_ascend_pt"), "profiler_info_1.json", "{\"rank_id\": 1}");
        const AscendDiscovery job = discover(dir.filePath("job"));
        QCOMPARE(job.ranks.size(), std::size_t(2));
        QCOMPARE(qs(job.ranks[0].database), db);
        QVERIFY(job.ranks[1].database.empty());

        // Both exports in one folder: trace_view.json is read, as before the DB reader existed.
        writeFile(output + "/trace_view.json", "[]");
        const AscendDiscovery both = discover(dbRank);
        QCOMPARE(both.ranks.size(), std::size_t(1));
        QCOMPARE(qs(both.ranks[0].traceView), output + "/trace_view.json");
        QVERIFY(both.ranks[0].database.empty());
    }

    void otherDatabaseOnly() {
        QTemporaryDir dir;
        writeFile(dir.filePath("x_ascend_pt/ASCEND_PROFILER_OUTPUT/analysis.db"), "SQLite");
        QVERIFY(errorOf(dir.filePath("x_ascend_pt"))
                    .endsWith("no trace_view.json and no ascend_pytorch_profiler*.db"));
    }

    void outputFolderWithoutAnything() {
        QTemporaryDir dir;
        writeFile(dir.filePath("x_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv"), "a");
        QVERIFY(errorOf(dir.filePath("x_ascend_pt")).endsWith("; no trace_view.json"));
    }

    void unparsedProfilerFolder() {
        QTemporaryDir dir;
        writeFile(dir.filePath("x_ascend_pt/FRAMEWORK/torch.op_range"), "raw");
        writeFile(dir.filePath("x_ascend_pt/PROF_000001_20250109_abc/host/info.json"), "{}");
        QVERIFY(errorOf(dir.path()).contains("no ASCEND_PROFILER_OUTPUT folder"));
        QVERIFY(errorOf(dir.filePath("x_ascend_pt/PROF_000001_20250109_abc"))
                    .contains("CANN data (PROF_*) is not supported yet"));
    }

    void depthLimit() {
        QTemporaryDir dir;
        // The opened folder is depth 0, so a/b/c/ok_ascend_pt sits at the deepest level scanned.
        QCOMPARE(kAscendMaxDepth, 4);
        makeRank(dir.filePath("a/b/c/ok_ascend_pt"));
        makeRank(dir.filePath("a/b/c/d/deep_ascend_pt"));
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(found.ranks.size(), std::size_t(1));
        QCOMPARE(qs(found.ranks[0].folder), dir.filePath("a/b/c/ok_ascend_pt"));
        QVERIFY(
            ignoredReason(found, dir.filePath("a/b/c/d/deep_ascend_pt")).startsWith("depth limit"));
        QVERIFY(errorOf(dir.filePath("a/b/c/d/deep_ascend_pt")).isEmpty());
    }

    void entryLimit() {
        QTemporaryDir dir;
        makeRank(dir.filePath("a_ascend_pt"));
        QDir().mkpath(dir.filePath("b"));
        for (std::size_t i = 0; i <= kAscendMaxEntries; ++i)
            writeFile(dir.filePath("b/f" + QString::number(i)));
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(found.ranks.size(), std::size_t(1));
        QVERIFY(ignoredReason(found, dir.filePath("b")).startsWith("entry limit"));
        QVERIFY(hasNote(found, "stopped scanning after 10000 directory entries"));
        QVERIFY(errorOf(dir.filePath("b")).contains("entry limit"));
    }

    void symlinkLoop() {
        QTemporaryDir dir;
        makeRank(dir.filePath("job/r_ascend_pt"));
        QVERIFY(QFile::link(dir.path(), dir.filePath("job/loop")));
        QVERIFY(QFile::link(dir.filePath("job/self"), dir.filePath("job/self")));
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(found.ranks.size(), std::size_t(1));
        QVERIFY(ignoredReason(found, dir.filePath("job/loop")).startsWith("already visited"));
        QVERIFY(errorOf(dir.filePath("job/self")).startsWith("cannot open"));
    }

    void symlinkedRankFolder() {
        QTemporaryDir dir;
        makeRank(dir.filePath("store/r_ascend_pt"), "profiler_info_3.json", "{\"rank_id\": 3}");
        QDir().mkpath(dir.filePath("job"));
        QVERIFY(QFile::link(dir.filePath("store/r_ascend_pt"), dir.filePath("job/r_ascend_pt")));
        const AscendDiscovery found = discover(dir.filePath("job"));
        QCOMPARE(found.ranks.size(), std::size_t(1));
        // The user's path is kept, not the link target.
        QCOMPARE(qs(found.ranks[0].folder), dir.filePath("job/r_ascend_pt"));
        QCOMPARE(found.ranks[0].rank, std::int64_t(3));
    }

    void unreadableSubfolder() {
        if (geteuid() == 0)
            QSKIP("running as root: permission bits do not stop root from reading a folder");
        QTemporaryDir dir;
        makeRank(dir.filePath("r_ascend_pt"));
        writeFile(dir.filePath("locked/x_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json"));
        const QByteArray locked = dir.filePath("locked").toLocal8Bit();
        QCOMPARE(chmod(locked.constData(), 0), 0);
        const AscendDiscovery found = discover(dir.path());
        const QString lockedError = errorOf(dir.filePath("locked"));
        chmod(locked.constData(), 0700);
        QCOMPARE(found.ranks.size(), std::size_t(1));
        QVERIFY(ignoredReason(found, dir.filePath("locked")).startsWith("unreadable"));
        QVERIFY2(lockedError.startsWith("cannot read folder"), qPrintable(lockedError));
    }

    void missingPath() {
        QTemporaryDir dir;
        QCOMPARE(errorOf(dir.filePath("nope")), QString("no such file or folder"));
        QCOMPARE(errorOf(dir.filePath("nope/trace_view.json")), QString("no such file or folder"));
    }

    void otherFileIsRejected() {
        QTemporaryDir dir;
        writeFile(dir.filePath("kernel_details.csv"), "a");
        QVERIFY(errorOf(dir.filePath("kernel_details.csv")).startsWith("not a trace_view.json"));
    }

    void anyJsonFileIsATrace() {
        QTemporaryDir dir;
        writeFile(dir.filePath("flat/my_trace.json"), "[]");
        writeFile(dir.filePath("flat/step_trace_time.csv"), "a");
        const AscendDiscovery found = discover(dir.filePath("flat/my_trace.json"));
        QCOMPARE(found.ranks.size(), std::size_t(1));
        QCOMPARE(qs(found.ranks[0].folder), dir.filePath("flat"));
        QCOMPARE(qs(found.ranks[0].traceView), dir.filePath("flat/my_trace.json"));
        QCOMPARE(qs(found.ranks[0].stepTraceTime), dir.filePath("flat/step_trace_time.csv"));
        QVERIFY(found.ranks[0].kernelDetails.empty());
        QVERIFY(found.ranks[0].profilerInfo.empty());
    }

    void flattenedFolder() {
        QTemporaryDir dir;
        writeFile(dir.filePath("flat/trace_view.json"), "[]");
        writeFile(dir.filePath("flat/kernel_details.csv"), "a");
        writeFile(dir.filePath("flat/profiler_info.json"), "{\"rank_id\": -1}");
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(found.ranks.size(), std::size_t(1));
        QCOMPARE(qs(found.ranks[0].folder), dir.filePath("flat"));
        QCOMPARE(qs(found.ranks[0].kernelDetails), dir.filePath("flat/kernel_details.csv"));
        QCOMPARE(qs(found.ranks[0].profilerInfo), dir.filePath("flat/profiler_info.json"));
        QCOMPARE(found.ranks[0].rank, std::int64_t(0));
        QVERIFY(found.ranks[0].rankSource == RankSource::FolderOrder);
        QVERIFY(!hasNote(found, "by folder order"));
    }

    void analyseDoneMarker() {
        QTemporaryDir dir;
        makeRank(dir.filePath("a_ascend_pt"), "profiler_info_0.json", "{\"rank_id\": 0}", true);
        makeRank(dir.filePath("b_ascend_ms"), "profiler_info_1.json", "{\"rank_id\": 1}", false);
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(found.ranks.size(), std::size_t(2));
        QVERIFY(found.ranks[0].analyseDone);
        QVERIFY(!found.ranks[1].analyseDone);
        QCOMPARE(found.notes.size(), std::size_t(1));
        QCOMPARE(qs(found.notes[0]), "analyse.done missing in " +
                                         dir.filePath("b_ascend_ms/ASCEND_PROFILER_OUTPUT") +
                                         ": the export may be incomplete");
    }

    void rankNumbering() {
        QTemporaryDir dir;
        makeRank(dir.filePath("id_ascend_pt"), "profiler_info_3.json", "{\"rank_id\": 5}");
        makeRank(dir.filePath("name_ascend_pt"), "profiler_info_2.json", "{\"config\": {}}");
        makeRank(dir.filePath("broken_ascend_pt"), "profiler_info_9.json", "{\"rank_id\": ");
        makeRank(dir.filePath("text_ascend_pt"), "profiler_info_7.json", "{\"rank_id\": \"3\"}");
        makeRank(dir.filePath("single10_ascend_pt"), "profiler_info.json", "{\"rank_id\": -1}");
        makeRank(dir.filePath("none9_ascend_pt"));
        makeRank(dir.filePath("huge_ascend_pt"), "profiler_info_99999999999.json",
                 "{\"rank_id\": 99999999999}");
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(ranksOf(found), (QList<qint64>{2, 5, 7, 9, 10, 11, 12}));
        const QStringList folders{"name", "id", "text", "broken", "huge", "none9", "single10"};
        const QList<RankSource> sources{RankSource::FileName,    RankSource::RankId,
                                        RankSource::FileName,    RankSource::FileName,
                                        RankSource::FolderOrder, RankSource::FolderOrder,
                                        RankSource::FolderOrder};
        for (int i = 0; i < folders.size(); ++i) {
            const AscendRankInput& input = found.ranks[std::size_t(i)];
            QCOMPARE(qs(input.folder), dir.filePath(folders[i] + "_ascend_pt"));
            QVERIFY(input.rankSource == sources[i]);
        }
        QVERIFY(hasNote(found, "profiler_info_9.json: not valid JSON, rank_id not read"));
        // A rank_id of the wrong type is named, not ignored (-1, a single-card run, is fine).
        QVERIFY(hasNote(found,
                        "profiler_info_7.json: \"rank_id\" is \"3\", not a rank number; not used"));
        QVERIFY(hasNote(found, "profiler_info_99999999999.json: \"rank_id\" is 99999999999, not "
                               "a rank number; not used"));
        QVERIFY(!hasNote(found, "profiler_info.json:"));
        QVERIFY(hasNote(found, "none9_ascend_pt: no rank in profiler_info, numbered rank 11"));
    }

    void duplicateRanksAreKept() {
        QTemporaryDir dir;
        makeRank(dir.filePath("x/r_ascend_pt"), "profiler_info_0.json", "{\"rank_id\": 0}");
        makeRank(dir.filePath("y/r_ascend_pt"), "profiler_info_0.json", "{\"rank_id\": 0}");
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(ranksOf(found), (QList<qint64>{0, 0}));
        QVERIFY(hasNote(found, "rank 0 appears in 2 inputs: " + dir.filePath("x/r_ascend_pt") +
                                   ", " + dir.filePath("y/r_ascend_pt")));
    }

    void hiddenFoldersAreSkipped() {
        QTemporaryDir dir;
        makeRank(dir.filePath(".cache/r_ascend_pt"));
        makeRank(dir.filePath("r_ascend_pt"));
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(found.ranks.size(), std::size_t(1));
        QCOMPARE(ignoredReason(found, dir.filePath(".cache")), QString("hidden folder"));
    }

    void naturalFolderOrder() {
        QTemporaryDir dir;
        for (const char* name : {"rank10_ascend_pt", "rank9_ascend_pt", "rank1_ascend_pt"})
            makeRank(dir.filePath(name));
        const AscendDiscovery found = discover(dir.path());
        QCOMPARE(ranksOf(found), (QList<qint64>{0, 1, 2}));
        QCOMPARE(qs(found.ranks[1].folder), dir.filePath("rank9_ascend_pt"));
        QCOMPARE(qs(found.ranks[2].folder), dir.filePath("rank10_ascend_pt"));
    }

    void looksLikeInput() {
        QTemporaryDir dir;
        writeFile(dir.filePath("other.json"), "[]");
        QVERIFY(looksLikeAscendInput(dir.path().toStdString()));
        QVERIFY(looksLikeAscendInput(dir.filePath("x/trace_view.json").toStdString()));
        QVERIFY(!looksLikeAscendInput(dir.filePath("other.json").toStdString()));
        QVERIFY(!looksLikeAscendInput(dir.filePath("missing").toStdString()));
    }
};

QTEST_APPLESS_MAIN(TestAscendFolder)
#include "tst_ascend_folder.moc"
