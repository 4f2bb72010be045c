// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/chrome_event_import.h"

#include "formats/event_fields.h"

#include <charconv>
#include <string>

namespace lanescope::formats {

namespace {

// The whole text as a number (no leading '+' or spaces, as std::from_chars reads it).
template <class Number> bool wholeNumber(std::string_view text, Number& out) {
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end && !text.empty();
}

bool integerValue(const RawValue& value, std::int64_t& out) {
    switch (value.kind) {
    case RawValue::Kind::Integer:
        out = value.integer;
        return true;
    case RawValue::Kind::Unsigned:
        if (value.unsignedInteger > static_cast<std::uint64_t>(INT64_MAX))
            return false;
        out = static_cast<std::int64_t>(value.unsignedInteger);
        return true;
    case RawValue::Kind::String:
        return wholeNumber(value.text, out);
    default:
        return false;
    }
}

bool numberValue(const RawValue& value, double& out) {
    switch (value.kind) {
    case RawValue::Kind::Integer:
        out = static_cast<double>(value.integer);
        return true;
    case RawValue::Kind::Unsigned:
        out = static_cast<double>(value.unsignedInteger);
        return true;
    case RawValue::Kind::Float:
        out = value.floating;
        return true;
    case RawValue::Kind::String:
        return wholeNumber(value.text, out);
    default:
        return false;
    }
}

// 2021-era PyTorch traces write the same thread as tid 25738 on flow events and "25738" on
// slices; catapult keys both the same way. A string that is exactly an integer's canonical
// decimal form is that integer ("007", "+1" or " 1" stay strings).
bool isCanonicalInteger(std::string_view text, std::int64_t& out) {
    if (text.empty() || text.size() > 20)
        return false;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end && std::to_string(out) == text;
}

// An async or flow id: integers by value, strings and non-integer numbers by their text.
// False when the value is absent or not a scalar.
bool toEventId(const RawValue& value, StringPool& strings, EventId& out) {
    switch (value.kind) {
    case RawValue::Kind::Integer:
        out = {static_cast<std::uint64_t>(value.integer), false, value.integer < 0};
        return true;
    case RawValue::Kind::Unsigned:
        out = {value.unsignedInteger, false, false};
        return true;
    case RawValue::Kind::Float:
    case RawValue::Kind::String:
        out = {strings.intern(value.text), true, false};
        return true;
    default:
        return false;
    }
}

std::string eventIdText(const EventId& id, const StringPool& strings) {
    if (id.isText)
        return std::string(strings.view(static_cast<StringId>(id.value)));
    return id.negative ? std::to_string(static_cast<std::int64_t>(id.value))
                       : std::to_string(id.value);
}

// How a pid or tid that is neither a number nor a string is named (its lane and its report).
std::string laneIdText(const RawValue& value) {
    switch (value.kind) {
    case RawValue::Kind::Bool:
        return value.boolean ? "true" : "false";
    case RawValue::Kind::Null:
        return "null";
    default:
        return "an array or object";
    }
}

} // namespace

void ChromeEventImporter::note(const char* kind, const RawEvent& event, std::string message) {
    builder_.report(kind, event.offset, std::move(message));
}

void ChromeEventImporter::add(const RawEvent& event) {
    builder_.countEvent(event.hasPhase ? event.phase : std::string_view("?"));
    if (!event.hasPhase || event.phase.empty()) {
        note(diag::kMissingPhase, event, "event has no \"ph\" (phase); skipped");
        return;
    }
    checkLaneIds(event);
    const char phase = event.phase[0];
    if (phase == 'M') {
        addMetadata(event);
        return;
    }
    if (!event.hasTs) {
        if (!event.tsPresent)
            note(diag::kMissingTimestamp, event, "event has no \"ts\"; skipped");
        return;
    }
    builder_.extendTime(event.ts);
    switch (phase) {
    case 'X':
        addSlice(event, PendingSlice::Kind::Complete);
        break;
    case 'B':
        addSlice(event, PendingSlice::Kind::Begin);
        break;
    case 'E':
        addSlice(event, PendingSlice::Kind::End);
        break;
    case 'i':
    case 'I':
    case 'R':
        addInstant(event);
        break;
    case 'C':
        addCounter(event);
        break;
    case 'b':
    case 'S':
        addAsync(event, AsyncEdge::Begin);
        break;
    case 'e':
    case 'F':
        addAsync(event, AsyncEdge::End);
        break;
    case 'n':
    case 'T':
    case 'p':
        addAsync(event, AsyncEdge::Mark);
        break;
    case 's':
        addFlow(event, FlowStep::Start);
        break;
    case 't':
        addFlow(event, FlowStep::Step);
        break;
    case 'f':
        addFlow(event, FlowStep::End);
        break;
    case 'P':
    case 'N':
    case 'O':
    case 'D':
    case 'c':
    case '(':
    case ')':
    case 'V':
    case 'v':
    case '=':
        addOther(event, diag::kOtherPhase);
        break;
    default:
        addOther(event, diag::kUnknownPhase);
        break;
    }
}

IdToken ChromeEventImporter::idToken(const RawValue& value) {
    StringPool& strings = builder_.strings();
    switch (value.kind) {
    case RawValue::Kind::Integer:
        return IdToken::fromNumber(value.integer);
    case RawValue::Kind::Unsigned:
        if (value.unsignedInteger <= static_cast<std::uint64_t>(INT64_MAX))
            return IdToken::fromNumber(static_cast<std::int64_t>(value.unsignedInteger));
        return IdToken::fromText(strings.intern(std::to_string(value.unsignedInteger)));
    case RawValue::Kind::String: {
        std::int64_t number = 0;
        if (isCanonicalInteger(value.text, number))
            return IdToken::fromNumber(number);
        return IdToken::fromText(strings.intern(value.text));
    }
    case RawValue::Kind::Float:
        return IdToken::fromText(strings.intern(value.text));
    case RawValue::Kind::Bool:
    case RawValue::Kind::Null:
    case RawValue::Kind::Composite:
        // Kept apart from each other and from an absent id (checkLaneIds reported them).
        return IdToken::fromText(strings.intern(laneIdText(value)));
    default:
        return IdToken::fromText(0);
    }
}

void ChromeEventImporter::checkLaneIds(const RawEvent& event) {
    for (const auto& [key, value] : {std::pair{"pid", &event.pid}, std::pair{"tid", &event.tid}})
        if (value->kind == RawValue::Kind::Bool || value->kind == RawValue::Kind::Null ||
            value->kind == RawValue::Kind::Composite)
            note(diag::kBadLaneId, event,
                 std::string("\"") + key + "\" is " + laneIdText(*value) +
                     ", not a number or a string; kept on a lane of its own");
}

std::uint32_t ChromeEventImporter::processOf(const RawEvent& event) {
    return builder_.process(idToken(event.pid));
}

std::uint32_t ChromeEventImporter::threadOf(const RawEvent& event) {
    const IdToken pid = idToken(event.pid);
    const IdToken tid = event.tid.present() ? idToken(event.tid) : pid;
    return builder_.thread(pid, tid);
}

void ChromeEventImporter::addMetadata(const RawEvent& event) {
    StringPool& strings = builder_.strings();
    const auto stringArg = [&](std::string_view key, std::string_view& out) {
        const RawValue* v = event.arg(key);
        if (!v || v->kind != RawValue::Kind::String)
            return false;
        out = v->text;
        return true;
    };
    std::string_view text;
    std::int64_t number = 0;
    const RawValue* sortArg = event.arg("sort_index");
    const bool hasSort = sortArg && integerValue(*sortArg, number);
    if (event.name == "process_name" && stringArg("name", text)) {
        const StringId name = strings.intern(text);
        builder_.setProcessName(processOf(event), name);
    } else if (event.name == "process_labels" && stringArg("labels", text)) {
        const std::uint32_t process = processOf(event);
        std::size_t begin = 0;
        while (begin <= text.size()) {
            const std::size_t comma = std::min(text.find(',', begin), text.size());
            if (comma > begin)
                builder_.addProcessLabel(process,
                                         strings.intern(text.substr(begin, comma - begin)));
            begin = comma + 1;
        }
    } else if (event.name == "process_sort_index" && hasSort) {
        builder_.setProcessSortIndex(processOf(event), number);
    } else if (event.name == "thread_name" && stringArg("name", text)) {
        const StringId name = strings.intern(text);
        builder_.setThreadName(threadOf(event), name);
    } else if (event.name == "thread_sort_index" && hasSort) {
        builder_.setThreadSortIndex(threadOf(event), number);
    } else {
        note(diag::kUnknownMetadata, event,
             "metadata event \"" + std::string(event.name) + "\" not used");
    }
}

void ChromeEventImporter::addSlice(const RawEvent& event, PendingSlice::Kind kind) {
    StringPool& strings = builder_.strings();
    const std::uint32_t thread = threadOf(event);
    const StringId name = event.hasName ? strings.intern(event.name) : 0;
    const StringId category = strings.intern(event.category);
    TimeNs dur = 0;
    if (kind == PendingSlice::Kind::Complete) {
        if (!event.hasDur) {
            // A bad value was counted by the reader already; only a missing one is noted here.
            if (!event.durPresent)
                note(diag::kBadDuration, event, "X event without \"dur\"; drawn with zero length");
        } else if (event.dur < 0) {
            note(diag::kNegativeDuration, event, "negative \"dur\"; drawn with zero length");
        } else {
            dur = event.dur;
        }
    }
    const std::uint32_t seq =
        builder_.addSlice(thread, kind, event.ts, dur, name, category, event.offset);
    if (kind == PendingSlice::Kind::End)
        return;
    if (event.bindId.present() && (event.flowIn || event.flowOut)) {
        EventId id;
        if (toEventId(event.bindId, strings, id))
            builder_.bindFlow(thread, seq, id, event.flowIn, event.flowOut);
    }
    for (std::size_t k = 0; k < kJoinKeyArgs.size(); ++k) {
        std::int64_t value = 0;
        if (const RawValue* v = event.arg(kJoinKeyArgs[k]); v && integerValue(*v, value))
            builder_.addJoinKey(thread, seq, static_cast<JoinKey>(k), value);
    }
}

void ChromeEventImporter::addInstant(const RawEvent& event) {
    StringPool& strings = builder_.strings();
    const StringId name = strings.intern(event.name);
    const StringId category = strings.intern(event.category);
    if (event.instantScope == "g") {
        builder_.addGlobalInstant(event.ts, name, category, event.offset);
    } else if (event.instantScope == "p") {
        builder_.addProcessInstant(processOf(event), event.ts, name, category, event.offset);
    } else {
        builder_.addThreadInstant(threadOf(event), event.ts, name, category, event.offset);
    }
}

void ChromeEventImporter::addCounter(const RawEvent& event) {
    if (event.args.empty()) {
        note(diag::kCounterWithoutValues, event, "counter event without values in \"args\"");
        return;
    }
    StringPool& strings = builder_.strings();
    const std::uint32_t process = processOf(event);
    std::string name(event.name);
    EventId id;
    if (toEventId(event.id, strings, id))
        name += "[" + eventIdText(id, strings) + "]";
    const StringId nameId = strings.intern(name);
    const std::uint32_t counter = builder_.counter(process, nameId, strings.intern(event.category));
    for (const RawArg& arg : event.args) {
        double value = 0;
        if (!numberValue(arg.value, value)) {
            note(diag::kCounterBadValue, event,
                 "counter value \"" + std::string(arg.key) + "\" is not a number");
            continue;
        }
        builder_.addCounterValue(counter, strings.intern(arg.key), event.ts, value);
    }
}

void ChromeEventImporter::addAsync(const RawEvent& event, AsyncEdge edge) {
    StringPool& strings = builder_.strings();
    TraceBuilder::AsyncEvent async;
    async.edge = edge;
    const std::uint32_t process = processOf(event);
    const bool hasId =
        toEventId(event.id, strings, async.id) || toEventId(event.id2Global, strings, async.id);
    if (!hasId) {
        if (!toEventId(event.id2Local, strings, async.id)) {
            note(diag::kBadId, event, "async event without a usable \"id\"; skipped");
            return;
        }
        async.localTo = process;
    }
    async.category = strings.intern(event.category);
    async.scope = strings.intern(event.scope);
    async.ts = event.ts;
    async.name = strings.intern(event.name);
    async.offset = event.offset;
    builder_.addAsync(process, async);
}

void ChromeEventImporter::addFlow(const RawEvent& event, FlowStep step) {
    StringPool& strings = builder_.strings();
    TraceBuilder::FlowEvent flow;
    flow.step = step;
    if (!toEventId(event.id, strings, flow.id) && !toEventId(event.id2Global, strings, flow.id) &&
        !toEventId(event.id2Local, strings, flow.id)) {
        note(diag::kBadId, event, "flow event without a usable \"id\"; skipped");
        return;
    }
    flow.category = strings.intern(event.category);
    flow.name = strings.intern(event.name);
    flow.ts = event.ts;
    flow.offset = event.offset;
    flow.bindEnclosing = step != FlowStep::End || event.bindingPoint == "e";
    builder_.addFlow(threadOf(event), flow);
}

void ChromeEventImporter::addOther(const RawEvent& event, const char* diagnosticKind) {
    StringPool& strings = builder_.strings();
    const StringId phase = strings.intern(event.phase);
    const StringId name = strings.intern(event.name);
    builder_.addOther(processOf(event), phase, name, event.ts, event.offset);
    if (diagnosticKind == diag::kUnknownPhase)
        note(diagnosticKind, event, "unknown phase \"" + std::string(event.phase) + "\"; kept");
    else
        builder_.diagnostics().count(diagnosticKind);
}

} // namespace lanescope::formats
