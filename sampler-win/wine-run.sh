#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one Windows test program under wine, the way docs/design.md
# ("Testing") describes (sampler-win/tests/meson.build declares each .exe test through it):
# - a prefix inside the build folder (WINEPREFIX from the test's environment,
#   else ./wine-prefix in the folder meson runs tests from), no display, quiet;
# - prewarmed once: a persistent wineserver and wineboot, started with their
#   output sent to /dev/null, so that no background wine process holds the
#   test's output pipe open (that stalls meson test);
# - the server goes away by itself a minute after the last program ends
#   (and the test 'wine-shutdown' ends it at once after the suite).
set -eu

: "${WINEPREFIX:=$PWD/wine-prefix}"
export WINEPREFIX
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY

mkdir -p "$WINEPREFIX"

(
  # One prewarm at a time; tests started in parallel wait for it.
  # The first time this creates the prefix (about 5 s); after that it
  # finds the server running (exit 2) and wineboot done (about 0.25 s).
  # The daemons must not inherit the lock (fd 9): they outlive this.
  flock 9
  wineserver -p60 </dev/null >/dev/null 2>&1 9>&- || true
  wine wineboot </dev/null >/dev/null 2>&1 9>&- || true
) 9>"$WINEPREFIX/.pm-lock"

exec wine "$@"
