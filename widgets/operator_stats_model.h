// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/op_stats.h"

#include <QAbstractTableModel>
#include <vector>

namespace lanescope::widgets {

// Operator statistics as a table: per top-level op (calls, device time, kernels per call, the
// per-call average, min and max device time, host time) or per kernel type (count, device time,
// average, min, max). Qt::DisplayRole is readable, Qt::UserRole the raw number for sorting.
class OperatorStatsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum class Mode { Operators, KernelTypes };
    enum OpColumn {
        OpName,
        OpCalls,
        OpDevice,
        OpKernelsPerCall,
        OpAverage,
        OpMin,
        OpMax,
        OpHost,
        OpColumns
    };
    enum KernelColumn {
        KernelType,
        KernelCount,
        KernelDevice,
        KernelAverage,
        KernelMin,
        KernelMax,
        KernelColumns
    };

    explicit OperatorStatsModel(QObject* parent = nullptr);

    void setOperators(std::vector<analysis::OpStats> rows);
    void setKernelTypes(std::vector<analysis::KernelTypeStats> rows);
    Mode mode() const { return mode_; }
    QString name(int row) const;
    // The table as CSV in the order of `rows` (source rows); times in ns.
    QString csv(const std::vector<int>& rows) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant opValue(const analysis::OpStats& s, int column, bool display) const;
    QVariant kernelValue(const analysis::KernelTypeStats& s, int column, bool display) const;

    Mode mode_ = Mode::Operators;
    std::vector<analysis::OpStats> ops_;
    std::vector<analysis::KernelTypeStats> kernels_;
};

} // namespace lanescope::widgets
