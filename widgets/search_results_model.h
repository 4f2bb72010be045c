// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "model/trace.h"

#include <QAbstractTableModel>
#include <QString>
#include <memory>
#include <span>
#include <vector>

namespace lanescope::widgets {

// "python3 · stream 7": the process and thread (or async track) a slice track belongs to.
QString laneNameOf(const Trace& trace, std::uint32_t track);

// The matches of a name search as a table (Name, Lane, Start, Duration). Searches can return a
// million slices, so nothing is computed per row up front: cells are formatted when the view
// asks for them, and only lane names (one per track) are cached.
class SearchResultsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Lane, Start, Duration, ColumnCount };

    explicit SearchResultsModel(QObject* parent = nullptr);

    // `matches` is not copied: it must stay alive and unchanged until the next call.
    void setMatches(std::shared_ptr<const Trace> trace, std::span<const SliceRef> matches);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString displayText(SliceRef ref, int column) const;
    const QString& laneName(std::uint32_t track) const;

    std::shared_ptr<const Trace> trace_;
    std::span<const SliceRef> matches_;
    mutable std::vector<QString> laneNames_; // per slice track; null until first asked
};

} // namespace lanescope::widgets
