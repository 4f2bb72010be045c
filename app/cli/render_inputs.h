// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "trace_document.h"

#include <QGuiApplication>
#include <memory>
#include <string>

namespace lanescope::cli {

// A trace for a drawing command (export, report, compare) as a document: the session from
// `sessionOption` (--session; its problems are errors), else the session file `path` names (see
// resolveTraceArgument), else the sidecar next to the trace (its problems are warnings on
// stderr); the findings found with the session's thresholds. Nothing is renamed or
// written. nullptr after printing why.
std::unique_ptr<app::TraceDocument> openDocument(const std::string& path,
                                                 const std::string& sessionOption);

// Text needs a GUI application to be drawn, but never a display: Qt's offscreen platform
// unless the user chose another.
std::unique_ptr<QGuiApplication> offscreenApplication();

} // namespace lanescope::cli
