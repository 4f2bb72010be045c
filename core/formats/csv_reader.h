// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace lanescope::formats {

// A CSV file read whole. Rows keep the cells they had: a row may be shorter or longer than the
// header (parseCsv reports it), so read cells through cellAt().
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> rowLines; // 1-based line where each row starts, parallel to rows
};

// Something odd in a file that still loaded (a row with the wrong cell count, an unreadable cell).
struct CsvProblem {
    std::size_t line = 0; // 1-based
    std::string message;
};

inline constexpr std::size_t kNoColumn = std::string_view::npos;

// Parses RFC 4180 text: quoted cells may hold commas, doubled quotes and line breaks; CR, LF and
// CRLF line ends may be mixed; a leading UTF-8 BOM and empty lines are skipped. The first
// non-empty line is the header. Returns false only for an unterminated quoted cell; `error` then
// reads "line N: ..." with the line where that cell began, and `table` holds the rows before it.
bool parseCsv(std::string_view text, CsvTable& table, std::vector<CsvProblem>& problems,
              std::string& error);

// Reads and parses a file. On failure `error` reads "FILE: line N: ..." or, when the file cannot
// be read, "FILE: cannot read: REASON".
bool readCsvFile(const std::string& path, CsvTable& table, std::vector<CsvProblem>& problems,
                 std::string& error);

// Reads a whole file into `text`; on failure `error` reads "FILE: cannot read: REASON".
bool readTextFile(const std::string& path, std::string& text, std::string& error);

// The cell without surrounding spaces and TABs (torch_npu ends its time cells with a TAB so that
// spreadsheets keep every digit).
std::string_view trimCell(std::string_view cell);

// Index of the first header cell equal to any alias (cells compared with spaces and TABs trimmed),
// or kNoColumn. Column names changed across profiler versions, hence the aliases.
std::size_t findColumn(const std::vector<std::string>& header,
                       std::initializer_list<std::string_view> aliases);

// The cell of `row` in `column`, or "" when the column is kNoColumn or past the row's end.
std::string_view cellAt(const std::vector<std::string>& row, std::size_t column);

} // namespace lanescope::formats
