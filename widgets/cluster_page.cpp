// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "cluster_page.h"

#include "cluster_rank_model.h"
#include "time_format.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace lanescope::widgets {

namespace {

// How many held-up ranks and problems the summary names before "and N more".
constexpr std::size_t kNamed = 4;

QString listed(const QStringList& items) {
    QStringList shown = items.mid(0, static_cast<int>(kNamed));
    if (items.size() > static_cast<int>(kNamed))
        shown << QObject::tr("and %1 more").arg(items.size() - static_cast<int>(kNamed));
    return shown.join(QStringLiteral(" · "));
}

} // namespace

ClusterPage::ClusterPage(QWidget* parent)
    : QWidget(parent), summary_(new QLabel(this)), metric_(new QComboBox(this)),
      open_(new QPushButton(tr("Open Timeline"), this)), heatmap_(new ClusterHeatmap),
      table_(new QTableView(this)), model_(new ClusterRankModel(this)),
      proxy_(new QSortFilterProxyModel(this)) {
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (int m = 0; m < kHeatMetrics; ++m)
        metric_->addItem(heatMetricName(static_cast<HeatMetric>(m)), m);
    metric_->setToolTip(tr("What the heatmap's colour shows, per rank and step"));
    open_->setToolTip(tr("Open the selected ranks' timeline (several are stacked in one)"));
    open_->setEnabled(false);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Colour by:"), this));
    controls->addWidget(metric_);
    controls->addStretch(1);
    controls->addWidget(open_);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(heatmap_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(ClusterRankModel::Rank, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setAlternatingRowColors(true);
    table_->installEventFilter(this);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(scroll);
    split->addWidget(table_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400}); // shared in proportion once the page has its size
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    connect(metric_, &QComboBox::currentIndexChanged, this,
            [this](int index) { heatmap_->setMetric(static_cast<HeatMetric>(index)); });
    connect(proxy_, &QAbstractItemModel::layoutChanged, this, &ClusterPage::followTableOrder);
    connect(proxy_, &QAbstractItemModel::modelReset, this, &ClusterPage::followTableOrder);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClusterPage::followSelection);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit openRanksRequested({static_cast<std::size_t>(proxy_->mapToSource(index).row())});
    });
    connect(open_, &QPushButton::clicked, this, &ClusterPage::openSelected);
    connect(heatmap_, &ClusterHeatmap::rankClicked, this, &ClusterPage::pickRank);
    connect(heatmap_, &ClusterHeatmap::rankActivated, this,
            [this](std::size_t rank) { emit openRanksRequested({rank}); });
}

void ClusterPage::setJob(const QString& jobPath, std::shared_ptr<const cluster::ClusterView> view,
                         const QStringList& problems) {
    view_ = std::move(view);
    heatmap_->setView(view_);
    model_->setView(view_);
    table_->resizeColumnsToContents();
    summary_->setText(describeJob(jobPath, problems));
    summary_->setToolTip(problems.isEmpty() ? QString() : problems.join(QLatin1Char('\n')));
    followTableOrder();
    // Coloured by what made the worst rank slow, so that it stands out at once; by step time
    // when no rank held the others up.
    std::optional<cluster::SlowRank> worst;
    for (const cluster::ClusterStep& step : view_->steps)
        if (!step.slow.empty() && (!worst || step.slow.front().excessNs > worst->excessNs))
            worst = step.slow.front();
    setMetric(worst ? metricOf(worst->cause) : HeatMetric::StepTime);
}

void ClusterPage::clear() {
    view_.reset();
    heatmap_->setView(nullptr);
    model_->setView(nullptr);
    summary_->clear();
    summary_->setToolTip({});
}

const cluster::ClusterView* ClusterPage::view() const {
    return view_.get();
}

void ClusterPage::setTheme(const TimelineTheme& theme) {
    heatmap_->setTheme(theme);
}

void ClusterPage::setMetric(HeatMetric metric) {
    metric_->setCurrentIndex(static_cast<int>(metric));
}

QString ClusterPage::describeJob(const QString& jobPath, const QStringList& problems) const {
    const cluster::ClusterView& view = *view_;
    std::vector<TimeNs> medians;
    for (const cluster::ClusterStep& step : view.steps)
        medians.push_back(step.medianStepNs);
    QString text =
        tr("<b>%1</b> — %2 ranks · %3 · median step %4")
            .arg(QFileInfo(jobPath).fileName().toHtmlEscaped())
            .arg(view.ranks.size())
            .arg(view.steps.size() == 1 ? tr("1 step") : tr("%1 steps").arg(view.steps.size()))
            .arg(formatDuration(cluster::medianOf(medians)));
    // The table's model holds each rank's overview already (setJob fills it first).
    const auto overview = [this](std::size_t r) -> const cluster::RankOverview& {
        return model_->overview(static_cast<int>(r));
    };
    std::vector<std::size_t> held;
    for (std::size_t r = 0; r < view.ranks.size(); ++r)
        if (overview(r).worst)
            held.push_back(r);
    std::stable_sort(held.begin(), held.end(), [&](std::size_t a, std::size_t b) {
        return overview(a).slowSteps != overview(b).slowSteps
                   ? overview(a).slowSteps > overview(b).slowSteps
                   : overview(a).worst->excessNs > overview(b).worst->excessNs;
    });
    QStringList slow;
    for (std::size_t r : held)
        slow << tr("<b>%1</b> in %2 of %3 steps (%4)")
                    .arg(rankTitle(view.ranks[r]).toHtmlEscaped())
                    .arg(overview(r).slowSteps)
                    .arg(view.steps.size())
                    .arg(slowText(*overview(r).worst));
    text += slow.isEmpty()
                ? tr("<br>No rank held a step up by more than 5 % of the step's median time.")
                : tr("<br>The others waited for: %1").arg(listed(slow));
    if (!view.communication.empty() && view.communication.front().waitNs > 0) {
        const cluster::CommunicationTotals& c = view.communication.front();
        text += tr("<br>Most waited-in communication: %1, %2 of its %3 waiting (%4 %)")
                    .arg(QString::fromStdString(c.type).toHtmlEscaped(), formatDuration(c.waitNs),
                         formatDuration(c.elapseNs))
                    .arg(c.waitShare() * 100.0, 0, 'f', 0);
        if (c.sizedCount)
            text +=
                tr("; %1 MB per op between chips at %2 GB/s")
                    .arg(static_cast<double>(c.linkBytes) / 1e6 / static_cast<double>(c.sizedCount),
                         0, 'f', 1)
                    .arg(c.linkBandwidthGBps(), 0, 'f', 1);
    }
    if (!problems.isEmpty())
        text +=
            QStringLiteral("<br><span style='color:#b3261e'>%1: %2</span>")
                .arg(problems.size() == 1 ? tr("1 rank could not be read")
                                          : tr("%1 ranks could not be read").arg(problems.size()),
                     listed(problems).toHtmlEscaped());
    QStringList notes;
    for (const std::string& note : view.notes)
        notes << QString::fromStdString(note).toHtmlEscaped();
    if (!notes.isEmpty())
        text += tr("<br>Note: %1").arg(listed(notes));
    return text;
}

std::vector<std::size_t> ClusterPage::selectedRanks() const {
    std::vector<std::size_t> ranks;
    for (const QModelIndex& row : table_->selectionModel()->selectedRows())
        ranks.push_back(static_cast<std::size_t>(proxy_->mapToSource(row).row()));
    std::sort(ranks.begin(), ranks.end(), [this](std::size_t a, std::size_t b) {
        return proxy_->mapFromSource(model_->index(static_cast<int>(a), 0)).row() <
               proxy_->mapFromSource(model_->index(static_cast<int>(b), 0)).row();
    });
    return ranks;
}

void ClusterPage::selectRanks(const std::vector<std::size_t>& ranks) {
    QItemSelection selection;
    for (std::size_t r : ranks) {
        const QModelIndex index = proxy_->mapFromSource(model_->index(static_cast<int>(r), 0));
        selection.select(index, index);
    }
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
    if (!ranks.empty())
        table_->scrollTo(proxy_->mapFromSource(model_->index(static_cast<int>(ranks.front()), 0)));
}

void ClusterPage::openSelected() {
    const std::vector<std::size_t> ranks = selectedRanks();
    if (!ranks.empty())
        emit openRanksRequested(ranks);
}

void ClusterPage::followTableOrder() {
    std::vector<std::size_t> order;
    for (int row = 0; row < proxy_->rowCount(); ++row)
        order.push_back(static_cast<std::size_t>(proxy_->mapToSource(proxy_->index(row, 0)).row()));
    heatmap_->setRowOrder(std::move(order));
}

void ClusterPage::followSelection() {
    const std::vector<std::size_t> ranks = selectedRanks();
    heatmap_->setSelectedRanks(ranks);
    open_->setEnabled(!ranks.empty());
    open_->setText(ranks.size() > 1 ? tr("Open %1 Ranks Stacked").arg(ranks.size())
                                    : tr("Open Timeline"));
}

void ClusterPage::pickRank(std::size_t rank, Qt::KeyboardModifiers modifiers) {
    const QModelIndex index = proxy_->mapFromSource(model_->index(static_cast<int>(rank), 0));
    const auto flags = modifiers & Qt::ControlModifier ? QItemSelectionModel::Toggle
                                                       : QItemSelectionModel::ClearAndSelect;
    table_->selectionModel()->select(index, flags | QItemSelectionModel::Rows);
    table_->scrollTo(index);
}

bool ClusterPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            openSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace lanescope::widgets
