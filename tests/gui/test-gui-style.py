#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Recolour a series through the UI: double-click its chart legend entry,
type a colour into the style dialog, and see the chart drawn in it; the
colour is kept in the user's config folder and comes back on the next run."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

MAGENTA = (0xff, 0x00, 0xff)   # in no palette: it can only come from the dialog
folder = sys.argv[1]
config = tempfile.mkdtemp(prefix='pm-gui-style-')


def plot_pixels(viewer, ready, tmp):
    ox, oy = pmgui.ints(ready['chart_origin'])
    px, py, pw, ph = pmgui.ints(ready['plot'])
    shot = os.path.join(tmp, 'plot.png')
    pmgui.screenshot(shot, '%dx%d+%d+%d' % (pw, ph, ox + px, oy + py))
    return pmgui.pixels(shot)[0]


try:
    with tempfile.TemporaryDirectory() as tmp:
        viewer = pmgui.Viewer([folder], config_dir=config)
        ready = viewer.wait('READY')
        viewer.wait('PAINTED')
        before = pmgui.count_near(plot_pixels(viewer, ready, tmp), MAGENTA)
        pmgui.check(before == 0, 'no magenta in the chart at first', viewer)

        # The second legend entry: the first tag after TOTAL.
        legend = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('LEGEND')]
        entry = legend[1]
        tag = entry['tag']
        wid = viewer.window()
        # A click on a legend entry hides its series, another shows it again.
        viewer.xdo('mousemove', '--window', wid, entry['x'], entry['y'], 'click', 1)
        hidden = viewer.wait('SELECTION')
        pmgui.check(hidden['hidden'] == '1', 'a legend click hid ' + tag, viewer)
        viewer.wait('PAINTED')
        viewer.xdo('mousemove', '--window', wid, entry['x'], entry['y'], 'click', 1)
        shown = viewer.wait('SELECTION')
        pmgui.check(shown['hidden'] == '0', 'a second click showed it again', viewer)
        viewer.wait('PAINTED')
        viewer.xdo('mousemove', '--window', wid, 5, 5)

        # A double click on a legend entry opens its style (a click hides it).
        viewer.xdo('mousemove', '--window', wid, entry['x'], entry['y'],
                   'click', '--repeat', 2, '--delay', 40, 1)
        dialog = viewer.wait('STYLE-DIALOG')
        pmgui.check(dialog['tag'] == tag, 'the style dialog opened for ' + tag, viewer)

        dwid = viewer.window('^Style of ')
        ex, ey = pmgui.ints(dialog['entry'])
        # The dialog is mapped before it takes keys: on a slow run (ASan,
        # a loaded machine) the first typing can be lost. The colour is
        # typed again, into the focused dialog, while no COLOR line came.
        for _ in range(3):
            viewer.xdo('windowfocus', dwid)
            viewer.xdo('mousemove', '--window', dwid, ex, ey, 'click', 1)
            viewer.xdo('key', 'ctrl+a', 'type', '#ff00ff')
            viewer.xdo('key', 'Return')
            color = viewer.wait_or_none('COLOR', timeout=8)
            if color is not None:
                break
            print('# no COLOR line 8 s after typing the colour: typed again')
        else:
            viewer.fail('the colour typed three times into the style dialog never applied')
        pmgui.check(color['tag'] == tag, 'the colour changed for ' + tag, viewer)
        viewer.wait('PAINTED')

        # Close the dialog so it covers nothing, then look at the chart.
        viewer.xdo('key', 'Escape')
        viewer.xdo('mousemove', '--window', wid, 5, 5)
        after = pmgui.count_near(plot_pixels(viewer, ready, tmp), MAGENTA)
        pmgui.check(after > 100, '%d magenta pixels of %s in the chart' % (after, tag), viewer)
        viewer.close()

        styles = open(os.path.join(config, 'poolmonviz', 'styles.ini')).read()
        pmgui.check('Name=' + tag.rstrip() in styles, 'styles.ini names ' + tag)

        # A new run draws the tag in its colour from the start.
        viewer = pmgui.Viewer([folder], config_dir=config)
        ready = viewer.wait('READY')
        viewer.wait('PAINTED')
        again = pmgui.count_near(plot_pixels(viewer, ready, tmp), MAGENTA)
        pmgui.check(again > 100, 'the colour came back on the next run (%d pixels)' % again,
                    viewer)
        viewer.close()
finally:
    shutil.rmtree(config, ignore_errors=True)
