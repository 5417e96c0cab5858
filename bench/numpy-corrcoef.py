#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# numpy-corrcoef.py FILE ROWS COLS RUNS
# The yardstick for the all-tags matrix: times numpy.corrcoef on the same
# series (ROWS x COLS float64, row-major, as bench-analysis writes them) and
# prints "numpy-corrcoef min SECONDS median SECONDS" plus the BLAS in use.
import statistics
import sys
import time

import numpy as np

path, rows, cols, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(path, dtype=np.float64).reshape(rows, cols)

times = []
for _ in range(runs):
    t0 = time.perf_counter()
    r = np.corrcoef(x)
    times.append(time.perf_counter() - t0)
    del r

blas = "unknown"
try:
    from threadpoolctl import threadpool_info

    info = [f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
            for i in threadpool_info() if i.get("user_api") == "blas"]
    blas = "; ".join(info) or blas
except ImportError:
    pass

print(f"numpy-corrcoef min {min(times):.4f} median {statistics.median(times):.4f} numpy {np.__version__} blas {blas}")
