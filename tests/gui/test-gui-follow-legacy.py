#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The old command line follows too (docs/follow.md): `poolmonviz -d DIR -t
TotalDiff` on a folder whose newest snapshot is recent turns Follow on, and a
snapshot renamed into the folder reaches the dataset and the tag table's
figures; `-d DIR --no-follow` leaves the folder alone; --follow with --export
is a usage error (the export draws once and exits)."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

INTERVAL = 5
generator = os.environ.get('PM_GENERATE')
if not generator:
    pmgui.skip('PM_GENERATE is not set')
# The newest of the first 40 snapshots is now: the data looks live.
live = pmgui.LiveFolder(generator, 40, 4, interval=INTERVAL, prefix='pm-gui-follow-legacy-')
folder, names, drop_renamed = live.folder, live.names, live.drop_renamed


viewer = pmgui.Viewer(['-d', folder, '-t', 'TotalDiff', '--no-cache'])
viewer.wait('READY', timeout=20)
viewer.seen_or_wait('FOLLOW', timeout=5, on='1')
pmgui.check(True, 'the old command line turns Follow on for a folder whose newest snapshot is recent')
began = time.monotonic()
drop_renamed(names[40])
viewer.wait('DATASET', timeout=5.0, snapshots='41')
viewer.seen_or_wait('STATS', timeout=2.0, snapshots='41')
pmgui.check(True, 'a new snapshot reached the dataset and the tag table in %.2f s' %
            (time.monotonic() - began))
viewer.close_window(viewer.window())

viewer = pmgui.Viewer(['-d', folder, '--no-follow', '--no-cache'])
viewer.wait('READY', timeout=20)
drop_renamed(names[41])
late = viewer.wait_or_none('DATASET', timeout=3.0, snapshots='42')
pmgui.check(late is None and not any(line.startswith('FOLLOW on=1') for line in viewer.log),
            '-d DIR --no-follow does not follow', viewer)
viewer.close_window(viewer.window())

out = os.path.join(tempfile.mkdtemp(prefix='pm-gui-follow-legacy-out-'), 'chart.png')
done = subprocess.run([os.environ.get('POOLMONVIZ', 'poolmonviz'), '-d', folder, '--follow',
                       '--export', out, '--no-cache'], capture_output=True, text=True, timeout=60)
pmgui.check(done.returncode == 1 and '--follow' in done.stderr and not os.path.exists(out),
            '--follow with --export is a usage error (exit %d: %s)' %
            (done.returncode, done.stderr.strip()))

live.remove()
shutil.rmtree(os.path.dirname(out))
