#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the user set comes back on the next start: the log axis, Hide
TOTAL, the side panel folded, the Default Selection collapsed, the page
in front, the window's size and the tag table's sort column, kept in the
config folder's view.ini."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

folder = sys.argv[1]
config = tempfile.mkdtemp(prefix='pm-gui-remember-')
try:
    viewer = pmgui.Viewer([folder], config_dir=config)
    first = viewer.wait('VIEW')
    pmgui.check(first['log'] == '0' and first['hide_total'] == '0' and
                first['side_panel'] == '1' and first['page'] == 'chart',
                'a first run: linear axis, TOTAL shown, side panel, chart page', viewer)
    pmgui.check(first['sort'] == 'Peak,desc', 'the table sorted by Peak, biggest first', viewer)
    viewer.wait('READY')
    wid = viewer.window()
    # A click on the % Inc. title sorts by it, smallest first. Where the
    # titles are is said again once the keyboard is in the table, after the
    # columns took the widths of their final rows (the Leak column's text).
    viewer.seen_or_wait('TABLE')
    viewer.xdo('windowfocus', wid)
    viewer.xdo('key', 'ctrl+f')
    viewer.xdo('key', 'Tab')
    viewer.wait('FOCUS', table='1')
    headers = pmgui.table_titles(viewer)
    # Show, Style, Tag, Leak, Peak, Mean, % Inc., ...
    x, y = headers[6].split(',')
    viewer.xdo('mousemove', '--window', wid, x, y, 'click', 1)
    sort = viewer.wait('SORT')
    pmgui.check(sort['column'] == '%_Inc.' and sort['order'] == 'asc',
                'a click on %% Inc.: sorted by it, smallest first (%s)' % sort['column'], viewer)
    viewer.xdo('windowsize', wid, 1100, 700)
    viewer.xdo('mousemove', '--window', wid, 5, 5)
    viewer.xdo('windowfocus', wid)
    for key in ('ctrl+l', 'ctrl+t', 'F9', 'alt+3'):
        viewer.xdo('key', key)
    viewer.wait('PAGE')
    # The window's own width leaves out its 10 px client-side shadow.
    if not any(l.startswith('SIZE w=1090 ') for l in viewer.log):
        viewer.wait('SIZE', w='1090')
    viewer.close_window(wid)

    ini = open(os.path.join(config, 'poolmonviz', 'view.ini')).read()
    pmgui.check('LogScale=1' in ini and 'Page=total' in ini and 'SortColumn=% Inc.' in ini and
                'SortDescending=0' in ini, 'view.ini holds them')

    viewer = pmgui.Viewer([folder], config_dir=config)
    again = viewer.wait('VIEW')
    pmgui.check(again['log'] == '1' and again['hide_total'] == '1', 'Log and Hide TOTAL came back',
                viewer)
    pmgui.check(again['side_panel'] == '0', 'the side panel stayed folded', viewer)
    pmgui.check(again['page'] == 'total', 'the With TOTAL page is in front', viewer)
    pmgui.check(again['sort'] == '%_Inc.,asc', 'the table is sorted by % Inc. again', viewer)
    w, h = (int(v) for v in again['size'].split('x'))
    pmgui.check(abs(w - 1100) <= 20 and abs(h - 700) <= 20,
                'the window came back at %s (left at 1100x700)' % again['size'], viewer)
    viewer.close()
finally:
    shutil.rmtree(config, ignore_errors=True)
