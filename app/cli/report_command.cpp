// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/report_command.h"

#include "cli/render_inputs.h"
#include "cli/trace_input.h"
#include "review_report.h"
#include "session/lane_identity.h"
#include "view_state_io.h"

#include <iostream>

namespace lanescope::cli {

namespace {

struct ReportArgs {
    std::string path;
    std::string out;
    std::string session;
    bool dark = false;
};

std::string parseArgs(const std::vector<std::string>& args, ReportArgs& parsed) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == "--out" && hasValue)
            parsed.out = args[++i];
        else if (arg == "--session" && hasValue)
            parsed.session = args[++i];
        else if (arg == "--theme" && hasValue)
            parsed.dark = args[++i] == "dark";
        else if (parsed.path.empty() && !arg.starts_with("--"))
            parsed.path = arg;
        else
            return "unexpected argument '" + arg + "'";
    }
    if (parsed.path.empty() || parsed.out.empty())
        return "report needs a trace PATH and --out DIR";
    return {};
}

int fail(const std::string& message) {
    std::cerr << "lanescope-cli report: " << message << "\n";
    return kExitBadInput;
}

} // namespace

int runReport(const std::vector<std::string>& args) {
    ReportArgs parsed;
    if (const std::string problem = parseArgs(args, parsed); !problem.empty())
        return fail(problem);
    const auto app = offscreenApplication();
    const auto document = openDocument(parsed.path, parsed.session);
    if (!document)
        return kExitBadInput;
    widgets::ReportInput report;
    report.trace = document->trace();
    report.tracePath = document->path();
    report.devices = document->devices();
    report.insights = document->findings();
    report.theme = parsed.dark ? widgets::TimelineTheme::dark() : widgets::TimelineTheme::light();
    if (const auto& saved = document->savedSession()) {
        report.annotations = saved->annotations;
        report.lanes =
            widgets::laneStateOf(saved->view, session::LaneIdentities(*document->trace()));
    }
    QString error;
    if (!widgets::writeReviewReport(report, QString::fromStdString(parsed.out), &error))
        return fail(error.toStdString());
    std::cout << "wrote " << parsed.out << "/report.html and report.md ("
              << document->findings()->size() << " insights, " << report.annotations.items().size()
              << " annotations)\n";
    return kExitOk;
}

} // namespace lanescope::cli
