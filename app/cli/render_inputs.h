#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"
#include "session/session.h"

#include <QGuiApplication>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lanescope::cli {

// What the drawing commands (export, report) need: the trace, its devices and insights (found
// with the session's thresholds), and the session.
struct RenderInputs {
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const analysis::DeviceMap> devices;
    std::shared_ptr<const std::vector<analysis::Insight>> insights;
    std::optional<session::Session> session;
};

// Loads them: the session from `sessionFile` (its problems are errors), else the sidecar next
// to the trace when there is one (its problems are warnings on stderr). Nothing is renamed or
// written. nullopt after printing why.
std::optional<RenderInputs> prepareRender(const std::string& tracePath,
                                          const std::string& sessionFile);

// Text needs a GUI application to be drawn, but never a display: Qt's offscreen platform
// unless the user chose another.
std::unique_ptr<QGuiApplication> offscreenApplication();

} // namespace lanescope::cli
