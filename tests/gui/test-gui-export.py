#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ctrl+S on the chart: the save dialog's choices (size, theme, title line)
and its filter decide the file. A first export takes the defaults: the
window's size, the light theme, a title line. With the dialog left on SVG,
1280 x 720, dark (as view.ini keeps them from last time), a name typed
without an extension becomes NAME.svg of that size, dark, with the title
line as text."""
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

folder = sys.argv[1]
config = tempfile.mkdtemp(prefix='pm-gui-export-')
out_dir = tempfile.mkdtemp(prefix='pm-gui-export-out-')


def export(viewer, typed, expected):
    viewer.xdo('windowfocus', viewer.window())
    viewer.xdo('key', 'ctrl+s')
    viewer.wait('EXPORT-DIALOG', page='chart')
    dialog = viewer.window('^Export Chart$')
    viewer.xdo('windowfocus', dialog)
    viewer.xdo('key', '--window', dialog, 'ctrl+a')
    viewer.xdo('type', '--window', dialog, typed)
    viewer.xdo('key', '--window', dialog, 'Return')
    viewer.wait('EXPORTED', path=expected)
    return expected


try:
    viewer = pmgui.Viewer([folder], config_dir=config)
    ready = viewer.wait('READY')
    viewer.seen_or_wait('TABLE')

    # 1. The defaults: PNG (the first filter), the chart's size, light, titled.
    png = export(viewer, os.path.join(out_dir, 'first'), os.path.join(out_dir, 'first.png'))
    pix, w, h = pmgui.pixels(png)
    plot = pmgui.ints(ready['plot'])
    pmgui.check(w >= plot[2] and h >= plot[3] and w >= 640,
                'a name without extension, PNG filter: first.png, %dx%d' % (w, h), viewer)
    pmgui.check(sum(pix[0]) > 600, 'the light theme by default (corner %s)' % (pix[0],), viewer)
    viewer.close_window()
    ini = open(os.path.join(config, 'poolmonviz', 'view.ini')).read()
    pmgui.check('ExportFormat=png' in ini and 'ExportSize=window' in ini,
                'view.ini keeps the dialog\'s choices')

    # 2. The choices as a user left them: SVG, 1280x720, dark, title line.
    ini = re.sub(r'ExportFormat=.*', 'ExportFormat=svg', ini)
    ini = re.sub(r'ExportSize=.*', 'ExportSize=1280x720', ini)
    ini = re.sub(r'ExportTheme=.*', 'ExportTheme=dark', ini)
    open(os.path.join(config, 'poolmonviz', 'view.ini'), 'w').write(ini)

    viewer = pmgui.Viewer([folder], config_dir=config)
    viewer.wait('READY')
    viewer.seen_or_wait('TABLE')
    svg_path = export(viewer, os.path.join(out_dir, 'chart'), os.path.join(out_dir, 'chart.svg'))
    svg = open(svg_path).read()
    pmgui.check('width="1280pt"' in svg and 'height="720pt"' in svg,
                'the SVG filter and the 1280 x 720 choice: chart.svg at 1280 x 720', viewer)
    title = re.search(r'font-weight="bold"[^>]*>([^<]*powershell[^<]*)</text>', svg)
    pmgui.check(title is not None and 'TotalUsedBytes' in title.group(1) and 'UTC' in title.group(1),
                'its title line is text: %r' % (title.group(1) if title else None), viewer)
    background = re.search(r'fill:rgb\(([0-9.]+)%,([0-9.]+)%,([0-9.]+)%\)', svg)
    pmgui.check(background is not None and sum(float(v) for v in background.groups()) < 90,
                'the dark theme (background %s)' % (background.group(0) if background else None),
                viewer)
    viewer.close_window()
finally:
    shutil.rmtree(config, ignore_errors=True)
    shutil.rmtree(out_dir, ignore_errors=True)
