// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "compare/run_comparison.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QTableView;

namespace lanescope::widgets {

class OpDiffModel;
class StepChart;

// The Compare dock: the step chart, the operator differences (largest |difference| first,
// coloured only beyond the noise threshold the user sets in ms and %, filtered by name) and the
// findings one run has and the other has not. Activating an op row asks the window to show
// that op on both timelines.
class ComparePanel : public QWidget {
    Q_OBJECT

public:
    explicit ComparePanel(QWidget* parent = nullptr);
    void setComparison(std::shared_ptr<const compare::Comparison> comparison,
                       const QString& baseLabel, const QString& compLabel);
    QTableView* opTable() const { return table_; }
    OpDiffModel* opModel() const { return model_; }
    QListWidget* findings() const { return findings_; }
    // The op shown in a table row (view order).
    QString opAt(int viewRow) const;
    // The table shows kernel types (same-vendor runs only) instead of ops.
    void showKernelTypes(bool kernels);
    // The step lists shown in the step fields ("6", "5-6", "all"; "" for the default).
    void setStepsText(const QString& base, const QString& comp);

signals:
    void opActivated(const QString& name);
    // The user chose steps: step numbers as in ProfilerStep#N, "" for the default.
    void stepsChosen(const QString& base, const QString& comp);

private:
    void applyNoise();
    void fillFindings();

    std::shared_ptr<const compare::Comparison> comparison_;
    StepChart* chart_;
    QLineEdit* filter_;
    QComboBox* grouping_;
    QLineEdit* baseSteps_;
    QLineEdit* compSteps_;
    QDoubleSpinBox* noiseMs_;
    QDoubleSpinBox* noisePct_;
    OpDiffModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QListWidget* findings_;
};

} // namespace lanescope::widgets
