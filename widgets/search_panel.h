// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/name_search.h"
#include "model/trace.h"

#include <QWidget>
#include <memory>

class QLineEdit;
class QCheckBox;
class QLabel;
class QTableView;
class QToolButton;
class QTimer;

namespace lanescope::widgets {

class SearchResultsModel;

// Ctrl+F search: a name substring (case toggle), the match count and position ("3 of 120"),
// previous/next, and the list of matches (name, lane, start, duration); choosing one makes it
// the current match, which the window centres on the timeline and selects.
class SearchPanel : public QWidget {
    Q_OBJECT

public:
    explicit SearchPanel(QWidget* parent = nullptr);

    void setTrace(std::shared_ptr<const Trace> trace);
    // Focus the text field with its text selected (what Ctrl+F does).
    void focusQuery();
    void setQuery(const QString& text);
    void setCaseSensitive(bool on);

    const analysis::SearchResult& result() const { return result_; }
    int currentIndex() const { return current_; }

public slots:
    void next();
    void previous();

signals:
    void currentMatchChanged(lanescope::SliceRef slice);

private:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void setupList();
    void connectSignals();
    void layOut();
    void runSearch();
    bool searchPending() const;
    void setCurrent(int index);
    void updateCountLabel();

    std::shared_ptr<const Trace> trace_;
    analysis::SearchResult result_;
    int current_ = -1;
    QLineEdit* query_;
    QCheckBox* caseSensitive_;
    QLabel* count_;
    QToolButton* previous_;
    QToolButton* next_;
    QTableView* list_;
    SearchResultsModel* model_;
    QTimer* debounce_;
    QString searched_; // the query and case option result_ was found with
    bool searchedCase_ = false;
    bool selecting_ = false;
};

} // namespace lanescope::widgets
