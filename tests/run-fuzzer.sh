#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a libFuzzer target for a while:
#   run-fuzzer.sh FUZZER CORPUS SECONDS SEEDS...
# New inputs go to CORPUS (in the build folder); the committed seed folders
# are read-only. docs/robustness.md tells the long run.
set -eu
fuzzer=$1 corpus=$2 seconds=$3
shift 3
mkdir -p "$corpus"
# libFuzzer exits 77 on a finding by default, which meson reads as "skipped".
# -timeout is per input: generous, so a loaded CI machine is not a finding.
exec "$fuzzer" -max_total_time="$seconds" -error_exitcode=1 -timeout_exitcode=1 -timeout=30 \
  -rss_limit_mb=2048 -print_final_stats=1 "$corpus" "$@"
