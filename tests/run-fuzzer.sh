#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a libFuzzer target for a short while: new inputs go to a corpus in the
# build folder, the committed fixtures are read-only seeds.
set -eu
fuzzer=$1 corpus=$2 seeds=$3 seconds=$4
mkdir -p "$corpus"
# libFuzzer exits 77 on a finding by default, which meson reads as "skipped".
exec "$fuzzer" -max_total_time="$seconds" -error_exitcode=1 -timeout_exitcode=1 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  "$corpus" "$seeds"
