#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The viewer opens a folder given on the command line and draws a chart."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

folder = sys.argv[1]
viewer = pmgui.Viewer([folder])
loaded = viewer.wait('LOADED')
pmgui.check(int(loaded['snapshots']) > 1 and int(loaded['tags']) > 1,
            'loaded %s snapshots of %s tags' % (loaded['snapshots'], loaded['tags']), viewer)
pmgui.check(loaded['problems'] == '0', 'no loading problems', viewer)

ready = viewer.wait('READY')
# The first view answers "what grows?": TOTAL and the leak finder's leaks
# and suspects (the sample's planted leak, QdrC).
pmgui.check(int(ready['series']) >= 2, 'the default selection shows %s series' % ready['series'],
            viewer)
# The tag table fills after the first chart frame: every tag and TOTAL.
table = viewer.seen_or_wait('TABLE', rows=str(int(loaded['tags']) + 1))
pmgui.check(table['first'] == 'TOTAL', 'the table is sorted by peak, TOTAL first', viewer)
t0, t1 = float(ready['t0']), float(ready['t1'])
pmgui.check(t1 - t0 > 3600, 'the whole time span is in view', viewer)

# The chart's plot area, in screen coordinates (no window manager: the
# window sits at 0,0).
ox, oy = pmgui.ints(ready['chart_origin'])
px, py, pw, ph = pmgui.ints(ready['plot'])
with tempfile.TemporaryDirectory() as tmp:
    shot = os.path.join(tmp, 'plot.png')
    pmgui.screenshot(shot, '%dx%d+%d+%d' % (pw, ph, ox + px, oy + py))
    pix, w, h = pmgui.pixels(shot)

# Lines are drawn in saturated palette colours; background and grid are grey.
coloured = sum(1 for r, g, b in pix if max(r, g, b) - min(r, g, b) > 60)
hues = set((r // 64, g // 64, b // 64) for r, g, b in pix if max(r, g, b) - min(r, g, b) > 60)
pmgui.check(w == pw and h == ph, 'screenshot of the plot area %dx%d' % (w, h), viewer)
# At least the leak's line across the plot's width, in its palette colour
# (TOTAL's own colour is a dark grey).
pmgui.check(coloured > pw, '%d coloured pixels of lines in the plot (%d wide)' % (coloured, pw),
            viewer)
pmgui.check(len(hues) >= 1, '%d distinct line colours' % len(hues), viewer)

viewer.close_window()
