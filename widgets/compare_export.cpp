// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "compare_export.h"

#include "annotation_marks.h"
#include "report_text.h"
#include "session/lane_identity.h"
#include "step_chart.h"
#include "time_format.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <cstdlib>

namespace lanescope::widgets {

namespace {

using namespace report;

constexpr int kMargin = 16;
constexpr int kTitleHeight = 40;

TimelineOverlay overlayOf(const ComparedSide& side) {
    TimelineOverlay overlay;
    overlay.findings = {side.insights, side.devices, {}, true};
    if (side.trace)
        overlay.annotations.marks =
            annotationMarks(*side.trace, session::LaneIdentities(*side.trace), side.annotations);
    return overlay;
}

QString ratioText(const std::optional<double>& ratio) {
    return ratio ? QStringLiteral("%1×").arg(*ratio, 0, 'f', 2) : QStringLiteral("—");
}

QString sideText(const std::optional<compare::SideStats>& side) {
    return side ? QStringLiteral("%1 × · %2").arg(side->count).arg(formatDuration(side->deviceNs))
                : QStringLiteral("—");
}

} // namespace

CompareExporter::CompareExporter(const compare::Comparison& comparison, const ComparedSide& base,
                                 const ComparedSide& comp, const TimelineTheme& theme)
    : comparison_(comparison), base_(base), comp_(comp), theme_(theme),
      baseExporter_(*base.trace, base.lanes, overlayOf(base), theme, base.path),
      compExporter_(*comp.trace, comp.lanes, overlayOf(comp), theme, comp.path) {}

ExportRequest CompareExporter::sideRequest(const CompareRequest& request, bool base) const {
    ExportRequest side;
    side.width = request.width;
    side.scale = request.scale;
    if (comparison_.stepPairs.empty()) {
        const Trace& trace = base ? *base_.trace : *comp_.trace;
        side.start = trace.spanStart;
        side.end = std::max(trace.spanEnd, trace.spanStart + 1);
        return side;
    }
    const compare::StepPair& pair =
        comparison_.stepPairs[std::min(request.stepPair, comparison_.stepPairs.size() - 1)];
    const compare::RunStep& step =
        base ? comparison_.baseSteps[pair.base] : comparison_.compSteps[pair.comp];
    const TimeNs span = std::max({pair.baseTime.hostNs, pair.compTime.hostNs,
                                  pair.baseTime.windowNs, pair.compTime.windowNs, TimeNs(1000)});
    const TimeNs pad = span / 40;
    side.origin = step.start;
    side.originName = QObject::tr("%1 started").arg(QString::fromStdString(step.name));
    side.start = step.start - pad;
    side.end = step.start + span + pad;
    side.title = QObject::tr("%1 — %2 · %3 (%4)")
                     .arg(base ? QObject::tr("Baseline") : QObject::tr("Comparison"),
                          displayFileName(base ? base_.path : comp_.path),
                          QString::fromStdString(step.name), formatDuration(step.durationNs()));
    return side;
}

QString CompareExporter::title(const CompareRequest& request) const {
    if (!request.title.isEmpty())
        return request.title;
    return QObject::tr("%1 against %2")
        .arg(displayFileName(comp_.path), displayFileName(base_.path));
}

int CompareExporter::headerHeight() const {
    return kTitleHeight + stepChartHeight(QFontMetrics(QFont())) + 8;
}

QSize CompareExporter::pageSize(const CompareRequest& request) const {
    return {request.width, headerHeight() +
                               baseExporter_.pageSize(sideRequest(request, true)).height() +
                               compExporter_.pageSize(sideRequest(request, false)).height()};
}

void CompareExporter::paint(QPainter& p, const CompareRequest& request) const {
    const QSize page = pageSize(request);
    p.fillRect(QRect(QPoint(0, 0), page), theme_.background);
    QFont big = p.font();
    big.setPixelSize(20);
    big.setBold(true);
    p.save();
    p.setFont(big);
    p.setPen(theme_.text);
    p.drawText(QRect(kMargin, 6, page.width() - 2 * kMargin, kTitleHeight - 8),
               Qt::AlignLeft | Qt::AlignVCenter, title(request));
    p.restore();
    const int chartHeight = stepChartHeight(QFontMetrics(QFont()));
    p.setFont(QFont());
    paintStepChart(p, QRect(kMargin, kTitleHeight, page.width() - 2 * kMargin, chartHeight),
                   &comparison_, displayFileName(base_.path), displayFileName(comp_.path),
                   {theme_.background, theme_.text, theme_.mutedText});
    int top = headerHeight();
    for (const bool base : {true, false}) {
        const ExportRequest side = sideRequest(request, base);
        const ViewExporter& exporter = base ? baseExporter_ : compExporter_;
        p.save();
        p.translate(0, top);
        exporter.paint(p, side);
        p.restore();
        top += exporter.pageSize(side).height();
    }
}

PageSpec CompareExporter::page(const CompareRequest& request) const {
    PageSpec spec;
    spec.size = pageSize(request);
    spec.scale = request.scale;
    spec.title = title(request);
    spec.description =
        QObject::tr("Compared by Lanescope: %1 against %2").arg(comp_.path, base_.path);
    spec.background = theme_.background;
    spec.paint = [this, request](QPainter& p) { paint(p, request); };
    return spec;
}

bool CompareExporter::save(const QString& path, const CompareRequest& request,
                           QString* error) const {
    return savePage(path, page(request), error);
}

namespace {

class CompareReportWriter {
public:
    CompareReportWriter(const CompareReportInput& in, QString dir)
        : in_(in), dir_(std::move(dir)) {}
    bool write(QString* error);

private:
    const compare::Comparison& c() const { return *in_.comparison; }
    void runs(QTextStream& md, QTextStream& page) const;
    bool steps(QTextStream& md, QTextStream& page, QString* error) const;
    void ops(QTextStream& md, QTextStream& page) const;
    void oneSided(QTextStream& md, QTextStream& page, bool baseOnly) const;
    void kernels(QTextStream& md, QTextStream& page) const;
    void findings(QTextStream& md, QTextStream& page) const;
    bool timelines(QTextStream& md, QTextStream& page, QString* error) const;
    void annotations(QTextStream& md, QTextStream& page) const;

    const CompareReportInput& in_;
    QString dir_;
};

// A table in both formats. Column `codeColumn` holds text from the trace (fenced in Markdown);
// columns before `textColumns` are left-aligned text, the rest numbers.
void table(QTextStream& md, QTextStream& page, const QStringList& header,
           const std::vector<QStringList>& rows, int codeColumn = 0, int textColumns = 1) {
    md << "\n|";
    page << "<table><tr>";
    for (const QString& h : header) {
        md << " " << h << " |";
        page << "<th>" << h.toHtmlEscaped() << "</th>";
    }
    md << "\n|";
    for (int i = 0; i < header.size(); ++i)
        md << (i < textColumns ? "---|" : "---:|");
    md << "\n";
    page << "</tr>";
    for (const QStringList& row : rows) {
        md << "|";
        page << "<tr>";
        for (int i = 0; i < row.size(); ++i) {
            md << " " << (i == codeColumn ? mdCode(row[i]) : row[i]) << " |";
            page << "<td>" << row[i].toHtmlEscaped() << "</td>";
        }
        md << "\n";
        page << "</tr>";
    }
    page << "</table>";
}

void CompareReportWriter::runs(QTextStream& md, QTextStream& page) const {
    md << "## Runs\n";
    page << "<h2>Runs</h2>";
    const auto stepsOf = [](const std::vector<compare::RunStep>& steps,
                            const std::vector<std::size_t>& chosen) {
        QStringList names;
        for (std::size_t i : chosen)
            names << QString::fromStdString(steps[i].name) + " (" +
                         formatDuration(steps[i].durationNs()) + ")";
        return names.join(", ");
    };
    table(md, page,
          {QObject::tr("run"), QObject::tr("path"), QObject::tr("device"),
           QObject::tr("steps compared")},
          {{QObject::tr("baseline"), in_.base.path, QString::fromStdString(c().baseDevice),
            stepsOf(c().baseSteps, c().baseChosen)},
           {QObject::tr("comparison"), in_.comp.path, QString::fromStdString(c().compDevice),
            stepsOf(c().compSteps, c().compChosen)}},
          1, 4);
    const std::size_t unpaired = c().baseUnpaired.size() + c().compUnpaired.size();
    if (unpaired > 0) {
        const QString note =
            QObject::tr("%1 chosen step(s) had no partner in the other run and are "
                        "left out of every number.")
                .arg(unpaired);
        md << "\n" << note << "\n";
        page << "<p>" << note.toHtmlEscaped() << "</p>";
    }
}

bool CompareReportWriter::steps(QTextStream& md, QTextStream& page, QString* error) const {
    md << "\n## Steps\n";
    page << "<h2>Steps</h2>";
    const QFontMetrics metrics{QFont()};
    PageSpec chart;
    chart.size = QSize(in_.imageWidth, stepChartHeight(metrics));
    chart.background = in_.theme.background;
    chart.paint = [&](QPainter& p) {
        paintStepChart(p, QRect(QPoint(0, 0), chart.size), in_.comparison.get(),
                       displayFileName(in_.base.path), displayFileName(in_.comp.path),
                       {in_.theme.background, in_.theme.text, in_.theme.mutedText});
    };
    if (!savePage(dir_ + "/images/steps.png", chart, error))
        return false;
    md << "\n![step chart](images/steps.png)\n";
    page << "<img src='images/steps.png' alt='step chart'>";
    QStringList header{QObject::tr("steps"), QObject::tr("host E2E")};
    for (std::size_t b = 0; b < compare::kBucketCount; ++b)
        header << QString::fromLatin1(compare::toString(compare::Bucket(b)));
    std::vector<QStringList> rows;
    for (const compare::StepPair& p : c().stepPairs) {
        QStringList row{
            QString::fromStdString(c().baseSteps[p.base].name + " → " + c().compSteps[p.comp].name),
            formatDuration(p.baseTime.hostNs) + " → " + formatDuration(p.compTime.hostNs) + " (" +
                formatSignedDuration(p.diffNs()) + ")"};
        for (std::size_t b = 0; b < compare::kBucketCount; ++b)
            row << formatDuration(p.baseTime.buckets[b]) + " → " +
                       formatDuration(p.compTime.buckets[b]);
        rows.push_back(row);
    }
    table(md, page, header, rows);
    return true;
}

void CompareReportWriter::ops(QTextStream& md, QTextStream& page) const {
    const compare::NoiseThreshold& noise = in_.noise;
    const QString heading = QObject::tr("Operators whose device time changed (beyond %1 and %2 %)")
                                .arg(formatDuration(noise.minNs))
                                .arg(noise.minShare * 100, 0, 'g', 3);
    md << "\n## " << heading << "\n";
    page << "<h2>" << heading.toHtmlEscaped() << "</h2>";
    std::vector<QStringList> rows;
    for (const compare::OpDiff& d : c().ops)
        if (d.base && d.comp && noise.significant(d.diffNs, d.base->deviceNs))
            rows.push_back({QString::fromStdString(d.name), sideText(d.base), sideText(d.comp),
                            formatSignedDuration(d.diffNs), ratioText(d.ratio),
                            formatSignedDuration(d.moreCallsNs),
                            formatSignedDuration(d.moreKernelsNs),
                            formatSignedDuration(d.slowerKernelsNs)});
    if (rows.empty()) {
        md << "\nNone.\n";
        page << "<p>None.</p>";
        return;
    }
    table(md, page,
          {QObject::tr("operator"), QObject::tr("baseline"), QObject::tr("comparison"),
           QObject::tr("Δ device"), QObject::tr("ratio"), QObject::tr("more calls"),
           QObject::tr("more kernels per call"), QObject::tr("slower kernels")},
          rows);
}

void CompareReportWriter::oneSided(QTextStream& md, QTextStream& page, bool baseOnly) const {
    const QString heading =
        baseOnly ? QObject::tr("Operators only in the baseline (what the change removed)")
                 : QObject::tr("Operators only in the comparison (what the change added)");
    md << "\n## " << heading << "\n";
    page << "<h2>" << heading.toHtmlEscaped() << "</h2>";
    std::vector<QStringList> rows;
    for (const compare::OpDiff& d : c().ops) {
        const auto& side = baseOnly ? d.base : d.comp;
        if (side && !(baseOnly ? d.comp : d.base))
            rows.push_back({QString::fromStdString(d.name), QString::number(side->count),
                            formatDuration(side->deviceNs), QString::number(side->kernels)});
    }
    if (rows.empty()) {
        md << "\nNone.\n";
        page << "<p>None.</p>";
        return;
    }
    table(md, page,
          {QObject::tr("operator"), QObject::tr("calls"), QObject::tr("device"),
           QObject::tr("kernels")},
          rows);
}

void CompareReportWriter::kernels(QTextStream& md, QTextStream& page) const {
    if (!c().sameVendor)
        return;
    md << "\n## Kernel types\n";
    page << "<h2>Kernel types</h2>";
    std::vector<QStringList> rows;
    for (const compare::KernelDiff& d : c().kernels)
        if (!d.base || !d.comp || in_.noise.significant(d.diffNs, d.base->deviceNs))
            rows.push_back({QString::fromStdString(d.type), sideText(d.base), sideText(d.comp),
                            formatSignedDuration(d.diffNs), ratioText(d.ratio)});
    if (rows.empty()) {
        md << "\nNo kernel type changed beyond the noise threshold.\n";
        page << "<p>No kernel type changed beyond the noise threshold.</p>";
        return;
    }
    table(md, page,
          {QObject::tr("kernel type"), QObject::tr("baseline"), QObject::tr("comparison"),
           QObject::tr("Δ device"), QObject::tr("ratio")},
          rows);
}

void CompareReportWriter::findings(QTextStream& md, QTextStream& page) const {
    md << "\n## Findings\n";
    page << "<h2>Findings</h2><ul>";
    const auto item = [&](const QString& label, const std::string& text) {
        md << "\n- **" << label << "** " << mdText(text);
        page << "<li><b>" << label.toHtmlEscaped() << "</b> " << html(text) << "</li>";
    };
    for (const auto& g : c().insights.onlyBaseline)
        item(QObject::tr("gone:"), g.baseTitle);
    for (const auto& g : c().insights.onlyComparison)
        item(QObject::tr("new:"), g.compTitle);
    for (const auto& g : c().insights.changed)
        item(QObject::tr("changed (%1 → %2 at stake):")
                 .arg(formatDuration(g.baseAtStakeNs), formatDuration(g.compAtStakeNs)),
             g.compTitle);
    md << "\n";
    page << "</ul>";
}

bool CompareReportWriter::timelines(QTextStream& md, QTextStream& page, QString* error) const {
    md << "\n## The two runs, aligned at the compared steps\n";
    page << "<h2>The two runs, aligned at the compared steps</h2>";
    CompareRequest request;
    request.width = in_.imageWidth;
    const CompareExporter exporter(c(), in_.base, in_.comp, in_.theme);
    if (!exporter.save(dir_ + "/images/timelines.png", request, error))
        return false;
    md << "\n![both timelines](images/timelines.png)\n";
    page << "<img src='images/timelines.png' alt='both timelines'>";
    return true;
}

void CompareReportWriter::annotations(QTextStream& md, QTextStream& page) const {
    md << "\n## Annotations\n";
    page << "<h2>Annotations</h2>";
    for (const bool base : {true, false}) {
        const ComparedSide& side = base ? in_.base : in_.comp;
        const QString who = base ? QObject::tr("Baseline") : QObject::tr("Comparison");
        const auto& items = side.annotations.items();
        md << "\n### " << who << " (" << items.size() << ")\n";
        page << "<h3>" << who << " (" << items.size() << ")</h3>";
        if (items.empty()) {
            md << "\nNone.\n";
            page << "<p>None.</p>";
        }
        for (const session::Annotation& a : items) {
            const QString when = formatDuration(a.start - side.trace->spanStart);
            md << "\n- " << toString(a.kind) << " at " << when << ": " << mdText(a.text);
            page << "<section class='note'><h3>" << toString(a.kind) << " at " << when << "</h3><p>"
                 << html(a.text).replace('\n', "<br>") << "</p></section>";
        }
        md << "\n";
    }
}

bool CompareReportWriter::write(QString* error) {
    if (!QDir().mkpath(dir_ + "/images")) {
        if (error)
            *error = QObject::tr("%1: cannot create the folder").arg(dir_);
        return false;
    }
    QString markdown, pageText;
    QTextStream md(&markdown);
    QTextStream page(&pageText);
    const QString name = QObject::tr("%1 against %2")
                             .arg(displayFileName(in_.comp.path), displayFileName(in_.base.path));
    const QString stamp = QDateTime::currentDateTime().toString(Qt::ISODate) +
                          QStringLiteral(" by Lanescope " LANESCOPE_VERSION);
    md << "# Lanescope comparison: " << mdCode(name) << "\n\n_Generated " << stamp << "_\n\n";
    page << "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Lanescope "
            "comparison: "
         << name.toHtmlEscaped() << "</title><style>" << kStyle << "</style></head><body><h1>"
         << "Lanescope comparison: " << name.toHtmlEscaped() << "</h1><p class='meta'>Generated "
         << stamp << "</p>";
    runs(md, page);
    if (!steps(md, page, error))
        return false;
    ops(md, page);
    oneSided(md, page, true);
    oneSided(md, page, false);
    kernels(md, page);
    findings(md, page);
    if (!timelines(md, page, error))
        return false;
    annotations(md, page);
    page << "</body></html>\n";
    return writeReportFiles(dir_, markdown, pageText, error);
}

} // namespace

bool writeCompareReport(const CompareReportInput& input, const QString& dir, QString* error) {
    if (!input.comparison || !input.base.trace || !input.comp.trace) {
        if (error)
            *error = QObject::tr("no comparison to report on");
        return false;
    }
    return CompareReportWriter(input, dir).write(error);
}

} // namespace lanescope::widgets
