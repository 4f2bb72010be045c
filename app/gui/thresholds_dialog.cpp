// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "thresholds_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

namespace lanescope::app {

namespace {

// "host_blocked.min_waited_us" → group "host_blocked", label "min waited (µs)".
QString groupOf(const QString& name) {
    return name.section('.', 0, 0);
}

QString labelOf(const QString& name) {
    QString label = name.section('.', 1);
    QString unit;
    if (label.endsWith("_us")) {
        label.chop(3);
        unit = QStringLiteral(" (µs)");
    }
    return label.replace('_', ' ') + unit;
}

QString groupTitle(const QString& group) {
    static const std::pair<const char*, const char*> kTitles[] = {
        {"host_blocked", "Host blocked on device"},
        {"small_op", "Small operators"},
        {"idle_gap", "Device idle gaps"},
        {"hta", "HTA-compatible breakdown"},
        {"fusion", "Fusion candidates"},
        {"ai_cpu", "AI CPU operators"},
        {"op_compile", "Operator compilation"},
        {"dispatch", "Task-queue dispatch"},
    };
    for (const auto& [key, title] : kTitles)
        if (group == QLatin1String(key))
            return QObject::tr(title);
    return group;
}

QDoubleSpinBox* makeField(const analysis::ThresholdDef& def, double value, QWidget* parent) {
    auto* field = new QDoubleSpinBox(parent);
    const bool share = std::string_view(def.name).find("share") != std::string_view::npos ||
                       std::string_view(def.name).find("ratio") != std::string_view::npos;
    field->setDecimals(share ? 3 : 1);
    field->setRange(0, share ? 1000 : 1e12);
    field->setSingleStep(
        share ? 0.05
              : std::max(1.0, std::pow(10, std::floor(std::log10(std::max(1.0, def.value))) - 1)));
    field->setValue(value);
    field->setToolTip(QObject::tr("%1\nDefault: %2")
                          .arg(QString::fromUtf8(def.description.data(),
                                                 static_cast<int>(def.description.size())))
                          .arg(def.value));
    return field;
}

} // namespace

ThresholdsDialog::ThresholdsDialog(const analysis::Thresholds& current, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Insight thresholds"));
    auto* body = new QWidget;
    auto* groups = new QVBoxLayout(body);
    QFormLayout* form = nullptr;
    QString group;
    for (const analysis::ThresholdDef& def : analysis::Thresholds::defaults()) {
        const QString name = QString::fromUtf8(def.name.data(), static_cast<int>(def.name.size()));
        if (!form || groupOf(name) != group) {
            group = groupOf(name);
            auto* box = new QGroupBox(groupTitle(group), body);
            form = new QFormLayout(box);
            groups->addWidget(box);
        }
        QDoubleSpinBox* field = makeField(def, current[def.name], body);
        field->setObjectName(name);
        auto* label = new QLabel(labelOf(name), body);
        label->setToolTip(field->toolTip());
        form->addRow(label, field);
        fields_.emplace_back(name, field);
    }
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    auto* buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply |
                                 QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                             this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        emit applied(thresholds());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { emit applied(thresholds()); });
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &ThresholdsDialog::restoreDefaults);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Hover a field for what it means. Times are in µs."), this));
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    resize(520, 640);
}

analysis::Thresholds ThresholdsDialog::thresholds() const {
    analysis::Thresholds result;
    for (const auto& [name, field] : fields_)
        result.set(name.toStdString(), field->value());
    return result;
}

QDoubleSpinBox* ThresholdsDialog::field(const QString& name) const {
    for (const auto& [key, field] : fields_)
        if (key == name)
            return field;
    return nullptr;
}

void ThresholdsDialog::restoreDefaults() {
    for (const analysis::ThresholdDef& def : analysis::Thresholds::defaults())
        if (QDoubleSpinBox* f =
                field(QString::fromUtf8(def.name.data(), static_cast<int>(def.name.size()))))
            f->setValue(def.value);
}

} // namespace lanescope::app
