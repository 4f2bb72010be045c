// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "session/annotation.h"

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace lanescope::widgets {

// One annotation as the dock lists it.
struct AnnotationRow {
    session::Annotation annotation;
    QString where;         // "Python · Thread 1", "all lanes", "aten::to on Stream 2"
    bool detached = false; // its lane or event is not in this trace
};

// The annotations as a table: Kind (colour swatch), Time, Text (editable in place), Where,
// Author. Editing the text does not change the row: it asks (textEdited) so the change can go
// through the undo stack, and the rows come back with setRows.
class AnnotationsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Kind, Time, Text, Where, Author, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit AnnotationsModel(QObject* parent = nullptr);

    // `origin` is the trace's start: times are shown relative to it, as on the ruler.
    void setRows(std::vector<AnnotationRow> rows, TimeNs origin);
    const AnnotationRow* rowAt(int row) const;
    int rowOf(std::uint64_t id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void textEdited(std::uint64_t id, const QString& text);

private:
    std::vector<AnnotationRow> rows_;
    TimeNs origin_ = 0;
};

} // namespace lanescope::widgets
