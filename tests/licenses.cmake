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
    ${TOP}/tests/*.cmake ${TOP}/tests/*.sh ${TOP}/resources/*.py ${TOP}/tests/*.py
    ${TOP}/packaging/*.sh ${TOP}/packaging/*.cpp ${TOP}/packaging/*.cmake ${TOP}/packaging/*.in
    ${TOP}/packaging/*.desktop ${TOP}/packaging/*.xml ${TOP}/packaging/*.svg
    ${TOP}/packaging/completion/* ${TOP}/docs/cluster/* ${TOP}/*CMakeLists.txt)
# packaging/debian holds Debian-format files that cannot start with a comment; its copyright
# file states the license.
list(FILTER files EXCLUDE REGEX "^(build|tests/data/|packaging/debian/)")
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

# Third-party test data: every origin repository in the table of tests/data/README.md
# ("| file | owner/repo | ...") has its license text in tests/data/LICENSES/owner_repo.*, every
# text there is linked from the README, and every link there leads to a text.
set(data ${TOP}/tests/data)
file(STRINGS ${data}/README.md rows REGEX "^\\| `[^`]+` \\| [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+ \\|")
file(READ ${data}/README.md readme)
set(origins "")
foreach(row IN LISTS rows)
    string(REGEX REPLACE "^\\| `[^`]+` \\| ([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+) \\|.*" "\\1_\\2"
        origin "${row}")
    list(APPEND origins ${origin})
endforeach()
list(REMOVE_DUPLICATES origins)
if(NOT origins)
    message(FATAL_ERROR "tests/data/README.md: no origin repository found in its table")
endif()
foreach(origin IN LISTS origins)
    file(GLOB texts ${data}/LICENSES/${origin}.*)
    if(NOT texts)
        message("tests/data: no license text of ${origin} in tests/data/LICENSES")
        math(EXPR missing "${missing} + 1")
    endif()
endforeach()
file(GLOB texts RELATIVE ${data} ${data}/LICENSES/*)
foreach(text IN LISTS texts)
    string(FIND "${readme}" "(${text})" at)
    if(at EQUAL -1)
        message("tests/data/${text}: not linked from tests/data/README.md")
        math(EXPR missing "${missing} + 1")
    endif()
endforeach()
string(REGEX MATCHALL "\\(LICENSES/[^)]+\\)" links "${readme}")
foreach(link IN LISTS links)
    string(REGEX REPLACE "^\\((.*)\\)$" "\\1" link "${link}")
    if(NOT EXISTS ${data}/${link})
        message("tests/data/README.md links ${link}, which does not exist")
        math(EXPR missing "${missing} + 1")
    endif()
endforeach()
if(missing GREATER 0)
    message(FATAL_ERROR "${missing} third-party license problems in tests/data")
endif()
list(JOIN origins ", " origins)
message("tests/data: license texts of ${origins}")
