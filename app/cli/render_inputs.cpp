// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cli/render_inputs.h"

#include "cli/trace_input.h"

#include <iostream>

namespace lanescope::cli {

std::unique_ptr<app::TraceDocument> openDocument(const std::string& path,
                                                 const std::string& sessionOption) {
    const std::optional<TraceArgument> argument = resolveTraceArgument(path);
    if (!argument)
        return nullptr;
    const std::string& tracePath = argument->trace;
    const std::string& sessionFile = sessionOption.empty() ? argument->session : sessionOption;
    std::optional<Trace> loaded = loadOrReport(tracePath);
    if (!loaded)
        return nullptr;
    auto document = std::make_unique<app::TraceDocument>(
        QString::fromStdString(tracePath), std::make_shared<const Trace>(std::move(*loaded)));
    if (const QString problem = document->readSession(QString::fromStdString(sessionFile));
        !problem.isEmpty()) {
        if (!sessionFile.empty()) {
            std::cerr << problem.toStdString() << "\n";
            return nullptr;
        }
        std::cerr << "warning: " << problem.toStdString() << "; drawn without it\n";
    }
    analysis::Thresholds thresholds;
    if (const auto& saved = document->savedSession())
        for (const auto& [name, value] : saved->thresholds)
            thresholds.set(name, value);
    document->setThresholds(thresholds);
    document->analyseNow();
    return document;
}

std::unique_ptr<QGuiApplication> offscreenApplication() {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "lanescope-cli";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

} // namespace lanescope::cli
