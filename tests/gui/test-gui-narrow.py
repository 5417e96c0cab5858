#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window at 1,024 x 640: everything it holds fits (its least size is
within the window on every page), every page is reachable, the header's
controls that do not fit leave room instead of widening the window, and
F9 folds the side panel away for the chart."""
import os
import sys
import time

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


def said_since(mark, kind, prefix=''):
    """Waits until a line of KIND starting with PREFIX is among those said
    since MARK (the log's length before a key was pressed): lines said
    before the key may still be queued, and a reader thread fills the log
    while the test runs, so neither the next line nor the log's last lines
    are the key's answer."""
    want = (kind + ' ' + prefix).rstrip()
    while not any(l.startswith(want) for l in viewer.log[mark:]):
        viewer.wait(kind)


s = size()
fits(s, 'the chart page')
viewer.xdo('mousemove', '--window', wid, 5, 5)
viewer.xdo('windowfocus', wid)

for key, page in (('alt+2', 'correlation'), ('alt+3', 'total'), ('alt+1', 'chart')):
    mark = len(viewer.log)
    viewer.xdo('key', key)
    said_since(mark, 'PAGE', page)
    if page == 'correlation':
        viewer.wait('MATRIX-PAINTED', timeout=30)
    # The least size of the new page, said after its first frame.
    last = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('SIZE')][-1]
    fits({k: int(v) for k, v in last.items()}, 'the %s page' % page)

# The chart page's own SIZE may come after its PAGE line: the fold's is
# the first since F9 that needs less than the chart page did (10 s at most).
mark = len(viewer.log)
viewer.xdo('key', 'F9')
deadline = time.monotonic() + 10
while True:
    sizes = [{k: int(v) for k, v in pmgui.parse(l)[1].items()}
             for l in viewer.log[mark:] if l.startswith('SIZE')]
    folded = [f for f in sizes if f['min_w'] < s['min_w']]
    if folded or time.monotonic() > deadline:
        break
    viewer.wait_or_none('SIZE', timeout=1)
pmgui.check(bool(folded), 'F9 folds the side panel: the window needs %s px, not %d'
            % (sizes[-1]['min_w'] if sizes else '?', s['min_w']), viewer)
viewer.close_window(wid)
