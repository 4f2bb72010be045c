// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>
#include <vector>

namespace lanescope::cli {

// `lanescope-cli report PATH --out DIR [--session FILE] [--theme dark]`: the review report the
// GUI's File → Export Report… writes (report.md, report.html, images/), headless. Exit 0, or 2
// with a message on bad input or a folder that cannot be written.
int runReport(const std::vector<std::string>& args);

} // namespace lanescope::cli
