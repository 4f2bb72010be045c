// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "review_report.h"

#include "annotation_marks.h"
#include "insight_style.h"
#include "report_text.h"
#include "session/annotation_placement.h"
#include "session/lane_identity.h"
#include "time_format.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <set>

namespace lanescope::widgets {

namespace {

using namespace report;

constexpr TimeNs kMinMargin = 1000;

class ReportWriter {
public:
    ReportWriter(const ReportInput& input, QString dir)
        : in_(input), dir_(std::move(dir)), lanes_(*input.trace),
          sliceKinds_(ViewExporter::sliceKindsOf(*input.trace)) {}

    bool write(QString* error);

private:
    bool image(const QString& name, TimeNs start, TimeNs end,
               const std::vector<std::uint32_t>& tracks, const std::string& focus,
               std::uint64_t annotation, const QString& title, QString* error);
    LaneState focusedOn(const std::vector<std::uint32_t>& tracks) const;
    TimelineOverlay overlay(const std::string& focus, std::uint64_t annotation) const;
    void summary(QTextStream& md, QTextStream& page) const;
    bool insights(QTextStream& md, QTextStream& page, QString* error);
    bool annotations(QTextStream& md, QTextStream& page, QString* error);

    const ReportInput& in_;
    QString dir_;
    session::LaneIdentities lanes_;
    std::vector<analysis::SliceKind> sliceKinds_; // for every page's legend, found once
};

TimelineOverlay ReportWriter::overlay(const std::string& focus, std::uint64_t annotation) const {
    TimelineOverlay overlay;
    overlay.findings = {in_.insights, in_.devices, focus, true};
    overlay.annotations.marks = annotationMarks(*in_.trace, lanes_, in_.annotations);
    overlay.annotations.selected = annotation;
    return overlay;
}

// The user's lane choices with every process group folded that holds none of `tracks`, so a
// picture shows the lanes a finding is about and stays a readable height. Nothing is folded
// for a finding or note about every lane.
LaneState ReportWriter::focusedOn(const std::vector<std::uint32_t>& tracks) const {
    LaneState state = in_.lanes;
    if (tracks.empty())
        return state;
    std::set<std::uint32_t> keep;
    for (std::uint32_t track : tracks)
        keep.insert(lanes_.processOfTrack(track));
    for (std::uint32_t p = 0; p < in_.trace->processes.size(); ++p)
        if (!keep.count(p))
            state.collapsed.insert(LaneKey{LaneKey::Kind::Process, p, 0});
    return state;
}

bool ReportWriter::image(const QString& name, TimeNs start, TimeNs end,
                         const std::vector<std::uint32_t>& tracks, const std::string& focus,
                         std::uint64_t annotation, const QString& title, QString* error) {
    const TimeNs margin = std::max<TimeNs>(kMinMargin, (end - start) / 10);
    ExportRequest request;
    request.start = start - margin;
    request.end = end + margin;
    request.width = in_.imageWidth;
    request.title = title;
    const ViewExporter exporter(*in_.trace, focusedOn(tracks), overlay(focus, annotation),
                                in_.theme, in_.tracePath, &sliceKinds_);
    return exporter.save(dir_ + "/images/" + name, request, error);
}

void ReportWriter::summary(QTextStream& md, QTextStream& page) const {
    const Trace& t = *in_.trace;
    const QString span = formatDuration(t.spanEnd - t.spanStart);
    md << "## Trace\n\n"
       << "- path: " << mdCode(in_.tracePath) << "\n"
       << "- format: " << mdCode(QString::fromStdString(t.format)) << ", " << t.files.size()
       << " file(s), " << t.sliceCount() << " slices, span " << span << "\n";
    page << "<h2>Trace</h2><table class='kv'>"
         << "<tr><th>path</th><td><code>" << in_.tracePath.toHtmlEscaped() << "</code></td></tr>"
         << "<tr><th>format</th><td>" << html(t.format) << " · " << t.files.size() << " file(s) · "
         << t.sliceCount() << " slices · span " << span << "</td></tr></table>";
    if (!in_.devices || in_.devices->devices.empty())
        return;
    md << "\n| device | tasks | span | busy | idle |\n|---|---|---|---|---|\n";
    page << "<table><tr><th>device</th><th>tasks</th><th>span</th><th>busy</th><th>idle</th></tr>";
    for (const analysis::DeviceActivity& d : in_.devices->devices) {
        const QString busyShare = d.workSpanNs() > 0
                                      ? QString::fromStdString(analysis::formatTitlePercent(
                                            static_cast<double>(d.workingNs()) / d.workSpanNs()))
                                      : QStringLiteral("-");
        md << "| " << mdCode(QString::fromStdString(d.name)) << " | " << d.taskCount << " | "
           << formatDuration(d.workSpanNs()) << " | " << formatDuration(d.workingNs()) << " ("
           << busyShare << ") | " << formatDuration(d.workIdleNs()) << " |\n";
        page << "<tr><td>" << html(d.name) << "</td><td>" << d.taskCount << "</td><td>"
             << formatDuration(d.workSpanNs()) << "</td><td>" << formatDuration(d.workingNs())
             << " (" << busyShare << ")</td><td>" << formatDuration(d.workIdleNs()) << "</td></tr>";
    }
    page << "</table>";
}

bool ReportWriter::insights(QTextStream& md, QTextStream& page, QString* error) {
    const auto& list = in_.insights ? *in_.insights : std::vector<analysis::Insight>{};
    md << "\n## Insights (" << list.size() << ", most time at stake first)\n";
    page << "<h2>Insights (" << list.size() << ", most time at stake first)</h2>";
    if (list.empty()) {
        md << "\nNothing found at these thresholds.\n";
        page << "<p>Nothing found at these thresholds.</p>";
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const analysis::Insight& insight = list[i];
        const QString heading = QStringLiteral("%1. %2 · %3 · %4 at stake")
                                    .arg(i + 1)
                                    .arg(kindLabel(insight.kind), severityLabel(insight.severity),
                                         formatDuration(insight.timeAtStake));
        md << "\n### " << heading << "\n\n"
           << mdText(insight.title) << "\n\n**Try:** " << mdText(insight.suggestion) << "\n";
        page << "<section class='insight " << analysis::toString(insight.severity) << "'><h3>"
             << heading.toHtmlEscaped() << "</h3><p class='finding'>" << html(insight.title)
             << "</p><p><b>Try:</b> " << html(insight.suggestion) << "</p>";
        if (i < in_.maxInsights) {
            const QString file = QStringLiteral("insight-%1.png").arg(i + 1);
            if (!image(file, insight.start, insight.end, insight.tracks, insight.id, 0,
                       QString::fromStdString(insight.title), error))
                return false;
            md << "\n![" << heading << "](images/" << file << ")\n";
            page << "<img src='images/" << file << "' alt='" << heading.toHtmlEscaped() << "'>";
        }
        page << "<p class='meta'>" << html(insight.id) << "</p></section>";
    }
    return true;
}

bool ReportWriter::annotations(QTextStream& md, QTextStream& page, QString* error) {
    const auto& items = in_.annotations.items();
    md << "\n## Annotations (" << items.size() << ")\n";
    page << "<h2>Annotations (" << items.size() << ")</h2>";
    if (items.empty()) {
        md << "\nNone yet.\n";
        page << "<p>None yet.</p>";
    }
    for (const session::Annotation& a : items) {
        const QString file = QStringLiteral("annotation-%1.png").arg(a.id);
        const QString when = formatDuration(a.start - in_.trace->spanStart);
        const QString firstLine = QString::fromStdString(a.text).section('\n', 0, 0);
        const session::Placement placed = session::place(*in_.trace, lanes_, a);
        std::vector<std::uint32_t> tracks = placed.tracks;
        if (placed.event.valid())
            tracks.push_back(placed.event.track);
        if (!image(file, a.start, std::max(a.end, a.start + 1), tracks, {}, a.id, firstLine, error))
            return false;
        md << "\n### " << toString(a.kind) << " at " << when << "\n\n"
           << mdText(a.text) << "\n\n_" << mdText(a.author) << "_\n\n![annotation " << a.id
           << "](images/" << file << ")\n";
        page << "<section class='note'><h3>" << toString(a.kind) << " at " << when << "</h3><p>"
             << html(a.text).replace('\n', "<br>") << "</p><p class='meta'>" << html(a.author)
             << "</p><img src='images/" << file << "' alt='annotation " << a.id << "'></section>";
    }
    return true;
}

bool ReportWriter::write(QString* error) {
    if (!QDir().mkpath(dir_ + "/images")) {
        if (error)
            *error = QObject::tr("%1: cannot create the folder").arg(dir_);
        return false;
    }
    QString markdown;
    QString pageText;
    QTextStream md(&markdown);
    QTextStream page(&pageText);
    const QString name =
        QFileInfo(in_.tracePath.endsWith('/') ? in_.tracePath.chopped(1) : in_.tracePath)
            .fileName();
    const QString stamp = QDateTime::currentDateTime().toString(Qt::ISODate) +
                          QStringLiteral(" by Lanescope " LANESCOPE_VERSION);
    md << "# Lanescope review: " << mdCode(name) << "\n\n_Generated " << stamp << "_\n\n";
    page << "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Lanescope review: "
         << name.toHtmlEscaped() << "</title><style>" << kStyle << "</style></head><body><h1>"
         << "Lanescope review: " << name.toHtmlEscaped() << "</h1><p class='meta'>Generated "
         << stamp << "</p>";
    summary(md, page);
    if (!insights(md, page, error) || !annotations(md, page, error))
        return false;
    page << "</body></html>\n";
    return writeReportFiles(dir_, markdown, pageText, error);
}

} // namespace

bool writeReviewReport(const ReportInput& input, const QString& dir, QString* error) {
    if (!input.trace) {
        if (error)
            *error = QObject::tr("no trace to report on");
        return false;
    }
    return ReportWriter(input, dir).write(error);
}

} // namespace lanescope::widgets
