#include "embedded_sample.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>

namespace lanescope::app {

namespace {

const QString kResourceRoot = QStringLiteral(":/samples/bert_eager_ascend_pt");

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
    QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (cache.isEmpty())
        cache = QDir::tempPath() + QStringLiteral("/lanescope");
    const QString root = cache + QStringLiteral("/samples/bert_eager_ascend_pt");
    QDirIterator files(kResourceRoot, QDir::Files, QDirIterator::Subdirectories);
    int count = 0;
    while (files.hasNext()) {
        const QString resource = files.next();
        if (!copyOut(resource, root + resource.mid(kResourceRoot.size()), error))
            return {};
        ++count;
    }
    if (count == 0) {
        *error = QObject::tr("the sample is missing from this build");
        return {};
    }
    return root;
}

} // namespace lanescope::app
