#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the .csv.gz fixtures: a gzipped copy of a loader fixture, and a
# gzipped file of 40 snapshots x 50 tags whose compressed stream is cut at
# 70 % of its length (as a copy interrupted half way leaves it).
import gzip, os

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, '..', 'loader', 'basic-utf16le.csv'), 'rb') as f:
    data = f.read()
with open(os.path.join(here, 'basic-utf16le.csv.gz'), 'wb') as f:
    f.write(gzip.compress(data, mtime=0))

header = ('"DateTime","DateTimeUTC","Tag","PagedAllocs","PagedFrees","PagedDiff","PagedUsedBytes",'
          '"NonPagedAllocs","NonPagedFrees","NonPagedDiff","NonPagedUsedBytes","TotalUsedBytes",'
          '"Binary","Description"\r\n')
rows = [header]
for s in range(40):
    for t in range(50):
        used = 1000 * t + 7 * s
        rows.append(f'"2021-07-14T10:{s:02d}:00","2021-07-14T17:{s:02d}:00","G{t:03d}",'
                    f'"{t + s}","{s}","{t}","{used}","0","0","0","0","{used}","",""\r\n')
packed = gzip.compress(''.join(rows).encode(), mtime=0)
with open(os.path.join(here, 'truncated.csv.gz'), 'wb') as f:
    f.write(packed[:len(packed) * 7 // 10])
