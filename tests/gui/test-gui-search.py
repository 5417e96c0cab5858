#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tag table's search: poolmon wildcards (case sensitive, as tags are)
and plain substrings (ignoring case), typed into the search entry."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

pmgui.in_xvfb()

viewer = pmgui.Viewer([sys.argv[1]])
loaded = viewer.wait('LOADED')
all_rows = int(loaded['tags']) + 1    # and TOTAL
viewer.wait('READY')
wid = viewer.window()


def search(text):
    # Lines from before (the table's first rows) are not this search's.
    while not viewer.lines.empty():
        viewer.lines.get_nowait()
    viewer.xdo('windowfocus', wid)
    viewer.xdo('key', 'ctrl+f', 'ctrl+a', 'BackSpace')
    if text:
        viewer.xdo('type', '--delay', 5, text)
    # Each keystroke may filter; the line for the whole text is the answer.
    return viewer.wait('SEARCH', text=text)


wild = search('Nt*')
n_wild = int(wild['rows'])
pmgui.check(0 < n_wild < all_rows and wild['first'].startswith('Nt'),
            'Nt* keeps %d rows, first %s' % (n_wild, wild['first']), viewer)

lower = search('nt*')
pmgui.check(int(lower['rows']) < n_wild or not lower['first'].startswith('Nt'),
            'wildcards are case sensitive (nt*: %s rows)' % lower['rows'], viewer)

one = search('N?f?')
pmgui.check(0 < int(one['rows']) <= n_wild and one['first'][0] == 'N',
            'N?f? keeps %s rows' % one['rows'], viewer)

# Every tag matching Ntf* holds "ntf" when case is ignored.
ntf_wild = int(search('Ntf*')['rows'])
sub = search('ntf')
pmgui.check(ntf_wild > 0 and ntf_wild <= int(sub['rows']) < all_rows,
            'a plain search ignores case (ntf: %s rows, Ntf*: %d)' % (sub['rows'], ntf_wild),
            viewer)

none = search('')
pmgui.check(int(none['rows']) == all_rows, 'an empty search shows all %d rows' % all_rows, viewer)

# With a zoom to go back to, BackSpace and Home typed in the search edit
# the text: the window's Back and Home (the same keys over the chart) must
# not take them from it.
viewer.xdo('key', 'ctrl+plus')
viewer.wait('ZOOM')
search('ntfx')
viewer.xdo('key', 'BackSpace')
edited = viewer.wait('SEARCH', text='ntf')
viewer.xdo('key', 'Home', 'Delete')
viewer.wait('SEARCH', text='tf')
pmgui.check(not any(l in ('BACK', 'HOME') for l in viewer.log),
            'BackSpace and Home edit the search (%s rows for ntf), not the zoom' % edited['rows'],
            viewer)
viewer.close()
