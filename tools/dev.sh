#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The README's two commands, for a fresh Debian 12 machine:
#   tools/dev.sh run    install what is missing, build, open the viewer on the sample data
#   tools/dev.sh test   install what is missing, build, run the whole test suite
# and, for the performance goals:
#   tools/dev.sh bench  install what is missing, build, run every meson benchmark() one at a time
# Both are safe to run again; they only install and configure what is not there yet.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

build_packages=(
  meson ninja-build pkg-config gcc
  libglib2.0-dev libcsv-dev libjson-glib-dev libgtk-4-dev libopenblas-dev
)
test_packages=(
  "${build_packages[@]}"
  python3 jq procps xvfb xdotool imagemagick dbus at-spi2-core python3-pyatspi
  desktop-file-utils appstream
  clang libclang-rt-14-dev
  gcc-mingw-w64-x86-64 wine wine64
)

install_missing () {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "Installing: ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

setup () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
}

# meson test's results, from every log of one build folder, as "PASSED FAILED".
count_results () {
  local logs=("$1"/meson-logs/testlog*.json)
  [ -s "${logs[0]}" ] || { echo "0 0"; return; }
  cat "${logs[@]}" | jq -rs '[.[].result] |
    "\(map(select(.=="OK" or .=="EXPECTEDFAIL"))|length) \(map(select(.=="FAIL" or .=="ERROR" or .=="TIMEOUT" or .=="UNEXPECTEDPASS" or .=="INTERRUPT"))|length)"'
}

cmd_run () {
  install_missing "${build_packages[@]}"
  setup build
  meson compile -C build
  [ $# -gt 0 ] || set -- data/sample/powershell
  if [ -x build/viewer-gtk/poolmonviz ]; then
    exec build/viewer-gtk/poolmonviz "$@"
  else
    exec build/cli/poolstats info "$@"
  fi
}

cmd_test () {
  install_missing "${test_packages[@]}"
  local passed=0 failed=0 p f dirs=()

  # 1. The normal build and every test.
  setup build -Dviewer=enabled -Dcli=enabled
  meson compile -C build
  meson test -C build --print-errorlogs || true
  dirs+=(build)

  # 2. The same suite under AddressSanitizer and UndefinedBehaviorSanitizer, built
  #    by clang so the libFuzzer targets (run briefly as tests) come with it.
  #    The GUI tests run there too, without leak checking: GTK and its caches
  #    keep memory for the life of the process on purpose.
  CC=clang setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dfuzzing=true -Dviewer=enabled -Dcli=enabled
  meson compile -C build-asan
  rm -f build-asan/meson-logs/testlog*.json
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$top/tests/lsan.supp":print_suppressions=0 \
    meson test -C build-asan --print-errorlogs --no-suite gui --no-suite slow || true
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs --suite gui --logbase testlog-gui || true
  dirs+=(build-asan)

  # 3. The Windows sampler, cross-built and tested under wine.
  if [ -f sampler-win/mingw-w64-x86_64.cross ]; then
    setup build-win --cross-file sampler-win/mingw-w64-x86_64.cross
    meson compile -C build-win
    meson test -C build-win --print-errorlogs || true
    dirs+=(build-win)
  fi

  for d in "${dirs[@]}"; do
    read -r p f < <(count_results "$d")
    echo "$d: $p passed, $f failed"
    passed=$((passed + p))
    failed=$((failed + f))
  done
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

# The benchmarks generate their data (a 2.2 GB folder under /tmp, or
# $PM_BENCH_DIR) on first use; numpy is the yardstick for the matrix.
cmd_bench () {
  install_missing "${test_packages[@]}" python3-numpy hyperfine
  setup build -Dviewer=enabled -Dcli=enabled
  meson compile -C build
  meson test -C build --benchmark --num-processes 1 --verbose "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: tools/dev.sh run|test|bench" >&2; exit 1 ;;
esac
