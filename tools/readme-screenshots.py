#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Retakes the README's screenshots of the viewer: what a newcomer sees.

    tools/readme-screenshots.py BUILD/viewer-gtk/poolmonviz

opens data/sample/powershell in a private X server (as the GUI tests do,
tests/gui/pmgui.py) with an empty config folder, so nothing a user set
earlier shows: the first view (viewer-gtk/data/screenshot.png) once the
leak finder answered, then the correlation page
(viewer-gtk/data/screenshot-correlation.png). Each is the window's
1280 x 800 px, taken with the cairo renderer (the same pixels every run on
the same fonts)."""
import os
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, 'tests', 'gui'))
import pmgui  # noqa: E402

if len(sys.argv) > 1:
    os.environ['POOLMONVIZ'] = os.path.abspath(sys.argv[1])
pmgui.in_xvfb()

sample = os.path.join(root, 'data', 'sample', 'powershell')
out = os.path.join(root, 'viewer-gtk', 'data')
config = tempfile.mkdtemp(prefix='pm-screenshots-')


def window_shot(viewer, path):
    """The viewer's window (its own size, no shadow) into @path."""
    wid = viewer.window()
    geometry = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', wid],
                              capture_output=True, text=True, check=True).stdout
    g = dict(line.split('=', 1) for line in geometry.split())
    shot = path + '.full.png'
    pmgui.screenshot(shot)
    # A client-side decorated window draws its shadow around its frame.
    x, y = int(g['X']), int(g['Y'])
    size = viewer.seen_or_wait('SIZE')
    w, h = int(size['w']), int(size['h'])
    pad_x, pad_y = (int(g['WIDTH']) - w) // 2, (int(g['HEIGHT']) - h) // 2
    subprocess.run(['convert', shot, '-crop', '%dx%d+%d+%d' % (w, h, x + pad_x, y + pad_y),
                    '+repage', '-strip', path], check=True)
    os.unlink(shot)
    print('wrote %s (%dx%d)' % (path, w, h))


try:
    viewer = pmgui.Viewer([sample], config_dir=config)
    viewer.wait('READY')
    viewer.wait('PAINTED')
    viewer.seen_or_wait('TABLE')
    wid = viewer.window()
    # The pointer off the window: no hover readout.
    viewer.xdo('mousemove', '--window', wid, 2000, 2000)
    viewer.seen_or_wait('LEAKS-PAINTED')
    window_shot(viewer, os.path.join(out, 'screenshot.png'))

    viewer.xdo('windowfocus', wid)
    viewer.xdo('key', 'alt+2')
    viewer.wait('MATRIX-PAINTED', timeout=60)
    window_shot(viewer, os.path.join(out, 'screenshot-correlation.png'))
    viewer.close_window()
finally:
    shutil.rmtree(config, ignore_errors=True)
