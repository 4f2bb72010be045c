// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/event_source.h"

#include <memory>

namespace lanescope::formats {

// Events read back from the files a trace was loaded from (Trace::files): a JSON event by its
// byte offset (gzip through the seek index, event_text_reader.h), repaired as the loader
// repaired it; for a B/E slice also the E event's args; a DB export slice by its row key, the
// row with its string ids resolved standing in for the event and its columns for "args".
std::shared_ptr<const EventSource> fileEventSource();

} // namespace lanescope::formats
