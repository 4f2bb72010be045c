# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# `make package` (CPack): the install (packaging/CMakeLists.txt) as a Debian package, whose
# library dependencies dpkg-shlibdeps finds, and as a relocatable .tar.gz that runs from
# wherever it is unpacked (the binaries find nothing by absolute path). Both in build/package.
set(CPACK_PACKAGE_NAME lanescope)
set(CPACK_PACKAGE_VENDOR "The Lanescope authors")
set(CPACK_PACKAGE_CONTACT "${LANESCOPE_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "timeline viewer for PyTorch, Kineto and Ascend profiles")
set(CPACK_PACKAGE_DESCRIPTION
    "Lanescope opens the output of the PyTorch profiler on Huawei Ascend NPUs
(torch_npu *_ascend_pt folders, text and database exports) and on GPUs
(Kineto *.pt.trace.json and .json.gz files, any Chrome trace), and draws the
host threads and the device streams on one zoomable timeline. It points out
where the host waited for the device, where the device sat idle and why, and
where it ran streams of small unfused operators. Annotate what you find,
compare two runs, and export annotated pictures and review reports;
lanescope-cli does the same without a window.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR}/package)
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_FILE_NAME lanescope-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR})

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS qt6-wayland)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
