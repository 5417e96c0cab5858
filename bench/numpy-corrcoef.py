#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# numpy-corrcoef.py FILE ROWS COLS RUNS
# The yardstick for the all-tags matrix: times numpy.corrcoef on the same
# series (ROWS x COLS float64, row-major, as bench-analysis writes them) and
# prints "numpy-corrcoef min SECONDS median SECONDS cpu SECONDS" (cpu: the
# median CPU time of the process's threads during corrcoef) plus the BLAS.
import statistics
import sys
import time

import numpy as np

path, rows, cols, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(path, dtype=np.float64).reshape(rows, cols)

times = []
cpus = []
for _ in range(runs):
    c0 = time.process_time()
    t0 = time.perf_counter()
    r = np.corrcoef(x)
    times.append(time.perf_counter() - t0)
    cpus.append(time.process_time() - c0)
    del r

blas = "unknown"
try:
    from threadpoolctl import threadpool_info

    info = [f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
            for i in threadpool_info() if i.get("user_api") == "blas"]
    blas = "; ".join(info) or blas
except ImportError:
    pass

if blas == "unknown":
    # Without threadpoolctl: the BLAS library numpy has mapped.
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower()})
        blas = ", ".join(libs) or blas
    except OSError:
        pass

print(f"numpy-corrcoef min {min(times):.4f} median {statistics.median(times):.4f} "
      f"cpu {statistics.median(cpus):.4f} numpy {np.__version__} blas {blas}")
