// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "session/session_json.h"

#include "model/time.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

namespace lanescope::session {

namespace {

using Json = nlohmann::json;

constexpr const char* kFormatName = "lanescope-session";

Json annotationJson(const Annotation& a) {
    Json j = {{"id", a.id},
              {"kind", toString(a.kind)},
              {"text", a.text},
              {"color", a.color},
              {"start_ns", a.start},
              {"end_ns", a.end},
              {"lanes", a.lanes},
              {"author", a.author},
              {"created_ms", a.createdMs},
              {"modified_ms", a.modifiedMs}};
    if (a.event)
        j["event"] = {
            {"track", a.event->track}, {"start_ns", a.event->start}, {"name", a.event->name}};
    if (!a.insight.empty())
        j["insight"] = a.insight;
    return j;
}

// Integers are read only from integer literals that fit: nlohmann would convert 1e300 or -1
// with undefined behaviour or a silent wrap.
template <typename T> bool fitsInteger(const Json& value) {
    if constexpr (std::is_unsigned_v<T>)
        return value.is_number_unsigned();
    else if (value.is_number_unsigned())
        return value.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<T>::max());
    else
        return value.is_number_integer();
}

// A field of the right type, or a SessionFormatError naming the annotation and the field.
template <typename T> T field(const Json& j, const char* name, std::size_t index, T fallback) {
    const auto it = j.find(name);
    if (it == j.end())
        return fallback;
    try {
        if constexpr (std::is_integral_v<T>)
            if (!fitsInteger<T>(*it))
                throw Json::other_error::create(0, "not an integer in range", nullptr);
        return it->get<T>();
    } catch (const Json::exception&) {
        throw SessionFormatError("annotation " + std::to_string(index) + ": \"" + name +
                                 "\" has the wrong type");
    }
}

// A time field: an integer within the times a trace can hold (model/time.h).
TimeNs timeField(const Json& j, const char* name, std::size_t index, TimeNs fallback) {
    const TimeNs time = field<TimeNs>(j, name, index, fallback);
    if (time < kMinEventTime || time > kMaxEventTime)
        throw SessionFormatError("annotation " + std::to_string(index) + ": \"" + name +
                                 "\" is out of range");
    return time;
}

Annotation annotationFrom(const Json& j, std::size_t index) {
    if (!j.is_object())
        throw SessionFormatError("annotation " + std::to_string(index) + " is not an object");
    Annotation a;
    a.id = field<std::uint64_t>(j, "id", index, 0);
    const auto kind = annotationKindFrom(field<std::string>(j, "kind", index, "point"));
    if (!kind)
        throw SessionFormatError("annotation " + std::to_string(index) + ": unknown kind");
    a.kind = *kind;
    a.text = field<std::string>(j, "text", index, "");
    a.color = field<std::string>(j, "color", index, a.color);
    if (!isHexColor(a.color))
        a.color = Annotation{}.color;
    a.start = timeField(j, "start_ns", index, 0);
    a.end = std::max(a.start, timeField(j, "end_ns", index, a.start));
    a.lanes = field<std::vector<std::string>>(j, "lanes", index, {});
    a.author = field<std::string>(j, "author", index, "");
    a.createdMs = field<std::int64_t>(j, "created_ms", index, 0);
    a.modifiedMs = field<std::int64_t>(j, "modified_ms", index, a.createdMs);
    a.insight = field<std::string>(j, "insight", index, "");
    if (const auto event = j.find("event"); event != j.end() && event->is_object())
        a.event = EventAnchor{field<std::string>(*event, "track", index, ""),
                              timeField(*event, "start_ns", index, 0),
                              field<std::string>(*event, "name", index, "")};
    if (a.kind == AnnotationKind::EventNote && !a.event)
        throw SessionFormatError("annotation " + std::to_string(index) +
                                 ": an event note without its event");
    return a;
}

} // namespace

std::string toJson(const Session& session, const std::string& tracePath) {
    Json annotations = Json::array();
    for (const Annotation& a : session.annotations.items())
        annotations.push_back(annotationJson(a));
    Json view = {{"pinned", session.view.pinned},
                 {"hidden", session.view.hidden},
                 {"collapsed", session.view.collapsed}};
    if (session.view.start && session.view.end) {
        view["start_ns"] = *session.view.start;
        view["end_ns"] = *session.view.end;
    }
    Json thresholds = Json::object();
    for (const auto& [name, value] : session.thresholds)
        thresholds[name] = value;
    const Json document = {{"format", kFormatName},    {"version", kSessionVersion},
                           {"trace", tracePath},       {"view", view},
                           {"thresholds", thresholds}, {"annotations", annotations}};
    return document.dump(2) + "\n";
}

namespace {

// The document, when it is JSON and says it is a Lanescope session; else SessionFormatError.
Json parseSessionDocument(std::string_view text) {
    Json document;
    try {
        document = Json::parse(text);
    } catch (const Json::parse_error& error) {
        throw SessionFormatError("not valid JSON at byte " + std::to_string(error.byte));
    } catch (const Json::out_of_range&) { // 406: a number literal beyond a double (1e999)
        throw SessionFormatError("not valid JSON: a number is out of range");
    }
    if (!document.is_object() || document.value("format", Json()) != kFormatName)
        throw SessionFormatError("not a Lanescope session file");
    return document;
}

} // namespace

std::string recordedTracePath(std::string_view text) {
    const Json document = parseSessionDocument(text);
    const Json trace = document.value("trace", Json());
    return trace.is_string() ? trace.get<std::string>() : std::string();
}

Session sessionFromJson(std::string_view text) {
    const Json document = parseSessionDocument(text);
    const Json version = document.value("version", Json());
    if (!version.is_number_integer())
        throw SessionFormatError("the version is missing");
    if (!version.is_number_unsigned() || version.get<std::uint64_t>() == 0)
        throw SessionFormatError("the version is not a positive number");
    // Read whole: 4294967297 is newer, not version 1 cut to an int.
    if (const std::uint64_t number = version.get<std::uint64_t>(); number > kSessionVersion)
        throw SessionTooNew("written by a newer Lanescope (session version " +
                                std::to_string(number) + ", this one reads " +
                                std::to_string(kSessionVersion) + ")",
                            number);
    Session session;
    try {
        const Json view = document.value("view", Json::object());
        session.view.pinned = view.value("pinned", std::vector<std::string>{});
        session.view.hidden = view.value("hidden", std::vector<std::string>{});
        session.view.collapsed = view.value("collapsed", std::vector<std::string>{});
        if (view.contains("start_ns") && view.contains("end_ns")) {
            const Json& start = view.at("start_ns");
            const Json& end = view.at("end_ns");
            if (!fitsInteger<TimeNs>(start) || !fitsInteger<TimeNs>(end))
                throw Json::other_error::create(0, "not an integer in range", nullptr);
            // A view outside what a trace can hold is no view: the window fits the trace.
            if (start.get<TimeNs>() >= kMinEventTime && end.get<TimeNs>() <= kMaxEventTime) {
                session.view.start = start.get<TimeNs>();
                session.view.end = end.get<TimeNs>();
            }
        }
        if (const auto thresholds = document.find("thresholds");
            thresholds != document.end() && thresholds->is_object())
            for (auto it = thresholds->begin(); it != thresholds->end(); ++it)
                session.thresholds.emplace_back(it.key(), it.value().get<double>());
    } catch (const Json::exception&) {
        throw SessionFormatError("the view or thresholds have the wrong types");
    }
    const Json annotations = document.value("annotations", Json::array());
    if (!annotations.is_array())
        throw SessionFormatError("\"annotations\" is not a list");
    std::vector<Annotation> loaded;
    for (std::size_t i = 0; i < annotations.size(); ++i)
        loaded.push_back(annotationFrom(annotations[i], i));
    session.annotations.load(std::move(loaded));
    return session;
}

} // namespace lanescope::session
