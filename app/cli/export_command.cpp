// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/export_command.h"

#include "annotation_marks.h"
#include "cli/render_inputs.h"
#include "cli/trace_input.h"
#include "view_export.h"
#include "view_state_io.h"

#include <algorithm>
#include <charconv>
#include <iostream>

namespace lanescope::cli {

namespace {

struct ExportArgs {
    std::string path;
    std::string out;
    std::string session;
    std::string insight;
    std::string title;
    std::optional<std::pair<TimeNs, TimeNs>> range;
    int width = 1600;
    int height = 0;
    double scale = 1;
    bool dark = false;
};

template <typename T> bool parseNumber(const std::string& text, T& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

bool parseRange(const std::string& text, std::pair<TimeNs, TimeNs>& range) {
    const std::size_t dots = text.find("..");
    return dots != std::string::npos && parseNumber(text.substr(0, dots), range.first) &&
           parseNumber(text.substr(dots + 2), range.second) && range.second > range.first;
}

// The arguments, or a message saying what is wrong with them.
std::string parseArgs(const std::vector<std::string>& args, ExportArgs& parsed) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool hasValue = i + 1 < args.size();
        const std::string value = hasValue ? args[i + 1] : std::string();
        const auto takes = [&](const char* name) { return arg == name && hasValue && ++i; };
        if (takes("--out"))
            parsed.out = value;
        else if (takes("--session"))
            parsed.session = value;
        else if (takes("--insight"))
            parsed.insight = value;
        else if (takes("--title"))
            parsed.title = value;
        else if (takes("--theme"))
            parsed.dark = value == "dark";
        else if (takes("--range")) {
            std::pair<TimeNs, TimeNs> range;
            if (!parseRange(value, range))
                return "--range wants START_NS..END_NS with END_NS > START_NS, got '" + value + "'";
            parsed.range = range;
        } else if (takes("--width")) {
            if (!parseNumber(value, parsed.width) || parsed.width < 200 || parsed.width > 20000)
                return "--width wants 200 to 20000 pixels, got '" + value + "'";
        } else if (takes("--height")) {
            if (!parseNumber(value, parsed.height) || parsed.height < 200 || parsed.height > 20000)
                return "--height wants 200 to 20000 pixels, got '" + value + "'";
        } else if (takes("--scale")) {
            if (!parseNumber(value, parsed.scale) || parsed.scale < 1 || parsed.scale > 4)
                return "--scale wants 1 to 4, got '" + value + "'";
        } else if (parsed.path.empty() && !arg.starts_with("--")) {
            parsed.path = arg;
        } else {
            return "unexpected argument '" + arg + "'";
        }
    }
    if (parsed.path.empty() || parsed.out.empty())
        return "export needs a trace PATH and --out FILE.png|.svg|.pdf";
    return {};
}

int fail(const std::string& message) {
    std::cerr << "lanescope-cli export: " << message << "\n";
    return kExitBadInput;
}

} // namespace

int runExport(const std::vector<std::string>& args) {
    ExportArgs parsed;
    if (const std::string problem = parseArgs(args, parsed); !problem.empty())
        return fail(problem);
    const auto app = offscreenApplication();
    const auto document = openDocument(parsed.path, parsed.session);
    if (!document)
        return kExitBadInput;
    const auto& trace = document->trace();
    const auto& insights = document->findings();
    const std::optional<session::Session>& saved = document->savedSession();

    widgets::ExportRequest request;
    request.start = trace->spanStart;
    request.end = std::max(trace->spanEnd, trace->spanStart + 1);
    widgets::TimelineOverlay overlay;
    overlay.findings = {insights, document->devices(), parsed.insight, true};
    if (!parsed.insight.empty()) {
        const auto found =
            std::find_if(insights->begin(), insights->end(),
                         [&](const analysis::Insight& i) { return i.id == parsed.insight; });
        if (found == insights->end())
            return fail("no insight '" + parsed.insight + "' in " + parsed.path +
                        " (lanescope-cli analyze lists them)");
        const TimeNs margin = std::max<TimeNs>(1000, (found->end - found->start) / 10);
        request.start = found->start - margin;
        request.end = found->end + margin;
        request.title = QString::fromStdString(found->title);
    }
    if (parsed.range) {
        request.start = parsed.range->first;
        request.end = parsed.range->second;
    }
    const session::LaneIdentities lanes(*trace);
    widgets::LaneState laneState;
    if (saved) {
        overlay.annotations.marks = widgets::annotationMarks(*trace, lanes, saved->annotations);
        laneState = widgets::laneStateOf(saved->view, lanes);
    }
    if (!parsed.title.empty())
        request.title = QString::fromStdString(parsed.title);
    request.width = parsed.width;
    request.height = parsed.height;
    request.scale = parsed.scale;

    const widgets::ViewExporter exporter(*trace, laneState, overlay,
                                         parsed.dark ? widgets::TimelineTheme::dark()
                                                     : widgets::TimelineTheme::light(),
                                         document->path());
    QString error;
    if (!exporter.save(QString::fromStdString(parsed.out), request, &error))
        return fail(error.toStdString());
    const QSize page = exporter.pageSize(request);
    std::cout << "wrote " << parsed.out << " (" << page.width() << "x" << page.height()
              << " at scale " << parsed.scale << ", " << insights->size() << " insights, "
              << overlay.annotations.marks.size() << " annotations)\n";
    return kExitOk;
}

} // namespace lanescope::cli
