// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/ascend_side_files.h"

#include "formats/decimal_time.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

namespace lanescope::formats {

namespace {

using Json = nlohmann::json;

// Reads typed values from one CSV row. Unreadable cells are reported against the row's line;
// missing ones ("N/A", empty, or past a short row's end) are not, as the profiler writes them.
class RowReader {
public:
    RowReader(const CsvTable& table, std::size_t row, std::vector<CsvProblem>& problems)
        : table_(table), row_(table.rows[row]), line_(table.rowLines[row]), problems_(problems) {}

    std::string text(std::size_t column) const { return std::string(value(column)); }

    // torch_npu quotes shapes inside the cell ("""32,3,224,224""" reads as "32,3,224,224").
    std::string shape(std::size_t column) const {
        std::string_view cell = value(column);
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
            cell = cell.substr(1, cell.size() - 2);
        return std::string(cell);
    }

    std::optional<std::int64_t> integer(std::size_t column) const {
        const std::string_view cell = value(column);
        if (cell.empty())
            return std::nullopt;
        std::int64_t number = 0;
        if (parseInt64(cell, number))
            return number;
        report(column, "not an integer");
        return std::nullopt;
    }

    std::optional<TimeNs> optionalTime(std::size_t column) const {
        return value(column).empty() ? std::nullopt : time(column, "");
    }

    // Reports the row as skipped when the time is missing or unreadable.
    std::optional<TimeNs> requiredTime(std::size_t column) const {
        if (!value(column).empty())
            return time(column, "row skipped: ");
        problems_.push_back({line_, "row skipped: no " + columnName(column)});
        return std::nullopt;
    }

    double micros(std::size_t column) const {
        const std::string_view cell = value(column);
        double number = std::numeric_limits<double>::quiet_NaN();
        if (cell.empty())
            return number;
        const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
        if (ec == std::errc() && end == cell.data() + cell.size())
            return number;
        report(column, "not a number");
        return std::numeric_limits<double>::quiet_NaN();
    }

private:
    std::string_view value(std::size_t column) const {
        const std::string_view cell = trimCell(cellAt(row_, column));
        return cell == "N/A" ? std::string_view() : cell;
    }

    std::optional<TimeNs> time(std::size_t column, std::string_view prefix) const {
        TimeNs ns = 0;
        const char* why = nullptr;
        if (microsTextToNs(value(column), ns, &why))
            return ns;
        report(column, why, prefix);
        return std::nullopt;
    }

    std::string columnName(std::size_t column) const {
        return std::string(trimCell(table_.header[column]));
    }

    void report(std::size_t column, std::string_view what, std::string_view prefix = "") const {
        std::string message(prefix);
        message += columnName(column) + " \"" + std::string(value(column)) + "\": ";
        message += what;
        problems_.push_back({line_, std::move(message)});
    }

    const CsvTable& table_;
    const std::vector<std::string>& row_;
    std::size_t line_;
    std::vector<CsvProblem>& problems_;
};

struct RequiredColumn {
    std::size_t index;
    std::string_view name;
};

bool haveColumns(std::initializer_list<RequiredColumn> required, const std::string& fileName,
                 std::string& error) {
    for (const RequiredColumn& column : required) {
        if (column.index == kNoColumn) {
            error = fileName + ": no \"" + std::string(column.name) + "\" column";
            return false;
        }
    }
    return true;
}

template <typename Row, typename Convert>
SideFileResult<Row> parseSideCsv(std::string_view text, const std::string& fileName,
                                 Convert convert) {
    SideFileResult<Row> result;
    CsvTable table;
    if (!parseCsv(text, table, result.problems, result.error)) {
        result.error = fileName + ": " + result.error;
        return result;
    }
    result.ok = convert(table, fileName, result);
    // Cell-count problems come from the CSV pass, value problems from the row pass.
    std::stable_sort(result.problems.begin(), result.problems.end(),
                     [](const CsvProblem& a, const CsvProblem& b) { return a.line < b.line; });
    return result;
}

template <typename Row>
SideFileResult<Row> readSideCsv(const std::string& path,
                                SideFileResult<Row> (*parse)(std::string_view,
                                                             const std::string&)) {
    std::string text;
    SideFileResult<Row> result;
    if (!readTextFile(path, text, result.error))
        return result;
    return parse(text, path);
}

struct KernelColumns {
    explicit KernelColumns(const std::vector<std::string>& h)
        : stepId(findColumn(h, {"Step Id"})), deviceId(findColumn(h, {"Device_id"})),
          name(findColumn(h, {"Name", "Op Name"})), type(findColumn(h, {"Type", "OP Type"})),
          opState(findColumn(h, {"OP State"})),
          acceleratorCore(findColumn(h, {"Accelerator Core", "Task Type"})),
          start(findColumn(h, {"Start Time(us)", "Task Start Time(us)"})),
          duration(findColumn(h, {"Duration(us)", "Task Duration(us)"})),
          wait(findColumn(h, {"Wait Time(us)", "Task Wait Time(us)"})),
          blockDim(findColumn(h, {"Block Dim", "Block Num"})),
          mixBlockDim(findColumn(h, {"Mix Block Dim", "Mix Block Num"})),
          inputShapes(findColumn(h, {"Input Shapes"})),
          inputDataTypes(findColumn(h, {"Input Data Types"})),
          outputShapes(findColumn(h, {"Output Shapes"})),
          outputDataTypes(findColumn(h, {"Output Data Types"})),
          streamId(findColumn(h, {"Stream ID"})), taskId(findColumn(h, {"Task ID"})) {}

    std::size_t stepId, deviceId, name, type, opState, acceleratorCore, start, duration, wait,
        blockDim, mixBlockDim, inputShapes, inputDataTypes, outputShapes, outputDataTypes, streamId,
        taskId;
};

bool readKernelRow(const RowReader& row, const KernelColumns& c, KernelDetail& kernel) {
    const std::optional<TimeNs> start = row.requiredTime(c.start);
    const std::optional<TimeNs> duration = start ? row.requiredTime(c.duration) : std::nullopt;
    if (!duration)
        return false;
    kernel.start = *start;
    kernel.duration = *duration;
    kernel.stepId = row.integer(c.stepId);
    kernel.deviceId = row.integer(c.deviceId);
    kernel.name = row.text(c.name);
    kernel.type = row.text(c.type);
    kernel.opState = row.text(c.opState);
    kernel.acceleratorCore = row.text(c.acceleratorCore);
    kernel.wait = row.optionalTime(c.wait);
    kernel.blockDim = row.integer(c.blockDim);
    kernel.mixBlockDim = row.integer(c.mixBlockDim);
    kernel.inputShapes = row.shape(c.inputShapes);
    kernel.inputDataTypes = row.text(c.inputDataTypes);
    kernel.outputShapes = row.shape(c.outputShapes);
    kernel.outputDataTypes = row.text(c.outputDataTypes);
    kernel.streamId = row.integer(c.streamId);
    kernel.taskId = row.integer(c.taskId);
    return true;
}

bool convertKernelTable(const CsvTable& table, const std::string& fileName,
                        SideFileResult<KernelDetail>& result) {
    const KernelColumns columns(table.header);
    if (!haveColumns({{columns.name, "Name"},
                      {columns.start, "Start Time(us)"},
                      {columns.duration, "Duration(us)"}},
                     fileName, result.error))
        return false;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        KernelDetail kernel;
        if (readKernelRow(RowReader(table, i, result.problems), columns, kernel))
            result.rows.push_back(std::move(kernel));
        else
            ++result.skippedRows;
    }
    return true;
}

struct StepColumns {
    explicit StepColumns(const std::vector<std::string>& h)
        : deviceId(findColumn(h, {"Device_id"})), step(findColumn(h, {"Step"})),
          computing(findColumn(h, {"Computing"})),
          communicationNotOverlapped(findColumn(h, {"Communication(Not Overlapped)"})),
          overlapped(findColumn(h, {"Overlapped"})),
          communication(findColumn(h, {"Communication"})), free(findColumn(h, {"Free"})),
          stage(findColumn(h, {"Stage"})), bubble(findColumn(h, {"Bubble"})),
          communicationNotOverlappedExcludeReceive(
              findColumn(h, {"Communication(Not Overlapped and Exclude Receive)"})),
          preparing(findColumn(h, {"Preparing"})) {}

    std::size_t deviceId, step, computing, communicationNotOverlapped, overlapped, communication,
        free, stage, bubble, communicationNotOverlappedExcludeReceive, preparing;
};

StepTime readStepRow(const RowReader& row, const StepColumns& c) {
    StepTime step;
    step.deviceId = row.integer(c.deviceId);
    step.step = row.integer(c.step);
    step.computingUs = row.micros(c.computing);
    step.communicationNotOverlappedUs = row.micros(c.communicationNotOverlapped);
    step.overlappedUs = row.micros(c.overlapped);
    step.communicationUs = row.micros(c.communication);
    step.freeUs = row.micros(c.free);
    step.stageUs = row.micros(c.stage);
    step.bubbleUs = row.micros(c.bubble);
    step.communicationNotOverlappedExcludeReceiveUs =
        row.micros(c.communicationNotOverlappedExcludeReceive);
    step.preparingUs = row.micros(c.preparing);
    return step;
}

bool convertStepTable(const CsvTable& table, const std::string& fileName,
                      SideFileResult<StepTime>& result) {
    const StepColumns columns(table.header);
    if (!haveColumns({{columns.computing, "Computing"}}, fileName, result.error))
        return false;
    for (std::size_t i = 0; i < table.rows.size(); ++i)
        result.rows.push_back(readStepRow(RowReader(table, i, result.problems), columns));
    return true;
}

const Json* memberAt(const Json& root, std::initializer_list<const char*> path) {
    const Json* node = &root;
    for (const char* key : path) {
        if (!node->is_object())
            return nullptr;
        const auto it = node->find(key);
        if (it == node->end())
            return nullptr;
        node = &*it;
    }
    return node;
}

std::optional<std::int64_t> integerAt(const Json& root, std::initializer_list<const char*> path) {
    const Json* node = memberAt(root, path);
    if (!node || !node->is_number_integer())
        return std::nullopt;
    // nlohmann stores non-negative integers unsigned; above int64 they would wrap.
    if (node->is_number_unsigned() &&
        node->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        return std::nullopt;
    return node->get<std::int64_t>();
}

std::string stringAt(const Json& root, std::initializer_list<const char*> path) {
    const Json* node = memberAt(root, path);
    return node && node->is_string() ? node->get<std::string>() : std::string();
}

// nlohmann prefixes its messages with "[json.exception.parse_error.101] ".
std::string jsonMessage(const nlohmann::json::exception& e) {
    std::string message = e.what();
    if (const std::size_t bracket = message.find("] "); bracket != std::string::npos)
        message.erase(0, bracket + 2);
    return message;
}

} // namespace

SideFileResult<KernelDetail> parseKernelDetails(std::string_view text,
                                                const std::string& fileName) {
    return parseSideCsv<KernelDetail>(text, fileName, convertKernelTable);
}

SideFileResult<KernelDetail> readKernelDetails(const std::string& path) {
    return readSideCsv<KernelDetail>(path, parseKernelDetails);
}

SideFileResult<StepTime> parseStepTraceTime(std::string_view text, const std::string& fileName) {
    return parseSideCsv<StepTime>(text, fileName, convertStepTable);
}

SideFileResult<StepTime> readStepTraceTime(const std::string& path) {
    return readSideCsv<StepTime>(path, parseStepTraceTime);
}

bool parseProfilerInfo(std::string_view json, const std::string& fileName, ProfilerInfo& info,
                       std::string& error) {
    Json root;
    try {
        root = Json::parse(json);
    } catch (const Json::exception& e) {
        error = fileName + ": " + jsonMessage(e);
        return false;
    }
    if (!root.is_object()) {
        error = fileName + ": not a JSON object";
        return false;
    }
    info = ProfilerInfo{};
    info.rankId = integerAt(root, {"rank_id"});
    info.profilerLevel = stringAt(root, {"config", "experimental_config", "_profiler_level"});
    info.endNs = integerAt(root, {"end_info", "collectionTimeEnd"});
    return true;
}

bool readProfilerInfo(const std::string& path, ProfilerInfo& info, std::string& error) {
    std::string text;
    return readTextFile(path, text, error) && parseProfilerInfo(text, path, info, error);
}

} // namespace lanescope::formats
