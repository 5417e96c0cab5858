#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The correlation page as a user meets it, checked from the viewer's event
lines: the old command line (-t TotalDiff -sc) opens on the matrix of the
shown tags and prints the old ranking lines; hovering a cell names its two
tags; a drag zooms to the dragged cells, Backspace goes back, the wheel
zooms, Home shows the whole matrix; switching to every tag (-sce) gives
the bigger matrix; "Zoomed Range" follows the chart's zoom; Ctrl+S and Ctrl+Shift+S save the heat map and the
numbers; clicking a cell shows exactly that pair on the chart."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

viewer = pmgui.Viewer(['-d', sys.argv[1], '-t', 'TotalDiff', '-nh', '3', '-sc'])
painted = viewer.wait('MATRIX-PAINTED', timeout=20)
wid = viewer.window()

# The old tool's lines, on stdout, before the window shows anything.
lines = [l for l in viewer.log if l.startswith('tags with ')]
pmgui.check(len(lines) == 4 and lines[2].startswith('tags with HIGHEST USAGE    (PEAK)  : [') and
            lines[2].count("'") == 6,
            'the old ranking lines were printed (-nh 3 gives three peak tags)', viewer)
pmgui.check('PAGE correlation' in viewer.log, '-sc opened the correlation page', viewer)

# -sc: TOTAL and the union of the rankings (3 + 5 + 5 + 5 at most).
n = int(painted['n'])
pmgui.check(4 <= n <= 19, '-sc correlates the shown tags (%d)' % n, viewer)

# The tag table is filled only once the matrix is ready: the worker had the
# cores first.
n_rows = int(pmgui.parse([l for l in viewer.log if l.startswith('LOADED')][0])[1]['tags']) + 1
full = 'TABLE rows=%d first=TOTAL' % n_rows
if full not in viewer.log:
    viewer.wait('TABLE', rows=str(n_rows))
events = [l.split(' ')[0] + (' full' if l == full else '') for l in viewer.log]
pmgui.check(events.index('MATRIX-READY') < events.index('TABLE full'),
            'the table of %d rows was filled after the matrix was ready' % n_rows, viewer)


class Matrix:
    def __init__(self, fields):
        self.ox, self.oy = pmgui.ints(fields['origin'])
        self.ax, self.ay, self.aw, self.ah = pmgui.ints(fields['area'])
        self.cell = float(fields['cell'])
        self.row0 = float(fields['row0'])
        self.col0 = float(fields['col0'])
        self.size = float(fields['size'])
        self.n = int(fields['n'])

    def at(self, row, col):
        """Window coordinates of the middle of the cell at display (row, col)."""
        return (self.ox + self.ax + int((col - self.col0 + 0.5) * self.cell),
                self.oy + self.ay + int((row - self.row0 + 0.5) * self.cell))


m = Matrix(painted)

# 1. Hover: the cell under the pointer, both tags and r.
x, y = m.at(2, 1)
viewer.xdo('mousemove', '--window', wid, x, y)
hover = viewer.wait('MATRIX-HOVER', row='2', col='1')
pmgui.check(hover['a'] != hover['b'] and -1 <= float(hover['r']) <= 1,
            'hovering names %s x %s, r = %s' % (hover['a'], hover['b'], hover['r']), viewer)

# 2. Switch to every tag (-sce): the whole dataset, TOTAL included.
viewer.xdo('mousemove', '--window', wid, 0, 0)
loaded = [l for l in viewer.log if l.startswith('LOADED')][0]
n_tags = int(pmgui.parse(loaded)[1]['tags'])
viewer.close()

viewer = pmgui.Viewer(['-d', sys.argv[1], '-t', 'TotalDiff', '-sce'])
m = Matrix(viewer.wait('MATRIX-PAINTED', timeout=20))
wid = viewer.window()
pmgui.check(m.n == n_tags + 1, '-sce correlates every tag and TOTAL (%d)' % m.n, viewer)

# 3. A drag from cell (4, 4) to (13, 13) zooms to those rows and columns.
x0, y0 = m.at(4, 4)
x1, y1 = m.at(13, 13)
x0 -= int(m.cell / 2)
y0 -= int(m.cell / 2)
args = ['mousemove', '--window', wid, x0, y0, 'mousedown', 1]
for i in range(1, 5):
    args += ['mousemove', '--window', wid, x0 + (x1 - x0) * i // 4, y0 + (y1 - y0) * i // 4]
args += ['mouseup', 1]
viewer.xdo(*args)
zoomed = Matrix(viewer.wait('MATRIX-PAINTED'))
pmgui.check(abs(zoomed.row0 - 4) < 0.2 and abs(zoomed.col0 - 4) < 0.2 and
            abs(zoomed.size - 9.5) < 0.3,
            'the drag zoomed to rows/columns %.1f..%.1f' %
            (zoomed.row0, zoomed.row0 + zoomed.size), viewer)

# 4. Backspace: the whole matrix again.
viewer.xdo('key', 'BackSpace')
viewer.wait('MATRIX-BACK')
back = Matrix(viewer.wait('MATRIX-PAINTED'))
pmgui.check(back.size == m.n and back.row0 == 0, 'Backspace went back to the whole matrix', viewer)

# 5. Wheel up over a cell: zoom in by 1.25 about it, the cell stays put.
x, y = back.at(30, 20)
viewer.xdo('mousemove', '--window', wid, x, y, 'click', 4)
wheel = Matrix(viewer.wait('MATRIX-PAINTED'))
pmgui.check(abs(wheel.size - m.n / 1.25) < 0.5, 'the wheel zoomed in by 1.25', viewer)
row_under = wheel.row0 + (y - wheel.oy - wheel.ay) / wheel.cell
col_under = wheel.col0 + (x - wheel.ox - wheel.ax) / wheel.cell
pmgui.check(abs(row_under - 30.5) < 0.6 and abs(col_under - 20.5) < 0.6,
            'the cell under the pointer stayed under it (%.1f, %.1f)' % (row_under, col_under),
            viewer)

# 6. Home: everything.
viewer.xdo('key', 'Home')
viewer.wait('MATRIX-HOME')
home = Matrix(viewer.wait('MATRIX-PAINTED'))
pmgui.check(home.size == m.n, 'Home shows the whole matrix', viewer)

# 7. Zoom the chart in (Ctrl+plus halves its span), then Alt+Z
#    ("Zoomed Range"): the matrix is recomputed over those snapshots.
n_snapshots = int(pmgui.parse([l for l in viewer.log if l.startswith('LOADED')][0])[1]['snapshots'])
viewer.xdo('windowfocus', wid)
viewer.xdo('key', 'ctrl+plus')
viewer.wait('ZOOM')
viewer.xdo('key', 'alt+z')
work = viewer.wait('MATRIX-WORK')
pmgui.check(abs(int(work['snapshots']) - n_snapshots / 2) <= 1,
            'Zoomed Range correlates the %s of %d snapshots in view' %
            (work['snapshots'], n_snapshots), viewer)
viewer.wait('MATRIX-PAINTED')
viewer.xdo('key', 'alt+z')
work = viewer.wait('MATRIX-WORK')
pmgui.check(int(work['snapshots']) == n_snapshots, 'and all of them again when unticked', viewer)
m = Matrix(viewer.wait('MATRIX-PAINTED'))

# 8. Export what the page shows, through the menu's shortcuts and the save
#    dialog: the heat map as SVG (Ctrl+S), the matrix as CSV (Ctrl+Shift+S).
out_dir = tempfile.mkdtemp(prefix='pm-gui-matrix-')


def export(keys, name):
    path = os.path.join(out_dir, name)
    viewer.xdo('windowfocus', wid)
    viewer.xdo('key', keys)
    viewer.wait('EXPORT-DIALOG', page='correlation')
    dialog = viewer.window('Export Correlation Matrix' + (' as CSV' if name.endswith('.csv') else ''))
    viewer.xdo('windowfocus', dialog)
    viewer.xdo('key', '--window', dialog, 'ctrl+a')
    viewer.xdo('type', '--window', dialog, path)
    viewer.xdo('key', '--window', dialog, 'Return')
    viewer.wait('EXPORTED', path=path)
    return path


svg = open(export('ctrl+s', 'matrix.svg')).read()
pmgui.check(svg.startswith('<?xml') and '<svg' in svg and svg.rstrip().endswith('</svg>'),
            'Ctrl+S saved the heat map as SVG', viewer)
csv = open(export('ctrl+shift+s', 'matrix.csv')).read().splitlines()
pmgui.check(len(csv) == m.n + 1 and csv[0].count(',') == m.n,
            'Ctrl+Shift+S saved the %d x %d matrix as CSV' % (m.n, m.n), viewer)
shutil.rmtree(out_dir)
viewer.xdo('windowfocus', wid)

# 9. Click an off-diagonal cell: the chart comes to the front with that pair.
x, y = home.at(5, 9)
viewer.xdo('mousemove', '--window', wid, x, y)
hover = viewer.wait('MATRIX-HOVER', row='5', col='9')
viewer.xdo('click', 1)
show = viewer.wait('MATRIX-SHOW')
pmgui.check(show['a'] == hover['a'] and show['b'] == hover['b'],
            'the click chose the hovered pair %s x %s' % (show['a'], show['b']), viewer)
viewer.wait('PAGE', timeout=5)
# Other lines (FOCUS, SELECTION, ...) may follow PAGE at once: look at what
# came after the click.
after_click = len(viewer.log) - viewer.log[::-1].index('MATRIX-SHOW a=%s b=%s' % (show['a'], show['b']))
pmgui.check('PAGE chart' in viewer.log[after_click:], 'the chart came to the front', viewer)
ready = viewer.wait('READY')
pmgui.check(ready['series'] == '2', 'the chart draws two series', viewer)
legend = set()
while len(legend) < 2:
    legend.add(viewer.wait('LEGEND')['tag'])


def same_tag(event_name, legend_tag):
    # Events write spaces in tags as '_'; LEGEND lines end a tag at its first space.
    return event_name.replace('_', ' ').split(' ')[0] == legend_tag


pmgui.check(any(same_tag(show['a'], t) for t in legend) and
            any(same_tag(show['b'], t) for t in legend),
            'the chart shows %s and %s (legend: %s)' % (show['a'], show['b'], sorted(legend)),
            viewer)

viewer.close_window()
