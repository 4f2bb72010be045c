// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// Slice colours of the timeline themes: stable per name, the kind readable from the hue (copy
// orange, communication purple, sync muted red, idle grey, compute/other elsewhere on the wheel),
// and the slice text readable on every colour in both themes (WCAG contrast, computed here).
#include "analysis/slice_kind.h"
#include "timeline_theme.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <vector>

using namespace lanescope;
using analysis::SliceKind;
using widgets::TimelineTheme;

namespace {

// Real names (tests/data and the bundled sample), by the kind the classifier gives them.
const std::vector<const char*> kCopyNames = {"cudaMemcpyAsync",
                                             "Memcpy HtoD (Pageable -> Device)",
                                             "Memcpy DtoD (Device -> Device)",
                                             "Memset (Device)",
                                             "AscendCL@aclrtMemcpyAsync",
                                             "MEMCPY_ASYNC",
                                             "SDMA",
                                             "aten::copy_",
                                             "Conv2DBackpropFilter6_MemSet",
                                             "Runtime@MemcpyAsync_Huge"};
const std::vector<const char*> kCommunicationNames = {
    "nccl:all_reduce",
    "c10d::allreduce_",
    "hcom_allReduce__586_0_1",
    "HcclAllreduce",
    "AscendCL@hcom_allReduce_",
    "Reduce_Inline",
    "Communication",
    "Communication(Not Overlapped)",
    "ncclKernel_SendRecv_RING_SIMPLE_Sum_int8_t(ncclDevComm*, unsigned long, ncclWork*)"};
const std::vector<const char*> kSyncNames = {"cudaStreamSynchronize",
                                             "cudaDeviceSynchronize",
                                             "cudaStreamWaitEvent",
                                             "cudaEventRecord",
                                             "AscendCL@aclrtSynchronizeStream",
                                             "EVENT_WAIT",
                                             "EVENT_RECORD",
                                             "Notify_Wait",
                                             "Write Value",
                                             "Stream Sync"};
const std::vector<const char*> kComputeNames = {
    "Computing",
    "aclnnAdd_AddAiCore_Add",
    "aclnnBatchMatMulV2_BatchMatMulV2AiCore_BatchMatMulV2",
    "aclnnCast_CastAiCore_Cast",
    "aclnnExp_ExpAiCore_Exp",
    "aclnnLayerNormV3_LayerNormV3AiCore_LayerNormV3",
    "aclnnMatMulV2_MatMulV2AiCore_MatMulV2",
    "aclnnMul_MulAiCore_Mul",
    "aclnnRealDiv_RealDivAiCore_RealDiv",
    "aclnnReduceMaxD_ReduceMaxDAiCore_ReduceMaxD",
    "aclnnReduceSumD_ReduceSumDAiCore_ReduceSumD",
    "aclnnSub_SubAiCore_Sub",
    "aclnnTanh_TanhAiCore_Tanh",
    "volta_sgemm_64x64_nn",
    "triton_poi_fused_add_cos_sin_0"};
const std::vector<const char*> kOtherNames = {"aten::add",
                                              "aten::linear",
                                              "AscendCL@aclnnAdd",
                                              "ProfilerStep#5",
                                              "nn.Module: BertLayer_0",
                                              "Node@launch",
                                              "cudaLaunchKernel",
                                              "aten::empty",
                                              "AscendCL@aclnnMatMulV2",
                                              "Enqueue@aclnnMul",
                                              "aten::layer_norm",
                                              "aten::matmul"};

double linear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

// WCAG 2.x relative luminance and contrast ratio, from the 8-bit sRGB values.
double luminance(const QColor& c) {
    return 0.2126 * linear(c.red() / 255.0) + 0.7152 * linear(c.green() / 255.0) +
           0.0722 * linear(c.blue() / 255.0);
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Hue of the displayed (8-bit RGB) colour in degrees [0, 360), -1 for greys.
double hueOf(const QColor& c) {
    const double h = QColor(c.rgb()).hslHueF();
    return h < 0 ? -1 : h * 360.0;
}

bool inBand(double hue, double from, double to) {
    return from <= to ? hue >= from && hue <= to : hue >= from || hue <= to;
}

// Hue bands as a person would name them, with a little slack.
bool isOrange(double hue) {
    return inBand(hue, 15, 50);
}
bool isPurple(double hue) {
    return inBand(hue, 255, 300);
}
bool isRed(double hue) {
    return inBand(hue, 345, 12);
}

QColor colorOf(const TimelineTheme& theme, const char* name) {
    return theme.sliceColor(QString::fromUtf8(name), analysis::classifySliceName(name));
}

QString describe(const TimelineTheme& theme, const char* name, const QColor& color) {
    return QStringLiteral("%1 / %2: %3 (hue %4, saturation %5)")
        .arg(theme.name, QString::fromUtf8(name), color.name())
        .arg(hueOf(color), 0, 'f', 1)
        .arg(color.hslSaturationF(), 0, 'f', 2);
}

} // namespace

class TestTheme : public QObject {
    Q_OBJECT

private:
    const std::vector<TimelineTheme> themes_ = {TimelineTheme::light(), TimelineTheme::dark()};

    void expectKind(const std::vector<const char*>& names, SliceKind kind) {
        for (const char* name : names)
            QVERIFY2(analysis::classifySliceName(name) == kind, name);
    }

private slots:
    void namesHaveTheKindsThisSuiteAssumes() {
        expectKind(kCopyNames, SliceKind::Copy);
        expectKind(kCommunicationNames, SliceKind::Communication);
        expectKind(kSyncNames, SliceKind::Sync);
        expectKind(kComputeNames, SliceKind::Compute);
        expectKind(kOtherNames, SliceKind::Other);
        QVERIFY(analysis::classifySliceName("Free") == SliceKind::Idle);
    }

    void sameNameSameColour() {
        for (const auto* names :
             {&kCopyNames, &kCommunicationNames, &kSyncNames, &kComputeNames, &kOtherNames}) {
            for (const char* name : *names) {
                QCOMPARE(colorOf(TimelineTheme::light(), name),
                         colorOf(TimelineTheme::light(), name));
                QCOMPARE(colorOf(TimelineTheme::dark(), name),
                         colorOf(TimelineTheme::dark(), name));
                const TimelineTheme theme = TimelineTheme::light();
                QCOMPARE(colorOf(theme, name), colorOf(theme, name));
            }
        }
        // The kind is part of the colour, the name picks the shade.
        const TimelineTheme theme = TimelineTheme::light();
        const QString name = QStringLiteral("aclnnAdd_AddAiCore_Add");
        QVERIFY(theme.sliceColor(name, SliceKind::Copy) != theme.sliceColor(name, SliceKind::Sync));
        QCOMPARE(theme.sliceColor(name, SliceKind::Compute),
                 theme.sliceColor(name, SliceKind::Other));
    }

    void kindsLandInTheirHueBands() {
        for (const TimelineTheme& theme : themes_) {
            double maxSyncSaturation = 0;
            double minCopySaturation = 1;
            for (const char* name : kCopyNames) {
                const QColor c = colorOf(theme, name);
                QVERIFY2(isOrange(hueOf(c)), qPrintable(describe(theme, name, c)));
                minCopySaturation = std::min<double>(minCopySaturation, c.hslSaturationF());
            }
            for (const char* name : kCommunicationNames) {
                const QColor c = colorOf(theme, name);
                QVERIFY2(isPurple(hueOf(c)), qPrintable(describe(theme, name, c)));
            }
            for (const char* name : kSyncNames) {
                const QColor c = colorOf(theme, name);
                QVERIFY2(isRed(hueOf(c)), qPrintable(describe(theme, name, c)));
                QVERIFY2(c.hslSaturationF() <= 0.55, qPrintable(describe(theme, name, c)));
                maxSyncSaturation = std::max<double>(maxSyncSaturation, c.hslSaturationF());
            }
            QVERIFY(maxSyncSaturation < minCopySaturation);

            // Compute and other names, real and many made-up ones, keep out of all three bands.
            std::vector<QString> names;
            for (const auto* list : {&kComputeNames, &kOtherNames})
                for (const char* name : *list)
                    names.push_back(QString::fromUtf8(name));
            for (int i = 0; i < 2000; ++i)
                names.push_back(QStringLiteral("aten::op_%1").arg(i));
            for (const QString& name : names) {
                for (SliceKind kind : {SliceKind::Compute, SliceKind::Other}) {
                    const QColor c = theme.sliceColor(name, kind);
                    const double hue = hueOf(c);
                    QVERIFY2(hue >= 0 && !isOrange(hue) && !isPurple(hue) && !isRed(hue),
                             qPrintable(describe(theme, name.toUtf8().constData(), c)));
                }
            }
        }
    }

    void idleIsGrey() {
        for (const TimelineTheme& theme : themes_) {
            for (const char* name : {"Free", "free", "Free "}) {
                const QColor c = colorOf(theme, name);
                QVERIFY2(c.red() == c.green() && c.green() == c.blue(),
                         qPrintable(describe(theme, name, c)));
                QCOMPARE(hueOf(c), -1.0);
            }
        }
        // Idle sits closer to the background than the coloured kinds: it is quiet.
        const TimelineTheme light = TimelineTheme::light();
        QVERIFY(colorOf(light, "Free").lightness() > colorOf(light, "Computing").lightness());
    }

    void differentComputeNamesGetDifferentHues() {
        for (const TimelineTheme& theme : themes_) {
            std::set<int> hues;
            std::set<QRgb> colours;
            double lowest = 360;
            double highest = 0;
            for (const char* name : kComputeNames) {
                const QColor c = colorOf(theme, name);
                hues.insert(static_cast<int>(std::lround(hueOf(c))));
                colours.insert(c.rgb());
                lowest = std::min(lowest, hueOf(c));
                highest = std::max(highest, hueOf(c));
            }
            QCOMPARE(colours.size(), kComputeNames.size());
            QVERIFY2(hues.size() >= kComputeNames.size() - 2,
                     qPrintable(QStringLiteral("%1 distinct hues").arg(hues.size())));
            QVERIFY2(highest - lowest >= 90,
                     qPrintable(QStringLiteral("hues span %1 degrees").arg(highest - lowest)));
        }
        // Close names are far apart.
        const TimelineTheme theme = TimelineTheme::light();
        const double a = hueOf(colorOf(theme, "aclnnMul_MulAiCore_Mul"));
        const double b = hueOf(colorOf(theme, "aclnnMuls_MulAiCore_Mul"));
        QVERIFY2(std::abs(a - b) >= 10, qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
    }

    void sliceTextIsReadableOnEveryKind() {
        for (const TimelineTheme& theme : themes_) {
            double worst = 100;
            for (const auto* names :
                 {&kCopyNames, &kCommunicationNames, &kSyncNames, &kComputeNames, &kOtherNames}) {
                for (const char* name : *names) {
                    const QColor c = colorOf(theme, name);
                    const double ratio = contrast(theme.sliceText, c);
                    worst = std::min(worst, ratio);
                    QVERIFY2(ratio >= 4.5, qPrintable(describe(theme, name, c) +
                                                      QStringLiteral(" contrast %1").arg(ratio)));
                }
            }
            // Every kind, across the whole of each band.
            for (SliceKind kind : {SliceKind::Compute, SliceKind::Copy, SliceKind::Communication,
                                   SliceKind::Sync, SliceKind::Idle, SliceKind::Other}) {
                for (int i = 0; i < 500; ++i) {
                    const QColor c = theme.sliceColor(QStringLiteral("name %1").arg(i), kind);
                    const double ratio = contrast(theme.sliceText, c);
                    worst = std::min(worst, ratio);
                    QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1 kind %2: %3 contrast %4")
                                                          .arg(theme.name)
                                                          .arg(static_cast<int>(kind))
                                                          .arg(c.name())
                                                          .arg(ratio)));
                }
            }
            qInfo("%s: lowest slice text contrast %.2f", qPrintable(theme.name), worst);
        }
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
