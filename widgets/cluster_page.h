// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "cluster/cluster_view.h"
#include "cluster_heatmap.h"
#include "timeline_theme.h"

#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace lanescope::widgets {

class ClusterRankModel;

// What the window shows first for a job folder: a line on the job (ranks, steps, the ranks that
// held the others up and why, the communication the ranks waited in, what could not be read),
// the rank × step heatmap coloured by a chosen metric, and the rank table, sortable by any
// column. Both show the same ranks in the same order: sorting the table reorders the heatmap's
// rows, and selecting in either selects in both. Double-clicking a rank, Enter, or the Open
// button asks for the selected ranks' timeline (several are stacked in one).
class ClusterPage : public QWidget {
    Q_OBJECT

public:
    explicit ClusterPage(QWidget* parent = nullptr);

    // `problems`: ranks that could not be summarised, each naming its folder and why.
    void setJob(const QString& jobPath, std::shared_ptr<const cluster::ClusterView> view,
                const QStringList& problems);
    // Back to no job.
    void clear();
    const cluster::ClusterView* view() const;
    void setTheme(const TimelineTheme& theme);
    void setMetric(HeatMetric metric);

    // Indices into ClusterView::ranks, in the table's order.
    std::vector<std::size_t> selectedRanks() const;
    void selectRanks(const std::vector<std::size_t>& ranks);
    // Asks for the selected ranks' timeline (nothing when none is selected).
    void openSelected();

    ClusterHeatmap* heatmap() const { return heatmap_; }
    QTableView* table() const { return table_; }
    ClusterRankModel* model() const { return model_; }
    QLabel* summary() const { return summary_; }
    QComboBox* metricBox() const { return metric_; }
    QPushButton* openButton() const { return open_; }

signals:
    void openRanksRequested(const std::vector<std::size_t>& ranks);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void followTableOrder();
    void followSelection();
    void pickRank(std::size_t rank, Qt::KeyboardModifiers modifiers);
    QString describeJob(const QString& jobPath, const QStringList& problems) const;

    QLabel* summary_;
    QComboBox* metric_;
    QPushButton* open_;
    ClusterHeatmap* heatmap_;
    QTableView* table_;
    ClusterRankModel* model_;
    QSortFilterProxyModel* proxy_;
    std::shared_ptr<const cluster::ClusterView> view_;
};

} // namespace lanescope::widgets
