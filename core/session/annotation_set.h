// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "session/annotation.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace lanescope::session {

// A trace's annotations in the order they were made. Ids are handed out here and never reused,
// so an undo can put a removed annotation back under its old id.
class AnnotationSet {
public:
    const std::vector<Annotation>& items() const { return items_; }
    bool empty() const { return items_.empty(); }
    const Annotation* find(std::uint64_t id) const;
    // The id the next add() hands out.
    std::uint64_t nextId() const { return nextId_; }

    // Adds a copy with a fresh id (returned); `createdMs`/`modifiedMs` default to `nowMs`.
    std::uint64_t add(Annotation annotation, std::int64_t nowMs);
    // Replaces the annotation with the same id, stamping `modifiedMs`; false when absent.
    bool update(Annotation annotation, std::int64_t nowMs);
    // Removes by id and returns what was removed (to undo it).
    std::optional<Annotation> remove(std::uint64_t id);
    // Puts back a removed annotation under its own id, in creation order.
    void restore(Annotation annotation);
    // Adds annotations read from a file, keeping their ids (duplicates get fresh ones).
    void load(std::vector<Annotation> annotations);

private:
    std::vector<Annotation> items_;
    std::uint64_t nextId_ = 1;
};

} // namespace lanescope::session
