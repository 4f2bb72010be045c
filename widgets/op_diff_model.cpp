// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "op_diff_model.h"

#include "time_format.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <cstdlib>

namespace lanescope::widgets {

namespace {

const QString kAbsent = QStringLiteral("—");

} // namespace

OpDiffModel::OpDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

void OpDiffModel::setComparison(std::shared_ptr<const compare::Comparison> comparison,
                                bool kernels) {
    beginResetModel();
    comparison_ = std::move(comparison);
    kernels_ = kernels;
    rows_.clear();
    if (comparison_ && !kernels_)
        rows_ = comparison_->ops;
    else if (comparison_)
        for (const compare::KernelDiff& k : comparison_->kernels) {
            compare::OpDiff row;
            row.name = k.inputShapes.empty() ? k.type : k.type + " [" + k.inputShapes + "]";
            row.base = k.base;
            row.comp = k.comp;
            row.diffNs = k.diffNs;
            row.ratio = k.ratio;
            rows_.push_back(std::move(row));
        }
    endResetModel();
}

void OpDiffModel::setNoise(const compare::NoiseThreshold& noise) {
    noise_ = noise;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const compare::OpDiff& OpDiffModel::diff(int row) const {
    return rows_[static_cast<std::size_t>(row)];
}

bool OpDiffModel::significant(int row) const {
    const compare::OpDiff& d = diff(row);
    return noise_.significant(d.diffNs, d.base ? d.base->deviceNs : 0);
}

int OpDiffModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int OpDiffModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OpDiffModel::display(const compare::OpDiff& d, int column) const {
    switch (column) {
    case Name:
        return QString::fromStdString(d.name);
    case BaseCalls:
        return d.base ? QVariant(qulonglong(d.base->count)) : QVariant(kAbsent);
    case BaseDevice:
        return d.base ? formatDuration(d.base->deviceNs) : kAbsent;
    case CompCalls:
        return d.comp ? QVariant(qulonglong(d.comp->count)) : QVariant(kAbsent);
    case CompDevice:
        return d.comp ? formatDuration(d.comp->deviceNs) : kAbsent;
    case Diff:
        return formatSignedDuration(d.diffNs);
    case Ratio:
        if (!d.comp)
            return QStringLiteral("gone");
        return d.ratio ? QStringLiteral("%1×").arg(*d.ratio, 0, 'f', 2)
                       : (d.base ? kAbsent : QStringLiteral("new"));
    case MoreCalls:
        return kernels_ ? QVariant() : formatSignedDuration(d.moreCallsNs);
    case MoreKernels:
        return kernels_ ? QVariant() : formatSignedDuration(d.moreKernelsNs);
    case SlowerKernels:
        return kernels_ ? QVariant() : formatSignedDuration(d.slowerKernelsNs);
    default:
        return {};
    }
}

QVariant OpDiffModel::sortKey(const compare::OpDiff& d, int column) const {
    switch (column) {
    case Name:
        return QString::fromStdString(d.name);
    case BaseCalls:
        return qulonglong(d.base ? d.base->count : 0);
    case BaseDevice:
        return qlonglong(d.base ? d.base->deviceNs : 0);
    case CompCalls:
        return qulonglong(d.comp ? d.comp->count : 0);
    case CompDevice:
        return qlonglong(d.comp ? d.comp->deviceNs : 0);
    case Diff:
        return qlonglong(std::llabs(d.diffNs));
    case Ratio:
        return d.ratio ? *d.ratio : 1e300;
    case MoreCalls:
        return qlonglong(d.moreCallsNs);
    case MoreKernels:
        return qlonglong(d.moreKernelsNs);
    case SlowerKernels:
        return qlonglong(d.slowerKernelsNs);
    default:
        return {};
    }
}

QVariant OpDiffModel::toolTip(const compare::OpDiff& d) const {
    if (kernels_)
        return QString::fromStdString(d.name);
    if (!d.base)
        return tr("%1 ran only in the comparison").arg(QString::fromStdString(d.name));
    if (!d.comp)
        return tr("%1 ran only in the baseline").arg(QString::fromStdString(d.name));
    return tr("%1: %2 → %3 kernels per call; %4 more calls, %5 more kernels per call, %6 slower "
              "kernels")
        .arg(QString::fromStdString(d.name))
        .arg(double(d.base->kernels) / double(std::max<std::uint64_t>(d.base->count, 1)), 0, 'f', 1)
        .arg(double(d.comp->kernels) / double(std::max<std::uint64_t>(d.comp->count, 1)), 0, 'f', 1)
        .arg(formatSignedDuration(d.moreCallsNs), formatSignedDuration(d.moreKernelsNs),
             formatSignedDuration(d.slowerKernelsNs));
}

QVariant OpDiffModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !comparison_)
        return {};
    const compare::OpDiff& d = diff(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(d, index.column());
    case Qt::UserRole:
        return sortKey(d, index.column());
    case Qt::ToolTipRole:
        return toolTip(d);
    case Qt::TextAlignmentRole:
        return index.column() == Name ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if ((index.column() == Diff || index.column() == Ratio) && significant(index.row()))
            return QBrush(d.diffNs > 0 ? QColor(0xc6, 0x28, 0x28) : QColor(0x2e, 0x7d, 0x32));
        return {};
    case Qt::FontRole:
        if (!d.base || !d.comp) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant OpDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    struct ColumnInfo {
        const char* name;
        const char* tip;
    };
    // In Column order.
    static const ColumnInfo kColumns[ColumnCount] = {
        {"Operator", "Top-level op (the outermost op of a step; aclnn*/npu:: layers folded in)"},
        {"Δ device", "Comparison − baseline device time; coloured above the noise threshold"},
        {"Ratio", "Comparison / baseline device time"},
        {"Base device", "Device time of its kernels in the baseline"},
        {"Comp device", "Device time of its kernels in the comparison"},
        {"Base calls", "Calls in the baseline's compared steps"},
        {"Comp calls", "Calls in the comparison's compared steps"},
        {"More calls", "The part of the difference due to the number of calls"},
        {"More kernels", "The part due to more (or fewer) kernels per call"},
        {"Slower kernels", "The rest: the kernels themselves took longer (or shorter)"}};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return tr(kColumns[section].name);
    if (role == Qt::ToolTipRole)
        return tr(kColumns[section].tip);
    return {};
}

} // namespace lanescope::widgets
