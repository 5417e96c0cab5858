#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A folder with broken files: whatever loaded is charted, a banner tells of
the problems, and its Details list one row per problem."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

viewer = pmgui.Viewer([sys.argv[1]])
loaded = viewer.wait('LOADED')
problems = int(loaded['problems'])
pmgui.check(problems > 0, '%d problems reported' % problems, viewer)
ready = viewer.wait('READY')
pmgui.check(int(ready['series']) >= 1, 'the good rows are charted (%s series)' % ready['series'],
            viewer)

banner = viewer.wait('BANNER')
wid = viewer.window()
x, y = pmgui.ints(banner['details'])
viewer.xdo('mousemove', '--window', wid, x, y, 'click', 1)
listed = viewer.wait('PROBLEMS')
# The dataset keeps every problem of a folder this small.
pmgui.check(int(listed['rows']) == problems, 'Details lists %s rows' % listed['rows'], viewer)
viewer.close()
