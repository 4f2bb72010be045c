// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "search_panel.h"

#include "search_results_model.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScopedValueRollback>
#include <QShortcut>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <functional>

namespace lanescope::widgets {

namespace {

// Long enough that typing a word searches once, short enough to feel immediate.
constexpr int kDebounceMs = 200;

QString number(std::uint64_t n) {
    return QLocale(QLocale::English).toString(static_cast<qulonglong>(n));
}

QToolButton* arrowButton(QWidget* parent, QStyle::StandardPixmap icon, const QString& tip) {
    auto* button = new QToolButton(parent);
    button->setIcon(parent->style()->standardIcon(icon));
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

void addShortcut(QWidget* panel, const QKeySequence& keys, std::function<void()> action) {
    auto* shortcut = new QShortcut(keys, panel);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(shortcut, &QShortcut::activated, panel, std::move(action));
}

} // namespace

SearchPanel::SearchPanel(QWidget* parent)
    : QWidget(parent), query_(new QLineEdit(this)),
      caseSensitive_(new QCheckBox(tr("Match case"), this)), count_(new QLabel(this)),
      previous_(arrowButton(this, QStyle::SP_ArrowUp, tr("Previous match (Shift+F3)"))),
      next_(arrowButton(this, QStyle::SP_ArrowDown, tr("Next match (F3)"))),
      list_(new QTableView(this)), model_(new SearchResultsModel(this)),
      debounce_(new QTimer(this)) {
    query_->setPlaceholderText(tr("Search slice names (Ctrl+F)"));
    query_->setClearButtonEnabled(true);
    query_->installEventFilter(this);
    count_->setMinimumWidth(
        count_->fontMetrics().horizontalAdvance(QStringLiteral("0,000 of 0,000,000")));
    count_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    debounce_->setSingleShot(true);
    debounce_->setInterval(kDebounceMs);
    setupList();
    connectSignals();
    layOut();
    updateCountLabel();
}

void SearchPanel::setupList() {
    list_->setModel(model_);
    list_->setSelectionBehavior(QAbstractItemView::SelectRows);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_->setAlternatingRowColors(true);
    list_->setWordWrap(false);
    list_->setTextElideMode(Qt::ElideRight);
    // Uniform fixed rows keep a million-row table as cheap as a ten-row one: no per-row sizing.
    list_->verticalHeader()->hide();
    list_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    list_->verticalHeader()->setDefaultSectionSize(list_->fontMetrics().height() + 6);
    QHeaderView* header = list_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(SearchResultsModel::Name, QHeaderView::Stretch);
    const int digits = list_->fontMetrics().horizontalAdvance(QStringLiteral("000.0 ms"));
    header->resizeSection(SearchResultsModel::Lane,
                          list_->fontMetrics().horizontalAdvance(
                              QStringLiteral("python3 · thread 1234567 (python3)")));
    header->resizeSection(SearchResultsModel::Start, digits + 16);
    header->resizeSection(SearchResultsModel::Duration, digits + 16);
}

void SearchPanel::connectSignals() {
    connect(query_, &QLineEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
    connect(debounce_, &QTimer::timeout, this, &SearchPanel::runSearch);
    connect(caseSensitive_, &QCheckBox::toggled, this, &SearchPanel::runSearch);
    connect(previous_, &QToolButton::clicked, this, &SearchPanel::previous);
    connect(next_, &QToolButton::clicked, this, &SearchPanel::next);
    connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!selecting_ && current.isValid())
                    setCurrent(current.row());
            });
    // Enter (or a double click) on the current row centres it again.
    connect(list_, &QTableView::activated, this,
            [this](const QModelIndex& index) { setCurrent(index.row()); });
    addShortcut(this, QKeySequence(Qt::Key_F3), [this] { next(); });
    addShortcut(this, QKeySequence(Qt::SHIFT | Qt::Key_F3), [this] { previous(); });
}

void SearchPanel::layOut() {
    auto* bar = new QHBoxLayout;
    bar->setSpacing(4);
    bar->addWidget(query_, 1);
    bar->addWidget(caseSensitive_);
    bar->addWidget(count_);
    bar->addWidget(previous_);
    bar->addWidget(next_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(list_, 1);
}

void SearchPanel::setTrace(std::shared_ptr<const Trace> trace) {
    trace_ = std::move(trace);
    runSearch();
}

void SearchPanel::focusQuery() {
    query_->setFocus(Qt::ShortcutFocusReason);
    query_->selectAll();
}

void SearchPanel::setQuery(const QString& text) {
    query_->setText(text);
    runSearch();
}

void SearchPanel::setCaseSensitive(bool on) {
    if (caseSensitive_->isChecked() == on)
        return;
    caseSensitive_->setChecked(on); // toggled() searches again
}

void SearchPanel::next() {
    const int n = static_cast<int>(result_.matches.size());
    if (n > 0)
        setCurrent(current_ < 0 ? 0 : (current_ + 1) % n);
}

void SearchPanel::previous() {
    const int n = static_cast<int>(result_.matches.size());
    if (n > 0)
        setCurrent(current_ <= 0 ? n - 1 : current_ - 1);
}

void SearchPanel::runSearch() {
    debounce_->stop();
    searched_ = query_->text();
    searchedCase_ = caseSensitive_->isChecked();
    analysis::SearchResult found;
    if (trace_ && !searched_.isEmpty()) {
        analysis::SearchOptions options;
        options.caseSensitive = searchedCase_;
        found = analysis::searchSlices(*trace_, searched_.toStdString(), options);
    }
    // The model views result_.matches: detach it before the vector is replaced.
    model_->setMatches(nullptr, {});
    result_ = std::move(found);
    model_->setMatches(trace_, result_.matches);
    current_ = -1;
    if (result_.matches.empty())
        updateCountLabel();
    else
        setCurrent(0);
}

bool SearchPanel::searchPending() const {
    return debounce_->isActive() || searched_ != query_->text() ||
           searchedCase_ != caseSensitive_->isChecked();
}

void SearchPanel::setCurrent(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= result_.matches.size())
        return;
    current_ = index;
    updateCountLabel();
    const QModelIndex cell = model_->index(index, SearchResultsModel::Name);
    {
        // Selecting the row reports it as the new current row: that must not recurse.
        const QScopedValueRollback guard(selecting_, true);
        list_->selectionModel()->setCurrentIndex(cell, QItemSelectionModel::ClearAndSelect |
                                                           QItemSelectionModel::Rows);
    }
    list_->scrollTo(cell);
    emit currentMatchChanged(result_.matches[static_cast<std::size_t>(index)]);
}

void SearchPanel::updateCountLabel() {
    const std::size_t listed = result_.matches.size();
    count_->setToolTip(QString());
    if (searched_.isEmpty() || !trace_) {
        count_->clear();
    } else if (listed == 0) {
        count_->setText(tr("no matches"));
    } else if (result_.truncated()) {
        count_->setText(tr("%1 of %2 shown").arg(number(listed), number(result_.total)));
        count_->setToolTip(
            tr("Match %1; only the first %2 matches are listed")
                .arg(number(static_cast<std::uint64_t>(current_ + 1)), number(listed)));
    } else {
        count_->setText(
            tr("%1 of %2").arg(number(static_cast<std::uint64_t>(current_ + 1)), number(listed)));
    }
    previous_->setEnabled(listed > 0);
    next_->setEnabled(listed > 0);
}

// Return searches at once when the text changed since the last search, and otherwise steps
// through the matches (Shift+Return backwards), as in a browser's find bar.
bool SearchPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched != query_ || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter)
        return QWidget::eventFilter(watched, event);
    if (searchPending())
        runSearch();
    else if (key->modifiers() & Qt::ShiftModifier)
        previous();
    else
        next();
    return true;
}

} // namespace lanescope::widgets
