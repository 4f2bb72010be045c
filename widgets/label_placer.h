// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <QRectF>
#include <vector>

namespace lanescope::widgets {

// Keeps the labels of one frame from covering each other: a label that would overlap one
// already placed moves down a line at a time (a few lines at most, then it stays and overlaps:
// a crowded view is zoomed in to read it).
class LabelPlacer {
public:
    QRectF place(QRectF wanted) {
        constexpr int kMaxShifts = 4;
        for (int shift = 0; shift < kMaxShifts && collides(wanted); ++shift)
            wanted.translate(0, wanted.height() + 1);
        placed_.push_back(wanted);
        return wanted;
    }

private:
    bool collides(const QRectF& rect) const {
        for (const QRectF& other : placed_)
            if (other.intersects(rect))
                return true;
        return false;
    }

    std::vector<QRectF> placed_;
};

} // namespace lanescope::widgets
