// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "cluster/cluster_view.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace lanescope::widgets {

// A job's ranks as a table, one row per ClusterView::ranks entry (in that order): the mean of
// each time per step (cluster::RankOverview), how many steps the rank held the others up and
// why, its bandwidth between chips, and the rank's folder. Qt::DisplayRole is readable,
// Qt::UserRole the raw number for sorting (the slow column sorts by steps, then by excess; an
// unknown bandwidth sorts as -1).
class ClusterRankModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Rank,
        Steps,
        StepTime,
        MaxStepTime,
        Computing,
        CommunicationNotOverlapped,
        Free,
        Preparing,
        Wait,
        Transit,
        LinkBandwidth,
        Slow,
        Folder,
        Columns
    };

    explicit ClusterRankModel(QObject* parent = nullptr);

    void setView(std::shared_ptr<const cluster::ClusterView> view);
    const cluster::ClusterView* view() const { return view_.get(); }
    const cluster::RankOverview& overview(int row) const;
    // The folder (or file) the rank was summarised from: what opens its timeline.
    QString folder(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant value(int row, int column, bool display) const;

    std::shared_ptr<const cluster::ClusterView> view_;
    std::vector<cluster::RankOverview> overviews_;
};

// "rank 17", or the rank's folder name when its number is not known.
QString rankTitle(const cluster::RankSummary& rank);
// "computing +2.0 ms over the median".
QString slowText(const cluster::SlowRank& slow);

} // namespace lanescope::widgets
