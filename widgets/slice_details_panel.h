// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/flow_index.h"
#include "model/trace.h"

#include <QWidget>
#include <memory>

class QTreeWidget;
class QTreeWidgetItem;
class QPlainTextEdit;
class QLabel;
class QSplitter;

namespace lanescope::analysis {
struct SliceArgs;
}

namespace lanescope::widgets {

// Everything about the selected slice: name, category, lane, start (relative to the trace start
// and absolute), duration, self time, its device-task link (launch, torch op), incoming and
// outgoing flows (activating one jumps to the slice at its other end) and all its args,
// pretty-printed. Args are read from the source file off the GUI thread.
class SliceDetailsPanel : public QWidget {
    Q_OBJECT

public:
    explicit SliceDetailsPanel(QWidget* parent = nullptr);

    // `flows` must outlive the selection (the window owns one per trace).
    void showSlice(std::shared_ptr<const Trace> trace, const analysis::FlowIndex* flows,
                   SliceRef slice);
    void clear();

    // Text of the fields (for tests and copy): "name", "category", "start", "duration", "self".
    QString field(const QString& key) const;
    // The args text once read ("" while reading).
    QString argsText() const;
    // Number of flow rows listed (incoming + outgoing).
    int flowCount() const;

signals:
    void jumpTo(lanescope::SliceRef slice);
    // Emitted when the args of the current slice have been read (or failed).
    void argsReady();

private:
    void resizeEvent(QResizeEvent* event) override;
    void setupTitle();
    void setupArgs();
    void layOut();
    void setTitle(const QString& text);
    void elideTitle();
    void fillFields();
    QTreeWidgetItem* addField(const char* key, const QString& label, const QString& value);
    void addJumpField(const char* key, const QString& label, SliceRef target);
    void fillFlows();
    void addFlow(const Flow& flow, bool outgoing);
    void fitHeight(QTreeWidget* tree, int rows);
    void fitSplitter();
    void activate(QTreeWidgetItem* item);
    void requestArgs();
    void showArgs(const SliceArgs& args);

    QLabel* title_;
    QTreeWidget* fields_;
    QTreeWidget* flows_;
    QPlainTextEdit* args_;
    QSplitter* splitter_;
    std::shared_ptr<const Trace> trace_;
    SliceRef slice_;
    const analysis::FlowIndex* flowIndex_ = nullptr;
    QString titleText_;            // the whole name; the label shows it elided
    std::uint64_t generation_ = 0; // bumped per slice shown: late args of an older one are dropped
};

} // namespace lanescope::widgets
