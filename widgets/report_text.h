// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

// Text of the review reports (report.md and report.html), trace and user text made safe: HTML
// escaped, Markdown fenced or escaped. Shared by the single-run and the comparison report.
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QString>
#include <string>

namespace lanescope::widgets::report {

inline QString html(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

// Markdown has no escape for everything a trace name can hold; inline code spans with a
// delimiter longer than any backtick run inside do hold anything on one line.
inline QString mdCode(const QString& text) {
    QString flat = text;
    flat.replace('\n', ' ');
    int longest = 0;
    int run = 0;
    for (QChar c : flat) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(longest + 1, '`');
    return fence + ' ' + flat + ' ' + fence;
}

// Prose from the trace in Markdown, on one line: inline markup characters escaped everywhere,
// and a first character that would start a heading, list or quote escaped too.
inline QString mdText(const std::string& text) {
    QString out;
    for (QChar c : QString::fromStdString(text)) {
        if (QStringLiteral("\\`*_[]<>&|").contains(c))
            out += '\\';
        out += c == '\n' ? QChar(' ') : c;
    }
    if (!out.isEmpty() && QStringLiteral("#-+=").contains(out.front()))
        out.prepend('\\');
    return out;
}

// The reports' stylesheet.
inline constexpr const char* kStyle =
    "body{font-family:'DejaVu Sans',system-ui,sans-serif;max-width:1480px;margin:24px auto;"
    "padding:0 16px;color:#111827;background:#fafafa}"
    "h1{margin-bottom:4px}h2{border-bottom:1px solid #d1d5db;padding-bottom:4px;margin-top:32px}"
    "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #e5e7eb;padding:4px 10px;"
    "text-align:left}table.kv th{background:#f3f4f6}"
    "section{background:#fff;border:1px solid #e5e7eb;border-left:5px solid #6b7280;"
    "border-radius:4px;padding:8px 16px;margin:16px 0}"
    "section.high{border-left-color:#dc2626}section.medium{border-left-color:#d97706}"
    "section.note{border-left-color:#0891b2}"
    "img{max-width:100%;border:1px solid #e5e7eb;margin-top:8px}"
    ".finding{font-weight:600}.meta{color:#6b7280;font-size:90%}";

// `dir`/report.md and `dir`/report.html; false with `error` naming the file that failed.
inline bool writeReportFiles(const QString& dir, const QString& markdown, const QString& page,
                             QString* error) {
    for (const auto& [file, text] : {std::pair{QStringLiteral("report.md"), markdown},
                                     std::pair{QStringLiteral("report.html"), page}}) {
        QFile out(dir + "/" + file);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(text.toUtf8()) < 0) {
            if (error)
                *error = QObject::tr("%1: cannot write").arg(out.fileName());
            return false;
        }
    }
    return true;
}

} // namespace lanescope::widgets::report
