#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader finds: walk the viewer's window through AT-SPI on
every page and fail on any control a user can focus or click that has no
accessible name (a bare icon button, a swatch, a spin button...). The chart
and the matrix must also describe what they show. Then Ctrl+? opens the
shortcuts window, and nothing warns on stderr.

Runs in its own X server and D-Bus session, with GTK's accessibility on
(pmgui.run_in_private_x() around `dbus-run-session -- python3 ...`); skips when pyatspi is
missing (Debian: python3-pyatspi at-spi2-core)."""
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pmgui  # noqa: E402

if os.environ.get('PM_GUI_IN_XVFB') != '1':
    for tool in ('Xvfb', 'dbus-run-session', 'xdotool'):
        if shutil.which(tool) is None:
            pmgui.skip(tool + ' is not installed')
    if subprocess.run(['/usr/bin/python3', '-c', 'import pyatspi'],
                      capture_output=True).returncode != 0:
        pmgui.skip('pyatspi is not installed (python3-pyatspi)')
    env = dict(os.environ, PM_GUI_IN_XVFB='1')
    # The bus daemons this starts outlive the script: keep them off
    # meson's pipe, or meson waits for them.
    with open(os.devnull, 'w') as null:
        result = pmgui.run_in_private_x(['dbus-run-session', '--', '/usr/bin/python3'] + sys.argv,
                                        env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        stdin=null, text=True)
    print(result.stdout, end='')
    sys.exit(result.returncode)

import pyatspi  # noqa: E402

folder = sys.argv[1]

# Roles whose objects a user acts on: they need a name of their own.
ACTIONABLE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_TEXT, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_IMAGE, pyatspi.ROLE_LINK, pyatspi.ROLE_SEPARATOR,
}
# Rows past this many children of one container are the same widgets again.
SAMPLE_CHILDREN = 6


def find_app(pid, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:
                pass
        time.sleep(0.1)
    return None


def is_actionable(acc, states):
    if states.contains(pyatspi.STATE_FOCUSABLE):
        return True
    role = acc.getRole()
    if role == pyatspi.ROLE_SEPARATOR:
        # A pane divider is focusable; a plain line is not acted on.
        return False
    if role in ACTIONABLE and role != pyatspi.ROLE_IMAGE:
        return True
    try:
        action = acc.queryAction()
        return any(action.getName(i) in ('click', 'press', 'activate', 'toggle')
                   for i in range(action.nActions))
    except Exception:
        # No Action interface, or one that answers nothing.
        return False


def walk(acc, path, out, seen):
    """Every showing object under @acc as (path, role, name, actionable)."""
    try:
        states = acc.getState()
        if not states.contains(pyatspi.STATE_VISIBLE):
            return
        role = acc.getRoleName()
        name = acc.name or ''
        here = '%s/%s' % (path, role)
        if os.environ.get('PM_A11Y_DEBUG') and (not name or name.startswith(('Gtk', 'Pm'))):
            try:
                nact = acc.queryAction().nActions
            except NotImplementedError:
                nact = -1
            here += '[%r states=%s actions=%d children=%d]' % (
                name,
                ','.join(pyatspi.stateToString(x) for x in states.getStates()), nact,
                acc.childCount)
        out.append((here, role, name, is_actionable(acc, states), acc))
        n = acc.childCount
    except Exception as e:  # an object that went away while walking
        print('# skipped %s: %s' % (path, e))
        return
    indices = list(range(n))
    if n > SAMPLE_CHILDREN * 2:
        indices = indices[:SAMPLE_CHILDREN] + indices[-SAMPLE_CHILDREN:]
    for i in indices:
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            walk(child, here, out, seen)


def check_window(app, page):
    out = []
    for window in app:
        if window is not None:
            walk(window, '', out, set())
    # GTK reads a nameless widget as its type ("GtkPaned"): no name either.
    nameless = [(p, r) for (p, r, n, act, _) in out
                if act and (not n.strip() or re.fullmatch(r'(Gtk|Pm)[A-Za-z]+', n))]
    underscores = [(p, n) for (p, r, n, act, _) in out
                   if act and '_' in n and r != 'text' and r != 'entry']
    for p, r in nameless:
        print('# no name: %s' % p)
    for p, n in underscores:
        print('# stray underscore: %s %r' % (p, n))
    pmgui.check(len(out) > 20, '%s page: %d objects walked' % (page, len(out)), viewer)
    pmgui.check(not nameless, '%s page: every control has a name (%d checked)'
                % (page, sum(1 for o in out if o[3])), viewer)
    pmgui.check(not underscores, '%s page: no mnemonic underscore in a name' % page, viewer)
    return out


def find(out, name, role=None):
    for (p, r, n, act, acc) in out:
        if n == name and (role is None or r == role):
            return acc
    return None


def description(out, name):
    """The description of the picture named @name (the chart, the matrix)."""
    acc = find(out, name, 'image')
    return acc.description if acc is not None else None


# Accessibility on, through the session bus dbus-run-session made.
viewer = pmgui.Viewer([folder], extra_env={'GTK_A11Y': 'atspi', 'NO_AT_BRIDGE': '0'})
viewer.wait('READY')
viewer.wait('PAINTED')
# The table may have been filled before the first view was ready.
viewer.seen_or_wait('TABLE')

app = find_app(viewer.proc.pid)
pmgui.check(app is not None, 'the viewer is on the accessibility bus', viewer)

out = check_window(app, 'Chart')
for label in ('Back', 'Home', 'Main menu', 'Recent folders', 'Chart',
              'TOTAL on the right-hand axis'):
    pmgui.check(find(out, label) is not None, 'a control named %r' % label, viewer)
styles = [n for (p, r, n, a, acc) in out if n.startswith('Style of ')]
pmgui.check(len(styles) > 0, 'swatches name their tag (%s...)' % ', '.join(styles[:3]), viewer)
chart = description(out, 'Chart')
pmgui.check(chart is not None and 'TotalUsedBytes' in chart and 'Shown: ' in chart,
            'the chart describes itself: %r' % chart, viewer)
pmgui.check('right-hand axis' in chart, 'and says that TOTAL has the right-hand axis', viewer)

# The other pages, through the page switcher's buttons.
for page, wanted in (('Correlation', 'MATRIX-PAINTED'), ('With TOTAL', None)):
    buttons = [(r, acc) for (p, r, n, act, acc) in out if n == page and act]
    pmgui.check(buttons, 'a page button named %r (%s)'
                % (page, ', '.join(r for r, _ in buttons)), viewer)
    buttons[0][1].queryAction().doAction(0)
    if wanted:
        viewer.wait(wanted, timeout=30)
    else:
        viewer.wait('PAGE')
    time.sleep(0.3)
    out = check_window(app, page)
    if page == 'Correlation':
        matrix = description(out, 'Correlation matrix')
        pmgui.check(matrix is not None and 'r' in matrix and len(matrix) > 20,
                    'the matrix describes itself: %r' % matrix, viewer)

# The export dialog's own choices (size, theme, title line) are named.
wid = viewer.window()
viewer.xdo('windowfocus', wid)
viewer.xdo('key', 'alt+1')
viewer.wait('PAGE')
viewer.xdo('key', 'ctrl+s')
viewer.wait('EXPORT-DIALOG', page='chart')
viewer.window('^Export Chart$')
time.sleep(0.5)
out = []
for window in app:
    if window is not None and window.name == 'Export Chart':
        walk(window, '', out, set())
for label in ('Size', 'Theme', 'Title line'):
    named = [r for (p, r, n, act, acc) in out if n == label and act]
    pmgui.check(named, 'the export dialog has a control named %r (%s)'
                % (label, ', '.join(named)), viewer)
# The dialog has the keyboard: Escape cancels it.
viewer.xdo('key', 'Escape')
time.sleep(0.3)

# Ctrl+? shows the shortcuts window without a warning.
viewer.xdo('windowfocus', wid)
viewer.xdo('key', 'ctrl+question')
viewer.window('^Keyboard Shortcuts$')
print('ok - the shortcuts window opened')
viewer.xdo('key', 'Escape')
# Closing checks that stderr holds no Gtk warning, the shortcuts window's
# among them.
viewer.close_window(wid)
