// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/csv_reader.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using lanescope::formats::cellAt;
using lanescope::formats::CsvProblem;
using lanescope::formats::CsvTable;
using lanescope::formats::findColumn;
using lanescope::formats::kNoColumn;
using lanescope::formats::parseCsv;
using lanescope::formats::readCsvFile;

namespace {

using Cells = std::vector<std::string>;

struct Parsed {
    bool ok = false;
    CsvTable table;
    std::vector<CsvProblem> problems;
    std::string error;
};

Parsed parse(std::string_view text) {
    Parsed p;
    p.ok = parseCsv(text, p.table, p.problems, p.error);
    return p;
}

using lanescope::test::writeFile;

QString dataPath(const QString& relative) {
    return QStringLiteral(LANESCOPE_TEST_DATA "/") + relative;
}

} // namespace

class TestCsvReader : public QObject {
    Q_OBJECT

private slots:
    void plainRowsWithLf() {
        const Parsed p = parse("a,b,c\n1,2,3\n4,5,6\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.header, (Cells{"a", "b", "c"}));
        QCOMPARE(p.table.rows.size(), std::size_t(2));
        QCOMPARE(p.table.rows[1], (Cells{"4", "5", "6"}));
        QCOMPARE(p.table.rowLines, (std::vector<std::size_t>{2, 3}));
        QVERIFY(p.problems.empty());
    }

    void crlfAndMixedLineEnds() {
        const Parsed crlf = parse("a,b\r\n1,2\r\n3,4\r\n");
        QVERIFY(crlf.ok);
        QCOMPARE(crlf.table.rows[1], (Cells{"3", "4"}));
        QCOMPARE(crlf.table.rowLines, (std::vector<std::size_t>{2, 3}));

        // CRLF, LF and a lone CR each end one line.
        const Parsed mixed = parse("a,b\r\n1,2\n3,4\r5,6\r\n");
        QVERIFY(mixed.ok);
        QCOMPARE(mixed.table.rows.size(), std::size_t(3));
        QCOMPARE(mixed.table.rows[2], (Cells{"5", "6"}));
        QCOMPARE(mixed.table.rowLines, (std::vector<std::size_t>{2, 3, 4}));
        QVERIFY(mixed.problems.empty());
    }

    void quotedCommasAndDoubledQuotes() {
        const Parsed p =
            parse("name,shape\n\"a,b\",\"\"\"32,3,224,224\"\"\"\n\"\",\"say \"\"hi\"\"\"\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.rows[0], (Cells{"a,b", "\"32,3,224,224\""}));
        QCOMPARE(p.table.rows[1], (Cells{"", "say \"hi\""}));
        QVERIFY(p.problems.empty());
    }

    void quotedLineBreaksKeepTextAndLineNumbers() {
        const Parsed p = parse("a,b\n\"x\ny\",1\n\"p\r\nq\rr\",2\nlast,3\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.rows.size(), std::size_t(3));
        QCOMPARE(p.table.rows[0], (Cells{"x\ny", "1"}));
        QCOMPARE(p.table.rows[1], (Cells{"p\r\nq\rr", "2"}));
        QCOMPARE(p.table.rowLines, (std::vector<std::size_t>{2, 4, 7}));
    }

    void trailingTabIsKept() {
        // The reader keeps cells verbatim; trimming belongs to whoever reads the value.
        const Parsed p = parse("Start Time(us),Duration(us)\r\n\"1736408883704643.212\t\",1\r\n"
                               "1736408883704801.156\t,2\r\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.rows[0][0], std::string("1736408883704643.212\t"));
        QCOMPARE(p.table.rows[1][0], std::string("1736408883704801.156\t"));
        QCOMPARE(lanescope::formats::trimCell(p.table.rows[1][0]),
                 std::string_view("1736408883704801.156"));
    }

    void bomIsSkipped() {
        const Parsed p = parse("\xEF\xBB\xBFName,Type\nk,N/A\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.header, (Cells{"Name", "Type"}));
        QCOMPARE(p.table.rows[0], (Cells{"k", "N/A"}));
    }

    void missingFinalNewline() {
        const Parsed p = parse("a,b\n1,2\n3,4");
        QVERIFY(p.ok);
        QCOMPARE(p.table.rows.size(), std::size_t(2));
        QCOMPARE(p.table.rows[1], (Cells{"3", "4"}));
        const Parsed quoted = parse("a,b\n1,\"2\"");
        QVERIFY(quoted.ok);
        QCOMPARE(quoted.table.rows[0], (Cells{"1", "2"}));
    }

    void emptyLinesSkipped() {
        const Parsed p = parse("\r\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.header, (Cells{"a", "b"}));
        QCOMPARE(p.table.rows.size(), std::size_t(2));
        QCOMPARE(p.table.rowLines, (std::vector<std::size_t>{5, 8}));
        QVERIFY(p.problems.empty());
    }

    void emptyCells() {
        const Parsed p = parse("a,b,c\n,,\n1,,\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.rows[0], (Cells{"", "", ""}));
        QCOMPARE(p.table.rows[1], (Cells{"1", "", ""}));
        QVERIFY(p.problems.empty());
    }

    void emptyText() {
        const Parsed p = parse("");
        QVERIFY(p.ok);
        QVERIFY(p.table.header.empty());
        QVERIFY(p.table.rows.empty());
        QVERIFY(parse("\xEF\xBB\xBF\r\n").ok);
    }

    void shortAndLongRowsReportedAndKept() {
        const Parsed p = parse("a,b,c\n1,2,3\n4,5\n6,7,8,9\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.rows.size(), std::size_t(3));
        QCOMPARE(p.table.rows[1], (Cells{"4", "5"}));
        QCOMPARE(p.table.rows[2], (Cells{"6", "7", "8", "9"}));
        QCOMPARE(p.problems.size(), std::size_t(2));
        QCOMPARE(p.problems[0].line, std::size_t(3));
        QCOMPARE(p.problems[0].message, std::string("row has 2 cells; the header has 3"));
        QCOMPARE(p.problems[1].line, std::size_t(4));
        QCOMPARE(p.problems[1].message, std::string("row has 4 cells; the header has 3"));
    }

    void textAfterClosingQuoteIsKeptAndReported() {
        const Parsed p = parse("a,b\n\"x\"y,2\n");
        QVERIFY(p.ok);
        QCOMPARE(p.table.rows[0], (Cells{"xy", "2"}));
        QCOMPARE(p.problems.size(), std::size_t(1));
        QCOMPARE(p.problems[0].line, std::size_t(2));
    }

    void unterminatedQuoteNamesItsLine() {
        const Parsed p = parse("a,b\r\n1,2\r\n3,\"open\r\nstill open\r\n");
        QVERIFY(!p.ok);
        QCOMPARE(p.error, std::string("line 3: quoted cell is never closed"));
        QCOMPARE(p.table.rows.size(), std::size_t(1));
        const Parsed header = parse("\"a");
        QVERIFY(!header.ok);
        QCOMPARE(header.error, std::string("line 1: quoted cell is never closed"));
    }

    // A hostile line (10^8 commas took 4.3 GB as one string per cell) is skipped past 1024
    // cells, named by its line; the rows around it load.
    void oversizedRowsAreSkipped() {
        const std::string text = "a,b\n1,2\n" + std::string(100'000, ',') + "\n3,4\n";
        CsvTable table;
        std::vector<CsvProblem> problems;
        std::string error;
        QVERIFY(parseCsv(text, table, problems, error));
        QCOMPARE(table.rows.size(), std::size_t(2));
        QCOMPARE(table.rows[1][0], std::string("3"));
        QCOMPARE(table.rowLines[1], std::size_t(4));
        QCOMPARE(problems.size(), std::size_t(1));
        QCOMPARE(problems[0].line, std::size_t(3));
        QCOMPARE(problems[0].message,
                 std::string("row has more than 1024 cells or 16 MiB; skipped"));
    }

    void fileErrors() {
        QTemporaryDir dir;
        CsvTable table;
        std::vector<CsvProblem> problems;
        std::string error;
        const std::string missing = dir.filePath("missing.csv").toStdString();
        QVERIFY(!readCsvFile(missing, table, problems, error));
        QCOMPARE(error, missing + ": cannot read: No such file or directory");

        error.clear();
        QVERIFY(!readCsvFile(dir.path().toStdString(), table, problems, error));
        QCOMPARE(error, dir.path().toStdString() + ": cannot read: is a directory, not a file");

        const QString broken = writeFile(dir, "broken.csv", "a,b\n1,2\n\n\"x,3\n");
        error.clear();
        QVERIFY(!readCsvFile(broken.toStdString(), table, problems, error));
        QCOMPARE(error, broken.toStdString() + ": line 4: quoted cell is never closed");
    }

    void readsFile() {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "ok.csv", "\xEF\xBB\xBFx,y\r\n1,\"a\r\nb\"\r\n");
        CsvTable table;
        std::vector<CsvProblem> problems;
        std::string error;
        QVERIFY(readCsvFile(path.toStdString(), table, problems, error));
        QCOMPARE(table.header, (Cells{"x", "y"}));
        QCOMPARE(table.rows[0], (Cells{"1", "a\r\nb"}));
    }

    void findColumnWithAliases() {
        const Cells header{"Step Id", " Name\t", "Block Num", "Block Dim"};
        QCOMPARE(findColumn(header, {"Name", "Op Name"}), std::size_t(1));
        // The first matching header cell wins, whichever alias it matches.
        QCOMPARE(findColumn(header, {"Block Dim", "Block Num"}), std::size_t(2));
        QCOMPARE(findColumn(header, {"Step"}), kNoColumn);
        QCOMPARE(findColumn({}, {"Name"}), kNoColumn);
    }

    void cellAtOutOfRange() {
        const Cells row{"a", "b"};
        QCOMPARE(cellAt(row, 1), std::string_view("b"));
        QCOMPARE(cellAt(row, 2), std::string_view());
        QCOMPARE(cellAt(row, kNoColumn), std::string_view());
    }

    void realKernelDetails_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("shortRowLine"); // 0 when every row is complete
        // Row counts and the short row were verified with Python's csv module.
        for (const char* level : {"level0", "level1", "level2"})
            for (const char* rank : {"rank0", "rank1"})
                QTest::newRow((QString(level) + "/" + rank).toLatin1().constData())
                    << QString("ascend/text/%1/%2_ascend_pt/ASCEND_PROFILER_OUTPUT/"
                               "kernel_details.csv")
                           .arg(level, rank)
                    << 191 << (QString(level) == "level0" ? 8 : 46) << 0;
        QTest::newRow("server rank0")
            << "ascend/server/test_rank_0_kernel_details.csv" << 21 << 32 << 17;
        QTest::newRow("server rank1")
            << "ascend/server/test_rank_1_kernel_details.csv" << 22 << 32 << 0;
        QTest::newRow("op_summary") << "ascend/server/op_summary_1.csv" << 21 << 32 << 17;
    }

    void realKernelDetails() {
        QFETCH(QString, file);
        QFETCH(int, rows);
        QFETCH(int, columns);
        QFETCH(int, shortRowLine);
        CsvTable table;
        std::vector<CsvProblem> problems;
        std::string error;
        QVERIFY2(readCsvFile(dataPath(file).toStdString(), table, problems, error), error.c_str());
        QCOMPARE(table.rows.size(), std::size_t(rows));
        QCOMPARE(table.header.size(), std::size_t(columns));
        QCOMPARE(table.rowLines.back(), std::size_t(rows + 1)); // no multi-line cells here
        QCOMPARE(problems.size(), std::size_t(shortRowLine ? 1 : 0));
        if (shortRowLine)
            QCOMPARE(problems[0].line, std::size_t(shortRowLine));
    }
};

QTEST_APPLESS_MAIN(TestCsvReader)
#include "tst_csv_reader.moc"
