// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/csv_reader.h"

#include "formats/load_error.h"
#include "formats/read_only_file.h"

#include <algorithm>
#include <limits>

namespace lanescope::formats {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// No profiler table comes near these (kernel_details.csv has about 30 columns, its longest cells
// are call stacks of a few KB); a record past either is skipped, so a line of 10^8 commas costs
// no more than its bytes.
constexpr std::size_t kMaxCells = 1024;
constexpr std::size_t kMaxRecordBytes = 16u << 20;

// One pass over the text; `line_` follows every line break, including those inside quoted cells,
// so reported lines match what an editor shows.
class CsvParser {
public:
    CsvParser(std::string_view text, CsvTable& table, std::vector<CsvProblem>& problems)
        : text_(text), table_(table), problems_(problems) {}

    bool run(std::string& error) {
        if (text_.starts_with(kUtf8Bom))
            pos_ = kUtf8Bom.size();
        while (!atEnd()) {
            if (atLineEnd()) {
                skipLineEnd();
                continue;
            }
            const std::size_t recordLine = line_;
            std::vector<std::string> cells;
            bool tooLarge = false;
            if (!readRecord(cells, tooLarge, error))
                return false;
            if (tooLarge)
                problems_.push_back(
                    {recordLine, "row has more than " + std::to_string(kMaxCells) + " cells or " +
                                     std::to_string(kMaxRecordBytes >> 20) + " MiB; skipped"});
            else
                addRecord(std::move(cells), recordLine);
        }
        return true;
    }

private:
    bool atEnd() const { return pos_ >= text_.size(); }
    bool atLineEnd() const { return text_[pos_] == '\r' || text_[pos_] == '\n'; }

    // Consumes one CR, LF or CRLF.
    void skipLineEnd() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')
            ++pos_;
        ++pos_;
        ++line_;
    }

    // A record past kMaxCells or kMaxRecordBytes is read to its end without keeping its cells
    // (`tooLarge`).
    bool readRecord(std::vector<std::string>& cells, bool& tooLarge, std::string& error) {
        const std::size_t start = pos_;
        for (;;) {
            if (!tooLarge && (cells.size() >= kMaxCells || pos_ - start > kMaxRecordBytes)) {
                tooLarge = true;
                cells.clear();
            }
            if (!tooLarge)
                cells.emplace_back();
            else if (cells.empty())
                cells.emplace_back(); // one scratch cell, cleared for each cell
            else
                cells.back().clear();
            if (!readCell(cells.back(), error))
                return false;
            if (atEnd())
                return true;
            if (text_[pos_] != ',') {
                skipLineEnd();
                return true;
            }
            ++pos_;
        }
    }

    bool readCell(std::string& cell, std::string& error) {
        if (atEnd() || text_[pos_] != '"') {
            readPlainText(cell);
            return true;
        }
        if (!readQuotedText(cell, error))
            return false;
        // Lenient like Python's csv module: keep stray text after the closing quote, but say so.
        const std::size_t quotedSize = cell.size();
        readPlainText(cell);
        if (cell.size() != quotedSize)
            problems_.push_back({line_, "text after the closing quote of a cell"});
        return true;
    }

    void readPlainText(std::string& cell) {
        const std::size_t end = std::min(text_.find_first_of(",\r\n", pos_), text_.size());
        cell.append(text_.substr(pos_, end - pos_));
        pos_ = end;
    }

    bool readQuotedText(std::string& cell, std::string& error) {
        const std::size_t startLine = line_;
        ++pos_;
        for (;;) {
            const std::size_t stop = text_.find_first_of("\"\r\n", pos_);
            if (stop == std::string_view::npos) {
                error = "line " + std::to_string(startLine) + ": quoted cell is never closed";
                return false;
            }
            cell.append(text_.substr(pos_, stop - pos_));
            pos_ = stop;
            if (text_[pos_] != '"') {
                const std::size_t breakStart = pos_;
                skipLineEnd();
                cell.append(text_.substr(breakStart, pos_ - breakStart));
            } else if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                cell.push_back('"');
                pos_ += 2;
            } else {
                ++pos_;
                return true;
            }
        }
    }

    void addRecord(std::vector<std::string> cells, std::size_t line) {
        if (!haveHeader_) {
            table_.header = std::move(cells);
            haveHeader_ = true;
            return;
        }
        if (cells.size() != table_.header.size())
            problems_.push_back({line, "row has " + std::to_string(cells.size()) +
                                           " cells; the header has " +
                                           std::to_string(table_.header.size())});
        table_.rows.push_back(std::move(cells));
        table_.rowLines.push_back(line);
    }

    std::string_view text_;
    CsvTable& table_;
    std::vector<CsvProblem>& problems_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    bool haveHeader_ = false;
};

} // namespace

bool parseCsv(std::string_view text, CsvTable& table, std::vector<CsvProblem>& problems,
              std::string& error) {
    return CsvParser(text, table, problems).run(error);
}

bool readTextFile(const std::string& path, std::string& text, std::string& error) {
    // Only regular files: a directory, a FIFO or a device is refused by name, never waited on.
    try {
        text = readWholeFile(path, std::numeric_limits<std::uint64_t>::max());
        return true;
    } catch (const LoadError& e) {
        error = path + ": cannot read: " + e.message();
        return false;
    }
}

bool readCsvFile(const std::string& path, CsvTable& table, std::vector<CsvProblem>& problems,
                 std::string& error) {
    std::string text;
    if (!readTextFile(path, text, error))
        return false;
    if (parseCsv(text, table, problems, error))
        return true;
    error = path + ": " + error;
    return false;
}

std::string_view trimCell(std::string_view cell) {
    const std::size_t begin = cell.find_first_not_of(" \t");
    if (begin == std::string_view::npos)
        return {};
    return cell.substr(begin, cell.find_last_not_of(" \t") - begin + 1);
}

std::size_t findColumn(const std::vector<std::string>& header,
                       std::initializer_list<std::string_view> aliases) {
    for (std::size_t i = 0; i < header.size(); ++i)
        for (std::string_view alias : aliases)
            if (trimCell(header[i]) == alias)
                return i;
    return kNoColumn;
}

std::string_view cellAt(const std::vector<std::string>& row, std::size_t column) {
    return column < row.size() ? std::string_view(row[column]) : std::string_view();
}

} // namespace lanescope::formats
