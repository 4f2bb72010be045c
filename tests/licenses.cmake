# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# Every source file names its license in its first lines (the source_licenses test), and the
# license text is at the top of the tree.
#   cmake -DTOP=<source tree> -P licenses.cmake
cmake_minimum_required(VERSION 3.22)
if(NOT EXISTS ${TOP}/LICENSE)
    message(FATAL_ERROR "no LICENSE at the top of ${TOP}")
endif()
file(GLOB_RECURSE files RELATIVE ${TOP}
    ${TOP}/core/*.cpp ${TOP}/core/*.h ${TOP}/app/*.cpp ${TOP}/app/*.h
    ${TOP}/widgets/*.cpp ${TOP}/widgets/*.h ${TOP}/tests/*.cpp ${TOP}/tests/*.h
    ${TOP}/tests/*.cmake ${TOP}/resources/*.py ${TOP}/tests/*.py ${TOP}/packaging/*.sh
    ${TOP}/*CMakeLists.txt)
list(FILTER files EXCLUDE REGEX "^(build|tests/data/)")
list(SORT files)
set(missing 0)
foreach(file IN LISTS files)
    file(STRINGS ${TOP}/${file} head LIMIT_COUNT 3)
    if(NOT head MATCHES "SPDX-License-Identifier: Apache-2.0")
        message("${file}: no SPDX-License-Identifier in its first lines")
        math(EXPR missing "${missing} + 1")
    endif()
endforeach()
list(LENGTH files checked)
if(missing GREATER 0)
    message(FATAL_ERROR "${missing} of ${checked} source files name no license")
endif()
message("${checked} source files name their license")
