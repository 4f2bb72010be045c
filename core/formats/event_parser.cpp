// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "formats/event_parser.h"

#include "formats/event_fields.h"
#include "model/diagnostics.h"

#include <nlohmann/json.hpp>

namespace lanescope::formats {

namespace {

using Field = EventField;

// A scalar value with its own text storage, reused from event to event.
struct Slot {
    RawValue value;
    std::string text;

    void reset() { value = RawValue{}; }
    RawValue view() const {
        RawValue v = value;
        if (v.kind == RawValue::Kind::String || v.kind == RawValue::Kind::Float)
            v.text = text;
        return v;
    }
};

} // namespace

class EventParser::Handler : public nlohmann::json_sax<nlohmann::json> {
public:
    void reset() {
        depth_ = 0;
        field_ = Field::Ignored;
        inArgs_ = false;
        inId2_ = false;
        id2IsLocal_ = false;
        argCount_ = 0;
        for (Slot* slot :
             {&phase_, &name_, &category_, &ts_, &dur_, &pid_, &tid_, &id_, &id2Local_, &id2Global_,
              &bindId_, &scope_, &bindingPoint_, &instantScope_, &flowIn_, &flowOut_})
            slot->reset();
    }

    bool null() override { return scalar(RawValue::Kind::Null, {}); }
    bool boolean(bool v) override {
        RawValue value;
        value.kind = RawValue::Kind::Bool;
        value.boolean = v;
        return store(value, nullptr);
    }
    bool number_integer(number_integer_t v) override {
        RawValue value;
        value.kind = RawValue::Kind::Integer;
        value.integer = v;
        return store(value, nullptr);
    }
    bool number_unsigned(number_unsigned_t v) override {
        RawValue value;
        value.kind = RawValue::Kind::Unsigned;
        value.unsignedInteger = v;
        return store(value, nullptr);
    }
    bool number_float(number_float_t v, const string_t& text) override {
        RawValue value;
        value.kind = RawValue::Kind::Float;
        value.floating = v;
        return store(value, &text);
    }
    bool string(string_t& text) override {
        RawValue value;
        value.kind = RawValue::Kind::String;
        return store(value, &text);
    }
    bool binary(binary_t&) override { return true; }

    bool start_object(std::size_t) override { return startComposite(true); }
    bool end_object() override { return endComposite(); }
    bool start_array(std::size_t) override { return startComposite(false); }
    bool end_array() override { return endComposite(); }

    bool key(string_t& key) override {
        if (depth_ == 1) {
            field_ = eventFieldFor(key);
        } else if (depth_ == 2 && inArgs_) {
            Arg& arg = nextArg();
            arg.key = key;
        } else if (depth_ == 2 && inId2_) {
            id2IsLocal_ = key == "local";
            id2Field_ = key == "local" || key == "global";
        }
        return true;
    }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        errorPosition_ = position;
        error_ = ex.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 9: ".
        if (const auto colon = error_.find(": "); colon != std::string::npos)
            error_.erase(0, colon + 2);
        return false;
    }

    void fill(RawEvent& event, std::uint64_t offset, std::vector<FieldProblem>& problems) {
        event = RawEvent{};
        event.offset = offset;
        if (phase_.value.kind == RawValue::Kind::String) {
            event.hasPhase = true;
            event.phase = phase_.text;
        }
        if (name_.value.kind == RawValue::Kind::String) {
            event.hasName = true;
            event.name = name_.text;
        }
        if (category_.value.kind == RawValue::Kind::String)
            event.category = category_.text;
        readEventTimes(ts_.view(), dur_.view(), event, problems);
        event.pid = pid_.view();
        event.tid = tid_.view();
        event.id = id_.view();
        event.id2Local = id2Local_.view();
        event.id2Global = id2Global_.view();
        event.bindId = bindId_.view();
        event.scope = textOf(scope_);
        event.bindingPoint = textOf(bindingPoint_);
        event.instantScope = textOf(instantScope_);
        event.flowIn = flowIn_.value.kind == RawValue::Kind::Bool && flowIn_.value.boolean;
        event.flowOut = flowOut_.value.kind == RawValue::Kind::Bool && flowOut_.value.boolean;
        rawArgs_.clear();
        for (std::size_t i = 0; i < argCount_; ++i)
            rawArgs_.push_back({args_[i].key, args_[i].value.view()});
        event.args = rawArgs_;
    }

    const std::string& error() const { return error_; }
    std::size_t errorPosition() const { return errorPosition_; }

private:
    struct Arg {
        std::string key;
        Slot value;
    };

    static std::string_view textOf(const Slot& slot) {
        return slot.value.kind == RawValue::Kind::String ? std::string_view(slot.text)
                                                         : std::string_view();
    }

    Arg& nextArg() {
        if (argCount_ == args_.size())
            args_.emplace_back();
        Arg& arg = args_[argCount_++];
        arg.value.reset();
        return arg;
    }

    Slot* slotFor(Field field) {
        switch (field) {
        case Field::Phase:
            return &phase_;
        case Field::Name:
            return &name_;
        case Field::Category:
            return &category_;
        case Field::Ts:
            return &ts_;
        case Field::Dur:
            return &dur_;
        case Field::Pid:
            return &pid_;
        case Field::Tid:
            return &tid_;
        case Field::Id:
            return &id_;
        case Field::Scope:
            return &scope_;
        case Field::BindingPoint:
            return &bindingPoint_;
        case Field::InstantScope:
            return &instantScope_;
        case Field::BindId:
            return &bindId_;
        case Field::FlowIn:
            return &flowIn_;
        case Field::FlowOut:
            return &flowOut_;
        default:
            return nullptr;
        }
    }

    bool scalar(RawValue::Kind kind, const string_t* text) {
        RawValue value;
        value.kind = kind;
        return store(value, text);
    }

    bool store(const RawValue& value, const string_t* text) {
        Slot* slot = nullptr;
        if (depth_ == 1)
            slot = slotFor(field_);
        else if (depth_ == 2 && inArgs_ && argCount_ > 0)
            slot = &args_[argCount_ - 1].value;
        else if (depth_ == 2 && inId2_ && id2Field_)
            slot = id2IsLocal_ ? &id2Local_ : &id2Global_;
        if (slot) {
            slot->value = value;
            if (text)
                slot->text = *text;
        }
        return true;
    }

    bool startComposite(bool isObject) {
        if (depth_ == 1) {
            inArgs_ = isObject && field_ == Field::Args;
            inId2_ = isObject && field_ == Field::Id2;
            id2Field_ = false;
            if (Slot* slot = slotFor(field_))
                slot->value.kind = RawValue::Kind::Composite;
        } else if (depth_ == 2 && inArgs_ && argCount_ > 0) {
            args_[argCount_ - 1].value.value.kind = RawValue::Kind::Composite;
        }
        ++depth_;
        return true;
    }

    bool endComposite() {
        --depth_;
        if (depth_ == 1) {
            inArgs_ = false;
            inId2_ = false;
        }
        return true;
    }

    int depth_ = 0;
    Field field_ = Field::Ignored;
    bool inArgs_ = false;
    bool inId2_ = false;
    bool id2IsLocal_ = false;
    bool id2Field_ = false;
    Slot phase_, name_, category_, ts_, dur_, pid_, tid_, id_, id2Local_, id2Global_, bindId_,
        scope_, bindingPoint_, instantScope_, flowIn_, flowOut_;
    std::vector<Arg> args_;
    std::size_t argCount_ = 0;
    std::vector<RawArg> rawArgs_;
    std::string error_;
    std::size_t errorPosition_ = 0;
};

EventParser::EventParser() : handler_(std::make_unique<Handler>()) {}
EventParser::~EventParser() = default;

bool EventParser::parse(std::string_view text, std::uint64_t offset, RawEvent& event,
                        std::vector<FieldProblem>& problems, std::string& error,
                        std::size_t& errorPosition) {
    problems.clear();
    handler_->reset();
    if (!nlohmann::json::sax_parse(text.begin(), text.end(), handler_.get(),
                                   nlohmann::json::input_format_t::json, true)) {
        error = handler_->error();
        errorPosition = handler_->errorPosition();
        return false;
    }
    handler_->fill(event, offset, problems);
    return true;
}

} // namespace lanescope::formats
