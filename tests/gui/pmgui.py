# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive poolmonviz in a private X server (docs/design.md, Testing).

The viewer runs with POOLMONVIZ_TEST_EVENTS=1 and prints one line per state
change ("READY chart_origin=X,Y plot=x,y,w,h t0=.. t1=..", "ZOOM t0=.. t1=..",
"PAINTED", ...). A test waits for those lines instead of sleeping, drives the
window with xdotool and looks at it with ImageMagick's import.
"""
import os
import datetime
import queue
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77


def skip(reason):
    print('SKIP: ' + reason)
    sys.exit(SKIP)


def run_in_private_x(argv, env, **kwargs):
    """Runs @argv (subprocess.run, with @kwargs) in an X server of its own and
    returns its CompletedProcess. The server picks a free display itself
    (-displayfd), so tests side by side never race for one number as
    `xvfb-run -a` can, and it does not reset when its last client leaves
    (-noreset): a viewer started just after another closed would otherwise
    meet the server while it reopens its sockets ("cannot open display")."""
    if shutil.which('Xvfb') is None:
        skip('Xvfb is not installed')
    read_fd, write_fd = os.pipe()
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(['Xvfb', '-displayfd', str(write_fd), '-screen', '0', '1280x1024x24',
                               '-nolisten', 'tcp', '-ac', '-noreset'],
                              pass_fds=(write_fd,), stdin=subprocess.DEVNULL,
                              stdout=log, stderr=log)
    os.close(write_fd)
    try:
        # The server writes its display number once it accepts clients.
        number = b''
        with os.fdopen(read_fd, 'rb') as numbers:
            if select.select([numbers], [], [], 30)[0]:
                number = numbers.readline().strip()
        if not number.isdigit():
            log.seek(0)
            print('FAIL: Xvfb did not start:\n' + log.read().decode(errors='replace'))
            sys.exit(1)
        return subprocess.run(argv, env=dict(env, DISPLAY=':' + number.decode()), **kwargs)
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def in_xvfb():
    """Re-runs the calling script in a private X server unless it already is."""
    if os.environ.get('PM_GUI_IN_XVFB') == '1':
        return
    for tool in ('Xvfb', 'xdotool', 'import', 'convert'):
        if shutil.which(tool) is None:
            skip(tool + ' is not installed')
    env = dict(os.environ, PM_GUI_IN_XVFB='1')
    result = run_in_private_x([sys.executable] + sys.argv, env)
    sys.exit(result.returncode)


def bench_setup():
    """For the viewer benchmarks: the poolmonviz to run (argv[1]), the
    3,000 x 2,880 folder ($PM_BENCH_DIR, else /tmp/pm-bench-3000x2880; skips
    when missing) and the number of runs ($PM_BENCH_RUNS, else 5); re-runs
    the script in a private X server."""
    if len(sys.argv) > 1:
        os.environ.setdefault('POOLMONVIZ', sys.argv[1])
    folder = os.environ.get('PM_BENCH_DIR', '/tmp/pm-bench-3000x2880')
    if not os.path.isdir(folder):
        skip(folder + ' does not exist: meson compile -C BUILD bench-data')
    in_xvfb()
    return folder, int(os.environ.get('PM_BENCH_RUNS', '5'))


def bench_spread(values):
    """'min X ms, load average L' for a benchmark's closing line: the
    machine is shared, so the best run and the load say how noisy it was."""
    return 'min %d ms, load average %.2f' % (min(values), os.getloadavg()[0])


def parse(line):
    """'ZOOM t0=1 t1=2' -> ('ZOOM', {'t0': '1', 't1': '2'})"""
    words = line.split(' ')
    fields = {}
    for word in words[1:]:
        if '=' in word:
            key, value = word.split('=', 1)
            fields[key] = value
    return words[0], fields


class Viewer:
    def __init__(self, args, config_dir=None, extra_env=None):
        exe = os.environ.get('POOLMONVIZ', 'poolmonviz')
        self.config_dir = config_dir or tempfile.mkdtemp(prefix='pm-gui-')
        env = dict(os.environ,
                   POOLMONVIZ_TEST_EVENTS='1',
                   # A Gtk-CRITICAL aborts the viewer, so the test fails.
                   G_DEBUG='fatal-criticals',
                   GDK_DEBUG='gl-disable',
                   GSK_RENDERER='cairo',
                   GTK_A11Y='none',
                   GDK_BACKEND='x11',
                   XDG_CONFIG_HOME=self.config_dir,
                   NO_AT_BRIDGE='1',
                   GSETTINGS_BACKEND='memory')
        env.update(extra_env or {})
        self.proc = subprocess.Popen([exe] + list(args), env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines = queue.Queue()
        self.log = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wid = None

    def _read(self):
        for line in self.proc.stdout:
            line = line.rstrip('\n')
            self.log.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait(self, kind, timeout=10, **match):
        """Returns the fields of the next line of @kind whose fields match."""
        fields = self.wait_or_none(kind, timeout, **match)
        if fields is None:
            self.fail('timed out waiting for %s %s' % (kind, match))
        return fields

    def wait_or_none(self, kind, timeout=10, **match):
        """As wait(), but None when no such line came in time."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                self.fail('the viewer exited while waiting for ' + kind)
            name, fields = parse(line)
            if name == kind and all(fields.get(k) == v for k, v in match.items()):
                return fields

    def seen_or_wait(self, kind, timeout=10, **match):
        """The fields of the last matching line of @kind said so far, or of the
        next one: for a state (the tag table filled) whose line may come before
        or after the lines a test waited for first."""
        for line in reversed(list(self.log)):
            name, fields = parse(line)
            if name == kind and all(fields.get(k) == v for k, v in match.items()):
                return fields
        return self.wait(kind, timeout=timeout, **match)

    def fail(self, message):
        print('FAIL: ' + message)
        print('events:\n  ' + '\n  '.join(self.log[-30:]))
        self.close()
        err = self.proc.stderr.read() if self.proc.stderr else ''
        if err:
            print('stderr:\n' + err[-3000:])
        sys.exit(1)

    def window(self, name=None):
        """The X window id of the viewer's toplevel (or of a window titled @name,
        once it is mapped: a dialog found before cannot take the focus)."""
        args = ['xdotool', 'search', '--onlyvisible', '--name', name] if name else \
               ['xdotool', 'search', '--pid', str(self.proc.pid), '--name', '.']
        for _ in range(100):
            out = subprocess.run(args, capture_output=True, text=True).stdout.split()
            if out:
                return out[-1]
            time.sleep(0.02)
        self.fail('no window found')

    def xdo(self, *args):
        subprocess.run(['xdotool'] + [str(a) for a in args], check=True)

    def close_window(self, wid=None):
        """Closes the window the way a user does (Ctrl+W), waits for the
        viewer to exit and fails on a non-zero exit or on any GLib/GTK
        critical or warning on stderr. The one warning allowed is the
        private X server's: there is no D-Bus session bus there."""
        self.xdo('windowfocus', wid or self.window())
        self.xdo('key', 'ctrl+w')
        try:
            rc = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.fail('the viewer did not exit after Ctrl+W')
        err = self.proc.stderr.read()
        bad = [l for l in err.splitlines()
               if ('CRITICAL' in l or 'WARNING' in l) and 'acquire session bus' not in l]
        if rc != 0 or bad:
            print('FAIL: closing the window: exit status %d, stderr:\n%s' % (rc, err))
            sys.exit(1)
        print('ok: the window closed cleanly')

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()



class LiveFolder:
    """A folder that looks live, for following: @generator (pm-generate)
    writes @history + @more snapshot files of the sampler's kind, @interval
    seconds apart, into a folder of its own (source); the first @history
    are copied into the followed folder (folder), the newest of them stamped
    now. drop_renamed() and drop_in_place() bring in the next ones as the
    new sampler (write, then rename) and the old one (append in place) do;
    names lists every file in order. remove() deletes both folders."""

    def __init__(self, generator, history, more, interval=5, tags=None, prefix='pm-gui-follow-'):
        self.source = tempfile.mkdtemp(prefix=prefix + 'src-')
        self.folder = tempfile.mkdtemp(prefix=prefix)
        start = datetime.datetime.utcfromtimestamp(int(time.time()) - (history - 1) * interval)
        args = [generator, '--out', self.source, '--preset', 'sampler',
                '--snapshots', str(history + more), '--interval', str(interval),
                '--start', start.strftime('%Y-%m-%dT%H:%M:%S')]
        if tags is not None:
            args += ['--tags', str(tags)]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        self.names = sorted(os.listdir(self.source))
        for name in self.names[:history]:
            shutil.copy(os.path.join(self.source, name), self.folder)

    def drop_renamed(self, name):
        tmp = os.path.join(self.folder, '.' + name + '.tmp')
        shutil.copy(os.path.join(self.source, name), tmp)
        os.rename(tmp, os.path.join(self.folder, name))

    def drop_in_place(self, name):
        data = open(os.path.join(self.source, name), 'rb').read()
        with open(os.path.join(self.folder, name), 'ab') as f:
            f.write(data[:len(data) // 2 + 1])
        time.sleep(0.1)
        with open(os.path.join(self.folder, name), 'ab') as f:
            f.write(data[len(data) // 2 + 1:])

    def remove(self):
        shutil.rmtree(self.source, ignore_errors=True)
        shutil.rmtree(self.folder, ignore_errors=True)

def screenshot(path, geometry=None):
    """Saves the screen to @path, optionally only WxH+X+Y of it."""
    subprocess.run(['import', '-window', 'root', path], check=True)
    if geometry:
        subprocess.run(['convert', path, '-crop', geometry, '+repage', path], check=True)


def pixels(path):
    """The pixels of an image as a list of (r, g, b), with its width and height."""
    data = subprocess.run(['convert', path, '-depth', '8', 'rgb:-'], capture_output=True,
                          check=True).stdout
    size = subprocess.run(['identify', '-format', '%w %h', path], capture_output=True,
                          text=True, check=True).stdout.split()
    w, h = int(size[0]), int(size[1])
    return [tuple(data[i:i + 3]) for i in range(0, len(data), 3)], w, h


def count_near(pix, rgb, tolerance=40):
    return sum(1 for p in pix if all(abs(a - b) <= tolerance for a, b in zip(p, rgb)))


def ints(text):
    return [int(v) for v in text.split(',')]


def table_titles(viewer, n=6):
    """Where the tag table's column titles are (x,y strings, first title
    first), with the keyboard on a row of the table: Down and Up make the
    probe say COLUMNS again until two lines 0.3 s apart agree, for the
    columns take the widths of the rows they show over a few frames."""
    last = None
    for i in range(8):
        viewer.xdo('key', 'Down' if i % 2 == 0 else 'Up')
        viewer.wait('COLUMNS')
        line = [line for line in viewer.log if line.startswith('COLUMNS')][-1]
        titles = line.split('titles=', 1)[1].split(' ')
        if titles == last and len(titles) >= n:
            return titles
        last = titles
        time.sleep(0.3)
    viewer.fail('the tag table\'s titles kept moving: %s' % last)


def check(condition, message, viewer=None):
    if condition:
        print('ok - ' + message)
        return
    if viewer is not None:
        viewer.fail(message)
    print('FAIL: ' + message)
    sys.exit(1)
