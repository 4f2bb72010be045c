#pragma once

#include "model/trace.h"
#include "timeline_view.h"

#include <QMainWindow>
#include <atomic>
#include <memory>

class QLabel;

namespace lanescope::app {

// The main window: a timeline and a status line. Traces load on a worker thread with a
// progress dialog that can cancel; errors name the file and position.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);

    void openPath(const QString& path);
    void showTrace(std::shared_ptr<const Trace> trace);
    widgets::TimelineView* timeline() const { return view_; }

private:
    void chooseFile();
    void chooseFolder();
    void describe(const Trace& trace);

    widgets::TimelineView* view_;
    QLabel* status_;
    std::atomic<bool> cancel_{false};
};

} // namespace lanescope::app
