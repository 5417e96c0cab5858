#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tag table's main-thread cost per followed snapshot (docs/follow.md,
"The tag table"): a folder of TAGS tags is followed while snapshot files
are renamed into it; the probe's TABLE-UPDATE line gives the time to make
or update the rows, TABLE-FRAME the frame after it (where GTK lays out the
rows and binds the cells that need it). Run from a build folder's parent:

  bench/bench-follow-table.py build [--tags 3000] [--history 180] [--count 12]
                                    [--rebuild]

--rebuild makes the rows anew for every snapshot (POOLMONVIZ_TABLE_REBUILD=1),
as before the update in place."""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'gui'))
import pmgui  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument('build')
parser.add_argument('--tags', type=int, default=3000)
parser.add_argument('--history', type=int, default=180)
parser.add_argument('--count', type=int, default=12)
parser.add_argument('--rebuild', action='store_true')
opts = parser.parse_args()

build = os.path.abspath(opts.build)
os.environ['POOLMONVIZ'] = os.environ.get('PM_BENCH_VIEWER') or os.path.join(build, 'viewer-gtk', 'poolmonviz')
pmgui.in_xvfb()

INTERVAL = 5
live = pmgui.LiveFolder(os.path.join(build, 'data', 'pm-generate'), opts.history, opts.count,
                        interval=INTERVAL, tags=opts.tags, prefix='pm-bench-table-')
folder, names = live.folder, live.names

env = {'POOLMONVIZ_TABLE_REBUILD': '1'} if opts.rebuild else {}
viewer = pmgui.Viewer(['--no-cache', '--follow', folder], extra_env=env)
viewer.wait('READY', timeout=120)
viewer.seen_or_wait('TABLE-FRAME', timeout=60)
time.sleep(2)
updates, frames = [], []
n = opts.history
for name in names[opts.history:]:
    live.drop_renamed(name)
    n += 1
    viewer.wait('DATASET', timeout=30, snapshots=str(n))
    update = viewer.wait('TABLE-UPDATE', timeout=30)
    frame = viewer.wait('TABLE-FRAME', timeout=30)
    updates.append(update)
    frames.append(frame)
    print('snapshot %d: %s rows=%s update %s ms, next frame %s ms (%s ms after the update began)'
          % (n, update['how'], update['rows'], update['ms'], frame['frame_ms'],
             frame['since_update_ms']), flush=True)
    time.sleep(1.5)
viewer.close_window(viewer.window())
live.remove()


def spread(values):
    values = sorted(values)
    return 'median %.1f, min %.1f, max %.1f' % (statistics.median(values), values[0], values[-1])


print('%s: %d tags, %d snapshots followed after %d: the rows %s ms; the next frame %s ms; '
      'update + frame median %.1f ms (load average %s)'
      % ('rebuild' if opts.rebuild else 'in place', opts.tags, opts.count, opts.history,
         spread([float(u['ms']) for u in updates]),
         spread([float(f['frame_ms']) for f in frames]),
         statistics.median([float(u['ms']) + float(f['frame_ms'])
                            for u, f in zip(updates, frames)]),
         ' '.join(open('/proc/loadavg').read().split()[:3])))
print('how: %s' % ', '.join(sorted(set(u['how'] for u in updates))))
