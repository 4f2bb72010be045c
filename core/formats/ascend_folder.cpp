// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/ascend_folder.h"

#include "formats/load_error.h"
#include "formats/read_only_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>

namespace lanescope::formats {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOutputFolder = "ASCEND_PROFILER_OUTPUT";
constexpr std::string_view kTraceView = "trace_view.json";
// profiler_info is a few KiB; the cap only guards against a wrong file with that name.
constexpr std::uintmax_t kMaxProfilerInfoBytes = 16u << 20;
// Ranks are ints in torch.distributed; the cap also keeps rank + 1 from overflowing.
constexpr std::int64_t kMaxRank = std::numeric_limits<std::int32_t>::max();

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view digitRun(const std::string& text, std::size_t& pos) {
    const std::size_t start = pos;
    while (pos < text.size() && isDigit(text[pos]))
        ++pos;
    std::string_view run(text.data() + start, pos - start);
    run.remove_prefix(std::min(run.find_first_not_of('0'), run.size()));
    return run;
}

// Digit runs compare by value so rank9 comes before rank10, as file browsers show them.
bool naturalLess(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            const std::string_view x = digitRun(a, i);
            const std::string_view y = digitRun(b, j);
            if (x.size() != y.size())
                return x.size() < y.size();
            if (x != y)
                return x < y;
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j];
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

// A total order: names equal in natural order ("r01", "r1") still sort the same way every run.
bool folderOrder(const std::string& a, const std::string& b) {
    if (naturalLess(a, b) || naturalLess(b, a))
        return naturalLess(a, b);
    return a < b;
}

bool isDirectory(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

bool isFile(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::string fileOrEmpty(const fs::path& path) {
    return isFile(path) ? path.string() : "";
}

// torch_npu's DB export: ascend_pytorch_profiler_{rank}.db (no rank on a single card).
// analysis.db next to it holds communication statistics, not a timeline.
bool isDbExportName(const fs::path& file) {
    const std::string name = file.filename().string();
    return name.starts_with("ascend_pytorch_profiler") && name.ends_with(".db");
}

bool isProfilerFolderName(const fs::path& dir) {
    const std::string name = dir.filename().string();
    return name.ends_with("_ascend_pt") || name.ends_with("_ascend_ms");
}

// torch_npu's CANN data folder, PROF_{num}_{timestamp}_{string}; its msprof JSON is not read yet.
bool isCannDataName(const fs::path& dir) {
    const std::string name = dir.filename().string();
    return name.starts_with("PROF_") && name.size() > 5 && isDigit(name[5]);
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

struct ProfilerInfoName {
    bool matches = false;
    std::optional<std::int64_t> rank;
};

// profiler_info_{N}.json (multi-card) or profiler_info.json (single card, no rank).
ProfilerInfoName parseProfilerInfoName(const std::string& name) {
    if (name == "profiler_info.json")
        return {true, std::nullopt};
    constexpr std::string_view prefix = "profiler_info_";
    constexpr std::string_view suffix = ".json";
    if (name.size() <= prefix.size() + suffix.size() || !name.starts_with(prefix) ||
        !name.ends_with(suffix))
        return {};
    const std::string_view digits =
        std::string_view(name).substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (!std::all_of(digits.begin(), digits.end(), isDigit))
        return {};
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error != std::errc() || number > kMaxRank)
        return {true, std::nullopt};
    return {true, number};
}

struct RankIdResult {
    std::optional<std::int64_t> rank;
    std::string problem; // empty when the file was read and rank_id is absent, -1 or a rank
};

RankIdResult rankIdOf(const nlohmann::json& info) {
    if (!info.is_object())
        return {std::nullopt, "not a JSON object, rank_id not read"};
    const auto it = info.find("rank_id");
    // -1 is what torch_npu writes for a run that is not distributed.
    if (it == info.end() || (it->is_number_integer() && *it == -1))
        return {};
    // Non-negative JSON integers parse as unsigned.
    if (it->is_number_unsigned() && it->get<std::uint64_t>() <= std::uint64_t(kMaxRank))
        return {static_cast<std::int64_t>(it->get<std::uint64_t>()), {}};
    std::string shown = it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (shown.size() > 40)
        shown = shown.substr(0, 40) + "…";
    return {std::nullopt, "\"rank_id\" is " + shown + ", not a rank number; not used"};
}

RankIdResult readRankId(const fs::path& file) {
    std::string text;
    try {
        text = readWholeFile(file.string(), kMaxProfilerInfoBytes);
    } catch (const LoadError& e) {
        return {std::nullopt, e.message() + ", rank_id not read"};
    }
    const auto info = nlohmann::json::parse(text, nullptr, false);
    if (info.is_discarded())
        return {std::nullopt, "not valid JSON, rank_id not read"};
    return rankIdOf(info);
}

// Side files of a trace live next to it; the rank folder is the one above
// ASCEND_PROFILER_OUTPUT, or the trace's own folder when the layout was flattened.
fs::path rankFolderOf(const fs::path& trace) {
    const fs::path parent = trace.parent_path();
    return parent.filename() == kOutputFolder ? parent.parent_path() : parent;
}

struct Listing {
    std::vector<fs::directory_entry> entries;
    std::string problem; // empty when the whole folder was listed
};

class Scanner {
public:
    explicit Scanner(AscendDiscovery& found) : found_(found) {}

    void visit(const fs::path& dir, int depth);
    void addTrace(const fs::path& trace);
    void addDatabase(const fs::path& database);
    std::size_t foldersLooked() const { return folders_; }

private:
    bool firstVisit(const fs::path& dir);
    Listing list(const fs::path& dir);
    void descend(const fs::path& dir, const std::vector<fs::directory_entry>& entries, int depth);
    void addOutputFolder(const fs::path& output, const fs::path& rankFolder);
    void readRank(const fs::path& folder, AscendRankInput& input);
    void stop();
    void ignore(const fs::path& path, std::string why) {
        found_.ignored.emplace_back(path.string(), std::move(why));
    }

    AscendDiscovery& found_;
    std::set<fs::path> visited_;
    std::size_t entries_ = 0;
    std::size_t folders_ = 0;
    bool stopped_ = false;
};

bool Scanner::firstVisit(const fs::path& dir) {
    std::error_code ec;
    const fs::path real = fs::canonical(dir, ec);
    return visited_.insert(ec ? dir : real).second;
}

Listing Scanner::list(const fs::path& dir) {
    Listing listing;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (stopped_ || ++entries_ > kAscendMaxEntries) {
            stop();
            listing.problem =
                "entry limit (" + std::to_string(kAscendMaxEntries) + " directory entries visited)";
            return listing;
        }
        listing.entries.push_back(*it);
    }
    if (ec)
        listing.problem = "unreadable (" + ec.message() + ")";
    return listing;
}

void Scanner::stop() {
    if (!stopped_)
        found_.notes.push_back("stopped scanning after " + std::to_string(kAscendMaxEntries) +
                               " directory entries: some ranks may be missing");
    stopped_ = true;
}

void Scanner::visit(const fs::path& dir, int depth) {
    if (stopped_)
        return;
    if (!firstVisit(dir)) {
        ignore(dir, "already visited (symlink loop or a second link to the same folder)");
        return;
    }
    ++folders_;
    if (isDirectory(dir / kOutputFolder)) {
        addOutputFolder(dir / kOutputFolder, dir);
    } else if (isFile(dir / kTraceView)) {
        addTrace(dir / kTraceView);
    } else if (dir.filename() == kOutputFolder) {
        addOutputFolder(dir, dir);
    } else if (isProfilerFolderName(dir)) {
        ignore(dir, "no ASCEND_PROFILER_OUTPUT folder (not parsed yet, or raw data only)");
    } else if (isCannDataName(dir)) {
        ignore(dir, "CANN data (PROF_*) is not supported yet");
    } else {
        const Listing listing = list(dir);
        if (!listing.problem.empty()) {
            ignore(dir, listing.problem);
            return;
        }
        // A flattened DB export: the .db sits in the folder itself.
        const auto database =
            std::find_if(listing.entries.begin(), listing.entries.end(), [](const auto& entry) {
                return isDbExportName(entry.path()) && isFile(entry.path());
            });
        if (database != listing.entries.end())
            addOutputFolder(dir, dir);
        else
            descend(dir, listing.entries, depth);
    }
}

void Scanner::descend(const fs::path& dir, const std::vector<fs::directory_entry>& entries,
                      int depth) {
    std::vector<fs::path> children;
    for (const fs::directory_entry& entry : entries) {
        std::error_code ec;
        if (entry.is_directory(ec))
            children.push_back(entry.path());
    }
    if (children.empty()) {
        ignore(dir, "not a profiler folder");
        return;
    }
    std::sort(children.begin(), children.end(), [](const fs::path& a, const fs::path& b) {
        return folderOrder(a.string(), b.string());
    });
    for (const fs::path& child : children) {
        if (child.filename().string().starts_with("."))
            ignore(child, "hidden folder");
        else if (depth >= kAscendMaxDepth)
            ignore(child, "depth limit (" + std::to_string(kAscendMaxDepth) +
                              " levels below the opened folder)");
        else
            visit(child, depth + 1);
    }
}

void Scanner::addOutputFolder(const fs::path& output, const fs::path& rankFolder) {
    if (isFile(output / kTraceView)) {
        addTrace(output / kTraceView);
        return;
    }
    const Listing listing = list(output);
    if (!listing.problem.empty()) {
        ignore(output, listing.problem);
        return;
    }
    std::vector<fs::path> databases;
    bool otherDatabase = false;
    for (const fs::directory_entry& entry : listing.entries) {
        if (lowercase(entry.path().extension().string()) != ".db" || !isFile(entry.path()))
            continue;
        if (isDbExportName(entry.path()))
            databases.push_back(entry.path());
        else
            otherDatabase = true;
    }
    if (databases.empty()) {
        ignore(rankFolder, otherDatabase ? "no trace_view.json and no ascend_pytorch_profiler*.db"
                                         : "no trace_view.json");
        return;
    }
    std::sort(databases.begin(), databases.end(), [](const fs::path& a, const fs::path& b) {
        return folderOrder(a.string(), b.string());
    });
    if (databases.size() > 1)
        found_.notes.push_back(output.string() + ": several DB exports, using " +
                               databases.front().filename().string());
    addDatabase(databases.front());
}

void Scanner::addDatabase(const fs::path& database) {
    const fs::path side = database.parent_path();
    const fs::path folder = rankFolderOf(database);
    AscendRankInput input;
    input.folder = folder.string();
    input.database = database.string();
    input.analyseDone = isFile(side / "analyse.done");
    readRank(folder, input);
    found_.ranks.push_back(std::move(input));
}

void Scanner::addTrace(const fs::path& trace) {
    const fs::path side = trace.parent_path();
    const fs::path folder = rankFolderOf(trace);
    AscendRankInput input;
    input.folder = folder.string();
    input.traceView = trace.string();
    input.kernelDetails = fileOrEmpty(side / "kernel_details.csv");
    input.stepTraceTime = fileOrEmpty(side / "step_trace_time.csv");
    input.analyseDone = isFile(side / "analyse.done");
    readRank(folder, input);
    found_.ranks.push_back(std::move(input));
}

void Scanner::readRank(const fs::path& folder, AscendRankInput& input) {
    std::vector<fs::path> infos;
    for (const fs::directory_entry& entry : list(folder).entries) {
        std::error_code ec;
        if (parseProfilerInfoName(entry.path().filename().string()).matches &&
            entry.is_regular_file(ec))
            infos.push_back(entry.path());
    }
    if (infos.empty())
        return;
    std::sort(infos.begin(), infos.end(), [](const fs::path& a, const fs::path& b) {
        return folderOrder(a.string(), b.string());
    });
    input.profilerInfo = infos.front().string();
    if (infos.size() > 1)
        found_.notes.push_back(folder.string() + ": several profiler_info files, using " +
                               infos.front().filename().string());
    const RankIdResult id = readRankId(infos.front());
    if (!id.problem.empty())
        found_.notes.push_back(input.profilerInfo + ": " + id.problem);
    const auto fromName = parseProfilerInfoName(infos.front().filename().string()).rank;
    if (id.rank) {
        input.rank = *id.rank;
        input.rankSource = RankSource::RankId;
    } else if (fromName) {
        input.rank = *fromName;
        input.rankSource = RankSource::FileName;
    }
}

void numberUnknownRanks(AscendDiscovery& found) {
    std::int64_t next = 0;
    for (const AscendRankInput& input : found.ranks)
        if (input.rankSource != RankSource::FolderOrder)
            next = std::max(next, input.rank + 1);
    for (AscendRankInput& input : found.ranks) {
        if (input.rankSource != RankSource::FolderOrder)
            continue;
        input.rank = next++;
        // A single card needs no number worth mentioning.
        if (found.ranks.size() > 1)
            found.notes.push_back(input.folder + ": no rank in profiler_info, numbered rank " +
                                  std::to_string(input.rank) + " by folder order");
    }
}

void noteDuplicateRanks(AscendDiscovery& found) {
    const auto& ranks = found.ranks;
    for (std::size_t first = 0; first < ranks.size();) {
        std::size_t last = first + 1;
        std::string folders = ranks[first].folder;
        for (; last < ranks.size() && ranks[last].rank == ranks[first].rank; ++last)
            folders += ", " + ranks[last].folder;
        if (last - first > 1)
            found.notes.push_back("rank " + std::to_string(ranks[first].rank) + " appears in " +
                                  std::to_string(last - first) + " inputs: " + folders);
        first = last;
    }
}

void noteIncompleteExports(AscendDiscovery& found) {
    for (const AscendRankInput& input : found.ranks)
        if (!input.analyseDone)
            found.notes.push_back("analyse.done missing in " +
                                  fs::path(rankSource(input)).parent_path().string() +
                                  ": the export may be incomplete");
}

void finish(AscendDiscovery& found) {
    std::sort(found.ranks.begin(), found.ranks.end(), [](const auto& a, const auto& b) {
        return a.folder != b.folder ? folderOrder(a.folder, b.folder)
                                    : rankSource(a) < rankSource(b);
    });
    numberUnknownRanks(found);
    std::stable_sort(found.ranks.begin(), found.ranks.end(),
                     [](const auto& a, const auto& b) { return a.rank < b.rank; });
    noteDuplicateRanks(found);
    noteIncompleteExports(found);
}

// Absolute and without a trailing separator, but symlinks kept: paths are shown to the user.
fs::path normalized(const std::string& path) {
    std::error_code ec;
    fs::path result = fs::absolute(fs::path(path), ec);
    if (ec)
        result = path;
    result = result.lexically_normal();
    return result.has_filename() || !result.has_relative_path() ? result : result.parent_path();
}

std::string nothingFound(const fs::path& root, std::size_t folders, const AscendDiscovery& found) {
    std::string text = "no trace_view.json found (looked in " + std::to_string(folders) +
                       (folders == 1 ? " folder)" : " folders)");
    constexpr std::size_t shown = 3;
    for (std::size_t i = 0; i < found.ignored.size() && i < shown; ++i) {
        const auto& [path, why] = found.ignored[i];
        text += "; " + (path == root.string() ? why : path + ": " + why);
    }
    if (found.ignored.size() > shown)
        text += "; and " + std::to_string(found.ignored.size() - shown) + " more";
    return text;
}

void scanFolder(const std::string& path, const fs::path& root, AscendDiscovery& found) {
    std::error_code ec;
    const bool empty = fs::is_empty(root, ec);
    if (ec)
        throw LoadError(path, std::nullopt, "cannot read folder (" + ec.message() + ")");
    if (empty)
        throw LoadError(path, std::nullopt, "folder is empty");
    Scanner scanner(found);
    scanner.visit(root, 0);
    if (found.ranks.empty())
        throw LoadError(path, std::nullopt, nothingFound(root, scanner.foldersLooked(), found));
}

} // namespace

AscendDiscovery discoverAscendInput(const std::string& path) {
    const fs::path target = normalized(path);
    std::error_code ec;
    const fs::file_status status = fs::status(target, ec);
    if (status.type() == fs::file_type::not_found)
        throw LoadError(path, std::nullopt, "no such file or folder");
    if (ec)
        throw LoadError(path, std::nullopt, "cannot open (" + ec.message() + ")");
    AscendDiscovery found;
    if (fs::is_directory(status)) {
        scanFolder(path, target, found);
    } else if (fs::is_regular_file(status) && lowercase(target.extension().string()) == ".json") {
        Scanner(found).addTrace(target);
    } else if (fs::is_regular_file(status) && lowercase(target.extension().string()) == ".db") {
        Scanner(found).addDatabase(target);
    } else {
        throw LoadError(path, std::nullopt,
                        "not a trace_view.json file, a .db export or an Ascend profiler folder");
    }
    finish(found);
    return found;
}

bool looksLikeAscendInput(const std::string& path) {
    const fs::path name = normalized(path).filename();
    return isDirectory(path) || name == kTraceView || lowercase(name.extension().string()) == ".db";
}

} // namespace lanescope::formats
