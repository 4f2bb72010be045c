// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/simple_event_parser.h"

#include "formats/event_fields.h"
#include "formats/json_text.h"
#include "model/diagnostics.h"

#include <cstring>

namespace lanescope::formats {

namespace {

using Result = SimpleEventParser::Result;

// Tokens of one event as views into the input.
struct Fields {
    std::string_view phase, name, category, scope, bindingPoint, instantScope, args;
    bool hasPhase = false, hasName = false, hasCategory = false;
    RawValue ts, dur, pid, tid, id, bindId;
    bool flowIn = false, flowOut = false;
};

class Cursor {
public:
    Cursor(const char* p, const char* end) : p_(p), end_(end) {}
    bool skipSpaces() {
        while (p_ < end_ && json_text::isSpace(*p_))
            ++p_;
        return p_ < end_;
    }
    bool atEnd() const { return p_ >= end_; }
    char peek() const { return *p_; }
    void advance(std::size_t n = 1) { p_ += n; }
    const char* position() const { return p_; }
    std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }
    void jumpTo(const char* p) { p_ = p; }

private:
    const char* p_;
    const char* end_;
};

// Plain ASCII without control characters, quotes or backslashes can be used as it stands.
bool isPlainAscii(std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x80 || c == '\\')
            return false;
    }
    return true;
}

bool isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

RawValue stringToken(std::string_view text) {
    RawValue v;
    v.kind = RawValue::Kind::String;
    v.text = text;
    return v;
}

void assignString(Fields& f, EventField field, std::string_view text) {
    switch (field) {
    case EventField::Phase:
        f.phase = text;
        f.hasPhase = true;
        break;
    case EventField::Name:
        f.name = text;
        f.hasName = true;
        break;
    case EventField::Category:
        f.category = text;
        f.hasCategory = true;
        break;
    case EventField::Scope:
        f.scope = text;
        break;
    case EventField::BindingPoint:
        f.bindingPoint = text;
        break;
    case EventField::InstantScope:
        f.instantScope = text;
        break;
    default:
        break;
    }
}

RawValue* valueSlot(Fields& f, EventField field) {
    switch (field) {
    case EventField::Ts:
        return &f.ts;
    case EventField::Dur:
        return &f.dur;
    case EventField::Pid:
        return &f.pid;
    case EventField::Tid:
        return &f.tid;
    case EventField::Id:
        return &f.id;
    case EventField::BindId:
        return &f.bindId;
    default:
        return nullptr;
    }
}

bool isStringField(EventField field) {
    return field == EventField::Phase || field == EventField::Name ||
           field == EventField::Category || field == EventField::Scope ||
           field == EventField::BindingPoint || field == EventField::InstantScope;
}

// Reads one member value; fields with an unexpected type are left to the reference parser so
// that it reports them the one way.
Result readValue(Cursor& in, EventField field, Fields& f) {
    const char c = in.peek();
    if (c == '"') {
        const auto* close =
            static_cast<const char*>(std::memchr(in.position() + 1, '"', in.remaining() - 1));
        if (!close)
            return Result::NeedMoreInput;
        const std::string_view text(in.position() + 1,
                                    static_cast<std::size_t>(close - in.position() - 1));
        if (!isPlainAscii(text))
            return Result::Unsupported;
        if (isStringField(field))
            assignString(f, field, text);
        else if (RawValue* slot = valueSlot(f, field))
            *slot = stringToken(text);
        else if (field != EventField::Ignored)
            return Result::Unsupported;
        in.jumpTo(close + 1);
        return Result::Parsed;
    }
    if (c == '{' || c == '[') {
        const std::string_view rest(in.position(), in.remaining());
        bool strict = true;
        const std::size_t end = json_text::skipValue(rest, 0, strict);
        if (!strict)
            return Result::Unsupported;
        if (end == std::string_view::npos)
            return Result::NeedMoreInput;
        if (field == EventField::Args && c == '{')
            f.args = rest.substr(0, end);
        else if (field != EventField::Ignored)
            return Result::Unsupported;
        in.advance(end);
        return Result::Parsed;
    }
    if (c == 't' || c == 'f' || c == 'n') {
        const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        if (in.remaining() < word.size() + 1)
            return Result::NeedMoreInput;
        if (std::string_view(in.position(), word.size()) != word)
            return Result::Unsupported;
        if (field == EventField::FlowIn && c != 'n')
            f.flowIn = c == 't';
        else if (field == EventField::FlowOut && c != 'n')
            f.flowOut = c == 't';
        else if (field != EventField::Ignored)
            return Result::Unsupported;
        in.advance(word.size());
        return Result::Parsed;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        const char* begin = in.position();
        while (!in.atEnd() && isNumberChar(in.peek()))
            in.advance();
        if (in.atEnd())
            return Result::NeedMoreInput;
        const std::string_view token(begin, static_cast<std::size_t>(in.position() - begin));
        if (RawValue* slot = valueSlot(f, field)) {
            if (!json_text::numberFromText(token, *slot)) // checks JSON's grammar too
                return Result::Unsupported;
        } else if (field != EventField::Ignored || !json_text::isStrictNumber(token)) {
            return Result::Unsupported;
        }
        return Result::Parsed;
    }
    return Result::Unsupported;
}

Result readMembers(Cursor& in, Fields& f) {
    for (;;) {
        if (!in.skipSpaces())
            return Result::NeedMoreInput;
        if (in.peek() != '"')
            return Result::Unsupported;
        const auto* close =
            static_cast<const char*>(std::memchr(in.position() + 1, '"', in.remaining() - 1));
        if (!close)
            return Result::NeedMoreInput;
        const std::string_view key(in.position() + 1,
                                   static_cast<std::size_t>(close - in.position() - 1));
        if (!isPlainAscii(key))
            return Result::Unsupported;
        in.jumpTo(close + 1);
        if (!in.skipSpaces())
            return Result::NeedMoreInput;
        if (in.peek() != ':')
            return Result::Unsupported;
        in.advance();
        if (!in.skipSpaces())
            return Result::NeedMoreInput;
        const EventField field = eventFieldFor(key);
        if (field == EventField::Id2)
            return Result::Unsupported;
        if (const Result r = readValue(in, field, f); r != Result::Parsed)
            return r;
        if (!in.skipSpaces())
            return Result::NeedMoreInput;
        if (in.peek() == '}') {
            in.advance();
            return Result::Parsed;
        }
        if (in.peek() != ',')
            return Result::Unsupported;
        in.advance();
    }
}

} // namespace

SimpleEventParser::Result SimpleEventParser::parse(std::string_view text, std::uint64_t offset,
                                                   RawEvent& event,
                                                   std::vector<FieldProblem>& problems,
                                                   std::size_t& length) {
    Cursor in(text.data() + 1, text.data() + text.size());
    if (!in.skipSpaces())
        return Result::NeedMoreInput;
    if (in.peek() == '}') {
        length = static_cast<std::size_t>(in.position() + 1 - text.data());
        return Result::Empty;
    }
    Fields f;
    if (const Result r = readMembers(in, f); r != Result::Parsed)
        return r;
    if (f.hasPhase && f.phase == "M")
        return Result::Unsupported; // rare, and their args are the payload
    // A counter's args are its values: read every one (Ascend traces are ~40 % counters).
    const bool counter = f.hasPhase && f.phase == "C";
    args_.clear(); // an event without "args" has none, not the previous event's
    if (!f.args.empty() && !readArgs(f.args, counter))
        return Result::Unsupported;

    problems.clear();
    event = RawEvent{};
    event.offset = offset;
    event.hasPhase = f.hasPhase;
    event.phase = f.phase;
    event.hasName = f.hasName;
    event.name = f.name;
    event.category = f.category;
    readEventTimes(f.ts, f.dur, event, problems);
    event.pid = f.pid;
    event.tid = f.tid;
    event.id = f.id;
    event.bindId = f.bindId;
    event.scope = f.scope;
    event.bindingPoint = f.bindingPoint;
    event.instantScope = f.instantScope;
    event.flowIn = f.flowIn;
    event.flowOut = f.flowOut;
    event.args = args_;
    length = static_cast<std::size_t>(in.position() - text.data());
    return Result::Parsed;
}

bool SimpleEventParser::readArgs(std::string_view args, bool all) {
    args_.clear();
    bool ok = true;
    const bool wellFormed =
        json_text::forEachMember(args, [&](std::string_view key, std::string_view value) {
            if (!ok || !(all || isArgReadAtLoad(key)))
                return;
            if (key.find('\\') != std::string_view::npos) {
                ok = false; // an escaped key: leave the event to the reference parser
                return;
            }
            if (args_.size() == argStorage_.size())
                argStorage_.emplace_back();
            RawArg arg{key, {}};
            ok = json_text::scalarFromText(value, arg.value, argStorage_[args_.size()]);
            args_.push_back(arg);
        });
    // Point the text at the storage only now: growing argStorage_ moves its strings.
    for (std::size_t k = 0; k < args_.size(); ++k)
        if (args_[k].value.kind == RawValue::Kind::String ||
            args_[k].value.kind == RawValue::Kind::Float)
            args_[k].value.text = argStorage_[k];
    return ok && wellFormed;
}

} // namespace lanescope::formats
