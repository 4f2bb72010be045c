// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <QPalette>

namespace lanescope::app {

// The widget palette that matches a timeline theme, so the docks, menus and tables follow the
// timeline into dark mode instead of staying a bright frame around it.
QPalette applicationPalette(bool dark);

} // namespace lanescope::app
