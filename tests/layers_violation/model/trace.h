// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include "formats/reader.h"
#include "model/string_pool.h"

#include <QString>
