// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/insight.h"

#include <QDialog>
#include <vector>

class QDoubleSpinBox;

namespace lanescope::app {

// Edits the detectors' thresholds: one field per registered name, grouped by detector, each
// with its meaning as a tooltip and its default; Apply re-runs the detectors without closing.
class ThresholdsDialog : public QDialog {
    Q_OBJECT

public:
    explicit ThresholdsDialog(const analysis::Thresholds& current, QWidget* parent = nullptr);

    analysis::Thresholds thresholds() const;
    // The field of a threshold name (tests), or nullptr.
    QDoubleSpinBox* field(const QString& name) const;

signals:
    void applied(const analysis::Thresholds& thresholds);

private:
    void restoreDefaults();

    std::vector<std::pair<QString, QDoubleSpinBox*>> fields_;
};

} // namespace lanescope::app
