#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window from the keyboard: Tab passes the tag table in one stop both
ways, the arrow keys move through its rows, Space shows or hides the
focused row's tag, Enter opens its style; F6 moves between the table and
the chart; Alt+2 and Ctrl+Page Down/Up bring the other pages to the front
with the focus on them."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

folder = sys.argv[1]
viewer = pmgui.Viewer([folder])
viewer.wait('READY')
viewer.wait('PAINTED')
# The table may have been filled before the first view was ready.
viewer.seen_or_wait('TABLE')
wid = viewer.window()
viewer.xdo('windowfocus', wid)
# The pointer out of the way: over the matrix it would hover cells itself.
viewer.xdo('mousemove', '--window', wid, 5, 5)


def key(*keys):
    """Presses @keys; returns how many lines the probe had said before."""
    mark = len(viewer.log)
    viewer.xdo('key', *keys)
    return mark


def page_since(mark, name, timeout=10):
    """Whether 'PAGE name' came after the line numbered @mark: the probe's
    PAGE, FOCUS and chart lines of one key press may come in any order."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if 'PAGE ' + name in viewer.log[mark:]:
            return True
        time.sleep(0.02)
    return False


def next_focus():
    """The next place the focus lands on (passing moments with none)."""
    while True:
        fields = viewer.wait('FOCUS')
        if fields['widget'] != 'none':
            return fields


key('ctrl+f')
search = next_focus()
pmgui.check(search['table'] == '0' and search['widget'] == 'GtkText',
            'Ctrl+F: the search entry has the focus', viewer)

key('Tab')
first = next_focus()
pmgui.check(first['table'] == '1' and first['tag'] != '-',
            'Tab from the search entry: on a row of the table (%s)' % first['tag'], viewer)

key('Down')
second = next_focus()
pmgui.check(second['table'] == '1' and second['tag'] not in ('-', first['tag']),
            'Down: the next row (%s)' % second['tag'], viewer)
key('Down')
third = next_focus()
pmgui.check(third['table'] == '1' and third['tag'] not in ('-', first['tag'], second['tag']),
            'Down: the row after (%s)' % third['tag'], viewer)
key('Up')
back = next_focus()
pmgui.check(back['tag'] == second['tag'], 'Up: back on %s' % second['tag'], viewer)

key('Tab')
out = next_focus()
pmgui.check(out['table'] == '0', 'Tab: out of the table in one stop (%s)' % out['widget'],
            viewer)
key('shift+Tab')
again = next_focus()
pmgui.check(again['table'] == '1' and again['tag'] == second['tag'],
            'Shift+Tab: back in the table on the same row (%s)' % again['tag'], viewer)
key('shift+Tab')
before = next_focus()
pmgui.check(before['table'] == '0' and before['widget'] == 'GtkText',
            'Shift+Tab: out of the table to the search entry in one stop', viewer)

# Space shows or hides the focused row's tag, and again.
key('Tab')
row = next_focus()
was = row['shown']
key('space')
sel = viewer.wait('SELECTION')
pmgui.check(sel['focused'] == row['tag'] and sel['focused_shown'] != was,
            'Space: %s shown=%s -> %s' % (row['tag'], was, sel['focused_shown']), viewer)
key('space')
sel = viewer.wait('SELECTION')
pmgui.check(sel['focused_shown'] == was, 'Space again: %s back to shown=%s'
            % (row['tag'], was), viewer)

# Enter opens the row's style.
key('Return')
dialog = viewer.wait('STYLE-DIALOG')
pmgui.check(dialog['tag'].replace(' ', '_') == row['tag'],
            'Enter: the style of %s opened' % row['tag'], viewer)
viewer.xdo('key', 'Escape')
viewer.xdo('windowfocus', wid)

# F6 between the panes.
key('F6')
pane = next_focus()
if pane['table'] == '1':        # the focus came back to the table first
    key('F6')
    pane = next_focus()
pmgui.check(pane['widget'] == 'PmChartView', 'F6: the chart has the focus', viewer)
key('plus')
zoom = viewer.wait('ZOOM')
key('Left')
pan = viewer.wait('ZOOM')
pmgui.check(float(pan['t0']) < float(zoom['t0']) and
            abs((float(pan['t1']) - float(pan['t0'])) - (float(zoom['t1']) - float(zoom['t0']))) < 1,
            'plus zooms the focused chart, Left pans it', viewer)
key('F6')
pane = next_focus()
pmgui.check(pane['table'] == '1', 'F6: back in the table (%s)' % pane['tag'], viewer)

# Pages.
shown_before = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('SELECTION')][-1]
key('alt+2')
viewer.wait('PAGE', timeout=10)
pane = next_focus()
pmgui.check(pane['widget'] == 'PmHeatmapView', 'Alt+2: the matrix has the focus', viewer)
viewer.wait('MATRIX-PAINTED', timeout=30)
key('shift+Right')
cell = viewer.wait('MATRIX-HOVER')
key('shift+Down')
below = viewer.wait('MATRIX-HOVER')
pmgui.check(int(below['row']) == int(cell['row']) + 1 and below['col'] == cell['col'],
            'Shift+arrows move the matrix cell (%s,%s -> %s,%s)'
            % (cell['row'], cell['col'], below['row'], below['col']), viewer)
mark = key('Return')
viewer.wait('PAGE')
pmgui.check(page_since(mark, 'chart'), 'Enter on a cell charts its pair', viewer)
pair = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('SELECTION')][-1]
pmgui.check(int(pair['shown']) <= 2, 'the chart shows the pair (%s tags)' % pair['shown'], viewer)
# Back gives the tags shown before back (a step of the history).
key('BackSpace')
restored = viewer.wait('SELECTION')
pmgui.check(restored['shown'] == shown_before['shown'],
            'Back after the cell: the %s tags shown before are back' % restored['shown'], viewer)
key('alt+2')
viewer.wait('PAGE')
mark = key('ctrl+Next')
pmgui.check(page_since(mark, 'total'), 'Ctrl+Page Down: the With TOTAL page', viewer)
mark = key('ctrl+Prior')
pmgui.check(page_since(mark, 'correlation'), 'Ctrl+Page Up: the correlation page again', viewer)
mark = key('alt+1')
viewer.wait('FOCUS', widget='PmChartView')
pmgui.check(page_since(mark, 'chart'), 'Alt+1: the chart in front, focused', viewer)

# Sorting a column scrolls the table to its top: End goes to the last
# row, a click on the % Inc. title sorts by it.
key('F6')
viewer.wait('FOCUS', table='1')
key('End')
scrolled = viewer.wait('ROWS-SCROLL')
while float(scrolled['y']) <= 0:
    scrolled = viewer.wait('ROWS-SCROLL')
headers = [l.split('titles=', 1)[1].split(' ') for l in viewer.log
           if l.startswith('COLUMNS')]
headers = [h for h in headers if len(h) >= 6]
pmgui.check(headers, 'the column titles are on screen', viewer)
x, y = headers[-1][6].split(',')
viewer.xdo('mousemove', '--window', wid, x, y, 'click', 1)
viewer.wait('ROWS-SCROLL', y='0')
print('ok - sorting by %% Inc. scrolled the table from y=%s to the top' % scrolled['y'])

viewer.close_window()
