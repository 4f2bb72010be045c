// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "compare/run_comparison.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace lanescope::widgets {

// The operator differences of a comparison as a table, one row per op name (outer join: a run
// the op did not run in shows "—"). Qt::DisplayRole is readable text, Qt::UserRole the raw
// number for sorting (|diff| for the difference column, so the default order is "largest change
// first"). Differences pass the noise threshold before they are coloured: slower red, faster
// green.
class OpDiffModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Name,
        Diff,
        Ratio,
        BaseDevice,
        CompDevice,
        BaseCalls,
        CompCalls,
        MoreCalls,
        MoreKernels,
        SlowerKernels,
        ColumnCount
    };

    explicit OpDiffModel(QObject* parent = nullptr);

    // `kernels`: the kernel-type rows (same-vendor runs) instead of the ops; the split columns
    // then stay empty.
    void setComparison(std::shared_ptr<const compare::Comparison> comparison, bool kernels = false);
    bool showsKernels() const { return kernels_; }
    void setNoise(const compare::NoiseThreshold& noise);
    const compare::NoiseThreshold& noise() const { return noise_; }
    const compare::OpDiff& diff(int row) const;
    bool significant(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const compare::OpDiff& d, int column) const;
    QVariant sortKey(const compare::OpDiff& d, int column) const;
    QVariant toolTip(const compare::OpDiff& d) const;

    std::shared_ptr<const compare::Comparison> comparison_;
    std::vector<compare::OpDiff> rows_; // the ops, or the kernel types in the same shape
    bool kernels_ = false;
    compare::NoiseThreshold noise_;
};

} // namespace lanescope::widgets
