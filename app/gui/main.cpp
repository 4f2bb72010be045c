// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
// lanescope: the desktop timeline. `lanescope [PATH]` opens a trace file or profiler folder;
// `lanescope --screenshot OUT.png [--size WxH] [--range START_NS..END_NS] [--insight ID]
// [--theme dark] PATH` renders the window, with the insights found, to a PNG and exits (0, or 2
// with a message when the trace cannot be loaded or the insight does not exist).
#include "app_identity.h"
#include "app_palette.h"
#include "compare_window.h"
#include "formats/load_error.h"
#include "formats/trace_loader.h"
#include "main_window.h"
#include "session/session_file.h"
#include "trace_load_job.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QPixmap>
#include <cstdio>
#include <iostream>
#include <new>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace {

constexpr int kExitBadInput = 2;

bool parseSize(const QString& text, QSize& size) {
    const QStringList parts = text.split('x');
    bool okW = false, okH = false;
    if (parts.size() == 2)
        size = QSize(parts[0].toInt(&okW), parts[1].toInt(&okH));
    return okW && okH && size.width() > 0 && size.height() > 0;
}

bool parseRange(const QString& text, qint64& start, qint64& end) {
    const QStringList parts = text.split("..");
    bool okStart = false, okEnd = false;
    if (parts.size() == 2) {
        start = parts[0].toLongLong(&okStart);
        end = parts[1].toLongLong(&okEnd);
    }
    return okStart && okEnd && end > start;
}

int screenshot(const QCommandLineParser& args, const QString& path) {
    QSize size(1600, 900);
    if (args.isSet("size") && !parseSize(args.value("size"), size)) {
        std::cerr << "lanescope: --size wants WxH, e.g. 1920x1080\n";
        return kExitBadInput;
    }
    std::shared_ptr<const lanescope::Trace> trace;
    try {
        trace = std::make_shared<const lanescope::Trace>(
            lanescope::formats::loadTrace(path.toStdString()));
    } catch (const lanescope::formats::LoadError& error) {
        std::cerr << error.what() << "\n";
        return kExitBadInput;
    } catch (const std::bad_alloc&) {
        std::cerr << path.toStdString() << ": out of memory while loading\n";
        return kExitBadInput;
    }
    lanescope::app::MainWindow window(false);
    window.setDarkTheme(args.value("theme") == "dark");
    QEventLoop analysed;
    QObject::connect(&window, &lanescope::app::MainWindow::insightsReady, &analysed,
                     &QEventLoop::quit);
    window.showTrace(trace);
    analysed.exec();
    if (args.isSet("insight") && !window.showInsight(args.value("insight"))) {
        std::cerr << "lanescope: no insight " << args.value("insight").toStdString() << "\n";
        return kExitBadInput;
    }
    qint64 start = 0, end = 0;
    if (args.isSet("range")) {
        if (!parseRange(args.value("range"), start, end)) {
            std::cerr << "lanescope: --range wants START_NS..END_NS\n";
            return kExitBadInput;
        }
        window.timeline()->setRange(start, end);
    }
    window.resize(size);
    window.show();
    QApplication::processEvents();
    if (!window.grab().save(args.value("screenshot"))) {
        std::cerr << "lanescope: cannot write " << args.value("screenshot").toStdString() << "\n";
        return kExitBadInput;
    }
    return 0;
}

// `--compare BASE COMP --screenshot OUT.png [--op NAME]`: the compare window, headless.
int compareScreenshot(const QCommandLineParser& args, const QString& base, const QString& comp) {
    QSize size(1800, 1000);
    if (args.isSet("size") && !parseSize(args.value("size"), size)) {
        std::cerr << "lanescope: --size wants WxH, e.g. 1920x1080\n";
        return kExitBadInput;
    }
    std::atomic<bool> never{false};
    lanescope::app::LoadOutcome runs[2] = {lanescope::app::loadNow(base, &never),
                                           lanescope::app::loadNow(comp, &never)};
    for (const auto& run : runs)
        if (!run.trace) {
            std::cerr << run.error.toStdString() << "\n";
            return kExitBadInput;
        }
    lanescope::app::CompareWindow window;
    if (args.value("theme") == "dark") {
        QApplication::setPalette(lanescope::app::applicationPalette(true));
        window.setDarkTheme(true);
    }
    std::unique_ptr<lanescope::app::TraceDocument> documents[2];
    for (int i = 0; i < 2; ++i) {
        documents[i] = std::make_unique<lanescope::app::TraceDocument>(
            i == 0 ? base : comp, runs[i].trace, runs[i].flows);
        documents[i]->readSession();
        documents[i]->analyseNow();
    }
    window.showDocuments(std::move(documents[0]), std::move(documents[1]));
    window.resize(size);
    window.show();
    if (args.isSet("op") && !window.showOp(args.value("op"))) {
        std::cerr << "lanescope: neither run has the op " << args.value("op").toStdString() << "\n";
        return kExitBadInput;
    }
    QApplication::processEvents();
    if (!window.grab().save(args.value("screenshot"))) {
        std::cerr << "lanescope: cannot write " << args.value("screenshot").toStdString() << "\n";
        return kExitBadInput;
    }
    return 0;
}

// The trace to load for a path argument: a session file ("….lanescope.json") stands for the
// trace it belongs to. nullopt after saying why.
std::optional<QString> traceFor(const QString& path) {
    if (!lanescope::session::isSessionFile(path.toStdString()))
        return path;
    try {
        return QString::fromStdString(lanescope::session::traceOfSessionFile(path.toStdString()));
    } catch (const std::runtime_error& error) {
        std::cerr << error.what() << "\n";
        return std::nullopt;
    }
}

bool hasDisplay() {
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") ||
           !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

// Whether the command line asks for something that opens no window.
bool drawsNoWindow(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--screenshot" || arg.starts_with("--screenshot=") || arg == "--help" ||
            arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    // Without a display Qt aborts. A screenshot, --help or --version needs none: they take the
    // offscreen platform; a window cannot open, and the user is told so instead of a Qt abort.
    if (!hasDisplay()) {
        if (!drawsNoWindow(argc, argv)) {
            std::cerr << "lanescope: no display to open a window on (DISPLAY and WAYLAND_DISPLAY "
                         "are not set); lanescope --screenshot OUT.png PATH and lanescope-cli "
                         "work without one\n";
            return kExitBadInput;
        }
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    lanescope::app::setApplicationIdentity();
    // Fusion draws the same everywhere and honours the dark palette fully.
    QApplication::setStyle("Fusion");
    QCommandLineParser args;
    args.setApplicationDescription("Timeline viewer for PyTorch/Kineto and Ascend profiler traces");
    args.addHelpOption();
    args.addVersionOption();
    args.addPositionalArgument("path", "trace file or profiler folder to open");
    args.addOption({"compare", "compare two runs: lanescope --compare BASE COMP"});
    args.addOption({"op", "select this op on both timelines (--compare --screenshot)", "NAME"});
    args.addOption({"screenshot", "render the window to PNG FILE and exit", "FILE"});
    args.addOption({"size", "window size for --screenshot", "WxH"});
    args.addOption({"range", "visible time range in ns", "START..END"});
    args.addOption({"insight", "zoom to this insight (--screenshot)", "ID"});
    args.addOption(
        {"theme", "light or dark (--screenshot; the window remembers the menu choice)", "NAME"});
    args.process(app);
    const QString path = args.positionalArguments().value(0);
    if (args.isSet("compare")) {
        const QStringList paths = args.positionalArguments();
        if (paths.size() != 2) {
            std::cerr << "lanescope: --compare needs two runs: BASE COMP\n";
            return kExitBadInput;
        }
        const std::optional<QString> base = traceFor(paths[0]), comp = traceFor(paths[1]);
        if (!base || !comp)
            return kExitBadInput;
        if (args.isSet("screenshot"))
            return compareScreenshot(args, *base, *comp);
        lanescope::app::CompareWindow window;
        window.show();
        window.openRuns(*base, *comp);
        return app.exec();
    }
    if (args.isSet("screenshot")) {
        if (path.isEmpty()) {
            std::cerr << "lanescope: --screenshot needs a trace path\n";
            return kExitBadInput;
        }
        const std::optional<QString> trace = traceFor(path);
        return trace ? screenshot(args, *trace) : kExitBadInput;
    }
    lanescope::app::MainWindow window;
    window.show();
    if (path.isEmpty())
        window.showWelcome();
    else
        window.openPath(path);
    return app.exec();
}
