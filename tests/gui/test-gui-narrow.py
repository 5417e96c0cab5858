#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window at 1,024 x 640: everything it holds fits (its least size is
within the window on every page), every page is reachable, the header's
controls that do not fit leave room instead of widening the window, and
F9 folds the side panel away for the chart."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

viewer = pmgui.Viewer([sys.argv[1]])
viewer.wait('READY')
viewer.wait('PAINTED')
# The table may have been filled before the first view was ready.
viewer.seen_or_wait('TABLE')
wid = viewer.window()
viewer.xdo('windowsize', wid, 1024, 640)


def size():
    """The last SIZE line once the window is 1,024 x 640 or less (the
    window's own size leaves out its client-side shadow)."""
    while True:
        fields = viewer.wait('SIZE')
        if int(fields['w']) <= 1024 and int(fields['h']) <= 640:
            return {k: int(v) for k, v in fields.items()}


def fits(s, what):
    pmgui.check(s['min_w'] <= s['w'] and s['min_h'] <= s['h'],
                '%s fits in %dx%d (needs %dx%d)' % (what, s['w'], s['h'], s['min_w'], s['min_h']),
                viewer)


s = size()
fits(s, 'the chart page')
viewer.xdo('mousemove', '--window', wid, 5, 5)
viewer.xdo('windowfocus', wid)

for key, page in (('alt+2', 'correlation'), ('alt+3', 'total'), ('alt+1', 'chart')):
    viewer.xdo('key', key)
    viewer.wait('PAGE')
    pmgui.check(('PAGE ' + page) in viewer.log[-6:], '%s brings the %s page' % (key, page), viewer)
    if page == 'correlation':
        viewer.wait('MATRIX-PAINTED', timeout=30)
    # The least size of the new page, said after its first frame.
    last = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('SIZE')][-1]
    fits({k: int(v) for k, v in last.items()}, 'the %s page' % page)

viewer.xdo('key', 'F9')
viewer.wait('SIZE')
last = {k: int(v) for k, v in
        [pmgui.parse(l)[1] for l in viewer.log if l.startswith('SIZE')][-1].items()}
pmgui.check(last['min_w'] < s['min_w'], 'F9 folds the side panel: the window needs %d px, not %d'
            % (last['min_w'], s['min_w']), viewer)
viewer.close_window(wid)
