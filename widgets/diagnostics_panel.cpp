// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "diagnostics_panel.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lanescope::widgets {

namespace {

enum Column { KindColumn, CountColumn, DetailColumn };

// Kinds with few occurrences are shown opened: their examples are the whole story.
constexpr std::size_t kExpandedKinds = 4;

QTreeWidgetItem* noteItem(const std::string& note) {
    const QString text = QString::fromStdString(note);
    auto* item = new QTreeWidgetItem({QObject::tr("Note"), QString(), text});
    item->setToolTip(DetailColumn, text);
    return item;
}

QTreeWidgetItem* exampleItem(const Diagnostics::Example& example) {
    const QString file = QString::fromStdString(example.file);
    // The file name alone keeps the position in view; the tooltip has the whole path.
    const QString where = QString::fromStdString(example.where());
    const QString text =
        QStringLiteral("%1: %2: %3")
            .arg(QFileInfo(file).fileName(), where, QString::fromStdString(example.message));
    auto* item = new QTreeWidgetItem({text});
    item->setToolTip(
        KindColumn,
        QStringLiteral("%1: %2: %3").arg(file, where, QString::fromStdString(example.message)));
    return item;
}

QTreeWidgetItem* kindItem(const Diagnostics& diagnostics, const std::string& kind,
                          std::uint64_t count) {
    auto* item =
        new QTreeWidgetItem({QString::fromStdString(kind),
                             QLocale(QLocale::English).toString(static_cast<qulonglong>(count))});
    item->setTextAlignment(CountColumn, Qt::AlignRight | Qt::AlignVCenter);
    std::uint64_t shown = 0;
    for (const Diagnostics::Example& example : diagnostics.examples())
        if (example.kind == kind) {
            item->addChild(exampleItem(example));
            ++shown;
        }
    if (shown < count)
        item->setToolTip(
            KindColumn,
            QObject::tr("%1 occurrences; the first %2 are listed").arg(count).arg(shown));
    return item;
}

} // namespace

DiagnosticsPanel::DiagnosticsPanel(QWidget* parent)
    : QWidget(parent), tree_(new QTreeWidget(this)) {
    tree_->setColumnCount(3);
    tree_->setHeaderLabels({tr("Kind"), tr("Count"), tr("Details")});
    tree_->setRootIsDecorated(true);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->setWordWrap(false);
    tree_->header()->setStretchLastSection(true);
    tree_->header()->setSectionResizeMode(CountColumn, QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(tree_);
    setTrace(nullptr);
}

void DiagnosticsPanel::setTrace(std::shared_ptr<const Trace> trace) {
    tree_->clear();
    entries_ = 0;
    if (trace) {
        for (const std::string& note : trace->notes)
            tree_->addTopLevelItem(noteItem(note));
        for (const auto& [kind, count] : trace->diagnostics.counts())
            tree_->addTopLevelItem(kindItem(trace->diagnostics, kind, count));
        entries_ = tree_->topLevelItemCount();
    }
    if (entries_ == 0)
        addPlaceholder(trace ? tr("Nothing was repaired or skipped") : tr("No trace loaded"));
    spanExamples(trace ? trace->diagnostics.counts().size() : 0);
    tree_->resizeColumnToContents(KindColumn);
}

int DiagnosticsPanel::entryCount() const {
    return entries_;
}

void DiagnosticsPanel::addPlaceholder(const QString& text) {
    auto* item = new QTreeWidgetItem({text});
    item->setFlags(Qt::ItemIsEnabled);
    tree_->addTopLevelItem(item);
    item->setFirstColumnSpanned(true);
}

// Example lines are longer than a kind name: they span all columns instead of widening the
// first one. Spanning only works once the item is in the tree.
void DiagnosticsPanel::spanExamples(std::size_t kinds) {
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* top = tree_->topLevelItem(i);
        for (int c = 0; c < top->childCount(); ++c)
            top->child(c)->setFirstColumnSpanned(true);
        if (kinds <= kExpandedKinds)
            top->setExpanded(true);
    }
}

} // namespace lanescope::widgets
