#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# run_if.sh TOOL... -- COMMAND [ARG...]: runs COMMAND when every TOOL is on the PATH; else says
# which is missing and exits 77, which CTest reports as skipped (SKIP_RETURN_CODE).
missing=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    command -v "$1" >/dev/null 2>&1 || missing="$missing $1"
    shift
done
[ $# -gt 0 ] && shift
if [ -n "$missing" ]; then
    echo "skipped: not installed:$missing (packaging/deps.sh installs it)"
    exit 77
fi
exec "$@"
