// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// torch_npu's DB export (export_type=db) read into the lanes of the text export.
//
// Mapping (tables as in torch_npu's TableColumnsManager and msprof's DB reference):
//   PYTORCH_API  -> "Python" process (pid = host pid), one lane per host thread ("Thread {tid}",
//                   globalTid = pid << 32 | tid); type op -> cat cpu_op, trace -> python_function,
//                   queue -> enqueue / dequeue (by name), mstx -> mstx. Nesting comes from time.
//   CANN_API     -> "CANN", same threads; names get the text export's level prefix
//                   (acl -> AscendCL@, node -> Node@, hccl -> Hccl@, runtime -> Runtime@,
//                   model -> Model@) and args.connection_id.
//   TASK         -> "Ascend Hardware" per device, lane "Stream {streamId}"; name from
//                   COMPUTE_TASK_INFO.name, else (a communication op's task on a compute stream,
//                   sharing its connectionId) the op's name, as kernel_details.csv lists it,
//                   else the task type (as the text export names copies, events and
//                   communication steps).
//   COMMUNICATION_OP -> "HCCL", lane "Group {n} Communication"; the TASK rows listed in
//                   COMMUNICATION_TASK_INFO also go to lane "Plane {planeId}" named by their
//                   communication task type (Reduce_Inline, Memcpy, Notify_Wait, ...).
//   OVERLAP_ANALYSIS -> "Overlap Analysis" lanes Computing / Communication /
//                   Communication(Not Overlapped) / Free (type 0..3).
//   AICORE_FREQ  -> counter "AI Core Freq" {MHz}. HBM, LLC, NPU_MEM and the memory tables are
//                   not mapped yet (their units differ from the text export's).
//   Flows: HostToDevice = CANN_API.connectionId == TASK/COMMUNICATION_OP.connectionId;
//   async_npu = a torch op's CONNECTION_IDS entry equal to a task's connectionId;
//   async_task_queue / fwdbwd = two PYTORCH_API rows sharing a CONNECTION_IDS connectionId
//   (Enqueue -> Dequeue; forward op -> later op). Steps come from the ProfilerStep#N op
//   (STEP_TIME holds the same range).
// Pids follow CANN's encoding (host_pid << 10 | sort_index << 5 | device) with the sort indexes
// of the January 2025 text export (CANN 7, Ascend Hardware 13, AI Core Freq 14, HCCL 15,
// Overlap Analysis 23), so decodeCannPid and the lane order work as for trace_view.json.
//
// Cross-check against the text export of the same job (Ascend/msinsight test data,
// pytorch/{db,text}/level1/rank0; the two exports are separate runs of the same script, taken
// 28 min apart, so only the structure is expected to agree):
//   lane kind        DB (level1 rank0)                      text (trace_view.json)
//   Python slices    2460 (1651 / 650 / 159 per thread)     2460 (1651 / 650 / 159)
//   CANN slices      710  (4 threads)                       707  (4 threads)
//   Ascend Hardware  552  (streams 0/2/3/4: 2/232/6/312)     535  (2/219/6/308)
//   HCCL group ops   4                                      4
//   HCCL plane steps 296 (8 planes)                         296 (8 planes)
//   Overlap Analysis 382 (187 / 4 / 101 / 90)                382 (187 / 4 / 101 / 90)
//   HostToDevice     254 (250 tasks + 4 HCCL ops)           215 (211 tasks + 4 HCCL ops)
//   async_npu        204 (200 tasks + 4 HCCL ops)           210 (206 tasks + 4 HCCL ops)
//   async_task_queue 159, fwdbwd 27                         159, 27
//   NPU tasks        556, 554 linked to CANN call+torch op  539, 537 linked
// Differences: the runs differ (stream 2 has 13 more tasks in the DB run; 17 kernel tasks there
// have no COMPUTE_TASK_INFO row and are named by their task type, KERNEL_AICORE / AI_CORE).
// The DB keeps no torch op flow for copies launched by aclrtMemcpyAsync (CONNECTION_IDS lists
// only the 187 Node@launch ids and the 4 HCCL ops); those tasks are still linked, through
// HostToDevice (CANN_API.connectionId) and the task queue (Dequeue -> Enqueue -> cpu_op). The
// tasks of a communication op share its connectionId: like the text export, only the op gets
// the flow, its tasks on the HCCL stream are linked through args.connection_id. Level0 DBs keep
// the CANN_API rows the Level0 text export prunes, and write COMMUNICATION_TASK_INFO without a
// plane (0xFFFFFFFF), so they show no Plane lanes, like the text export. The DB has no
// kernel_details.csv / step_trace_time.csv: taskDetails and profilerSteps stay empty. Counters
// other than AICORE_FREQ (HBM in B/s, LLC hit rate in %, NPU_MEM, ACC_PMU, ...) are not mapped:
// the text export rescales them and that scaling is not verified here.
#include "formats/ascend_db_reader.h"

#include "formats/load_error.h"
#include "formats/read_only_file.h"
#include "formats/text_repair.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sqlite3.h>
#include <sstream>
#include <unordered_map>

namespace lanescope::formats {

namespace {

using Json = nlohmann::json;

constexpr std::int64_t kSortPython = 0;
constexpr std::int64_t kSortCann = 7;
constexpr std::int64_t kSortHardware = 13;
constexpr std::int64_t kSortFreq = 14;
constexpr std::int64_t kSortHccl = 15;
constexpr std::int64_t kSortOverlap = 23;

// torch_npu's DB_INVALID_VALUE.
constexpr std::int64_t kInvalid = 4294967295;

constexpr const char* kOverlapNames[] = {"Computing", "Communication",
                                         "Communication(Not Overlapped)", "Free"};

// Columns holding STRING_IDS ids, per table (resolved for the args panel).
const std::map<std::string, std::set<std::string>, std::less<>>& stringColumns() {
    static const std::map<std::string, std::set<std::string>, std::less<>> columns = {
        {"PYTORCH_API", {"name", "inputDtypes", "inputShapes"}},
        {"CANN_API", {"name"}},
        {"TASK", {"taskType"}},
        {"COMPUTE_TASK_INFO",
         {"name", "taskType", "opType", "inputFormats", "inputDataTypes", "inputShapes",
          "outputFormats", "outputDataTypes", "outputShapes", "attrInfo"}},
        {"COMMUNICATION_TASK_INFO", {"name", "taskType", "groupName"}},
        {"COMMUNICATION_OP", {"opName", "groupName", "algType", "opType"}},
    };
    return columns;
}

// Columns holding an id of an ENUM_* table (id, name), per table: read back as the name.
const std::map<std::string, std::map<std::string, std::string>, std::less<>>& enumColumns() {
    static const std::map<std::string, std::map<std::string, std::string>, std::less<>> columns = {
        {"COMMUNICATION_TASK_INFO",
         {{"linkType", "ENUM_HCCL_LINK_TYPE"},
          {"transportType", "ENUM_HCCL_TRANSPORT_TYPE"},
          {"dataType", "ENUM_HCCL_DATA_TYPE"},
          {"rdmaType", "ENUM_HCCL_RDMA_TYPE"}}},
    };
    return columns;
}

class Statement;

// A file path as the path part of an SQLite URI: every byte but unreserved ones and '/' escaped.
std::string uriPath(const std::string& path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : std::filesystem::absolute(path).string()) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

// A read-only connection; every failure becomes a LoadError naming the file.
class Database {
public:
    explicit Database(const std::string& path) : path_(path) {
        requireRegularFile(path); // SQLite's open() would wait on a FIFO
        // immutable: a finished export is only read, so SQLite takes no locks and creates no
        // -wal/-shm files next to it (some exports are in WAL mode; the folder may be read-only).
        const std::string uri = "file:" + uriPath(path) + "?immutable=1";
        const int rc =
            sqlite3_open_v2(uri.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
        if (rc != SQLITE_OK) {
            const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            throw LoadError(path, std::nullopt, "cannot open SQLite database (" + why + ")");
        }
    }
    ~Database() { sqlite3_close(db_); }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }

    [[noreturn]] void fail(const std::string& what) const {
        const int code = sqlite3_errcode(db_);
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            throw LoadError(path_, std::nullopt,
                            std::string("not a readable SQLite database (") + sqlite3_errmsg(db_) +
                                ")");
        throw LoadError(path_, std::nullopt, what + ": " + sqlite3_errmsg(db_));
    }

    std::set<std::string> tables();

private:
    std::string path_;
    sqlite3* db_ = nullptr;
};

class Statement {
public:
    Statement(Database& db, const std::string& sql) : db_(db) {
        if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
            db.fail("cannot query (" + sql + ")");
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
    bool next() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            db_.fail("cannot read rows");
        return false;
    }
    bool null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
    // The cell when it holds an integer: INTEGER, or TEXT that is all one (PYTORCH_API.startNs is
    // TEXT in torch_npu's schema), or a REAL with no fraction. nullopt for anything else (NULL,
    // a BLOB, "abc", 1.5, 1e30).
    std::optional<std::int64_t> exactInteger(int c) const {
        switch (sqlite3_column_type(stmt_, c)) {
        case SQLITE_INTEGER:
            return sqlite3_column_int64(stmt_, c);
        case SQLITE_TEXT: {
            const std::string_view text = this->text(c);
            std::int64_t value = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size())
                return std::nullopt;
            return value;
        }
        case SQLITE_FLOAT: {
            const double value = sqlite3_column_double(stmt_, c);
            // 2^63 is the first double past INT64_MAX.
            if (value != std::trunc(value) || !(value >= -0x1p63 && value < 0x1p63))
                return std::nullopt;
            return static_cast<std::int64_t>(value);
        }
        default:
            return std::nullopt;
        }
    }
    // Lookup columns (ids, enum values) whose bad cells name nothing: 0.
    std::int64_t integer(int c) const { return exactInteger(c).value_or(0); }
    double real(int c) const { return sqlite3_column_double(stmt_, c); }
    std::string_view text(int c) const {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
        return data ? std::string_view(data,
                                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)))
                    : std::string_view();
    }
    // Text as the model keeps it: invalid UTF-8 repaired (validUtf8), as in JSON traces.
    std::string utf8(int c) const { return validUtf8(text(c)); }
    int columnCount() const { return sqlite3_column_count(stmt_); }
    std::string columnName(int c) const { return sqlite3_column_name(stmt_, c); }
    int type(int c) const { return sqlite3_column_type(stmt_, c); }

private:
    Database& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// The cells of one timeline row, read as their columns require. A cell that does not hold what
// its column must is reported (bad_database_value, naming the table, the row and the column)
// instead of being read as 0: a row without valid times is skipped, another bad cell reads as
// absent or 0.
class RowCells {
public:
    RowCells(const Statement& s, const char* table, Diagnostics& diagnostics,
             const std::string& file)
        : s_(s), table_(table), rowid_(s.exactInteger(0).value_or(0)), diagnostics_(diagnostics),
          file_(file) {}

    std::int64_t rowid() const { return rowid_; }
    std::int64_t integer(int c) const { return optionalInteger(c).value_or(0); }
    // NULL is absent, as torch_npu writes a missing connectionId.
    std::optional<std::int64_t> optionalInteger(int c) const {
        if (s_.null(c))
            return std::nullopt;
        const auto value = s_.exactInteger(c);
        if (!value)
            report(c, shown(c) + " is not an integer");
        return value;
    }
    // A time a trace can hold (model/time.h); reported with "the row is skipped" otherwise.
    std::optional<TimeNs> time(int c) const {
        const auto value = s_.exactInteger(c);
        if (!value)
            report(c, shown(c) + " is not an integer; the row is skipped");
        else if (*value < kMinEventTime || *value > kMaxEventTime)
            report(c, shown(c) + " is outside the times a trace can hold; the row is skipped");
        else
            return value;
        return std::nullopt;
    }
    // startNs and endNs in columns c and c + 1; false (reported) when the row must be skipped.
    bool span(int c, TimeNs& start, TimeNs& end) const {
        const auto from = time(c);
        const auto to = from ? time(c + 1) : std::nullopt;
        if (!to)
            return false;
        if (*to < *from) {
            report(c + 1, "ends before it starts (" + shown(c + 1) + " < " + shown(c) +
                              "); the row is skipped");
            return false;
        }
        start = *from;
        end = *to;
        return true;
    }
    std::optional<double> number(int c) const {
        if (s_.type(c) == SQLITE_INTEGER || s_.type(c) == SQLITE_FLOAT)
            return s_.real(c);
        report(c, shown(c) + " is not a number; the row is skipped");
        return std::nullopt;
    }

private:
    // The cell as the message shows it: numbers as they are, text quoted and cut.
    std::string shown(int c) const {
        switch (s_.type(c)) {
        case SQLITE_NULL:
            return "NULL";
        case SQLITE_BLOB:
            return "a BLOB";
        case SQLITE_INTEGER:
            return std::to_string(s_.exactInteger(c).value_or(0));
        case SQLITE_FLOAT: {
            std::ostringstream out;
            out << s_.real(c);
            return out.str();
        }
        default: {
            const std::string text = validUtf8(s_.text(c).substr(0, 40));
            return "'" + text + (s_.text(c).size() > 40 ? "…'" : "'");
        }
        }
    }
    void report(int c, std::string message) const {
        diagnostics_.report(diag::kBadDatabaseValue, file_, static_cast<std::uint64_t>(rowid_),
                            std::move(message),
                            std::string(table_) + " row " + std::to_string(rowid_) + ", column " +
                                s_.columnName(c));
    }

    const Statement& s_;
    const char* table_;
    std::int64_t rowid_;
    Diagnostics& diagnostics_;
    const std::string& file_;
};

std::set<std::string> Database::tables() {
    std::set<std::string> names;
    Statement s(*this, "SELECT name FROM sqlite_master WHERE type = 'table'");
    while (s.next())
        names.emplace(s.text(0));
    return names;
}

using Strings = std::unordered_map<std::int64_t, std::string>;

Strings readStrings(Database& db, const std::set<std::string>& tables) {
    Strings strings;
    if (!tables.count("STRING_IDS"))
        return strings;
    Statement s(db, "SELECT id, value FROM STRING_IDS");
    while (s.next())
        strings.emplace(s.integer(0), s.utf8(1));
    return strings;
}

std::map<std::int64_t, std::string> readEnum(Database& db, const std::set<std::string>& tables,
                                             const std::string& table) {
    std::map<std::int64_t, std::string> values;
    if (!tables.count(table))
        return values;
    Statement s(db, "SELECT id, name FROM " + table);
    while (s.next())
        values.emplace(s.integer(0), s.utf8(1));
    return values;
}

struct HostRow {
    std::int64_t rowid = 0;
    TimeNs start = 0;
    TimeNs end = 0;
    std::int64_t globalTid = 0;
    std::optional<std::int64_t> connection;
    std::int64_t name = 0;
    std::int64_t type = 0;
};

struct TaskRow {
    std::int64_t rowid = 0;
    TimeNs start = 0;
    TimeNs end = 0;
    std::int64_t device = 0;
    std::optional<std::int64_t> connection;
    std::int64_t globalTaskId = 0;
    std::int64_t taskType = 0;
    std::int64_t stream = 0;
};

struct CommTaskInfo {
    std::int64_t taskType = 0;
    std::int64_t plane = 0;
    std::int64_t group = 0;
};

struct CommOpRow {
    std::int64_t rowid = 0;
    std::int64_t name = 0;
    TimeNs start = 0;
    TimeNs end = 0;
    std::optional<std::int64_t> connection;
    std::int64_t group = 0;
};

// Writes the DB's rows as the lanes of the text export (trace_view.json): the same processes,
// threads, names and sort indexes, each row counted as the event kind the text export has.
class Emitter {
public:
    explicit Emitter(TraceBuilder& builder) : builder_(builder) {}

    void process(std::int64_t pid, const std::string& name, const char* label, std::int64_t sort) {
        const std::uint32_t p = builder_.process(IdToken::fromNumber(pid));
        builder_.countEvent("M");
        builder_.setProcessName(p, builder_.strings().intern(name));
        builder_.countEvent("M");
        builder_.addProcessLabel(p, builder_.strings().intern(label));
        builder_.countEvent("M");
        builder_.setProcessSortIndex(p, sort);
    }
    void thread(std::int64_t pid, std::int64_t tid, const std::string& name, std::int64_t sort) {
        const std::uint32_t t = builder_.thread(IdToken::fromNumber(pid), IdToken::fromNumber(tid));
        builder_.countEvent("M");
        builder_.setThreadName(t, builder_.strings().intern(name));
        builder_.countEvent("M");
        builder_.setThreadSortIndex(t, sort);
    }
    // A row spanning [start, end) on a thread; `connection` joins it to its CANN call.
    void slice(std::int64_t pid, std::int64_t tid, std::string_view name, std::string_view category,
               TimeNs start, TimeNs end, std::uint64_t key,
               std::optional<std::int64_t> connection = std::nullopt) {
        builder_.countEvent("X");
        builder_.extendTime(start);
        const std::uint32_t t = builder_.thread(IdToken::fromNumber(pid), IdToken::fromNumber(tid));
        const StringId nameId = builder_.strings().intern(name);
        const StringId categoryId = builder_.strings().intern(category);
        if (end < start)
            builder_.report(diag::kNegativeDuration, key,
                            "ends before it starts; drawn with zero length");
        const std::uint32_t seq =
            builder_.addSlice(t, PendingSlice::Kind::Complete, start,
                              std::max<TimeNs>(0, end - start), nameId, categoryId, key);
        if (connection)
            builder_.addJoinKey(t, seq, JoinKey::ConnectionId, *connection);
        written_.push_back({key, t, seq});
        sorted_ = false;
    }
    void counter(std::int64_t pid, std::string_view name, TimeNs ts, std::string_view series,
                 double value) {
        builder_.countEvent("C");
        builder_.extendTime(ts);
        const std::uint32_t p = builder_.process(IdToken::fromNumber(pid));
        const std::uint32_t c =
            builder_.counter(p, builder_.strings().intern(name), builder_.strings().intern(""));
        builder_.addCounterValue(c, builder_.strings().intern(series), ts, value);
    }

    // Where the row with this key was written, or null (a row skipped).
    struct Written {
        std::uint64_t key;
        std::uint32_t thread;
        std::uint32_t seq;
    };
    const Written* written(std::uint64_t key) {
        const auto byKey = [](const Written& a, const Written& b) { return a.key < b.key; };
        if (!sorted_)
            std::sort(written_.begin(), written_.end(), byKey);
        sorted_ = true;
        const auto it =
            std::lower_bound(written_.begin(), written_.end(), Written{key, 0, 0}, byKey);
        return it != written_.end() && it->key == key ? &*it : nullptr;
    }

private:
    TraceBuilder& builder_;
    std::vector<Written> written_;
    bool sorted_ = true;
};

// Host pids are 32-bit; a larger one (a corrupt globalPid) would not fit the encoding.
std::int64_t cannPid(std::int64_t hostPid, std::int64_t sort, std::int64_t device) {
    return ((hostPid & 0xffffffff) << 10) | (sort << 5) | (device & 31);
}

std::string cannPrefix(const std::string& level) {
    if (level == "acl")
        return "AscendCL@";
    if (level == "node")
        return "Node@";
    if (level == "hccl")
        return "Hccl@";
    if (level == "runtime")
        return "Runtime@";
    if (level == "model")
        return "Model@";
    if (level.empty())
        return "";
    std::string prefix = level;
    prefix[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(prefix[0])));
    return prefix + "@";
}

class Reader {
public:
    Reader(TraceBuilder& builder, Database& db, std::set<std::string> tables,
           const LoadOptions& options)
        : builder_(builder), db_(db), options_(options), emit_(builder),
          tables_(std::move(tables)) {}

    AscendDbRead run();

private:
    const std::string& str(std::int64_t id) const {
        static const std::string empty;
        const auto it = strings_.find(id);
        return it == strings_.end() ? empty : it->second;
    }
    bool has(const char* table) const { return tables_.count(table) != 0; }
    RowCells cellsOf(const Statement& s, const char* table) {
        return RowCells(s, table, builder_.diagnostics(), builder_.currentFile());
    }
    void checkCancel() const {
        if (options_.cancel && options_.cancel->load())
            throw LoadCancelled();
    }
    std::int64_t apiType(const std::map<std::int64_t, std::string>& types, const char* name,
                         std::int64_t fallback) const {
        for (const auto& [id, text] : types)
            if (text == name)
                return id;
        return fallback;
    }

    void readRows();
    void readHostRows(const char* table, std::vector<HostRow>& rows);
    void emitHost();
    void emitDevice();
    void emitOverlapAndCounters();
    void recordFlows();
    // A flow between the rows with keys `from` and `to`, when both were written.
    void addFlow(const char* category, const std::string& name, EventId id, std::uint64_t from,
                 std::uint64_t to) {
        const StringId categoryId = builder_.strings().intern(category);
        const StringId nameId = builder_.strings().intern(name);
        const Emitter::Written* a = emit_.written(from);
        const Emitter::Written* b = emit_.written(to);
        if (!a || !b)
            return;
        builder_.countEvent("s");
        builder_.countEvent("f");
        builder_.linkSlices(a->thread, a->seq, b->thread, b->seq, categoryId, nameId, id);
    }

    TraceBuilder& builder_;
    Database& db_;
    const LoadOptions& options_;
    Emitter emit_;
    AscendDbRead result_;
    std::set<std::string> tables_;
    Strings strings_;
    std::map<std::int64_t, std::string> apiTypes_;
    std::vector<HostRow> torch_;
    std::vector<HostRow> cann_;
    std::vector<TaskRow> tasks_;
    std::vector<CommOpRow> commOps_;
    std::unordered_map<std::int64_t, std::int64_t> computeName_; // globalTaskId -> name id
    std::unordered_map<std::int64_t, CommTaskInfo> commTask_;    // globalTaskId -> info
    std::multimap<std::int64_t, std::int64_t> connectionIds_;    // CONNECTION_IDS id -> conn
    std::int64_t hostPid_ = 0;
    std::int64_t typeOp_ = 50001, typeQueue_ = 50002, typeTrace_ = 50003, typeMstx_ = 50004;
};

// PYTORCH_API and CANN_API share their columns.
void Reader::readHostRows(const char* table, std::vector<HostRow>& rows) {
    if (has(table)) {
        Statement s(db_, std::string("SELECT rowid, startNs, endNs, globalTid, connectionId, "
                                     "name, type FROM ") +
                             table);
        while (s.next()) {
            const RowCells cells = cellsOf(s, table);
            HostRow row;
            if (!cells.span(1, row.start, row.end))
                continue;
            row.rowid = cells.rowid();
            row.globalTid = cells.integer(3);
            row.connection = cells.optionalInteger(4);
            row.name = cells.integer(5);
            row.type = cells.integer(6);
            rows.push_back(row);
        }
    }
    checkCancel();
}

void Reader::readRows() {
    readHostRows("PYTORCH_API", torch_);
    readHostRows("CANN_API", cann_);
    if (has("TASK")) {
        Statement s(db_, "SELECT rowid, startNs, endNs, deviceId, connectionId, globalTaskId, "
                         "taskType, streamId, globalPid FROM TASK");
        while (s.next()) {
            const RowCells cells = cellsOf(s, "TASK");
            TaskRow task;
            if (!cells.span(1, task.start, task.end))
                continue;
            task.rowid = cells.rowid();
            task.device = cells.integer(3);
            task.connection = cells.optionalInteger(4);
            task.globalTaskId = cells.integer(5);
            task.taskType = cells.integer(6);
            task.stream = cells.integer(7);
            tasks_.push_back(task);
            if (hostPid_ == 0)
                hostPid_ = cells.integer(8);
        }
    }
    if (has("COMPUTE_TASK_INFO")) {
        Statement s(db_, "SELECT globalTaskId, name FROM COMPUTE_TASK_INFO");
        while (s.next())
            computeName_.emplace(s.integer(0), s.integer(1));
    }
    if (has("COMMUNICATION_TASK_INFO")) {
        Statement s(
            db_, "SELECT globalTaskId, taskType, planeId, groupName FROM COMMUNICATION_TASK_INFO");
        // Level0 writes the rows without a plane (0xFFFFFFFF): op-level data only, like its
        // text export, which has no Plane lanes.
        while (s.next())
            if (s.integer(2) != kInvalid)
                commTask_.emplace(s.integer(0),
                                  CommTaskInfo{s.integer(1), s.integer(2), s.integer(3)});
    }
    if (has("COMMUNICATION_OP")) {
        Statement s(db_, "SELECT rowid, opName, startNs, endNs, connectionId, groupName "
                         "FROM COMMUNICATION_OP");
        while (s.next()) {
            const RowCells cells = cellsOf(s, "COMMUNICATION_OP");
            CommOpRow op;
            if (!cells.span(2, op.start, op.end))
                continue;
            op.rowid = cells.rowid();
            op.name = cells.integer(1);
            op.connection = cells.optionalInteger(4);
            op.group = cells.integer(5);
            commOps_.push_back(op);
        }
    }
    if (has("CONNECTION_IDS")) {
        Statement s(db_, "SELECT id, connectionId FROM CONNECTION_IDS");
        while (s.next())
            connectionIds_.emplace(s.integer(0), s.integer(1));
    }
    checkCancel();
    // The real host pid: globalTid is pid << 32 | tid; TASK.globalPid when there is no host data.
    if (!torch_.empty())
        hostPid_ = torch_.front().globalTid >> 32;
    else if (!cann_.empty())
        hostPid_ = cann_.front().globalTid >> 32;
}

void Reader::emitHost() {
    std::set<std::int64_t> pythonTids;
    std::set<std::int64_t> dequeueTids;
    for (const HostRow& row : torch_) {
        const std::int64_t tid = row.globalTid & 0xffffffff;
        pythonTids.insert(tid);
        if (row.type == typeQueue_ && str(row.name).starts_with("Dequeue"))
            dequeueTids.insert(tid);
    }
    if (!torch_.empty()) {
        emit_.process(hostPid_, "Python", "CPU", kSortPython);
        // torch_npu sorts the task-queue (dequeue) thread after every other Python thread.
        const std::int64_t last = pythonTids.empty() ? 0 : *pythonTids.rbegin();
        for (std::int64_t tid : pythonTids)
            emit_.thread(hostPid_, tid, "Thread " + std::to_string(tid),
                         dequeueTids.count(tid) ? last + 1 : tid);
    }
    for (const HostRow& row : torch_) {
        const std::string& name = str(row.name);
        std::string_view category;
        if (row.type == typeOp_)
            category = "cpu_op";
        else if (row.type == typeTrace_)
            category = "python_function";
        else if (row.type == typeQueue_)
            category = name.starts_with("Dequeue") ? "dequeue" : "enqueue";
        else if (row.type == typeMstx_)
            category = "mstx";
        emit_.slice(hostPid_, row.globalTid & 0xffffffff, name, category, row.start, row.end,
                    ascendDbRowKey(AscendDbTable::PytorchApi, row.rowid));
    }
    checkCancel();
    if (cann_.empty())
        return;
    const std::int64_t pid = cannPid(hostPid_, kSortCann, 0);
    emit_.process(pid, "CANN", "CPU", kSortCann);
    std::set<std::int64_t> tids;
    for (const HostRow& row : cann_)
        tids.insert(row.globalTid & 0xffffffff);
    for (std::int64_t tid : tids)
        emit_.thread(pid, tid, "Thread " + std::to_string(tid), tid);
    std::string name;
    for (const HostRow& row : cann_) {
        const auto level = apiTypes_.find(row.type);
        name = cannPrefix(level == apiTypes_.end() ? std::string() : level->second) + str(row.name);
        emit_.slice(pid, row.globalTid & 0xffffffff, name, "", row.start, row.end,
                    ascendDbRowKey(AscendDbTable::CannApi, row.rowid), row.connection);
    }
    checkCancel();
}

void Reader::emitDevice() {
    std::map<std::int64_t, std::set<std::int64_t>> streams; // device -> streams
    for (const TaskRow& task : tasks_)
        streams[task.device].insert(task.stream);
    for (const auto& [device, ids] : streams) {
        const std::int64_t pid = cannPid(hostPid_, kSortHardware, device);
        emit_.process(pid, "Ascend Hardware", "NPU", kSortHardware);
        for (std::int64_t stream : ids)
            emit_.thread(pid, stream, "Stream " + std::to_string(stream), stream);
    }
    // A communication op's own task on a compute stream (no COMPUTE_TASK_INFO row, not one of
    // its steps on a plane) is named after the op, as kernel_details.csv lists it.
    std::map<std::int64_t, std::int64_t> commOpName; // connectionId -> op name id
    for (const CommOpRow& op : commOps_)
        if (op.connection)
            commOpName.emplace(*op.connection, op.name);
    for (const TaskRow& task : tasks_) {
        const auto compute = computeName_.find(task.globalTaskId);
        const auto comm = task.connection && !commTask_.count(task.globalTaskId)
                              ? commOpName.find(*task.connection)
                              : commOpName.end();
        const std::string& name = compute != computeName_.end() ? str(compute->second)
                                  : comm != commOpName.end()    ? str(comm->second)
                                                                : str(task.taskType);
        emit_.slice(cannPid(hostPid_, kSortHardware, task.device), task.stream, name, "",
                    task.start, task.end, ascendDbRowKey(AscendDbTable::Task, task.rowid),
                    task.connection);
    }
    checkCancel();

    // HCCL: one "Group n Communication" lane per communication group, then the planes.
    std::map<std::int64_t, std::int64_t> groups; // group name id -> index
    for (const CommOpRow& op : commOps_)
        groups.emplace(op.group, 0);
    std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> planeDevices; // device, plane
    for (const TaskRow& task : tasks_)
        if (auto info = commTask_.find(task.globalTaskId); info != commTask_.end())
            planeDevices.emplace(std::make_pair(task.device, info->second.plane), 0);
    if (groups.empty() && planeDevices.empty())
        return;
    std::int64_t index = 0;
    for (auto& [group, number] : groups)
        number = index++;
    const auto planeTid = [&](std::int64_t plane) {
        return static_cast<std::int64_t>(groups.size()) + plane;
    };
    std::set<std::int64_t> devices;
    for (const auto& [key, unused] : planeDevices)
        devices.insert(key.first);
    const std::int64_t opDevice =
        !tasks_.empty() ? tasks_.front().device : (devices.empty() ? 0 : *devices.begin());
    devices.insert(opDevice);
    for (std::int64_t device : devices) {
        const std::int64_t pid = cannPid(hostPid_, kSortHccl, device);
        emit_.process(pid, "HCCL", "NPU", kSortHccl);
        if (device == opDevice)
            for (const auto& [group, number] : groups)
                emit_.thread(pid, number, "Group " + std::to_string(number) + " Communication",
                             number);
        for (const auto& [key, unused] : planeDevices)
            if (key.first == device)
                emit_.thread(pid, planeTid(key.second), "Plane " + std::to_string(key.second),
                             planeTid(key.second));
    }
    for (const CommOpRow& op : commOps_) {
        emit_.slice(cannPid(hostPid_, kSortHccl, opDevice), groups[op.group], str(op.name), "",
                    op.start, op.end, ascendDbRowKey(AscendDbTable::CommunicationOp, op.rowid),
                    op.connection);
    }
    for (const TaskRow& task : tasks_) {
        const auto info = commTask_.find(task.globalTaskId);
        if (info == commTask_.end())
            continue;
        emit_.slice(cannPid(hostPid_, kSortHccl, task.device), planeTid(info->second.plane),
                    str(info->second.taskType), "", task.start, task.end,
                    ascendDbRowKey(AscendDbTable::TaskPlane, task.rowid));
    }
    checkCancel();
}

void Reader::emitOverlapAndCounters() {
    if (has("OVERLAP_ANALYSIS")) {
        std::set<std::int64_t> devices;
        Statement s(db_, "SELECT rowid, deviceId, startNs, endNs, type FROM OVERLAP_ANALYSIS");
        while (s.next()) {
            const RowCells cells = cellsOf(s, "OVERLAP_ANALYSIS");
            const std::int64_t type = cells.integer(4);
            TimeNs start = 0;
            TimeNs end = 0;
            if (type < 0 || type > 3 || !cells.span(2, start, end))
                continue;
            const std::int64_t device = cells.integer(1);
            const std::int64_t pid = cannPid(hostPid_, kSortOverlap, device);
            if (devices.insert(device).second) {
                emit_.process(pid, "Overlap Analysis", "NPU", kSortOverlap);
                for (std::int64_t t = 0; t < 4; ++t)
                    emit_.thread(pid, t, kOverlapNames[t], t);
            }
            emit_.slice(pid, type, kOverlapNames[type], "", start, end,
                        ascendDbRowKey(AscendDbTable::OverlapAnalysis, cells.rowid()));
        }
    }
    if (has("AICORE_FREQ")) {
        std::set<std::int64_t> devices;
        Statement s(db_, "SELECT rowid, deviceId, timestampNs, freq FROM AICORE_FREQ");
        while (s.next()) {
            const RowCells cells = cellsOf(s, "AICORE_FREQ");
            const auto time = cells.time(2);
            const auto mhz = time ? cells.number(3) : std::nullopt;
            if (!mhz)
                continue;
            const std::int64_t device = cells.integer(1);
            const std::int64_t pid = cannPid(hostPid_, kSortFreq, device);
            if (devices.insert(device).second)
                emit_.process(pid, "AI Core Freq", "NPU", kSortFreq);
            emit_.counter(pid, "AI Core Freq", *time, "MHz", *mhz);
        }
    }
    checkCancel();
}

void Reader::recordFlows() {
    std::unordered_map<std::int64_t, const HostRow*> cannByConnection;
    for (const HostRow& row : cann_)
        if (row.connection)
            cannByConnection.emplace(*row.connection, &row);
    std::unordered_multimap<std::int64_t, const TaskRow*> tasksByConnection;
    for (const TaskRow& task : tasks_)
        if (task.connection)
            tasksByConnection.emplace(*task.connection, &task);
    std::unordered_map<std::int64_t, const CommOpRow*> opsByConnection;
    for (const CommOpRow& op : commOps_)
        if (op.connection)
            opsByConnection.emplace(*op.connection, &op);

    // HostToDevice: the CANN call that launched each task / communication op. The tasks of a
    // communication op share its connectionId; like the text export, only the op gets a flow.
    for (const TaskRow& task : tasks_) {
        if (!task.connection || opsByConnection.count(*task.connection))
            continue;
        if (auto call = cannByConnection.find(*task.connection); call != cannByConnection.end())
            addFlow("HostToDevice", "HostToDevice" + std::to_string(*task.connection),
                    EventId{static_cast<std::uint64_t>(*task.connection), false, false},
                    ascendDbRowKey(AscendDbTable::CannApi, call->second->rowid),
                    ascendDbRowKey(AscendDbTable::Task, task.rowid));
    }
    for (const CommOpRow& op : commOps_) {
        if (!op.connection)
            continue;
        if (auto call = cannByConnection.find(*op.connection); call != cannByConnection.end())
            addFlow("HostToDevice", "HostToDevice" + std::to_string(*op.connection),
                    EventId{static_cast<std::uint64_t>(*op.connection), false, false},
                    ascendDbRowKey(AscendDbTable::CannApi, call->second->rowid),
                    ascendDbRowKey(AscendDbTable::CommunicationOp, op.rowid));
    }

    // Torch rows by the connection ids CONNECTION_IDS lists for them.
    std::map<std::int64_t, std::vector<const HostRow*>> torchByConnection;
    for (const HostRow& row : torch_) {
        if (!row.connection)
            continue;
        const auto [begin, end] = connectionIds_.equal_range(*row.connection);
        for (auto it = begin; it != end; ++it)
            torchByConnection[it->second].push_back(&row);
    }
    for (const auto& [connection, rows] : torchByConnection) {
        const auto op = opsByConnection.find(connection);
        auto [taskBegin, taskEnd] = tasksByConnection.equal_range(connection);
        if (op != opsByConnection.end())
            taskBegin = taskEnd;
        if (taskBegin != taskEnd || op != opsByConnection.end()) {
            // async_npu: the torch op -> its device work; the id is the task's start in ns.
            for (const HostRow* row : rows) {
                if (row->type != typeOp_)
                    continue;
                const std::uint64_t from = ascendDbRowKey(AscendDbTable::PytorchApi, row->rowid);
                for (auto it = taskBegin; it != taskEnd; ++it)
                    addFlow("async_npu", "torch_to_npu",
                            EventId{static_cast<std::uint64_t>(it->second->start), false, false},
                            from, ascendDbRowKey(AscendDbTable::Task, it->second->rowid));
                if (op != opsByConnection.end())
                    addFlow("async_npu", "torch_to_npu",
                            EventId{static_cast<std::uint64_t>(op->second->start), false, false},
                            from,
                            ascendDbRowKey(AscendDbTable::CommunicationOp, op->second->rowid));
            }
            continue;
        }
        if (rows.size() != 2)
            continue;
        const EventId id{static_cast<std::uint64_t>(connection), false, false};
        const HostRow* a = rows[0];
        const HostRow* b = rows[1];
        if (a->type == typeQueue_ && b->type == typeQueue_) {
            if (!str(a->name).starts_with("Enqueue"))
                std::swap(a, b);
            addFlow("async_task_queue", "enqueue_to_dequeue", id,
                    ascendDbRowKey(AscendDbTable::PytorchApi, a->rowid),
                    ascendDbRowKey(AscendDbTable::PytorchApi, b->rowid));
        } else if (a->type == typeOp_ && b->type == typeOp_) {
            if (b->start < a->start)
                std::swap(a, b);
            addFlow("fwdbwd", "fwdbwd", id, ascendDbRowKey(AscendDbTable::PytorchApi, a->rowid),
                    ascendDbRowKey(AscendDbTable::PytorchApi, b->rowid));
        }
    }
}

AscendDbRead Reader::run() {
    strings_ = readStrings(db_, tables_);
    apiTypes_ = readEnum(db_, tables_, "ENUM_API_TYPE");
    typeOp_ = apiType(apiTypes_, "op", typeOp_);
    typeQueue_ = apiType(apiTypes_, "queue", typeQueue_);
    typeTrace_ = apiType(apiTypes_, "trace", typeTrace_);
    typeMstx_ = apiType(apiTypes_, "mstx", typeMstx_);
    readRows();
    emitHost();
    emitDevice();
    emitOverlapAndCounters();
    recordFlows();
    result_.file = builder_.fileCount() - 1;
    return std::move(result_);
}

const char* tableName(AscendDbTable table) {
    switch (table) {
    case AscendDbTable::PytorchApi:
        return "PYTORCH_API";
    case AscendDbTable::CannApi:
        return "CANN_API";
    case AscendDbTable::Task:
    case AscendDbTable::TaskPlane:
        return "TASK";
    case AscendDbTable::CommunicationOp:
        return "COMMUNICATION_OP";
    case AscendDbTable::OverlapAnalysis:
        return "OVERLAP_ANALYSIS";
    }
    return nullptr;
}

// The name of `id` in an ENUM_* table, or the id when the table or the id is missing.
Json enumName(Database& db, const std::string& enumTable, std::int64_t id) {
    if (!db.tables().count(enumTable))
        return id;
    Statement lookup(db, "SELECT name FROM " + enumTable + " WHERE id = ?");
    lookup.bind(1, id);
    return lookup.next() ? Json(lookup.utf8(0)) : Json(id);
}

// One row as {column: value}, string-id and enum columns resolved.
Json rowObject(Statement& s, const std::string& table, Database& db) {
    Json columns = Json::object();
    const auto ids = stringColumns().find(table);
    const auto enums = enumColumns().find(table);
    for (int c = 0; c < s.columnCount(); ++c) {
        const std::string name = s.columnName(c);
        if (name == "rowid")
            continue;
        switch (s.type(c)) {
        case SQLITE_NULL:
            columns[name] = nullptr;
            break;
        case SQLITE_INTEGER:
            if (ids != stringColumns().end() && ids->second.count(name)) {
                Statement lookup(db, "SELECT value FROM STRING_IDS WHERE id = ?");
                lookup.bind(1, s.integer(c));
                columns[name] = lookup.next() ? Json(lookup.utf8(0)) : Json(s.integer(c));
            } else if (enums != enumColumns().end() && enums->second.count(name)) {
                columns[name] = enumName(db, enums->second.at(name), s.integer(c));
            } else {
                columns[name] = s.integer(c);
            }
            break;
        case SQLITE_FLOAT:
            columns[name] = s.real(c);
            break;
        default:
            columns[name] = s.utf8(c);
            break;
        }
    }
    return columns;
}

std::optional<Json> infoRow(Database& db, const std::set<std::string>& tables,
                            const std::string& table, std::int64_t globalTaskId) {
    if (!tables.count(table))
        return std::nullopt;
    Statement s(db, "SELECT * FROM " + table + " WHERE globalTaskId = ?");
    s.bind(1, globalTaskId);
    if (!s.next())
        return std::nullopt;
    return rowObject(s, table, db);
}

Json readRow(Database& db, std::uint64_t rowKey) {
    const auto table = static_cast<AscendDbTable>(rowKey >> 56);
    const char* name = tableName(table);
    if (!name)
        throw LoadError(db.path(), std::nullopt, "the slice does not refer to a database row");
    const auto rowid = static_cast<std::int64_t>(rowKey & ((std::uint64_t{1} << 56) - 1));
    Statement s(db, std::string("SELECT * FROM ") + name + " WHERE rowid = ?");
    s.bind(1, rowid);
    if (!s.next())
        throw LoadError(db.path(), std::nullopt,
                        std::string("no row ") + std::to_string(rowid) + " in " + name);
    Json row = {{"table", name}, {"rowid", rowid}, {"columns", rowObject(s, name, db)}};
    if (table == AscendDbTable::Task || table == AscendDbTable::TaskPlane) {
        const std::set<std::string> tables = db.tables();
        const std::int64_t id = row["columns"].value("globalTaskId", std::int64_t{-1});
        if (auto info = infoRow(db, tables, "COMPUTE_TASK_INFO", id))
            row["columns"]["COMPUTE_TASK_INFO"] = *info;
        if (auto info = infoRow(db, tables, "COMMUNICATION_TASK_INFO", id))
            row["columns"]["COMMUNICATION_TASK_INFO"] = *info;
    }
    return row;
}

} // namespace

AscendDbRead readAscendDb(TraceBuilder& builder, const std::string& path,
                          std::optional<std::int64_t> rank, const LoadOptions& options) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec)
        throw LoadError(path, std::nullopt, "cannot open (" + ec.message() + ")");
    Database db(path);
    // Checked before the file joins the builder, so a bad rank leaves nothing behind.
    std::set<std::string> tables = db.tables();
    if (!tables.count("PYTORCH_API") && !tables.count("CANN_API") && !tables.count("TASK"))
        throw LoadError(path, std::nullopt,
                        "no timeline tables (PYTORCH_API, CANN_API or TASK) in the database");
    SourceFile file{path, size, size, false, rank};
    file.database = true;
    builder.beginFile(std::move(file));
    AscendDbRead read = Reader(builder, db, std::move(tables), options).run();
    if (options.progress)
        options.progress({size, size, builder.eventCount(), 0, nullptr, false});
    return read;
}

std::string ascendDbPosition(std::uint64_t rowKey) {
    const char* table = tableName(static_cast<AscendDbTable>(rowKey >> 56));
    const std::uint64_t rowid = rowKey & ((std::uint64_t{1} << 56) - 1);
    return table ? std::string(table) + " row " + std::to_string(rowid)
                 : "row key " + std::to_string(rowKey);
}

void finishAscendDbReads(Trace& trace, const std::vector<AscendDbRead>& reads) {
    for (const AscendDbRead& read : reads)
        trace.diagnostics.nameLocations(trace.files.at(read.file).path, ascendDbPosition);
}

bool readAscendDbRow(const std::string& path, std::uint64_t rowKey, nlohmann::json& row,
                     std::string& error) {
    try {
        Database db(path);
        row = readRow(db, rowKey);
        return true;
    } catch (const LoadError& e) {
        error = e.what();
        return false;
    }
}

} // namespace lanescope::formats
