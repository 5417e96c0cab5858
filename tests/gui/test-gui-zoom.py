#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Zoom and pan with the mouse and keys, as a user does, checked from the
viewer's ZOOM lines: a left-drag zooms to the dragged span, the wheel zooms
about the pointer, Ctrl-drag pans, Backspace and right click go back, Home
and double click show everything."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

# The old command line (-d): the old default selection, whose axes keep
# their widths through these zooms (the pan below is measured in READY's
# plot pixels).
viewer = pmgui.Viewer(['-d', sys.argv[1]])
ready = viewer.wait('READY')
wid = viewer.window()
ox, oy = pmgui.ints(ready['chart_origin'])
px, py, pw, ph = pmgui.ints(ready['plot'])
home = (float(ready['t0']), float(ready['t1']))
first_zoom = [l for l in viewer.log if l.startswith('ZOOM')][-1]
ready_y = (pmgui.parse(first_zoom)[1]['y0'], pmgui.parse(first_zoom)[1]['y1'])


def x_at(fraction):
    """Window x of a fraction of the plot's width."""
    return ox + px + int(round(fraction * pw))


def time_at(x, view):
    return view[0] + (x - ox - px) / pw * (view[1] - view[0])


def zoom_line():
    z = viewer.wait('ZOOM')
    return float(z['t0']), float(z['t1'])


def close_to(a, b, view, pixels=2.0):
    return abs(a - b) <= pixels * (view[1] - view[0]) / pw


def drag(x0, x1, y, *modifiers, y1=None):
    y0 = y
    y1 = y if y1 is None else y1
    args = ['mousemove', '--window', wid, x0, y0]
    args += [a for m in modifiers for a in ('keydown', m)]
    args += ['mousedown', 1]
    # A few steps, as a hand moves; GtkGestureDrag sees every one.
    for i in range(1, 5):
        args += ['mousemove', '--window', wid, x0 + (x1 - x0) * i // 4, y0 + (y1 - y0) * i // 4]
    args += ['mouseup', 1]
    args += [a for m in modifiers for a in ('keyup', m)]
    viewer.xdo(*args)


mid_y = oy + py + ph // 2

# 1. Left-drag from 25 % to 60 % of the plot: that span, to about a pixel.
xa, xb = x_at(0.25), x_at(0.60)
drag(xa, xb, mid_y)
band = zoom_line()
pmgui.check(close_to(band[0], time_at(xa, home), home) and
            close_to(band[1], time_at(xb, home), home),
            'drag zoomed to %.0f..%.0f, expected %.0f..%.0f' %
            (band[0], band[1], time_at(xa, home), time_at(xb, home)), viewer)

# 2. One wheel step up at 30 %: zoom in by 1.25 about the time under the pointer.
xc = x_at(0.30)
tc = time_at(xc, band)
viewer.xdo('mousemove', '--window', wid, xc, mid_y, 'click', 4)
wheel = zoom_line()
span = band[1] - band[0]
pmgui.check(abs((wheel[1] - wheel[0]) - span / 1.25) < span * 0.01,
            'wheel zoomed in by 1.25 (span %.0f s -> %.0f s)' % (span, wheel[1] - wheel[0]), viewer)
pmgui.check(close_to(time_at(xc, wheel), tc, wheel),
            'the time under the pointer stayed put', viewer)

# 3. Ctrl-drag pans: same span, earlier by the dragged distance.
drag(x_at(0.3), x_at(0.5), mid_y, 'ctrl')
pan = zoom_line()
while True:
    # Each pointer step pans; the last line is where the drag ended.
    try:
        line = viewer.lines.get(timeout=0.3)
    except Exception:
        break
    if line and line.startswith('ZOOM'):
        pan = tuple(float(v) for v in (pmgui.parse(line)[1]['t0'], pmgui.parse(line)[1]['t1']))
shift = wheel[0] - pan[0]
expected = 0.2 * (wheel[1] - wheel[0])
pmgui.check(abs((pan[1] - pan[0]) - (wheel[1] - wheel[0])) < 1 and
            close_to(shift, expected, wheel),
            'Ctrl-drag panned %.0f s earlier (expected %.0f s)' % (shift, expected), viewer)

# 4. Backspace: back to the view before the pan (the wheel's).
viewer.xdo('windowfocus', wid)
viewer.xdo('mousemove', '--window', wid, x_at(0.5), mid_y, 'key', 'BackSpace')
viewer.wait('BACK')
back = zoom_line()
pmgui.check(close_to(back[0], wheel[0], wheel, 0.1) and close_to(back[1], wheel[1], wheel, 0.1),
            'Backspace went back to the wheel view', viewer)

# 5. Right click: back again, to the dragged band.
viewer.xdo('click', 3)
viewer.wait('BACK')
back = zoom_line()
pmgui.check(close_to(back[0], band[0], band, 0.1) and close_to(back[1], band[1], band, 0.1),
            'right click went back to the dragged band', viewer)

# 6. Home: everything.
viewer.xdo('key', 'Home')
viewer.wait('HOME')
whole = zoom_line()
pmgui.check(whole == home, 'Home shows the whole time span', viewer)

# 7. Shift-drag: a box, which also sets the value range.
y_top, y_bottom = oy + py + ph // 4, oy + py + ph * 3 // 4
drag(x_at(0.1), x_at(0.4), y_top, 'shift', y1=y_bottom)
box = viewer.wait('ZOOM')
y0, y1 = float(box['y0']), float(box['y1'])
hy0, hy1 = float(ready_y[0]), float(ready_y[1])
pmgui.check(close_to(float(box['t0']), time_at(x_at(0.1), home), home) and
            close_to(float(box['t1']), time_at(x_at(0.4), home), home),
            'Shift-drag zoomed the time axis to the box', viewer)
pmgui.check(abs(y0 - (hy0 + 0.25 * (hy1 - hy0))) < 0.01 * (hy1 - hy0) and
            abs(y1 - (hy0 + 0.75 * (hy1 - hy0))) < 0.01 * (hy1 - hy0),
            'and the value axis to the box (%.4g..%.4g)' % (y0, y1), viewer)

# 8. Double click: everything again.
viewer.xdo('mousemove', '--window', wid, x_at(0.5), mid_y, 'click', '--repeat', 2, '--delay', 50, 1)
viewer.wait('HOME')
whole = zoom_line()
pmgui.check(whole == home, 'double click shows the whole time span', viewer)

viewer.close()
