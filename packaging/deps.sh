#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# Installs the Debian/Ubuntu packages Lanescope needs to build, test, package and run.
# Idempotent: only missing packages are installed, and the script says which. Without apt it
# installs nothing: it names what the build needs and leaves the rest to CMake.
set -eu

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    cat >&2 <<'EOF_NO_APT'
deps.sh: no apt-get/dpkg here, so nothing is installed. Building needs CMake >= 3.22, Ninja, a
C++20 compiler, Qt >= 6.4 (Core, Gui, Widgets, Concurrent, Svg; Test for the tests),
nlohmann_json >= 3.11, zlib and SQLite 3; CMake names what it cannot find. The package checks
need desktop-file-validate, appstreamcli, lintian and dpkg-shlibdeps (skipped without them).
EOF_NO_APT
    exit 0
fi

PACKAGES="
cmake
ninja-build
g++
clang
pkg-config
nlohmann-json3-dev
zlib1g-dev
libsqlite3-dev
qt6-base-dev
qt6-svg-dev
qt6-qpa-plugins
libgl-dev
fonts-dejavu-core
xvfb
dpkg-dev
desktop-file-utils
appstream
lintian
shared-mime-info
"

# libFuzzer's runtime (make fuzz) is in libclang-rt-N-dev for the default clang-N, which clang
# only recommends; older releases ship it inside libclang-common-N-dev.
clang_major=$(apt-cache depends clang 2>/dev/null | sed -n 's/.*Depends: clang-\([0-9]*\)$/\1/p' | head -n 1)
if [ -n "$clang_major" ] && apt-cache show "libclang-rt-$clang_major-dev" >/dev/null 2>&1; then
    PACKAGES="$PACKAGES libclang-rt-$clang_major-dev"
fi

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

if [ -z "$missing" ]; then
    echo "deps.sh: all build dependencies are installed."
    exit 0
fi

echo "deps.sh: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "deps.sh: need root or sudo to install:$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
