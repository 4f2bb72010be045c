// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "annotations_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace lanescope::widgets {

AnnotationsPanel::AnnotationsPanel(QWidget* parent)
    : QWidget(parent), model_(new AnnotationsModel(this)), table_(new QTableView(this)) {
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(22);
    table_->setWordWrap(false);
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(AnnotationsModel::Kind, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AnnotationsModel::Time, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AnnotationsModel::Text, QHeaderView::Stretch);
    header->setSectionResizeMode(AnnotationsModel::Where, QHeaderView::Interactive);
    header->setSectionResizeMode(AnnotationsModel::Author, QHeaderView::ResizeToContents);
    table_->installEventFilter(this);

    QToolButton* marker =
        button(tr("+ Marker"), tr("A point marker at the selection's start, else in the middle "
                                  "of the view (M on the timeline puts one at the mouse)"));
    addRange_ = button(tr("+ Range"), tr("A range marker from the selected time range"));
    addNote_ = button(tr("+ Note"), tr("A note on the selected slice"));
    color_ = button(tr("Colour…"), tr("Change the current annotation's colour"));
    delete_ = button(tr("Delete"), tr("Delete the current annotation (Ctrl+Z brings it back)"));
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    for (QToolButton* b : {marker, addRange_, addNote_})
        bar->addWidget(b);
    bar->addStretch(1);
    bar->addWidget(color_);
    bar->addWidget(delete_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(table_, 1);
    setCanAdd(false, false);

    connect(marker, &QToolButton::clicked, this, &AnnotationsPanel::addMarkerRequested);
    connect(addRange_, &QToolButton::clicked, this, &AnnotationsPanel::addRangeRequested);
    connect(addNote_, &QToolButton::clicked, this, &AnnotationsPanel::addNoteRequested);
    connect(color_, &QToolButton::clicked, this, [this] {
        if (currentId())
            emit colorRequested(currentId());
    });
    connect(delete_, &QToolButton::clicked, this, [this] {
        if (currentId())
            emit deleteRequested(currentId());
    });
    connect(model_, &AnnotationsModel::textEdited, this, &AnnotationsPanel::textEdited);
    connect(table_, &QTableView::activated, this, [this](const QModelIndex& index) {
        if (const AnnotationRow* row = model_->rowAt(index.row()))
            emit jumpRequested(row->annotation.id);
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { emit currentChanged(currentId()); });
}

QToolButton* AnnotationsPanel::button(const QString& text, const QString& tip) {
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(tip);
    return b;
}

void AnnotationsPanel::setRows(std::vector<AnnotationRow> rows, TimeNs origin) {
    const std::uint64_t keep = currentId();
    model_->setRows(std::move(rows), origin);
    if (const int row = model_->rowOf(keep); row >= 0)
        table_->setCurrentIndex(model_->index(row, AnnotationsModel::Text));
    const bool any = model_->rowCount() > 0;
    color_->setEnabled(any);
    delete_->setEnabled(any);
}

void AnnotationsPanel::setCanAdd(bool range, bool note) {
    addRange_->setEnabled(range);
    addNote_->setEnabled(note);
}

void AnnotationsPanel::showCurrent(std::uint64_t id) {
    const int row = model_->rowOf(id);
    if (row < 0)
        return;
    const QSignalBlocker quiet(this); // no jump request: the window is already showing it
    table_->setCurrentIndex(model_->index(row, AnnotationsModel::Text));
    table_->scrollTo(model_->index(row, 0));
}

std::uint64_t AnnotationsPanel::currentId() const {
    const AnnotationRow* row = model_->rowAt(table_->currentIndex().row());
    return row ? row->annotation.id : 0;
}

bool AnnotationsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_ && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Delete && currentId()) {
        // The text editor takes its own Delete key; only the table's reaches here.
        emit deleteRequested(currentId());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace lanescope::widgets
