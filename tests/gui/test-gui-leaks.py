#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The leak finder in the viewer, on the sample folder (planted leak QdrC).

The first view selects the leak with TOTAL and the old rankings and draws
its trend line; the line above the chart names it; the Leaks page lists it;
a click on its row (and Enter on it) charts it alone with its trend line;
the page exports as CSV (Ctrl+Shift+S) and PNG (Ctrl+S). The old command
line keeps selecting exactly what it did.
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

folder = sys.argv[1]
viewer = pmgui.Viewer([folder])
viewer.wait('LOADED')
wid = viewer.window()

# 1. The leak finder answers off the main thread after the load.
leaks = viewer.wait('LEAKS', timeout=30)
pmgui.check(leaks['first'] == 'QdrC' and int(leaks['leaks']) >= 1,
            'the leak finder found %s leak(s), QdrC first' % leaks['leaks'], viewer)
viewer.wait('LEAK-SUMMARY')
summary = [l for l in viewer.log if l.startswith('LEAK-SUMMARY ')]
pmgui.check(summary and 'QdrC' in summary[-1] and 'leak' in summary[-1] and '/h' in summary[-1],
            'the line above the chart: %s' % (summary[-1][13:] if summary else None), viewer)


def trends_after(mark):
    """The TREND lines the chart reported after log line @mark."""
    return [pmgui.parse(l)[1] for l in viewer.log[mark:] if l.startswith('TREND ')]


def legend_after(mark):
    """The tags of the chart's last legend after log line @mark."""
    tags = []
    for line in viewer.log[mark:]:
        if line == 'PAINTED':
            last, tags = tags, []
        elif line.startswith('LEGEND '):
            tags.append(pmgui.parse(line)[1]['tag'])
    return last


# 2. The first view shows the leak, with its dashed trend line and verdict.
viewer.wait('TREND', tag='QdrC', verdict='leak')
viewer.wait('PAINTED')
first_legend = legend_after(0)
pmgui.check(first_legend == ['TOTAL', 'QdrC'],
            'the first view shows TOTAL and the leak alone (%s)' % ' '.join(first_legend), viewer)
# TOTAL on its own right-hand axis, the leak fills the tags' axis: its
# line is the tallest below TOTAL and climbs most of the chart's height.
axes = viewer.seen_or_wait('AXES')
zoom = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('ZOOM ')][-1]
trend = [t for t in trends_after(0) if t['tag'] == 'QdrC'][-1]
pmgui.check(axes['right'] == '1' and axes['right_tag'] == 'TOTAL' and
            float(trend['v1']) >= 0.6 * float(zoom['y1']),
            'TOTAL on the right axis; the leak climbs to %.0f of the left axis\'s %.0f'
            % (float(trend['v1']), float(zoom['y1'])), viewer)

# 3. "Show Leaks" above the chart opens the Leaks page, which lists QdrC.
button = viewer.wait('LEAKS-BUTTON')
viewer.xdo('mousemove', '--window', wid, button['x'], button['y'], 'click', 1)
viewer.wait('PAGE', timeout=5)
row = viewer.wait('LEAKS-ROW', index='0')
pmgui.check(row['tag'] == 'QdrC' and row['verdict'] == 'leak' and int(row['trends']) >= 1,
            'the Leaks page lists QdrC first as a leak with its trend', viewer)
painted = viewer.wait('LEAKS-PAINTED')
pmgui.check(painted['rows'] == '1', 'nothing else in the sample is a leak or suspect', viewer)

# 4. Export the page: its table as CSV (Ctrl+Shift+S) and picture as PNG (Ctrl+S).
out_dir = tempfile.mkdtemp(prefix='pm-gui-leaks-')


def export(keys, name, title):
    path = os.path.join(out_dir, name)
    viewer.xdo('windowfocus', wid)
    viewer.xdo('key', keys)
    viewer.wait('EXPORT-DIALOG', page='leaks')
    dialog = viewer.window(title)
    viewer.xdo('windowfocus', dialog)
    viewer.xdo('key', '--window', dialog, 'ctrl+a')
    viewer.xdo('type', '--window', dialog, path)
    viewer.xdo('key', '--window', dialog, 'Return')
    viewer.wait('EXPORTED', path=path)
    return path


csv = open(export('ctrl+shift+s', 'leaks.csv', 'Export Leak Table as CSV')).read().splitlines()
pmgui.check(csv[0].startswith('"Tag","Verdict","Score"') and csv[1].startswith('"QdrC","leak",')
            and len(csv) == int(viewer.log and [l for l in viewer.log if l.startswith('LOADED')][0]
                                .split('tags=')[1].split()[0]) + 1,
            'Ctrl+Shift+S saved the leak table, every tag, QdrC first', viewer)
png = open(export('ctrl+s', 'leaks.png', 'Export Leaks'), 'rb').read()
pmgui.check(png[:8] == b'\x89PNG\r\n\x1a\n', 'Ctrl+S saved the Leaks page as PNG', viewer)
shutil.rmtree(out_dir)
viewer.xdo('windowfocus', wid)

# 5. A click on the row charts QdrC alone, with its trend line.
mark = len(viewer.log)
viewer.xdo('mousemove', '--window', wid, row['x'], row['y'], 'click', 1)
viewer.wait('PAGE', timeout=5)
pmgui.check(viewer.log[-1] == 'PAGE chart' or 'PAGE chart' in viewer.log[mark:],
            'the click brought the chart to the front', viewer)
viewer.wait('TREND', tag='QdrC')
viewer.wait('PAINTED')
trends = trends_after(mark)
pmgui.check(legend_after(mark) == ['QdrC'], 'the chart shows QdrC alone', viewer)
pmgui.check(trends and all(float(t['v1']) > float(t['v0']) and float(t['t1']) > float(t['t0'])
                           for t in trends),
            'its trend line climbs (%s)' % ', '.join('%s..%s' % (t['v0'], t['v1']) for t in trends),
            viewer)

# 6. The keyboard: Show Leaks puts the focus on the first row, Enter charts it.
button = [pmgui.parse(l)[1] for l in viewer.log if l.startswith('LEAKS-BUTTON')][-1]
viewer.xdo('mousemove', '--window', wid, button['x'], button['y'], 'click', 1)
viewer.wait('LEAKS-ROW', index='0')
mark = len(viewer.log)
viewer.xdo('key', 'Return')
viewer.wait('PAGE', timeout=5)
pmgui.check('PAGE chart' in viewer.log[mark:], 'Enter on the focused row charts it', viewer)

viewer.close_window()

# 7. The old command line selects exactly what it did: TOTAL and the two
#    highest peaks, not the leak, which the leak finder still found.
viewer = pmgui.Viewer(['-d', folder, '-nh', '2', '-nha', '0', '-nmc', '0', '-nmca', '0'])
leaks = viewer.wait('LEAKS', timeout=30)
pmgui.check(leaks['first'] == 'QdrC', 'with the old options the leak finder still runs', viewer)
viewer.wait('READY')
viewer.wait('PAINTED')
tags = []
for line in viewer.log:
    if line.startswith('READY'):
        tags = []
    elif line.startswith('LEGEND '):
        tags.append(pmgui.parse(line)[1]['tag'])
    elif line == 'PAINTED' and tags:
        break
pmgui.check(tags == ['TOTAL', 'MmSt', 'CM31'],
            '-nh 2 -nha 0 -nmc 0 -nmca 0 shows %s, as the old tool did' % tags, viewer)
pmgui.check(not any(l.startswith('TREND ') for l in viewer.log), 'and no trend line', viewer)
viewer.close_window()
