// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "session/annotation_set.h"

#include <algorithm>
#include <unordered_set>

namespace lanescope::session {

const Annotation* AnnotationSet::find(std::uint64_t id) const {
    const auto it = std::find_if(items_.begin(), items_.end(),
                                 [id](const Annotation& a) { return a.id == id; });
    return it == items_.end() ? nullptr : &*it;
}

std::uint64_t AnnotationSet::add(Annotation annotation, std::int64_t nowMs) {
    annotation.id = nextId_++;
    if (annotation.createdMs == 0)
        annotation.createdMs = nowMs;
    if (annotation.modifiedMs == 0)
        annotation.modifiedMs = annotation.createdMs;
    items_.push_back(std::move(annotation));
    return items_.back().id;
}

bool AnnotationSet::update(Annotation annotation, std::int64_t nowMs) {
    const auto it = std::find_if(items_.begin(), items_.end(),
                                 [&](const Annotation& a) { return a.id == annotation.id; });
    if (it == items_.end())
        return false;
    annotation.createdMs = it->createdMs;
    annotation.modifiedMs = nowMs;
    *it = std::move(annotation);
    return true;
}

std::optional<Annotation> AnnotationSet::remove(std::uint64_t id) {
    const auto it = std::find_if(items_.begin(), items_.end(),
                                 [id](const Annotation& a) { return a.id == id; });
    if (it == items_.end())
        return std::nullopt;
    Annotation removed = std::move(*it);
    items_.erase(it);
    return removed;
}

void AnnotationSet::restore(Annotation annotation) {
    if (find(annotation.id))
        return;
    nextId_ = std::max(nextId_, annotation.id + 1);
    const auto at = std::find_if(items_.begin(), items_.end(),
                                 [&](const Annotation& a) { return a.id > annotation.id; });
    items_.insert(at, std::move(annotation));
}

void AnnotationSet::load(std::vector<Annotation> annotations) {
    // Ids seen so far in a hash set: a sidecar of 300 000 annotations loads in linear time.
    std::unordered_set<std::uint64_t> taken;
    taken.reserve(items_.size() + annotations.size());
    for (const Annotation& a : items_)
        taken.insert(a.id);
    items_.reserve(items_.size() + annotations.size());
    for (Annotation& annotation : annotations) {
        if (annotation.id == 0 || taken.count(annotation.id))
            annotation.id = nextId_;
        taken.insert(annotation.id);
        nextId_ = std::max(nextId_, annotation.id + 1);
        items_.push_back(std::move(annotation));
    }
}

} // namespace lanescope::session
