// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/compare_command.h"

#include "cli/compare_report.h"
#include "cli/json_output.h"
#include "cli/render_inputs.h"
#include "cli/trace_input.h"
#include "compare_export.h"
#include "session/lane_identity.h"
#include "view_state_io.h"

#include <cstdlib>
#include <iostream>

namespace lanescope::cli {

namespace {

struct CompareArgs {
    std::string base;
    std::string comp;
    std::string baseSteps;
    std::string compSteps;
    std::string report; // a folder
    std::string out;    // a page
    bool dark = false;
    bool json = false;
    compare::NoiseThreshold noise;
};

bool parseDouble(const std::string& text, double& out) {
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return !text.empty() && end == text.c_str() + text.size() && out >= 0;
}

std::string parseArgs(const std::vector<std::string>& args, CompareArgs& parsed) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool hasValue = i + 1 < args.size();
        double value = 0;
        if (arg == "--json") {
            parsed.json = true;
        } else if (arg == "--base-steps" && hasValue) {
            parsed.baseSteps = args[++i];
        } else if (arg == "--comp-steps" && hasValue) {
            parsed.compSteps = args[++i];
        } else if (arg == "--report" && hasValue) {
            parsed.report = args[++i];
        } else if (arg == "--out" && hasValue) {
            parsed.out = args[++i];
        } else if (arg == "--theme" && hasValue) {
            parsed.dark = args[++i] == "dark";
        } else if (arg == "--noise-ms" && hasValue) {
            if (!parseDouble(args[++i], value))
                return "--noise-ms takes a number of milliseconds, got '" + args[i] + "'";
            parsed.noise.minNs = static_cast<TimeNs>(value * 1e6);
        } else if (arg == "--noise-pct" && hasValue) {
            if (!parseDouble(args[++i], value))
                return "--noise-pct takes a percentage, got '" + args[i] + "'";
            parsed.noise.minShare = value / 100.0;
        } else if (!arg.starts_with("--") && parsed.base.empty()) {
            parsed.base = arg;
        } else if (!arg.starts_with("--") && parsed.comp.empty()) {
            parsed.comp = arg;
        } else {
            return "unexpected argument '" + arg + "'";
        }
    }
    if (parsed.base.empty() || parsed.comp.empty())
        return "compare needs two traces: BASE (the baseline) and COMP (the comparison)";
    return {};
}

// The steps a list names, or the default; false after saying why.
bool chooseSteps(const std::string& list, const Trace& trace, const char* side,
                 const std::string& path, std::vector<std::size_t>& chosen) {
    if (list.empty())
        return true;
    std::string error;
    const auto steps = compare::runSteps(trace);
    const auto parsed = compare::parseStepChoice(list, steps, &error);
    if (!parsed) {
        std::cerr << "lanescope-cli compare: --" << side << "-steps " << list << ": " << path
                  << ": " << error << "\n";
        return false;
    }
    chosen = *parsed;
    return true;
}

widgets::ComparedSide sideOf(const app::TraceDocument& document) {
    widgets::ComparedSide side;
    side.trace = document.trace();
    side.path = document.path();
    side.devices = document.devices();
    side.insights = document.findings();
    if (const auto& saved = document.savedSession()) {
        side.annotations = saved->annotations;
        side.lanes = widgets::laneStateOf(saved->view, session::LaneIdentities(*document.trace()));
    }
    return side;
}

// --report and --out; false after saying why.
bool writePictures(const CompareArgs& parsed, std::shared_ptr<const compare::Comparison> comparison,
                   const app::TraceDocument& base, const app::TraceDocument& comp) {
    widgets::CompareReportInput input;
    input.comparison = std::move(comparison);
    input.base = sideOf(base);
    input.comp = sideOf(comp);
    input.noise = parsed.noise;
    input.theme = parsed.dark ? widgets::TimelineTheme::dark() : widgets::TimelineTheme::light();
    QString error;
    if (!parsed.out.empty()) {
        const widgets::CompareExporter exporter(*input.comparison, input.base, input.comp,
                                                input.theme);
        if (!exporter.save(QString::fromStdString(parsed.out), {}, &error)) {
            std::cerr << "lanescope-cli compare: " << error.toStdString() << "\n";
            return false;
        }
        std::cerr << "wrote " << parsed.out << "\n";
    }
    if (!parsed.report.empty()) {
        if (!widgets::writeCompareReport(input, QString::fromStdString(parsed.report), &error)) {
            std::cerr << "lanescope-cli compare: " << error.toStdString() << "\n";
            return false;
        }
        std::cerr << "wrote " << parsed.report << "/report.html and report.md\n";
    }
    return true;
}

} // namespace

int runCompare(const std::vector<std::string>& args) {
    CompareArgs parsed;
    if (const std::string problem = parseArgs(args, parsed); !problem.empty()) {
        std::cerr << "lanescope-cli compare: " << problem << "\n";
        return kExitUsage;
    }
    const auto app = offscreenApplication();
    const auto base = openDocument(parsed.base, {});
    if (!base) {
        std::cerr << "lanescope-cli compare: the baseline could not be loaded\n";
        return kExitBadInput;
    }
    const auto comp = openDocument(parsed.comp, {});
    if (!comp) {
        std::cerr << "lanescope-cli compare: the comparison could not be loaded\n";
        return kExitBadInput;
    }
    // Named by their traces, also when a path named a session file.
    compare::RunInput b{base->path().toStdString(),
                        base->trace().get(),
                        base->ops().get(),
                        base->findings().get(),
                        {},
                        base->devices().get()};
    compare::RunInput c{comp->path().toStdString(),
                        comp->trace().get(),
                        comp->ops().get(),
                        comp->findings().get(),
                        {},
                        comp->devices().get()};
    if (!chooseSteps(parsed.baseSteps, *b.trace, "base", parsed.base, b.steps) ||
        !chooseSteps(parsed.compSteps, *c.trace, "comp", parsed.comp, c.steps))
        return kExitBadInput;
    const auto comparison = std::make_shared<const compare::Comparison>(compare::compareRuns(b, c));
    if (parsed.json)
        lanescope::cli::printJson(std::cout, compareJson(*comparison));
    else
        printCompareText(*comparison, parsed.noise, std::cout);
    if (!writePictures(parsed, comparison, *base, *comp))
        return kExitBadInput;
    return kExitOk;
}

} // namespace lanescope::cli
