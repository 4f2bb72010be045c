#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# install_test.sh PACKAGE_DIR VERSION: the .deb `make package` wrote, unpacked into a temporary
# root, has every file an install needs and its Debian dependencies, and its binaries run from
# there: --version, `lanescope-cli info` on the installed sample and `lanescope --screenshot`
# of it without a display. Then the .tar.gz, unpacked under another name elsewhere, runs the
# same way (it is relocatable).
set -eu
dir=$1
version=$2
app_id=io.github.lanescope.Lanescope
deb=$(ls "$dir"/lanescope_*.deb)
tgz=$(ls "$dir"/lanescope-*.tar.gz)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
    echo "FAIL: $*"
    exit 1
}

expect_files() {
    root=$1
    prefix=$2
    for file in bin/lanescope bin/lanescope-cli \
        share/applications/$app_id.desktop \
        share/metainfo/$app_id.metainfo.xml \
        share/mime/packages/$app_id.xml \
        share/icons/hicolor/scalable/apps/$app_id.svg \
        share/icons/hicolor/16x16/apps/$app_id.png \
        share/icons/hicolor/22x22/apps/$app_id.png \
        share/icons/hicolor/24x24/apps/$app_id.png \
        share/icons/hicolor/32x32/apps/$app_id.png \
        share/icons/hicolor/48x48/apps/$app_id.png \
        share/icons/hicolor/64x64/apps/$app_id.png \
        share/icons/hicolor/128x128/apps/$app_id.png \
        share/icons/hicolor/256x256/apps/$app_id.png \
        share/man/man1/lanescope.1.gz share/man/man1/lanescope-cli.1.gz \
        share/bash-completion/completions/lanescope-cli \
        share/doc/lanescope/copyright share/doc/lanescope/changelog.gz \
        share/lanescope/samples/bert_eager_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json \
        share/lanescope/samples/bert_a10.pt.trace.json \
        share/lanescope/cluster/summarize_rank.sh share/lanescope/cluster/slurm_array.sbatch \
        share/lanescope/cluster/k8s_indexed_job.yaml; do
        [ -f "$root/$prefix$file" ] || fail "$(basename "$2$file") is not in the package at $prefix$file"
    done
}

# Runs the installed binaries under `root` (PREFIX/bin, PREFIX/share) with no display.
run_installed() {
    bin=$1/bin
    share=$1/share
    out=$("$bin/lanescope-cli" --version)
    [ "$out" = "lanescope-cli $version" ] || fail "lanescope-cli --version printed '$out'"
    out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$bin/lanescope" --version)
    [ "$out" = "Lanescope $version" ] || fail "lanescope --version printed '$out'"
    "$bin/lanescope-cli" info "$share/lanescope/samples/bert_eager_ascend_pt" >"$work/info.txt" ||
        fail "lanescope-cli info on the installed sample failed"
    grep -q "^NPU tasks: 340," "$work/info.txt" || fail "unexpected info: $(cat "$work/info.txt")"
    rm -f "$work/shot.png"
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$bin/lanescope" \
        --screenshot "$work/shot.png" --size 1200x700 \
        "$share/lanescope/samples/bert_eager_ascend_pt" || fail "lanescope --screenshot failed"
    size=$(wc -c <"$work/shot.png")
    [ "$size" -gt 20000 ] || fail "the screenshot is only $size bytes"
    [ "$(head -c 8 "$work/shot.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
        fail "the screenshot is not a PNG"
    echo "  $1: --version, info on the sample and a ${size}-byte screenshot"
}

echo "$deb"
[ "$(dpkg-deb -f "$deb" Package)" = lanescope ] || fail "the package is not named lanescope"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version)"
depends=$(dpkg-deb -f "$deb" Depends)
echo "  Depends: $depends"
for library in libqt6widgets6 libqt6svg6 libqt6gui6 libqt6core6 libsqlite3-0 zlib1g libc6; do
    echo "$depends" | grep -q "$library" || fail "Depends does not name $library"
done
dpkg-deb -x "$deb" "$work/root"
expect_files "$work/root" usr/
run_installed "$work/root/usr"

echo "$tgz"
mkdir "$work/tgz"
tar -xzf "$tgz" -C "$work/tgz"
top=$(ls "$work/tgz")
mv "$work/tgz/$top" "$work/tgz/moved elsewhere"
expect_files "$work/tgz/moved elsewhere" ""
run_installed "$work/tgz/moved elsewhere"
echo "both packages install and run"
