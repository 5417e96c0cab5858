#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make-bench-folder.sh PM_GENERATE [DIR]
# Writes the benchmark folder (pm-generate --preset bench) into DIR, else
# $PM_BENCH_DIR, else /tmp/pm-bench-3000x2880, and says how long it took.
set -eu
gen=$1
dir=${2:-${PM_BENCH_DIR:-/tmp/pm-bench-3000x2880}}
exec "$gen" --preset bench --out "$dir" --verbose
