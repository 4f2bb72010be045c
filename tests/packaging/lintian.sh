#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# lintian.sh PACKAGE_DIR: lintian on the .deb `make package` wrote; fails on any error or
# warning, and prints every tag (informational ones too) for the log.
set -eu
deb=$(ls "$1"/lanescope_*.deb)
echo "lintian $(lintian --version | cut -d' ' -f2) on $deb"
lintian --info --display-info --fail-on error,warning "$deb"
echo "lintian: no errors or warnings"
