// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <QString>

namespace lanescope::app {

// The sample Ascend profiler folder compiled into the binary (resources/samples), so a fresh
// install can show the migration story without any file. The loader reads real files, so the
// folder is written out to the user's cache directory first; returns its path, or an empty
// string with `error` set.
QString extractEmbeddedSample(QString* error);
// Any sample of resources/samples by name: "bert_eager_ascend_pt", "bert_tuned_ascend_pt" (the
// same model after tuning) or "bert_a10.pt.trace.json" (on an NVIDIA A10), for the comparison.
QString extractEmbeddedSample(const QString& name, QString* error);

} // namespace lanescope::app
