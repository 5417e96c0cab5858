#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# poolmon-sampler.exe imports nothing beyond what every Windows has
# (KERNEL32, msvcrt, ntdll) and stays under 64 KB. TAP output.
#
# Usage: check-exe.sh OBJDUMP POOLMON-SAMPLER.EXE
set -u
objdump=$1
exe=$2

echo "1..2"

dlls=$("$objdump" -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ')
echo "# imports: $dlls"
bad=$(printf '%s\n' $dlls | grep -v -x -e kernel32.dll -e msvcrt.dll -e ntdll.dll)
if [ -n "$dlls" ] && [ -z "$bad" ] && printf '%s\n' $dlls | grep -q -x ntdll.dll; then
  echo "ok 1 /poolstats/sampler/exe/imports"
else
  echo "not ok 1 /poolstats/sampler/exe/imports # unexpected: ${bad:-no imports found}"
fi

size=$(wc -c <"$exe")
echo "# size: $size bytes"
if [ "$size" -lt 65536 ]; then
  echo "ok 2 /poolstats/sampler/exe/size"
else
  echo "not ok 2 /poolstats/sampler/exe/size # $size bytes, 64 KB at most"
fi
