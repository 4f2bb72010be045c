#pragma once

#include "formats/reader.h"
#include "model/string_pool.h"

#include <QString>
