#pragma once

#include <QString>

namespace lanescope::app {

// The sample Ascend profiler folder compiled into the binary (resources/samples), so a fresh
// install can show the migration story without any file. The loader reads real files, so the
// folder is written out to the user's cache directory first; returns its path, or an empty
// string with `error` set.
QString extractEmbeddedSample(QString* error);

} // namespace lanescope::app
