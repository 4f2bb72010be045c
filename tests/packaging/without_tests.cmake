# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# A packager's configure: -DBUILD_TESTING=OFF configures without Qt Test and without a test
# target, and still installs both binaries.
#   cmake -DSOURCE=<tree> -DBINARY=<scratch folder> -P without_tests.cmake
cmake_minimum_required(VERSION 3.22)
file(REMOVE_RECURSE ${BINARY})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G Ninja -DBUILD_TESTING=OFF
    RESULT_VARIABLE failed OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(failed)
    message(FATAL_ERROR "configuring with BUILD_TESTING=OFF failed:\n${out}")
endif()
file(READ ${BINARY}/build.ninja ninja)
file(READ ${BINARY}/CMakeCache.txt cache)
set(problems "")
if(cache MATCHES "Qt6Test_DIR:PATH=/")
    list(APPEND problems "Qt Test was looked up")
endif()
if(ninja MATCHES "tst_[a-z_]+")
    list(APPEND problems "a test (${CMAKE_MATCH_0}) is built")
endif()
foreach(binary lanescope lanescope-cli)
    if(NOT ninja MATCHES "build app/${binary}:")
        list(APPEND problems "${binary} is not built")
    endif()
endforeach()
file(REMOVE_RECURSE ${BINARY})
if(problems)
    list(JOIN problems "; " problems)
    message(FATAL_ERROR "BUILD_TESTING=OFF: ${problems}")
endif()
message("BUILD_TESTING=OFF configures without Qt Test or tests, and builds both binaries")
