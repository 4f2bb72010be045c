// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "session/annotation.h"

#include <cctype>

namespace lanescope::session {

const char* toString(AnnotationKind kind) {
    switch (kind) {
    case AnnotationKind::Point:
        return "point";
    case AnnotationKind::Range:
        return "range";
    case AnnotationKind::EventNote:
        return "event";
    }
    return "point";
}

std::optional<AnnotationKind> annotationKindFrom(std::string_view text) {
    for (AnnotationKind kind :
         {AnnotationKind::Point, AnnotationKind::Range, AnnotationKind::EventNote})
        if (text == toString(kind))
            return kind;
    return std::nullopt;
}

bool isHexColor(std::string_view text) {
    if (text.size() != 7 || text[0] != '#')
        return false;
    for (char c : text.substr(1))
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

} // namespace lanescope::session
