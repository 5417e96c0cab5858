#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""TOTAL on its own right-hand axis and the tag table's selected row on the
chart: a first run draws TOTAL against a right-hand axis (the left one fits
the tags); Ctrl+R (the action behind the header's TOTAL Axis button and
the main menu's item) turns that off and on, and the choice comes back on
the next start; selecting a row of the table with the arrow keys picks out
that tag's line on the chart."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

folder = sys.argv[1]
config = tempfile.mkdtemp(prefix='pm-gui-axes-')
shots = tempfile.mkdtemp(prefix='pm-gui-axes-shots-')


def axes_after(viewer, mark):
    """The AXES line said with the first PAINTED after log line @mark."""
    while True:
        viewer.wait('PAINTED')
        for line in reversed(viewer.log[mark:]):
            name, fields = pmgui.parse(line)
            if name == 'AXES':
                return fields


try:
    viewer = pmgui.Viewer([folder], config_dir=config)
    view = viewer.wait('VIEW')
    pmgui.check(view['total_axis'] == '1', 'a first run asks for TOTAL on its own axis', viewer)
    ready = viewer.wait('READY')
    axes = viewer.seen_or_wait('AXES')
    pmgui.check(axes['right'] == '1' and axes['right_tag'] == 'TOTAL',
                'the first view draws TOTAL against the right-hand axis', viewer)
    # The sample's TOTAL is about 660 MiB: its axis fits it, not the tags'.
    pmgui.check(float(axes['right_y0']) > 500 * 2**20,
                'the right-hand axis fits TOTAL alone (%.0f MiB at its foot)' %
                (float(axes['right_y0']) / 2**20), viewer)
    zoom = viewer.seen_or_wait('ZOOM')
    pmgui.check(float(zoom['y1']) < 400 * 2**20,
                'the left axis fits the tags (top %.0f MiB)' % (float(zoom['y1']) / 2**20), viewer)
    viewer.seen_or_wait('TABLE')

    wid = viewer.window()
    viewer.xdo('windowfocus', wid)
    viewer.xdo('mousemove', '--window', wid, 5, 5)

    mark = len(viewer.log)
    viewer.xdo('key', 'ctrl+r')
    axes = axes_after(viewer, mark)
    pmgui.check(axes['right'] == '0', 'Ctrl+R: TOTAL back on the shared axis', viewer)
    zoom = viewer.seen_or_wait('ZOOM')
    pmgui.check(float(zoom['y1']) > 600 * 2**20, 'the left axis holds TOTAL again', viewer)
    mark = len(viewer.log)
    viewer.xdo('key', 'ctrl+r')
    axes = axes_after(viewer, mark)
    pmgui.check(axes['right'] == '1', 'Ctrl+R again: TOTAL on its own axis', viewer)

    # A row of the table, chosen with the keyboard, picks out its line.
    plot = pmgui.ints(ready['plot'])
    origin = pmgui.ints(ready['chart_origin'])
    geometry = '%dx%d+%d+%d' % (plot[2], plot[3], origin[0] + plot[0], origin[1] + plot[1])
    before = os.path.join(shots, 'before.png')
    pmgui.screenshot(before, geometry)
    viewer.xdo('key', 'ctrl+f')
    viewer.xdo('key', 'Tab')
    viewer.xdo('key', 'Down')
    high = viewer.wait('HIGHLIGHT')
    while high['series'] == '-1':
        # The first row may be one the chart does not draw; the next is.
        viewer.xdo('key', 'Down')
        high = viewer.wait('HIGHLIGHT')
    pmgui.check(int(high['series']) >= 0,
                'Down in the table: %s is picked out on the chart' % high['tag'], viewer)
    after = os.path.join(shots, 'after.png')
    pmgui.screenshot(after, geometry)
    diff = pmgui.subprocess.run(['compare', '-metric', 'AE', before, after, 'null:'],
                                capture_output=True, text=True).stderr.split()[0]
    pmgui.check(float(diff) > 50, 'the picked-out line changed %s pixels of the plot' % diff,
                viewer)

    # Off, closed, and off again on the next start.
    viewer.xdo('windowfocus', wid)
    mark = len(viewer.log)
    viewer.xdo('key', 'ctrl+r')
    axes_after(viewer, mark)
    viewer.close_window(wid)
    ini = open(os.path.join(config, 'poolmonviz', 'view.ini')).read()
    pmgui.check('TotalAxis=0' in ini, 'view.ini keeps TotalAxis=0')

    viewer = pmgui.Viewer([folder], config_dir=config)
    view = viewer.wait('VIEW')
    pmgui.check(view['total_axis'] == '0', 'the next start keeps TOTAL on the shared axis', viewer)
    viewer.wait('READY')
    axes = viewer.seen_or_wait('AXES')
    pmgui.check(axes['right'] == '0', 'and draws no right-hand axis', viewer)
    viewer.close()
finally:
    shutil.rmtree(config, ignore_errors=True)
    shutil.rmtree(shots, ignore_errors=True)
