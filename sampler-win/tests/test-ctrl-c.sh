#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Ctrl+C under wine: the sampler (built with the query's test double) runs
# until stopped; SIGINT to wine reaches its console handler as CTRL_C_EVENT
# (docs/design.md, Testing). It must finish the snapshot in progress, leave no .tmp
# behind and exit 0. TAP output.
#
# Usage: test-ctrl-c.sh WINE-RUN.SH SAMPLER-FAKE.EXE
set -u
wine_run=$1
exe=$2
dir=$(mktemp -d)
pid=

cleanup () {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  rm -rf "$dir" "$dir.out" "$dir.err"
}
trap cleanup EXIT

echo "1..1"

# Output to files: a pipe left open by wine would stall meson test.
sh "$wine_run" "$exe" --out "Z:$dir" --interval 1 --duration 0 \
  </dev/null >"$dir.out" 2>"$dir.err" &
pid=$!

# The second snapshot shows the loop is waiting for the third.
i=0
while [ "$(ls "$dir" | grep -c '\.pool\.csv$')" -lt 2 ] && [ $i -lt 300 ]; do
  sleep 0.1
  i=$((i + 1))
done

kill -INT "$pid"
status=
i=0
while [ $i -lt 100 ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    status=$?
    break
  fi
  sleep 0.1
  i=$((i + 1))
done
pid_was=$pid
[ -n "$status" ] && pid=

n=$(ls "$dir" | grep -c '\.pool\.csv$')
tmp=$(ls "$dir" | grep -c '\.tmp$')
echo "# files: $n, left-over .tmp: $tmp, exit status: ${status:-still running}"
sed 's/^/# stderr: /' "$dir.err"
if [ "$status" = 0 ] && [ "$n" -ge 2 ] && [ "$tmp" -eq 0 ]; then
  echo "ok 1 /poolstats/sampler/exe/ctrl-c"
else
  echo "not ok 1 /poolstats/sampler/exe/ctrl-c (pid $pid_was)"
fi
