// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "slice_details_panel.h"

#include "analysis/slice_info.h"
#include "search_results_model.h"
#include "time_format.h"

#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

namespace lanescope::widgets {

namespace {

constexpr int kKeyRole = Qt::UserRole;        // fields: the key field() looks up
constexpr int kTargetRole = Qt::UserRole + 1; // the slice activating the row jumps to

enum FlowColumn { FlowDirection, FlowCategory, FlowName, FlowOtherEnd, FlowLane };

QVariant packRef(SliceRef ref) {
    return QVariant::fromValue((static_cast<qulonglong>(ref.track) << 32) | ref.slice);
}

SliceRef unpackRef(const QVariant& value) {
    const qulonglong packed = value.toULongLong();
    return {static_cast<std::uint32_t>(packed >> 32), static_cast<std::uint32_t>(packed)};
}

QString textOf(const Trace& trace, StringId id) {
    const std::string_view text = trace.str(id);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString sliceName(const Trace& trace, SliceRef ref) {
    return textOf(trace, trace.sliceTracks[ref.track].name(ref.slice));
}

QString flagsText(std::uint8_t flags) {
    QStringList names;
    if (flags & kSliceOverlap)
        names << QObject::tr("overlap (moved to a sub-row)");
    if (flags & kSliceUnfinished)
        names << QObject::tr("unfinished (closed at the trace end)");
    if (flags & kSliceAsync)
        names << QObject::tr("async");
    return names.join(QStringLiteral(", "));
}

// Runs on a pool thread: a failure must come back as a message, not escape the future.
SliceArgs readArgs(const Trace& trace, SliceRef slice) {
    try {
        return trace.sliceArgs(slice);
    } catch (const std::exception& e) {
        SliceArgs failed;
        failed.error = e.what();
        return failed;
    }
}

constexpr int kTreeSpacing = 4;

// Beyond this many flows the list scrolls rather than squeezing the args.
constexpr int kMaxFlowRowsShown = 6;

QTreeWidget* makeTree(QWidget* parent, const QStringList& headers) {
    auto* tree = new QTreeWidget(parent);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setWordWrap(false);
    tree->setTextElideMode(Qt::ElideRight);
    tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    return tree;
}

} // namespace

SliceDetailsPanel::SliceDetailsPanel(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)),
      fields_(makeTree(this, {tr("Field"), tr("Value")})),
      flows_(makeTree(this, {QString(), tr("Category"), tr("Flow"), tr("Other end"), tr("Lane")})),
      args_(new QPlainTextEdit(this)), splitter_(new QSplitter(Qt::Vertical, this)) {
    setupTitle();
    setupArgs();
    fields_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    flows_->header()->setSectionResizeMode(FlowDirection, QHeaderView::ResizeToContents);
    flows_->setToolTip(tr("Double-click or press Enter to jump to the other end"));
    connect(fields_, &QTreeWidget::itemActivated, this, &SliceDetailsPanel::activate);
    connect(flows_, &QTreeWidget::itemActivated, this, &SliceDetailsPanel::activate);
    layOut();
    clear();
}

void SliceDetailsPanel::setupTitle() {
    QFont font = title_->font();
    font.setBold(true);
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 1.15);
    title_->setFont(font);
    title_->setTextFormat(Qt::PlainText);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The title follows the dock's width (elided) instead of widening the dock.
    title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void SliceDetailsPanel::setupArgs() {
    args_->setReadOnly(true);
    args_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    args_->setLineWrapMode(QPlainTextEdit::NoWrap);
}

void SliceDetailsPanel::layOut() {
    auto* upper = new QWidget(this);
    auto* upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    // The pane is no taller than its trees: the splitter gives the rest to the args.
    upperLayout->setSizeConstraint(QLayout::SetMinAndMaxSize);
    upperLayout->setSpacing(kTreeSpacing);
    upperLayout->addWidget(fields_);
    upperLayout->addWidget(flows_);
    splitter_->setChildrenCollapsible(false);
    splitter_->addWidget(upper);
    splitter_->addWidget(args_);
    splitter_->setStretchFactor(0, 0);
    splitter_->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(title_);
    layout->addWidget(splitter_, 1);
}

void SliceDetailsPanel::showSlice(std::shared_ptr<const Trace> trace,
                                  const analysis::FlowIndex* flows, SliceRef slice) {
    if (!trace || !slice.valid() || slice.track >= trace->sliceTracks.size() ||
        slice.slice >= trace->sliceTracks[slice.track].size()) {
        clear();
        return;
    }
    trace_ = std::move(trace);
    flowIndex_ = flows;
    slice_ = slice;
    setTitle(sliceName(*trace_, slice_));
    fillFields();
    fillFlows();
    fitHeight(fields_, fields_->topLevelItemCount());
    fitHeight(flows_, std::min(flows_->topLevelItemCount(), kMaxFlowRowsShown));
    fitSplitter();
    requestArgs();
}

void SliceDetailsPanel::clear() {
    ++generation_; // drops args still being read
    trace_.reset();
    flowIndex_ = nullptr;
    slice_ = {};
    setTitle(tr("No slice selected"));
    fields_->clear();
    fitHeight(fields_, 0);
    flows_->clear();
    flows_->hide();
    args_->clear();
    args_->setPlaceholderText(tr("Click a slice on the timeline to see its args"));
}

void SliceDetailsPanel::fillFields() {
    fields_->clear();
    const Trace& trace = *trace_;
    const SliceTrack& track = trace.sliceTracks[slice_.track];
    const TimeNs start = track.start(slice_.slice);
    const QLocale english(QLocale::English);
    addField("name", tr("Name"), sliceName(trace, slice_));
    addField("category", tr("Category"), textOf(trace, track.category(slice_.slice)));
    addField("lane", tr("Lane"), laneNameOf(trace, slice_.track));
    addField("start", tr("Start"),
             QStringLiteral("%1 (%2 ns)")
                 .arg(formatDuration(start - trace.spanStart), english.toString(start)));
    addField("duration", tr("Duration"), formatDuration(track.duration(slice_.slice)))
        ->setToolTip(1, english.toString(track.duration(slice_.slice)) + QStringLiteral(" ns"));
    addField("self", tr("Self time"), formatDuration(analysis::selfTime(trace, slice_)));
    if (const QString flags = flagsText(track.flags(slice_.slice)); !flags.isEmpty())
        addField("flags", tr("Flags"), flags);
    if (const TaskLink* link = analysis::taskLinkOf(trace, slice_)) {
        addJumpField("launch", tr("Launched by"), link->launch);
        addJumpField("hostOp", tr("Torch op"), link->hostOp);
    }
}

QTreeWidgetItem* SliceDetailsPanel::addField(const char* key, const QString& label,
                                             const QString& value) {
    auto* item = new QTreeWidgetItem(fields_, {label, value});
    item->setData(0, kKeyRole, QString::fromLatin1(key));
    item->setToolTip(1, value);
    return item;
}

// A row naming another slice: activating it selects that slice.
void SliceDetailsPanel::addJumpField(const char* key, const QString& label, SliceRef target) {
    if (!target.valid())
        return;
    QTreeWidgetItem* item = addField(key, label, sliceName(*trace_, target));
    item->setData(0, kTargetRole, packRef(target));
    item->setForeground(1, palette().brush(QPalette::Link));
    item->setToolTip(1, tr("%1\n%2\nDouble-click to jump to it")
                            .arg(sliceName(*trace_, target), laneNameOf(*trace_, target.track)));
}

void SliceDetailsPanel::fillFlows() {
    flows_->clear();
    if (flowIndex_) {
        for (std::uint32_t flow : flowIndex_->incoming(slice_))
            addFlow(trace_->flows[flow], false);
        for (std::uint32_t flow : flowIndex_->outgoing(slice_))
            addFlow(trace_->flows[flow], true);
    }
    flows_->setVisible(flows_->topLevelItemCount() > 0);
    for (int c = FlowCategory; c <= FlowOtherEnd; ++c)
        flows_->resizeColumnToContents(c);
    for (int c = FlowCategory; c <= FlowOtherEnd; ++c)
        flows_->setColumnWidth(c, std::min(flows_->columnWidth(c), 220));
}

void SliceDetailsPanel::addFlow(const Flow& flow, bool outgoing) {
    const SliceRef other = outgoing ? flow.to : flow.from;
    const QString otherName = other.valid() ? sliceName(*trace_, other) : tr("(unbound)");
    const QString lane = other.valid() ? laneNameOf(*trace_, other.track) : QString();
    auto* item = new QTreeWidgetItem(flows_, {outgoing ? QStringLiteral("→") : QStringLiteral("←"),
                                              textOf(*trace_, flow.category),
                                              textOf(*trace_, flow.name), otherName, lane});
    item->setToolTip(FlowDirection, outgoing ? tr("Outgoing") : tr("Incoming"));
    item->setToolTip(FlowOtherEnd, otherName);
    item->setToolTip(FlowLane, lane);
    if (other.valid())
        item->setData(0, kTargetRole, packRef(other));
}

// The trees take the height of their rows and no more, so the args get the rest of the dock.
void SliceDetailsPanel::fitHeight(QTreeWidget* tree, int rows) {
    const int rowHeight =
        tree->topLevelItemCount() > 0 ? tree->sizeHintForRow(0) : tree->fontMetrics().height();
    tree->setMaximumHeight(tree->header()->sizeHint().height() + std::max(rows, 1) * rowHeight +
                           2 * tree->frameWidth() + 2);
}

// A splitter keeps its pane sizes when the contents change: without this, a slice with more
// fields or flows than the previous one would open with them scrolled out of sight.
void SliceDetailsPanel::fitSplitter() {
    int upper = fields_->maximumHeight();
    if (!flows_->isHidden())
        upper += flows_->maximumHeight() + kTreeSpacing;
    splitter_->setSizes({upper, std::max(1, splitter_->height() - upper)});
}

void SliceDetailsPanel::activate(QTreeWidgetItem* item) {
    const QVariant target = item ? item->data(0, kTargetRole) : QVariant();
    if (target.isValid())
        emit jumpTo(unpackRef(target));
}

void SliceDetailsPanel::requestArgs() {
    const std::uint64_t generation = ++generation_;
    args_->clear();
    args_->setPlaceholderText(tr("Reading args…"));
    auto* watcher = new QFutureWatcher<SliceArgs>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == generation_)
            showArgs(watcher->result());
    });
    // The task holds the trace: it stays valid even if the window drops it meanwhile.
    watcher->setFuture(
        QtConcurrent::run([trace = trace_, slice = slice_] { return readArgs(*trace, slice); }));
}

void SliceDetailsPanel::showArgs(const SliceArgs& args) {
    if (!args.error.empty()) {
        args_->setPlainText(
            tr("Could not read the args: %1").arg(QString::fromStdString(args.error)));
    } else {
        QString text = QString::fromStdString(args.argsJson);
        if (!args.endArgsJson.empty())
            text += QStringLiteral("\n\nend args:\n") + QString::fromStdString(args.endArgsJson);
        args_->setPlainText(text);
    }
    emit argsReady();
}

QString SliceDetailsPanel::field(const QString& key) const {
    for (int i = 0; i < fields_->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = fields_->topLevelItem(i);
        if (item->data(0, kKeyRole).toString() == key)
            return item->text(1);
    }
    return {};
}

QString SliceDetailsPanel::argsText() const {
    return args_->toPlainText();
}

int SliceDetailsPanel::flowCount() const {
    return flows_->topLevelItemCount();
}

void SliceDetailsPanel::setTitle(const QString& text) {
    titleText_ = text;
    title_->setToolTip(text);
    elideTitle();
}

void SliceDetailsPanel::elideTitle() {
    const int width = std::max(20, title_->contentsRect().width());
    title_->setText(title_->fontMetrics().elidedText(titleText_, Qt::ElideRight, width));
}

void SliceDetailsPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    elideTitle();
}

} // namespace lanescope::widgets
