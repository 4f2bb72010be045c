// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "operator_stats_model.h"

#include "csv_text.h"
#include "time_format.h"

namespace lanescope::widgets {

namespace {

struct Header {
    const char* name;
    const char* tip;
};

// In OpColumn order.
const Header kOpHeaders[OperatorStatsModel::OpColumns] = {
    {"Operator", "Top-level op: the outermost framework op of a call; aclnn*/npu:: layers and "
                 "aten sub-ops are folded into it"},
    {"Calls", "How many times it ran"},
    {"Device", "Device time of the kernels it launched (sum of their durations)"},
    {"Kernels/call", "Device tasks per call"},
    {"Avg device", "Device time per call"},
    {"Min device", "The call with the least device time"},
    {"Max device", "The call with the most device time"},
    {"Host", "Host time of its calls"}};

// In KernelColumn order.
const Header kKernelHeaders[OperatorStatsModel::KernelColumns] = {
    {"Kernel type", "The kernel table's op type (Ascend), else the kernel's name"},
    {"Count", "How many ran"},
    {"Device", "Their device time"},
    {"Avg", "Device time per kernel"},
    {"Min", "The shortest"},
    {"Max", "The longest"}};

QVariant duration(TimeNs ns, bool display) {
    return display ? QVariant(formatDuration(ns)) : QVariant(qlonglong(ns));
}

} // namespace

OperatorStatsModel::OperatorStatsModel(QObject* parent) : QAbstractTableModel(parent) {}

void OperatorStatsModel::setOperators(std::vector<analysis::OpStats> rows) {
    beginResetModel();
    mode_ = Mode::Operators;
    ops_ = std::move(rows);
    kernels_.clear();
    endResetModel();
}

void OperatorStatsModel::setKernelTypes(std::vector<analysis::KernelTypeStats> rows) {
    beginResetModel();
    mode_ = Mode::KernelTypes;
    kernels_ = std::move(rows);
    ops_.clear();
    endResetModel();
}

QString OperatorStatsModel::name(int row) const {
    const auto r = static_cast<std::size_t>(row);
    return QString::fromStdString(mode_ == Mode::Operators ? ops_[r].name : kernels_[r].type);
}

int OperatorStatsModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid())
        return 0;
    return static_cast<int>(mode_ == Mode::Operators ? ops_.size() : kernels_.size());
}

int OperatorStatsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : (mode_ == Mode::Operators ? int(OpColumns) : int(KernelColumns));
}

QVariant OperatorStatsModel::opValue(const analysis::OpStats& s, int column, bool display) const {
    switch (column) {
    case OpName:
        return QString::fromStdString(s.name);
    case OpCalls:
        return qulonglong(s.count);
    case OpDevice:
        return duration(s.deviceNs, display);
    case OpKernelsPerCall:
        return display ? QVariant(QString::number(s.kernelsPerCall(), 'f', 1))
                       : QVariant(s.kernelsPerCall());
    case OpAverage:
        return duration(static_cast<TimeNs>(s.deviceAverageNs()), display);
    case OpMin:
        return duration(s.deviceMinNs, display);
    case OpMax:
        return duration(s.deviceMaxNs, display);
    case OpHost:
        return duration(s.hostNs, display);
    default:
        return {};
    }
}

QVariant OperatorStatsModel::kernelValue(const analysis::KernelTypeStats& s, int column,
                                         bool display) const {
    switch (column) {
    case KernelType:
        return QString::fromStdString(s.type);
    case KernelCount:
        return qulonglong(s.count);
    case KernelDevice:
        return duration(s.deviceNs, display);
    case KernelAverage:
        return duration(s.count ? s.deviceNs / static_cast<TimeNs>(s.count) : 0, display);
    case KernelMin:
        return duration(s.minNs, display);
    case KernelMax:
        return duration(s.maxNs, display);
    default:
        return {};
    }
}

QVariant OperatorStatsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const bool ops = mode_ == Mode::Operators;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::UserRole: {
        const bool display = role == Qt::DisplayRole;
        return ops ? opValue(ops_[row], index.column(), display)
                   : kernelValue(kernels_[row], index.column(), display);
    }
    case Qt::ToolTipRole:
        return index.column() == 0 ? QVariant(name(index.row())) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == 0 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant OperatorStatsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    const Header& h = mode_ == Mode::Operators ? kOpHeaders[section] : kKernelHeaders[section];
    if (role == Qt::DisplayRole)
        return tr(h.name);
    if (role == Qt::ToolTipRole)
        return tr(h.tip);
    return {};
}

QString OperatorStatsModel::csv(const std::vector<int>& rows) const {
    QString out;
    if (mode_ == Mode::Operators) {
        out = QStringLiteral("name,calls,device_ns,kernels,kernels_per_call,device_avg_ns,"
                             "device_min_ns,device_max_ns,host_ns\n");
        for (int r : rows) {
            const analysis::OpStats& s = ops_[static_cast<std::size_t>(r)];
            out += csvField(QString::fromStdString(s.name)) +
                   QStringLiteral(",%1,%2,%3,%4,%5,%6,%7,%8\n")
                       .arg(s.count)
                       .arg(s.deviceNs)
                       .arg(s.kernels)
                       .arg(s.kernelsPerCall(), 0, 'f', 2)
                       .arg(s.deviceAverageNs(), 0, 'f', 1)
                       .arg(s.deviceMinNs)
                       .arg(s.deviceMaxNs)
                       .arg(s.hostNs);
        }
        return out;
    }
    out = QStringLiteral("type,count,device_ns,min_ns,max_ns\n");
    for (int r : rows) {
        const analysis::KernelTypeStats& s = kernels_[static_cast<std::size_t>(r)];
        out +=
            csvField(QString::fromStdString(s.type)) +
            QStringLiteral(",%1,%2,%3,%4\n").arg(s.count).arg(s.deviceNs).arg(s.minNs).arg(s.maxNs);
    }
    return out;
}

} // namespace lanescope::widgets
