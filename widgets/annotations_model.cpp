// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "annotations_model.h"

#include "time_format.h"

#include <QColor>
#include <QDateTime>
#include <QPixmap>

namespace lanescope::widgets {

namespace {

QString kindName(session::AnnotationKind kind) {
    switch (kind) {
    case session::AnnotationKind::Point:
        return QObject::tr("Marker");
    case session::AnnotationKind::Range:
        return QObject::tr("Range");
    case session::AnnotationKind::EventNote:
        return QObject::tr("Note");
    }
    return {};
}

QPixmap swatch(const std::string& color) {
    QPixmap pixmap(12, 12);
    pixmap.fill(QColor(QString::fromStdString(color)));
    return pixmap;
}

} // namespace

AnnotationsModel::AnnotationsModel(QObject* parent) : QAbstractTableModel(parent) {}

void AnnotationsModel::setRows(std::vector<AnnotationRow> rows, TimeNs origin) {
    beginResetModel();
    rows_ = std::move(rows);
    origin_ = origin;
    endResetModel();
}

const AnnotationRow* AnnotationsModel::rowAt(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size()) ? &rows_[static_cast<std::size_t>(row)]
                                                            : nullptr;
}

int AnnotationsModel::rowOf(std::uint64_t id) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].annotation.id == id)
            return static_cast<int>(i);
    return -1;
}

int AnnotationsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int AnnotationsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnnotationsModel::data(const QModelIndex& index, int role) const {
    const AnnotationRow* row = rowAt(index.row());
    if (!row)
        return {};
    const session::Annotation& a = row->annotation;
    if (role == IdRole)
        return static_cast<qulonglong>(a.id);
    switch (index.column()) {
    case Kind:
        if (role == Qt::DisplayRole)
            return kindName(a.kind);
        if (role == Qt::DecorationRole)
            return swatch(a.color);
        break;
    case Time:
        if (role == Qt::DisplayRole) {
            QString text = formatDuration(a.start - origin_);
            if (a.kind == session::AnnotationKind::Range)
                text += QStringLiteral(" +%1").arg(formatDuration(a.end - a.start));
            return text;
        }
        break;
    case Text:
        if (role == Qt::DisplayRole)
            return QString::fromStdString(a.text).section('\n', 0, 0);
        if (role == Qt::EditRole || role == Qt::ToolTipRole)
            return QString::fromStdString(a.text);
        break;
    case Where:
        if (role == Qt::DisplayRole)
            return row->detached ? tr("⚠ not in this trace: %1").arg(row->where) : row->where;
        if (role == Qt::ToolTipRole && row->detached)
            return tr("The lane or event this annotation was made on is not in the trace as "
                      "loaded now. It is kept as it was written.");
        break;
    case Author:
        if (role == Qt::DisplayRole)
            return QString::fromStdString(a.author);
        if (role == Qt::ToolTipRole)
            return tr("created %1, changed %2")
                .arg(QDateTime::fromMSecsSinceEpoch(a.createdMs).toString(Qt::ISODate),
                     QDateTime::fromMSecsSinceEpoch(a.modifiedMs).toString(Qt::ISODate));
        break;
    default:
        break;
    }
    return {};
}

bool AnnotationsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const AnnotationRow* row = rowAt(index.row());
    if (!row || index.column() != Text || role != Qt::EditRole)
        return false;
    // Queued: the change comes back as new rows, which must not replace the model while the
    // view is still closing the editor that made it.
    QMetaObject::invokeMethod(
        this,
        [this, id = row->annotation.id, text = value.toString()] { emit textEdited(id, text); },
        Qt::QueuedConnection);
    return true;
}

Qt::ItemFlags AnnotationsModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.column() == Text)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant AnnotationsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Kind:
        return tr("Kind");
    case Time:
        return tr("Time");
    case Text:
        return tr("Text");
    case Where:
        return tr("Where");
    case Author:
        return tr("Author");
    default:
        return {};
    }
}

} // namespace lanescope::widgets
