#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two runs side by side, as a user opens them: `poolmonviz control test`.

Two generated runs (pm-generate, seeds 11 and 12, a day apart: separate runs
to the loader) with a leak planted into the second only (TcpE, 40
allocations of 1 KiB per snapshot). Checked from the viewer's probe lines
and the screen: the runs are not merged, every shown tag is drawn once per
run, solid for A and dashed for B as the legend says, on an elapsed-time
axis; the tag table has a Growth column per run and a difference column,
sorted by the difference (TcpE first after TOTAL); the run switch puts run
B on the Leaks page (TcpE is a leak there); a span measured with Measure
mode gives each shown tag's change and rate per hour equal to the values in
the files; Tag Table Follows the Zoom puts the zoomed range's figures in
the table; a click on run B's leak on its Leaks page charts it; Add Run… (through the file chooser) adds a third run."""
import glob
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

generate = sys.argv[1]
INTERVAL = 900


def make_run(folder, seed, start, snapshots):
    subprocess.run([generate, '--out', folder, '--encoding', 'utf8', '--tags', '60',
                    '--snapshots', str(snapshots), '--interval', str(INTERVAL), '--seed', str(seed),
                    '--start', start], check=True, capture_output=True)


def plant(folder, tag, per_snapshot):
    """@per_snapshot more allocations of 1 KiB at every snapshot of @tag (the
    generator writes every field quoted, all 14 columns)."""
    for i, path in enumerate(sorted(glob.glob(os.path.join(folder, '*pool.csv')))):
        with open(path, newline='') as f:
            lines = f.read().split('\r\n')
        for n, line in enumerate(lines):
            fields = line.split('","')
            if n == 0 or len(fields) != 14 or fields[2] != tag:
                continue
            for c in (7, 9, 10, 11):
                fields[c] = str(int(fields[c]) + i * per_snapshot * (1024 if c >= 10 else 1))
            lines[n] = '","'.join(fields)
        with open(path, 'w', newline='') as f:
            f.write('\r\n'.join(lines))


def add_tag(folder, tag, per_snapshot):
    """A tag the other run lacks (a new driver's): @per_snapshot allocations
    of 1 KiB more at every snapshot, from 1 x @per_snapshot at the first."""
    for i, path in enumerate(sorted(glob.glob(os.path.join(folder, '*pool.csv')))):
        with open(path, newline='') as f:
            lines = f.read().split('\r\n')
        when = lines[1].split('","')[:2]
        n = per_snapshot * (i + 1)
        row = when + [tag, '0', '0', '0', '0', str(n), '0', str(n), str(n * 1024), str(n * 1024),
                      'newdrv.sys', 'A new driver"']
        lines.insert(len(lines) - 1 if lines[-1] == '' else len(lines), '","'.join(row))
        with open(path, 'w', newline='') as f:
            f.write('\r\n'.join(lines))


def series(folder, tag):
    """(epoch seconds, TotalUsedBytes) of @tag at every snapshot, from the files."""
    out = []
    for path in sorted(glob.glob(os.path.join(folder, '*pool.csv'))):
        with open(path, newline='') as f:
            rows = f.read().split('\r\n')
        for row in rows[1:]:
            fields = row.strip('"').split('","')
            if len(fields) == 14 and fields[2] == tag:
                epoch = int(os.path.basename(path).split('_')[2].split('.')[0])
                out.append((epoch, float(fields[11])))
    return out


def truth(points, shift, t0, t1):
    inside = [(t + shift, v) for t, v in points if t0 <= t + shift <= t1]
    (ta, va), (tb, vb) = inside[0], inside[-1]
    return len(inside), vb - va, (vb - va) / ((tb - ta) / 3600.0)


tmp = tempfile.mkdtemp(prefix='pm-gui-runs-')
control, test, extra = (os.path.join(tmp, n) for n in ('control', 'test', 'extra'))
make_run(control, 11, '2021-07-12T00:00:00', 96)
make_run(test, 12, '2021-07-14T00:00:00', 120)
make_run(extra, 13, '2021-07-20T00:00:00', 48)
plant(test, 'TcpE', 40)
add_tag(test, 'NewD', 5)

# Headless --export draws both runs (the README's command), no display needed.
picture = os.path.join(tmp, 'compare.png')
exported = subprocess.run([os.environ['POOLMONVIZ'], control, test, '-t', 'TotalDiff', '-it', 'TcpE',
                           '--export', picture], capture_output=True, text=True,
                          env=dict(os.environ, DISPLAY='', XDG_CACHE_HOME=tmp))
pmgui.check(exported.returncode == 0 and os.path.getsize(picture) > 10000 and
            '2 separate runs' in exported.stderr,
            '--export of two runs: exit %d, %s' % (exported.returncode, exported.stderr.splitlines()[:1]))

# -it TcpE (the old command line): shown, though it grows in run B only.
viewer = pmgui.Viewer([control, test, '-it', 'TcpE'])
runs = viewer.wait('RUNS', n='2')
pmgui.check(runs['names'] == 'control,test' and runs['styles'] == 'solid,dashed',
            'two runs, not merged: %s, styles %s' % (runs['names'], runs['styles']), viewer)
loaded = viewer.seen_or_wait('LOADED')
pmgui.check(loaded['snapshots'] == '96', 'run A is the control run alone (%s snapshots)'
            % loaded['snapshots'], viewer)
viewer.wait('READY')
viewer.wait('TABLE')


def settled_chart():
    """The chart's last CHART-RUNS line once it stopped moving (the banner
    slides in above it): the probe says one whenever the chart moved."""
    last, since = None, time.monotonic()
    while time.monotonic() - since < 0.5:
        lines = [l for l in viewer.log if l.startswith('CHART-RUNS')]
        if lines and lines[-1] is not last:
            last, since = lines[-1], time.monotonic()
        time.sleep(0.05)
    return pmgui.parse(last)[1]


# NewD (below), a leak in run B only, joins the chart when B's leak finder
# is done: one line more for run B than run A's tags.
viewer.seen_or_wait('RUN-NEW', tag='NewD', shown='1', timeout=30)
chart = settled_chart()
drawn = int(chart['series']) - int(chart['others']) - 2
pmgui.check(int(chart['others']) == drawn + 1 and drawn > 5 and
            any(l == 'LEGEND tag=TcpE' or l.startswith('LEGEND tag=TcpE ') for l in viewer.log),
            'each of the %d tags of run A is drawn for run B too, and NewD (%s lines)'
            % (drawn, chart['others']), viewer)
pmgui.check(chart['elapsed'] == '1', 'the time axis is elapsed time from the runs\' start', viewer)
legend = {}
for line in viewer.log:
    if line.startswith('RUN-LEGEND'):
        entry = pmgui.parse(line)[1]
        legend[entry['run']] = entry
pmgui.check(legend['A']['style'] == 'solid' and legend['B']['style'] == 'dashed' and
            legend['A']['label'] == 'A:_control' and legend['B']['label'] == 'B:_test',
            'the legend says A: control solid, B: test dashed', viewer)

# The legend swatches on screen: A's line is one stroke, B's is broken.
with tempfile.TemporaryDirectory() as shots:
    strokes = {}
    for run in 'AB':
        x, y = int(legend[run]['x']), int(legend[run]['y'])
        shot = os.path.join(shots, run + '.png')
        pmgui.screenshot(shot, '24x1+%d+%d' % (x - 12, y))
        pix, w, h = pmgui.pixels(shot)
        inked = [max(p) < 170 for p in pix]
        strokes[run] = sum(1 for i, ink in enumerate(inked) if ink and (i == 0 or not inked[i - 1]))
pmgui.check(strokes['A'] == 1 and strokes['B'] >= 2,
            'legend swatches: A one stroke, B %d dashes' % strokes['B'], viewer)

# A click on run B's legend entry hides its lines, another brings them back.
wid = viewer.window()
viewer.xdo('mousemove', '--window', wid, legend['B']['x'], legend['B']['y'], 'click', 1)
hidden = viewer.wait('CHART-RUNS', visible='0')
viewer.xdo('sleep', '0.5', 'click', 1)
shown = viewer.wait('CHART-RUNS', visible=chart['others'])
pmgui.check(hidden['others'] == chart['others'],
            'a click on "B: test" hides run B\'s %s lines, another shows them' % chart['others'],
            viewer)
viewer.xdo('mousemove', '--window', wid, 5, 5)

# The tag table: a column per run and the difference, sorted by it.
table = viewer.seen_or_wait('RUN-TABLE')
titles = table['titles'].split(',')
pmgui.check('Growth_A' in titles and 'Growth_B' in titles and 'Δ_B−A' in titles,
            'table columns %s' % table['titles'], viewer)
rows = [l for l in viewer.log if l.startswith('RUN-ROW')][-5:]
rows = [pmgui.parse(l)[1] for l in rows]
diffs = [float(r['diff']) for r in rows]
pmgui.check(diffs == sorted(diffs, reverse=True), 'rows sorted by B − A: %s' % diffs, viewer)
first = [r for r in rows if r['tag'] != 'TOTAL'][0]
planted = 40 * 1024 * 119
pmgui.check(first['tag'] == 'TcpE' and abs(float(first['b']) - float(first['a']) - float(first['diff'])) < 1
            and float(first['b']) > planted * 0.9,
            'TcpE, planted in B, grew most in B: A %s, B %s' % (first['a'], first['b']), viewer)

# NewD, only in run B, is a row too: no growth in A ("—", 0), its growth in
# B (last minus first, 5 KiB x 119), sorted by B − A among the others.
new = viewer.seen_or_wait('RUN-NEW', tag='NewD')
pmgui.check(new['b'] == str(5 * 1024 * 119) and new['diff'] == new['b'] and
            (new['above'] == 'none' or float(new['above']) >= float(new['diff'])) and
            (new['below'] == 'none' or float(new['below']) <= float(new['diff'])),
            'NewD, in run B only, listed: growth B %s, Δ %s, between %s and %s'
            % (new['b'], new['diff'], new['above'], new['below']), viewer)

# Run B's leak finder calls it a leak: it is shown without asking, drawn in
# run B only. Space on its row hides it, and again draws it.
wid = viewer.window()
viewer.xdo('windowfocus', wid)
before = settled_chart()
pmgui.check(int(before['others']) == drawn + 1,
            'NewD, a leak in run B only, is drawn without asking: %s lines of run B for %d '
            'tags of run A' % (before['others'], drawn), viewer)
viewer.xdo('key', 'ctrl+f', 'ctrl+a', 'BackSpace')
viewer.xdo('type', '--delay', 5, 'NewD')
viewer.wait('RUN-NEW', tag='NewD', rank='0')
viewer.xdo('sleep', '0.3', 'key', 'Tab', 'sleep', '0.3', 'key', 'space')
hidden_new = viewer.wait('CHART-RUNS', others=str(int(before['others']) - 1))
pmgui.check(int(hidden_new['visible']) == int(before['visible']) - 1,
            'Space on the row of NewD takes its line out (%s lines of other runs)'
            % hidden_new['others'], viewer)
# The rows were rebuilt: back to the row from the search entry.
viewer.xdo('key', 'ctrl+f', 'sleep', '0.3', 'key', 'Tab', 'sleep', '0.3', 'key', 'space')
viewer.wait('CHART-RUNS', others=before['others'])
pmgui.check(True, 'Space again draws NewD in run B', viewer)
viewer.xdo('key', 'ctrl+f', 'ctrl+a', 'BackSpace')
viewer.xdo('mousemove', '--window', wid, 5, 5)

wid = viewer.window()
viewer.xdo('windowfocus', wid)

# The pages show run B: its leak finder found TcpE.
switch = viewer.seen_or_wait('RUN-SWITCH')
viewer.xdo('mousemove', '--window', wid, switch['x'], switch['y'], 'click', 1)
viewer.xdo('sleep', '0.3', 'key', 'Down', 'key', 'Return')
pages = viewer.wait('PAGES-RUN')
pmgui.check(pages['run'] == 'B' and pages['name'] == 'test' and pages['snapshots'] == '120',
            'the run switch shows run B on the pages (%s)' % pages, viewer)
viewer.xdo('key', 'alt+4')
if viewer.wait_or_none('PAGE', timeout=8) is None:
    # Under a sanitizer on a busy machine the key was once lost after the
    # table's rebuild: pressed again, it must still switch the page.
    viewer.xdo('key', 'alt+4')
    viewer.wait('PAGE')
painted = viewer.wait('LEAKS-PAINTED')
leak_rows = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('LEAKS-ROW')][-int(painted['rows']):]
pmgui.check(any(r['tag'] == 'TcpE' and r['verdict'] == 'leak' for r in leak_rows),
            'the Leaks page of run B lists TcpE as a leak (%s)'
            % ','.join(r['tag'] for r in leak_rows), viewer)
viewer.xdo('key', 'alt+2')
matrix = viewer.wait('MATRIX-READY', timeout=30)
pmgui.check(int(matrix['n']) > 1, 'the Correlation page computes run B\'s matrix (%s tags)'
            % matrix['n'], viewer)
viewer.xdo('key', 'alt+1')
viewer.wait('PAGE')

# Range figures: Measure mode, then a drag from 25 % to 60 % of the plot.
chart = settled_chart()
ox, oy = pmgui.ints(chart['chart_origin'])
px, py, pw, ph = pmgui.ints(chart['plot'])
viewer.xdo('key', 'ctrl+m')
viewer.wait('MEASURE-MODE', on='1')
mid_y = oy + py + ph // 2
x0, x1 = ox + px + pw // 4, ox + px + pw * 3 // 5
args = ['mousemove', '--window', wid, x0, mid_y, 'mousedown', 1]
for i in range(1, 5):
    args += ['mousemove', '--window', wid, x0 + (x1 - x0) * i // 4, mid_y]
args += ['mouseup', 1]
viewer.xdo(*args)
measure = viewer.wait('MEASURE')
t0, t1 = float(measure['t0']), float(measure['t1'])
pmgui.check(abs(float(measure['duration']) - (t1 - t0)) <= 1 and measure['visible'] == '1',
            'a span of %.1f h measured, the card shows' % ((t1 - t0) / 3600), viewer)
mrows = {}
for _ in range(int(measure['rows'])):
    r = viewer.wait('MEASURE-ROW')
    mrows[(r['tag'], r['run'])] = r
shift = series(control, 'QdrC')[0][0] - series(test, 'QdrC')[0][0]
for run, folder, move in (('A', control, 0), ('B', test, shift)):
    n, change, rate = truth(series(folder, 'QdrC'), move, t0, t1)
    got = mrows[('QdrC', run)]
    pmgui.check(int(got['n']) == n and abs(float(got['change']) - change) < 0.5 and
                abs(float(got['rate']) - rate) < 1e-6 * max(1, abs(rate)),
                'QdrC in run %s over the span: %s snapshots, change %.0f, %.1f/h (the files: '
                '%d, %.0f, %.1f/h)' % (run, got['n'], float(got['change']), float(got['rate']),
                                       n, change, rate), viewer)
n, change, rate = truth(series(test, 'TcpE'), shift, t0, t1)
pmgui.check(('TcpE', 'B') in mrows and abs(float(mrows[('TcpE', 'B')]['change']) - change) < 0.5,
            'TcpE in run B: change %s (the files: %.0f)'
            % (mrows.get(('TcpE', 'B'), {}).get('change'), change), viewer)

# The visible range from the keyboard, then the card closed.
viewer.xdo('key', 'ctrl+shift+m')
whole = viewer.wait('MEASURE')
pmgui.check(float(whole['t0']) < t0 and float(whole['t1']) > t1,
            'Ctrl+Shift+M measures the visible range', viewer)
viewer.xdo('key', 'ctrl+m')
viewer.wait('MEASURE-MODE', on='0')

# Tag Table Follows the Zoom: a zoom to the span puts its figures in the table.
viewer.xdo('key', 'ctrl+shift+r')
viewer.wait('FOLLOW-RANGE', on='1')
args = ['mousemove', '--window', wid, x0, mid_y, 'mousedown', 1]
for i in range(1, 5):
    args += ['mousemove', '--window', wid, x0 + (x1 - x0) * i // 4, mid_y]
args += ['mouseup', 1]
viewer.xdo(*args)
zoom = viewer.wait('ZOOM')
n, change, rate = truth(series(test, 'TcpE'), shift, float(zoom['t0']), float(zoom['t1']))
# The table is rebuilt after the frame that shows the zoom (an earlier
# rebuild's rows may come first): the rows that answer the zoom.
row = viewer.wait('RUN-ROW', tag='TcpE', b='%.0f' % change)
pmgui.check(float(row['b']) < float(first['b']),
            'with the table following the zoom, TcpE grew %s in B over the zoomed range '
            '(the files: %.0f; %s over all of run B)' % (row['b'], change, first['b']), viewer)

# A click on run B's leak on its Leaks page charts that tag, in every run.
viewer.xdo('key', 'alt+4')
painted = viewer.wait('LEAKS-PAINTED')
leak_rows = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('LEAKS-ROW')][-int(painted['rows']):]
tcpe_row = [r for r in leak_rows if r['tag'] == 'TcpE'][0]
# What the viewer said from the click on, in any order (a table rebuilt
# after it may say a hundred lines more before the check looks).
mark = len(viewer.log)


def said_since_click(test, timeout=5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(test(l) for l in viewer.log[mark:]):
            return True
        time.sleep(0.05)
    return False


viewer.xdo('mousemove', '--window', wid, tcpe_row['x'], tcpe_row['y'], 'click', 1)
viewer.wait('SELECTION', shown='1')
chart = viewer.wait('CHART-RUNS')
pmgui.check(chart['others'] == '1' and said_since_click(lambda l: l == 'PAGE chart')
            and said_since_click(lambda l: l.startswith('LEGEND tag=TcpE ')),
            'run B\'s leak clicked on its Leaks page: the chart shows TcpE in both runs', viewer)

# Add Run…: the file chooser, a folder typed in, a third run beside.
viewer.xdo('key', 'ctrl+shift+o')
chooser = viewer.window('Add a Run')
viewer.xdo('windowfocus', chooser)
viewer.xdo('sleep', '0.3', 'type', extra + '/')
viewer.xdo('sleep', '0.3', 'key', 'Return')
viewer.xdo('sleep', '0.3', 'key', 'Return')
third = viewer.wait('RUNS', n='3')
pmgui.check(third['names'] == 'control,test,extra' and third['styles'] == 'solid,dashed,dotted',
            'Add Run… adds a third run: %s, %s' % (third['names'], third['styles']), viewer)

viewer.close_window(wid)
