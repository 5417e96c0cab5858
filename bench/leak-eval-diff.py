#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two builds of the leak finder, tag by tag, against the truth.

Generates runs with bench/leak-eval-independent.py's generators, judges
each with `poolstats leaks --format json --no-cache` of build A and of
build B, and prints every tag whose verdict differs, with what it really
is (a planted leak or not, its kind) and B's reason; then the counts of
changes by (leak or not, verdict in A, verdict in B) and what they add up
to: leaks flagged `leak` gained, other tags flagged `leak` gained. A
change to the finder is tried this way on a working set before the
table's rows (docs/leaks.md, "Debugging a verdict").

    leak-eval-diff.py POOLSTATS_A POOLSTATS_B [--runs SET:FIRST:SEEDS ...] [--keep DIR] [--quiet]
                      [--fail-on-change]

SET is first, varied, field, flank, long or restart (as leak-eval-independent.py's
--set), FIRST the first seed and SEEDS how many; the default is
first:1001:4. With --keep the generated runs stay in DIR (each SET-FIRST
folder holds runNN and runNN.truth.csv, as leak-eval-independent.py
--keep) and are read from there again when present. Exits 0 when it ran,
whatever the differences (with --fail-on-change, 2 when any verdict
differs: the same build given twice checks that verdicts do not depend on
how the threads ran); 1 when a build failed on a run.
"""
import argparse
import collections
import concurrent.futures
import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def load_generators():
    """leak-eval-independent.py as a module (its name has dashes), with no
    bytecode cache written beside it in the source tree."""
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location('leak_eval_independent',
                                                  os.path.join(HERE, 'leak-eval-independent.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def verdicts(poolstats, folder):
    """Each tag's verdict and reason by POOLSTATS, or None when it failed."""
    out = subprocess.run([poolstats, 'leaks', folder, '--format', 'json', '--no-cache'],
                         capture_output=True, text=True)
    if out.returncode not in (0, 3):
        print('%s: %s exited %d: %s' % (folder, poolstats, out.returncode, out.stderr[:300]))
        return None
    return {t['tag']: (t['verdict'], t['reason']) for t in json.loads(out.stdout)['tags']}


def parse_runs(text, case_sets):
    """TEXT as SET:FIRST:SEEDS, SET one of CASE_SETS."""
    try:
        case_set, first, seeds = text.split(':')
        if case_set not in case_sets:
            raise ValueError
        return case_set, int(first), int(seeds)
    except ValueError:
        raise argparse.ArgumentTypeError('%r is not SET:FIRST:SEEDS (SET one of %s)' % (text, ', '.join(case_sets)))


def main():
    gen = load_generators()
    ap = argparse.ArgumentParser(description='Two builds of the leak finder, tag by tag, against the truth.')
    ap.add_argument('poolstats_a')
    ap.add_argument('poolstats_b')
    ap.add_argument('--runs', type=lambda text: parse_runs(text, gen.CASE_SETS), action='append',
                    metavar='SET:FIRST:SEEDS',
                    help='runs to generate (default first:1001:4); may be given more than once')
    ap.add_argument('--keep', metavar='DIR', help='keep the generated runs in DIR (and reuse them)')
    ap.add_argument('--quiet', action='store_true', help='print only the counts')
    ap.add_argument('--fail-on-change', action='store_true', help='exit 2 when any verdict differs')
    args = ap.parse_args()
    for exe in (args.poolstats_a, args.poolstats_b):
        if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
            ap.error('%s: not an executable file' % exe)
    top = args.keep or tempfile.mkdtemp(prefix='pm-leak-diff-')
    os.makedirs(top, exist_ok=True)
    changes = collections.Counter()
    totals = collections.Counter()
    failed = False
    pool = concurrent.futures.ThreadPoolExecutor(2)
    try:
        for case_set, first, seeds in args.runs or [('first', 1001, 4)]:
            where = os.path.join(top, '%s-%d' % (case_set, first))
            for seed in range(first, first + seeds):
                folder = os.path.join(where, 'run%02d' % seed)
                truth_path = folder + '.truth.csv'
                if not (os.path.isdir(folder) and os.path.exists(truth_path)):
                    os.makedirs(where, exist_ok=True)
                    gen.generate_run(case_set, folder, truth_path, seed)
                truth = {r['tag']: r for r in csv.DictReader(open(truth_path, encoding='utf-8'))}
                a, b = pool.map(lambda exe: verdicts(exe, folder), (args.poolstats_a, args.poolstats_b))
                if a is None or b is None:
                    failed = True
                    continue
                name = '%s run%02d' % (case_set, seed)
                for tag, row in sorted(truth.items()):
                    leak = row['leak'] == 'yes'
                    va, _ = a.get(tag, ('absent', ''))
                    vb, reason = b.get(tag, ('absent', ''))
                    totals[('leak' if leak else 'other', 'A', va)] += 1
                    totals[('leak' if leak else 'other', 'B', vb)] += 1
                    if va == vb:
                        continue
                    changes[(leak, va, vb)] += 1
                    if not args.quiet:
                        print('%-5s %-16s %-14s %s %s -> %s | %s'
                              % ('LEAK' if leak else 'no', row['kind'], name, tag, va, vb, reason))
    finally:
        pool.shutdown()
        if not args.keep:
            shutil.rmtree(top, ignore_errors=True)
    print()
    for (leak, va, vb), count in sorted(changes.items()):
        print('%6d %-6s %s -> %s' % (count, 'leak' if leak else 'other', va, vb))
    for side in ('A', 'B'):
        print('%s: leaks flagged leak %d of %d, other tags flagged leak %d, other tags suspect %d'
              % (side, totals[('leak', side, 'leak')],
                 sum(v for k, v in totals.items() if k[0] == 'leak' and k[1] == side),
                 totals[('other', side, 'leak')], totals[('other', side, 'suspect')]))
    print('B beside A: leaks flagged leak %+d, other tags flagged leak %+d'
          % (totals[('leak', 'B', 'leak')] - totals[('leak', 'A', 'leak')],
             totals[('other', 'B', 'leak')] - totals[('other', 'A', 'leak')]))
    if failed:
        return 1
    return 2 if args.fail_on_change and changes else 0


if __name__ == '__main__':
    sys.exit(main())
