#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# check_man.sh PAGE.1.gz...: each man page renders without a warning from man or groff (what
# lintian's groff-message check runs), and names its program in NAME.
status=0
for page in "$@"; do
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
        man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
    if [ -n "$warnings" ]; then
        echo "$page:"
        echo "$warnings"
        status=1
    fi
    program=$(basename "$page" .1.gz)
    if ! zcat "$page" | grep -q "^$program \\\\- "; then
        echo "$page: its NAME section does not begin with '$program \\- '"
        status=1
    fi
done
[ $status -eq 0 ] && echo "$# man pages render cleanly"
exit $status
