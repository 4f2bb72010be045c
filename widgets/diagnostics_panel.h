// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <QWidget>
#include <memory>

class QTreeWidget;

namespace lanescope::widgets {

// What the loader repaired, skipped or wants the user to know about the input: the notes, each
// diagnostic kind with its count, and under it the first occurrences with file and byte offset.
class DiagnosticsPanel : public QWidget {
    Q_OBJECT

public:
    explicit DiagnosticsPanel(QWidget* parent = nullptr);
    void setTrace(std::shared_ptr<const Trace> trace);
    // Number of top-level rows shown (notes + kinds), for the dock title and tests: 0 when
    // there is nothing to report (the placeholder row does not count).
    int entryCount() const;

private:
    void addPlaceholder(const QString& text);
    void spanExamples(std::size_t kinds);

    QTreeWidget* tree_;
    int entries_ = 0;
};

} // namespace lanescope::widgets
