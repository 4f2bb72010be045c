#include "cli/render_inputs.h"

#include "analysis/detect_insights.h"
#include "cli/trace_input.h"
#include "session/session_file.h"
#include "session/session_json.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace lanescope::cli {

namespace {

// The session, nullopt when there is none to use; `error` set when an explicit one is bad.
std::optional<session::Session> readSession(const std::string& tracePath,
                                            const std::string& sessionFile, std::string& error) {
    const bool explicitFile = !sessionFile.empty();
    const std::string path = explicitFile ? sessionFile : session::sidecarPathFor(tracePath);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (explicitFile)
            error = path + ": cannot read the session file";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return session::sessionFromJson(text.str());
    } catch (const session::SessionFormatError& e) {
        if (explicitFile)
            error = path + ": " + e.what();
        else
            std::cerr << "warning: " << path << ": " << e.what() << "; drawn without it\n";
        return std::nullopt;
    }
}

} // namespace

std::optional<RenderInputs> prepareRender(const std::string& tracePath,
                                          const std::string& sessionFile) {
    RenderInputs inputs;
    std::string error;
    inputs.session = readSession(tracePath, sessionFile, error);
    if (!error.empty()) {
        std::cerr << error << "\n";
        return std::nullopt;
    }
    std::optional<Trace> loaded = loadOrReport(tracePath);
    if (!loaded)
        return std::nullopt;
    inputs.trace = std::make_shared<const Trace>(std::move(*loaded));
    analysis::Thresholds thresholds;
    if (inputs.session)
        for (const auto& [name, value] : inputs.session->thresholds)
            thresholds.set(name, value);
    inputs.devices =
        std::make_shared<const analysis::DeviceMap>(analysis::mapDevices(*inputs.trace));
    inputs.insights = std::make_shared<const std::vector<analysis::Insight>>(
        analysis::detectInsights(*inputs.trace, *inputs.devices, thresholds));
    return inputs;
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
