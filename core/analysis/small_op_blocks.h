// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "analysis/device_tasks.h"
#include "analysis/insight.h"
#include "model/trace.h"

#include <cstdint>
#include <vector>

namespace lanescope::analysis {

// msprof-analyze's "too many small operators" rule (advisor op_schedule), computed from the raw
// device tasks instead of the Overlap Analysis lanes, so it works for every trace.
//
// Rules, per device:
//  - Computing: the union of its kernels (TaskRole::Kernel, task_role.h); communication: the
//    union of its communication tasks. A block is a maximal interval of the computing union.
//  - A block's gap is the free time after it: from its end to the next block's start, minus
//    communication (msprof's Free excludes it; copies and markers count as free). The last
//    block has none.
//  - A block is small when its gap > small_op.block_gap_ratio × its duration.
//  - Checked only when free time (active span - computing ∪ communication) is at least
//    small_op.block_min_free_share of the active span, as msprof does, and the device has at
//    least small_op.block_min_blocks blocks; reported when more than small_op.block_share of
//    the blocks are small.
struct SmallBlockSummary {
    std::uint32_t device = 0;
    std::uint32_t blocks = 0;
    std::uint32_t smallBlocks = 0;
    TimeNs computingNs = 0;
    TimeNs freeNs = 0;       // active span minus computing and communication
    TimeNs smallGapNs = 0;   // Σ gaps after small blocks, up to small_op.max_gap_us each
    TimeNs stallNs = 0;      // Σ longer gaps after small blocks: host stalls, not launches
    TimeNs firstSmall = 0;   // start of the first small block
    TimeNs lastSmallGap = 0; // end of the last small block's gap
    std::vector<SliceRef> smallBlockTasks; // the kernels of the small blocks, by start

    double smallShare() const;
};

// One summary per device that has kernels, in device order.
std::vector<SmallBlockSummary> summarizeSmallBlocks(const Trace& trace, const DeviceMap& devices,
                                                    const Thresholds& thresholds);

// The flagged devices as insights of kind SmallOpStreak, id "small_op_streak:blocks-<device
// index>": time at stake is the gaps after small blocks that are launch gaps (at most
// small_op.max_gap_us, as in a streak; a longer gap is a host stall that the device idle gap
// detector reports, and counting it here would rank a data-loading stall as small operators);
// severity by advisorSeverity.
std::vector<Insight> detectSmallOpBlocks(const Trace& trace, const DeviceMap& devices,
                                         const Thresholds& thresholds);

} // namespace lanescope::analysis
