// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <string>
#include <vector>

namespace lanescope::cli {

// `lanescope-cli export PATH --out FILE.png|.svg|.pdf [--range START_NS..END_NS] [--insight ID]
// [--width W] [--height H] [--scale S] [--session FILE] [--title TEXT] [--theme dark]`:
// the review page the GUI's File → Export view… writes, headless. Exit 0, or 2 with a message
// on bad input or an output that cannot be written.
int runExport(const std::vector<std::string>& args);

} // namespace lanescope::cli
