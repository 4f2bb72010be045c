// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "analysis/fusion_candidate.h"

#include "analysis/advice.h"
#include "analysis/advisor_priority.h"
#include "analysis/slice_info.h"
#include "analysis/task_role.h"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace lanescope::analysis {

namespace {

constexpr StringId kBreak = 0xffffffffu;     // a sequence entry that ends every window
constexpr std::uint32_t kNone = 0xffffffffu; // no pattern at this position
constexpr std::uint32_t kMaxLength = 99;     // the id packs the length in two decimal digits
constexpr std::size_t kKeysInTitle = 3;

struct Kernel {
    StringId key = kBreak;
    bool keyIsOpType = false;
    SliceRef ref;
    TimeNs start = 0;
    TimeNs end = 0;
};
using Sequence = std::vector<Kernel>;

struct KnownPattern {
    std::vector<std::string_view> ops;
    std::string_view name;
    std::string_view api; // empty when no single torch_npu call replaces it
};

// msprof-analyze's PATTERN_DICT (advisor_backend/common_func_advisor/constant.py), with the
// torch_npu API that replaces each where there is one.
const std::vector<KnownPattern>& knownPatterns() {
    static const std::vector<KnownPattern> patterns = {
        {{"Add", "DropOutDoMask", "Add"}, "bias_dropout_add", ""},
        {{"BatchMatMul", "Mul", "Cast", "Mul", "MaskedFill", "SoftmaxV2", "Cast", "DropOutDoMask",
          "AsStrided", "BatchMatMul", "Transpose"},
         "FlashAttention",
         "torch_npu.npu_fusion_attention"},
        {{"Transpose", "Transpose", "Transpose", "Mul", "Transpose", "BatchMatMulV2", "MaskedFill",
          "Cast", "SoftmaxV2", "Cast", "DropOutDoMask", "BatchMatMulV2", "Transpose"},
         "FlashAttention",
         "torch_npu.npu_fusion_attention"},
        {{"Transpose", "BatchMatMulV2", "Transpose", "Transpose", "BatchMatMulV2", "ZerosLike",
          "DropOutDoMask", "Cast", "SoftmaxGrad", "Cast", "MaskedFill", "BatchMatMulV2",
          "BatchMatMulV2", "Mul"},
         "FlashAttention",
         "torch_npu.npu_fusion_attention"},
        {{"Cast", "Square", "ReduceMeanD", "Add", "Rsqrt", "Cast", "Cast", "Mul", "Cast", "Cast",
          "Mul", "Cast"},
         "RMSNorm",
         "torch_npu.npu_rms_norm"},
        {{"Cast", "LayerNorm", "Cast"}, "LayerNorm", ""},
        {{"Add", "LayerNorm"}, "AddLayerNorm", "torch_npu.npu_add_layer_norm"},
        {{"Add", "LayerNormV3"}, "AddLayerNorm", "torch_npu.npu_add_layer_norm"},
        {{"Gelu", "Add"}, "GeluAdd", ""},
        {{"Cast", "Square", "MemSet", "ReduceMean", "Add", "Rsqrt", "Mul", "Cast", "Mul"},
         "RMSNorm",
         "torch_npu.npu_rms_norm"},
        {{"BatchMatMul", "RealDiv", "Add", "Maximum", "SoftmaxV2", "Cast", "BatchMatMul"},
         "FlashAttention",
         "torch_npu.npu_fusion_attention"},
        {{"BatchMatMulV2", "RealDiv", "Add", "Cast", "Maximum", "Cast", "SoftmaxV2", "AsStrided",
          "BatchMatMulV2"},
         "FlashAttention",
         "torch_npu.npu_fusion_attention"},
        {{"BatchMatMulV2", "RealDiv", "Add", "Cast", "SoftmaxV2", "Cast", "BroadcastTo",
          "BatchMatMulV2"},
         "FlashAttention",
         "torch_npu.npu_fusion_attention"},
        {{"Mul", "Slice", "Neg", "Slice", "ConcatD", "Cast", "Mul", "Add"},
         "RotaryMul",
         "torch_npu.npu_rotary_mul"},
        {{"Mul", "AsStrided", "Neg", "AsStrided", "ConcatD", "Mul", "Add"},
         "RotaryMul",
         "torch_npu.npu_rotary_mul"},
        {{"Mul", "Slice", "Neg", "Slice", "ConcatD", "Mul", "Add"},
         "RotaryMul",
         "torch_npu.npu_rotary_mul"},
        {{"MatMulV2", "Swish", "MatMulV2", "Mul", "MatMulV2"}, "FFN", "torch_npu.npu_ffn"},
        {{"Transpose", "Transpose", "GatherElement", "Transpose"}, "GatherElement", ""},
        {{"Slice", "Slice", "Swish", "Mul"}, "SwiGLU", "torch_npu.npu_swiglu"},
        {{"Cast", "Mul", "MaskedFill", "SoftmaxV2", "Cast"},
         "ScaledMaskedSoftmax",
         "torch_npu.npu_scaled_masked_softmax"},
        {{"Mul", "Slice", "Neg", "Slice", "ConcatD", "Mul"},
         "RotaryMul",
         "torch_npu.npu_rotary_mul"},
        {{"Cast", "Square", "ReduceMeanD", "Add", "Rsqrt", "Mul", "Cast", "Mul"},
         "RMSNorm",
         "torch_npu.npu_rms_norm"},
    };
    return patterns;
}

struct Params {
    std::uint32_t minLength = 2;
    std::uint32_t maxLength = 10;
    double minOccurrences = 5;
    double maxBusyShare = 0.4;
    double minWallShare = 0.01;
    std::size_t maxPatterns = 5;
};

Params paramsOf(const Thresholds& th) {
    Params p;
    const auto clampLength = [](double v) {
        return static_cast<std::uint32_t>(std::clamp(v, 2.0, double(kMaxLength)));
    };
    p.minLength = clampLength(th["fusion.min_length"]);
    p.maxLength = std::max(p.minLength, clampLength(th["fusion.max_length"]));
    p.minOccurrences = th["fusion.min_occurrences"];
    p.maxBusyShare = th["fusion.max_busy_share"];
    p.minWallShare = th["fusion.min_wall_share"];
    p.maxPatterns = static_cast<std::size_t>(std::max(0.0, th["fusion.max_patterns"]));
    return p;
}

void appendBreak(Sequence& sequence) {
    if (!sequence.empty() && sequence.back().key != kBreak)
        sequence.push_back({});
}

// Each device's kernels in stream order, with a break wherever a window must end.
std::vector<Sequence> deviceSequences(const Trace& trace, const DeviceMap& devices) {
    std::vector<Sequence> sequences(devices.devices.size());
    std::vector<std::uint32_t> lastTrack(devices.devices.size(), kNoIndex);
    for (const RoledTask& task : roleDeviceTasks(trace)) {
        const std::uint32_t device = devices.deviceOfTrack[task.task.track];
        if (device == kNoIndex || task.role == TaskRole::Marker)
            continue;
        Sequence& sequence = sequences[device];
        if (lastTrack[device] != task.task.track)
            appendBreak(sequence);
        lastTrack[device] = task.task.track;
        if (task.role != TaskRole::Kernel || task.aiCpu) {
            appendBreak(sequence);
            continue;
        }
        const SliceTrack& track = trace.sliceTracks[task.task.track];
        const StringId opType = knownOpType(trace, task.detail);
        sequence.push_back({opType ? opType : track.name(task.task.slice), opType != 0, task.task,
                            track.start(task.task.slice), track.end(task.task.slice)});
    }
    return sequences;
}

// Occurrence totals of one sequence, counted greedily without overlap.
struct Tally {
    std::uint32_t occurrences = 0;
    std::uint32_t first = kNone;
    std::uint32_t nextFree = 0;
    TimeNs busy = 0;
    TimeNs wall = 0;
    TimeNs saving = 0;
};

struct Candidate {
    std::uint32_t device = 0;
    std::uint32_t length = 0;
    Tally tally;
    const KnownPattern* known = nullptr;
    std::vector<StringId> keys;
};

// The windows of one length: ids[i] names the key sequence starting at i (kNone when the
// window crosses a break or its prefix is rare); raw counts every window, tallies count
// non-overlapping occurrences.
struct Level {
    std::uint32_t length = 1;
    std::vector<std::uint32_t> ids;
    std::vector<std::uint32_t> raw;
    std::vector<Tally> tallies;
    std::vector<bool> reportable;
};

// One device's sequence with running sums of task time, so a window's busy time is O(1).
class DeviceMiner {
public:
    DeviceMiner(const Sequence& sequence, std::uint32_t device, TimeNs span, const Params& params)
        : seq_(sequence), device_(device), span_(span), p_(params), busyBefore_(seq_.size() + 1) {
        for (std::size_t i = 0; i < seq_.size(); ++i)
            busyBefore_[i + 1] = busyBefore_[i] + (seq_[i].end - seq_[i].start);
    }

    // Windows grow one key per level; only windows whose prefix occurs often enough grow (a
    // window never occurs more often than its prefix). A reportable window is not maximal when
    // a reportable one-key extension occurs in every one of its places.
    std::vector<Candidate> hostBound() {
        Level level1 = firstLevel();
        Level prev = level1;
        std::vector<Candidate> found;
        for (std::uint32_t length = 2; length <= p_.maxLength; ++length) {
            Level next = extend(prev, level1.ids, length);
            tally(next);
            if (prev.length >= p_.minLength)
                collect(prev, absorbedBy(prev, next), found);
            prev = std::move(next);
        }
        if (prev.length >= p_.minLength)
            collect(prev, std::vector<bool>(prev.raw.size(), false), found);
        return found;
    }

    std::vector<Candidate> known(const Trace& trace) const {
        std::vector<Candidate> found;
        for (const KnownPattern& pattern : knownPatterns()) {
            Candidate c;
            c.device = device_;
            c.known = &pattern;
            c.length = static_cast<std::uint32_t>(pattern.ops.size());
            if (!resolve(trace, pattern, c.keys))
                continue;
            c.tally = occurrencesOf(c.keys, true);
            if (static_cast<double>(c.tally.occurrences) > p_.minOccurrences)
                found.push_back(std::move(c));
        }
        return found;
    }

    // Greedy non-overlapping matches of `keys`, as the level walk counts them.
    Tally occurrencesOf(const std::vector<StringId>& keys, bool opTypesOnly) const {
        Tally tally;
        const std::size_t length = keys.size();
        for (std::size_t i = 0; i + length <= seq_.size(); ++i)
            if (matches(i, keys, opTypesOnly))
                add(tally, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(length));
        return tally;
    }

    const Sequence& sequence() const { return seq_; }

    // The window at i has exactly `keys` (op types only, for known patterns).
    bool matches(std::size_t i, const std::vector<StringId>& keys, bool opTypesOnly) const {
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (seq_[i + k].key != keys[k] || (opTypesOnly && !seq_[i + k].keyIsOpType))
                return false;
        return true;
    }

private:
    Level firstLevel() const {
        Level level;
        std::unordered_map<StringId, std::uint32_t> dense;
        level.ids.assign(seq_.size(), kNone);
        for (std::size_t i = 0; i < seq_.size(); ++i)
            if (seq_[i].key != kBreak)
                level.ids[i] = dense.emplace(seq_[i].key, static_cast<std::uint32_t>(dense.size()))
                                   .first->second;
        level.raw = countIds(level.ids, static_cast<std::uint32_t>(dense.size()));
        level.reportable.assign(dense.size(), false);
        return level;
    }

    static std::vector<std::uint32_t> countIds(const std::vector<std::uint32_t>& ids,
                                               std::uint32_t count) {
        std::vector<std::uint32_t> raw(count, 0);
        for (std::uint32_t id : ids)
            if (id != kNone)
                ++raw[id];
        return raw;
    }

    bool frequent(std::uint32_t rawCount) const {
        return static_cast<double>(rawCount) > p_.minOccurrences;
    }

    // Window i of `length` is its prefix (window i of prev) plus the key at i + length - 1.
    Level extend(const Level& prev, const std::vector<std::uint32_t>& keys,
                 std::uint32_t length) const {
        Level next;
        next.length = length;
        next.ids.assign(seq_.size(), kNone);
        std::unordered_map<std::uint64_t, std::uint32_t> idOf;
        for (std::size_t i = 0; i + length <= seq_.size(); ++i) {
            const std::uint32_t prefix = prev.ids[i];
            const std::uint32_t last = keys[i + length - 1];
            if (prefix == kNone || last == kNone || !frequent(prev.raw[prefix]))
                continue;
            const std::uint64_t pair = (std::uint64_t{prefix} << 32) | last;
            next.ids[i] = idOf.emplace(pair, static_cast<std::uint32_t>(idOf.size())).first->second;
        }
        next.raw = countIds(next.ids, static_cast<std::uint32_t>(idOf.size()));
        return next;
    }

    // Greedy occurrence totals of the level's frequent windows, and which are reportable:
    // host-bound, frequent without overlap, not a repeated shorter period.
    void tally(Level& level) const {
        level.tallies.assign(level.raw.size(), Tally{});
        for (std::size_t i = 0; i < level.ids.size(); ++i)
            if (level.ids[i] != kNone && frequent(level.raw[level.ids[i]]))
                add(level.tallies[level.ids[i]], static_cast<std::uint32_t>(i), level.length);
        level.reportable.assign(level.raw.size(), false);
        for (std::size_t id = 0; id < level.tallies.size(); ++id) {
            const Tally& t = level.tallies[id];
            level.reportable[id] =
                frequent(t.occurrences) && hostBound(t) && !periodic(t.first, level.length);
        }
    }

    // Windows of prev that a reportable one-key extension (right: same start; left: one
    // earlier) matches in all their places.
    static std::vector<bool> absorbedBy(const Level& prev, const Level& next) {
        std::vector<bool> absorbed(prev.raw.size(), false);
        for (std::size_t i = 0; i < next.ids.size(); ++i) {
            const std::uint32_t q = next.ids[i];
            if (q == kNone || !next.reportable[q])
                continue;
            const std::uint32_t n = next.raw[q];
            if (prev.raw[prev.ids[i]] == n)
                absorbed[prev.ids[i]] = true;
            const std::uint32_t suffix = prev.ids[i + 1];
            if (suffix != kNone && prev.raw[suffix] == n)
                absorbed[suffix] = true;
        }
        return absorbed;
    }

    void add(Tally& tally, std::uint32_t i, std::uint32_t length) const {
        if (tally.occurrences > 0 && i < tally.nextFree)
            return;
        const TimeNs busy = busyBefore_[i + length] - busyBefore_[i];
        const TimeNs wall = seq_[i + length - 1].end - seq_[i].start;
        if (tally.occurrences == 0)
            tally.first = i;
        ++tally.occurrences;
        tally.nextFree = i + length;
        tally.busy += busy;
        tally.wall += wall;
        tally.saving += std::max<TimeNs>(0, wall - busy);
    }

    bool hostBound(const Tally& t) const {
        return t.wall > 0 &&
               static_cast<double>(t.busy) < p_.maxBusyShare * static_cast<double>(t.wall) &&
               static_cast<double>(t.wall) >= p_.minWallShare * static_cast<double>(span_);
    }

    // True when the window repeats a period of at least minLength keys (A B A B, A B A).
    bool periodic(std::uint32_t first, std::uint32_t length) const {
        for (std::uint32_t period = p_.minLength; period < length; ++period) {
            std::uint32_t j = 0;
            while (j + period < length && seq_[first + j].key == seq_[first + j + period].key)
                ++j;
            if (j + period == length)
                return true;
        }
        return false;
    }

    void collect(const Level& level, const std::vector<bool>& absorbed,
                 std::vector<Candidate>& found) const {
        for (std::size_t id = 0; id < level.tallies.size(); ++id) {
            if (!level.reportable[id] || absorbed[id])
                continue;
            const Tally& t = level.tallies[id];
            Candidate c{device_, level.length, t, nullptr, {}};
            for (std::uint32_t k = 0; k < level.length; ++k)
                c.keys.push_back(seq_[t.first + k].key);
            found.push_back(std::move(c));
        }
    }

    static bool resolve(const Trace& trace, const KnownPattern& pattern,
                        std::vector<StringId>& keys) {
        for (std::string_view op : pattern.ops) {
            StringId id = 0;
            if (!trace.strings.find(op, id))
                return false;
            keys.push_back(id);
        }
        return true;
    }

    const Sequence& seq_;
    std::uint32_t device_;
    TimeNs span_;
    const Params& p_;
    std::vector<TimeNs> busyBefore_;
};

bool contains(const std::vector<StringId>& outer, const std::vector<StringId>& inner) {
    return std::search(outer.begin(), outer.end(), inner.begin(), inner.end()) != outer.end();
}

// A generic sequence that shares content with a known pattern of its device gives way to it
// (the known one names the fix), and a known pattern inside a longer known one that occurs as
// often gives way to the longer one.
std::vector<Candidate> preferKnown(std::vector<Candidate> candidates) {
    std::vector<const Candidate*> known;
    for (const Candidate& c : candidates)
        if (c.known)
            known.push_back(&c);
    std::vector<bool> drop(candidates.size(), false);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const Candidate& p = candidates[i];
        for (const Candidate* q : known) {
            if (q == &p || q->device != p.device)
                continue;
            if (!p.known && (contains(q->keys, p.keys) || contains(p.keys, q->keys)))
                drop[i] = true;
            if (p.known && p.length < q->length && contains(q->keys, p.keys) &&
                q->tally.occurrences >= p.tally.occurrences)
                drop[i] = true;
        }
    }
    std::vector<Candidate> kept;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (!drop[i])
            kept.push_back(std::move(candidates[i]));
    return kept;
}

// Most saving first, skipping a candidate whose first occurrence shares a kernel with the first
// occurrence of one already taken: windows shifted along the same recurring region (or a piece
// of a longer sequence taken before) would report the same kernels again.
std::vector<Candidate> selectDistinct(std::vector<Candidate> candidates,
                                      const std::vector<std::uint64_t>& offsets,
                                      std::size_t maxPatterns) {
    const auto firstOf = [&](const Candidate& c) { return offsets[c.device] + c.tally.first; };
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
        return std::make_tuple(b.tally.saving, firstOf(a), a.length) <
               std::make_tuple(a.tally.saving, firstOf(b), b.length);
    });
    std::vector<Candidate> taken;
    for (Candidate& c : candidates) {
        if (taken.size() >= maxPatterns)
            break;
        const bool overlaps = std::any_of(taken.begin(), taken.end(), [&](const Candidate& t) {
            return firstOf(c) < firstOf(t) + t.length && firstOf(t) < firstOf(c) + c.length;
        });
        if (!overlaps)
            taken.push_back(std::move(c));
    }
    return taken;
}

FusionPattern patternOf(const Trace& trace, const DeviceMiner& miner, const Candidate& c,
                        std::uint64_t offset) {
    FusionPattern p;
    p.device = c.device;
    p.keys = c.keys;
    if (c.known) {
        p.knownName = c.known->name;
        p.fusedApi = c.known->api;
    }
    p.position = offset + c.tally.first;
    p.occurrences = c.tally.occurrences;
    p.busyNs = c.tally.busy;
    p.wallNs = c.tally.wall;
    p.savingNs = c.tally.saving;
    const Sequence& seq = miner.sequence();
    // Replay the greedy count to list the occurrences' tasks.
    std::uint32_t nextFree = 0;
    for (std::uint32_t i = c.tally.first; i + c.length <= seq.size(); ++i) {
        if (i < nextFree || !miner.matches(i, c.keys, c.known != nullptr))
            continue;
        for (std::uint32_t k = 0; k < c.length; ++k)
            p.tasks.push_back(seq[i + k].ref);
        p.end = std::max(p.end, seq[i + c.length - 1].end);
        nextFree = i + c.length;
    }
    p.start = seq[c.tally.first].start;
    p.launchers = launcherCounts(trace, p.tasks);
    return p;
}

std::string shortKey(std::string_view name) {
    if (name.starts_with("void "))
        name.remove_prefix(5);
    const std::size_t cut = name.find_first_of("<(");
    const std::string_view head = name.substr(0, cut);
    return std::string(head.empty() ? name : head);
}

std::string keyList(const Trace& trace, const FusionPattern& p) {
    const std::size_t shown = p.keys.size() <= kKeysInTitle + 1 ? p.keys.size() : kKeysInTitle;
    std::string text;
    for (std::size_t i = 0; i < shown; ++i)
        text += (i ? " → " : "") + shortKey(trace.str(p.keys[i]));
    if (shown < p.keys.size())
        text += " → …";
    return text;
}

std::string titleOf(const Trace& trace, const DeviceMap& devices, const FusionPattern& p) {
    std::string title = keyList(trace, p) + " ran " + std::to_string(p.occurrences) + " times on " +
                        devices.devices[p.device].name + " (" + formatTitleDuration(p.busyNs) +
                        " of work over " + formatTitleDuration(p.wallNs) + " wall)";
    if (!p.fusedApi.empty())
        return title + "; " + p.fusedApi + " fuses it";
    if (!p.knownName.empty())
        return title + "; msprof-analyze knows it as " + p.knownName;
    title += "; " + formatTitleDuration(p.savingNs) + " of it is gaps between the kernels";
    if (!p.launchers.empty())
        title += ", launched by " + launcherList(trace, p.launchers);
    return title;
}

std::string_view causeOf(const FusionPattern& p) {
    if (!p.fusedApi.empty())
        return "known_fused";
    return p.knownName.empty() ? "host_bound" : "known";
}

Insight insightOf(const Trace& trace, const DeviceMap& devices, const FusionPattern& p,
                  const Thresholds& thresholds) {
    Insight insight = makeInsight(InsightKind::FusionCandidate, p.position * 100 + p.length());
    setAdvisorStake(insight, p.savingNs, devices.devices[p.device].spanNs(), p.start, p.end,
                    p.tasks, thresholds);
    insight.numbers = {{Number::Occurrences, static_cast<double>(p.occurrences)},
                       {Number::Length, static_cast<double>(p.length())},
                       {Number::Tasks, static_cast<double>(p.tasks.size())},
                       {Number::BusyNs, static_cast<double>(p.busyNs)},
                       {Number::WallNs, static_cast<double>(p.wallNs)},
                       {Number::SavingNs, static_cast<double>(p.savingNs)},
                       {Number::BusyShare, p.busyShare()},
                       {Number::KnownPattern, p.knownName.empty() ? 0.0 : 1.0}};
    insight.title = titleOf(trace, devices, p);
    insight.cause = causeOf(p);
    insight.suggestion = adviceFor(
        InsightKind::FusionCandidate, insight.cause, platformOf(trace),
        {{"pattern", p.knownName}, {"api", p.fusedApi}, {"length", std::to_string(p.length())}});
    return insight;
}

} // namespace

double FusionPattern::busyShare() const {
    return wallNs > 0 ? static_cast<double>(busyNs) / static_cast<double>(wallNs) : 1;
}

std::vector<FusionPattern> findFusionCandidates(const Trace& trace, const DeviceMap& devices,
                                                const Thresholds& thresholds) {
    const Params params = paramsOf(thresholds);
    const std::vector<Sequence> sequences = deviceSequences(trace, devices);
    std::vector<DeviceMiner> miners;
    std::vector<std::uint64_t> offsets;
    std::vector<Candidate> candidates;
    std::uint64_t offset = 0;
    for (std::uint32_t d = 0; d < sequences.size(); ++d) {
        miners.emplace_back(sequences[d], d, devices.devices[d].spanNs(), params);
        offsets.push_back(offset);
        offset += sequences[d].size();
        for (Candidate& c : miners.back().hostBound())
            candidates.push_back(std::move(c));
        for (Candidate& c : miners.back().known(trace))
            candidates.push_back(std::move(c));
    }
    candidates = selectDistinct(preferKnown(std::move(candidates)), offsets, params.maxPatterns);
    std::vector<FusionPattern> patterns;
    for (const Candidate& c : candidates)
        patterns.push_back(patternOf(trace, miners[c.device], c, offsets[c.device]));
    return patterns;
}

std::vector<Insight> detectFusionCandidates(const Trace& trace, const DeviceMap& devices,
                                            const Thresholds& thresholds) {
    std::vector<Insight> insights;
    for (const FusionPattern& pattern : findFusionCandidates(trace, devices, thresholds))
        insights.push_back(insightOf(trace, devices, pattern, thresholds));
    return insights;
}

} // namespace lanescope::analysis
