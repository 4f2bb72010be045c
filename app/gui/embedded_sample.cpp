// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "embedded_sample.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>

namespace lanescope::app {

namespace {

bool copyOut(const QString& resource, const QString& target, QString* error) {
    QDir().mkpath(QFileInfo(target).path());
    QFile in(resource);
    QFile out(target);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QObject::tr("cannot write %1: %2").arg(target, out.errorString());
        return false;
    }
    out.write(in.readAll());
    return true;
}

} // namespace

QString extractEmbeddedSample(QString* error) {
    return extractEmbeddedSample(QStringLiteral("bert_eager_ascend_pt"), error);
}

QString extractEmbeddedSample(const QString& name, QString* error) {
    QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (cache.isEmpty())
        cache = QDir::tempPath() + QStringLiteral("/lanescope");
    const QString resourceRoot = QStringLiteral(":/samples/") + name;
    const QString root = cache + QStringLiteral("/samples/") + name;
    if (QFileInfo(resourceRoot).isFile()) // a trace file rather than a profiler folder
        return copyOut(resourceRoot, root, error) ? root : QString();
    QDirIterator files(resourceRoot, QDir::Files, QDirIterator::Subdirectories);
    int count = 0;
    while (files.hasNext()) {
        const QString resource = files.next();
        if (!copyOut(resource, root + resource.mid(resourceRoot.size()), error))
            return {};
        ++count;
    }
    if (count == 0) {
        *error = QObject::tr("the sample %1 is missing from this build").arg(name);
        return {};
    }
    return root;
}

} // namespace lanescope::app
