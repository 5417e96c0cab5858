#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every row of docs/leaks.md's table of the independent generator, run again.

    leak-eval-table.py POOLSTATS [--jobs N] [--only SET:FIRST ...] [--add SET:FIRST:SEEDS ...] [--out DIR]

Reads the rows of the table in docs/leaks.md ("How well it works", the case
sets of leak-eval-independent.py and their seeds), runs
leak-eval-independent.py on each, JOBS at a time, and prints each row as
the table has it, with what the table says beside every row that differs;
then the totals, the rates and each kind's count over every row run.
--only runs the rows named; --add runs seeds the table does not have yet
(a held-out check: seeds never run before). With --out, each row's whole
output (every miss, every tag flagged that does not leak) is kept there as
SET-FIRST.txt, and its figures as SET-FIRST.json (the generator's
--summary), so that two builds can be compared with diff or a script. A
full run of the table takes about a quarter of an hour on two cores.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DOC = os.path.join(HERE, '..', 'docs', 'leaks.md')
GENERATOR = os.path.join(HERE, 'leak-eval-independent.py')

ROW = re.compile(r'^\| \**(first|varied|field|flank|long|restart), (\d+)–(\d+)\** \| ([\d,]+) \| ([\d,]+) \([\d.]+ %\) '
                 r'\| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \|')
FIGURES = ('leaks', 'leaks flagged leak', 'leaks ranked above every other tag', 'other tags',
           'other tags flagged leak', 'other tags flagged suspect')


def number(text):
    return int(text.replace(',', ''))


def table_rows():
    """(set, first seed, seeds, figures as the table has them), in its order."""
    rows = []
    with open(DOC, encoding='utf-8') as f:
        for line in f:
            m = ROW.match(line)
            if m:
                first, last = int(m[2]), int(m[3])
                rows.append((m[1], first, last - first + 1, tuple(number(m[i]) for i in range(4, 10))))
    return rows


def run_row(poolstats, case_set, first, seeds, out):
    """One row's figures, its rates (flagged, within 0.8-1.25 x, within 2 x), errors and
    kinds ({kind: (tags, flagged leak)}), from the generator's --summary (its JSON; the
    printed text is kept with --out)."""
    with tempfile.TemporaryDirectory(prefix='pm-leak-table-') as tmp:
        path = os.path.join(out or tmp, '%s-%d.json' % (case_set, first))
        proc = subprocess.run([sys.executable, GENERATOR, poolstats, '--set', case_set,
                               '--first-seed', str(first), '--seeds', str(seeds), '--summary', path],
                              capture_output=True, text=True)
        if out:
            with open(os.path.join(out, '%s-%d.txt' % (case_set, first)), 'w', encoding='utf-8') as f:
                f.write(proc.stdout + proc.stderr)
        try:
            with open(path, encoding='utf-8') as f:
                found = json.load(f)
        except (OSError, ValueError):
            found = None
    if proc.returncode != 0 or found is None:
        return None, None, proc.stderr.strip().splitlines()[-1:] or ['exit %d' % proc.returncode], {}
    totals, rates = found['totals'], found['rates']
    return (tuple(totals[k] for k in FIGURES),
            (rates['flagged'], rates['within_0.8_1.25'], rates['within_2']),
            totals['errors'],
            {kind: (v['tags'], v['leak']) for kind, v in found['kinds'].items()})


def text(case_set, first, seeds, figures):
    leaks, flagged, top, others, false, suspects = figures
    return '| %s, %d–%d | %s | %s (%.1f %%) | %s | %s | %s | %s |' % (
        case_set, first, first + seeds - 1, format(leaks, ','), format(flagged, ','),
        100.0 * flagged / max(leaks, 1), format(top, ','), format(others, ','),
        format(false, ','), format(suspects, ','))


def main():
    ap = argparse.ArgumentParser(description='docs/leaks.md\'s table of the independent generator, run again.')
    ap.add_argument('poolstats')
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--only', nargs='+', default=[], metavar='SET:FIRST',
                    help='only these rows of the table, e.g. varied:1601')
    ap.add_argument('--add', nargs='+', default=[], metavar='SET:FIRST:SEEDS',
                    help='seeds the table does not have, e.g. first:2601:16')
    ap.add_argument('--out', help='keep each row\'s whole output in this folder')
    args = ap.parse_args()

    rows = table_rows()
    if not rows:
        sys.exit('%s: no rows of the independent generator\'s table found' % DOC)
    if args.only:
        wanted = {tuple(o.split(':')[:2]) for o in args.only}
        rows = [r for r in rows if (r[0], str(r[1])) in wanted]
    for spec in args.add:
        try:
            case_set, first, seeds = spec.split(':')
            rows.append((case_set, int(first), int(seeds), None))
        except ValueError:
            sys.exit('--add %s: expected SET:FIRST:SEEDS' % spec)
    if args.out:
        os.makedirs(args.out, exist_ok=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_row, args.poolstats, r[0], r[1], r[2], args.out) for r in rows]
        results = [f.result() for f in futures]

    totals = [0] * 6
    rates = [0, 0, 0]
    differ = failed = 0
    kinds = {}
    for (case_set, first, seeds, table), (figures, row_rates, errors, row_kinds) in zip(rows, results):
        if figures is None:
            failed += 1
            print('| %s, %d–%d | failed: %s |' % (case_set, first, first + seeds - 1, ' '.join(errors)))
            continue
        line = text(case_set, first, seeds, figures)
        if table is not None and figures != table:
            differ += 1
            line += '  ← the table: ' + text(case_set, first, seeds, table)
        elif table is None:
            line += '  (not in the table)'
        if errors:
            line += '  (%d errors)' % errors
        print(line)
        totals = [a + b for a, b in zip(totals, figures)]
        rates = [a + b for a, b in zip(rates, row_rates)]
        for kind, (n, flagged) in row_kinds.items():
            tags, leaks = kinds.get(kind, (0, 0))
            kinds[kind] = (tags + n, leaks + flagged)
    print()
    print('%d rows run, %d differ from the table, %d failed' % (len(rows), differ, failed))
    print('leaks flagged leak %s of %s (%.1f %%); other tags flagged leak %s of %s, suspect %s'
          % (format(totals[1], ','), format(totals[0], ','), 100.0 * totals[1] / max(totals[0], 1),
             format(totals[4], ','), format(totals[3], ','), format(totals[5], ',')))
    print('rates of the %s leaks flagged that were planted at one steady rate: within 0.8-1.25 x %s '
          '(%.1f %%), within 2 x %s (%s off by twofold or more)'
          % (format(rates[0], ','), format(rates[1], ','), 100.0 * rates[1] / max(rates[0], 1),
             format(rates[2], ','), format(rates[0] - rates[2], ',')))
    if kinds:
        print('by kind (tags flagged leak, of tags: a planted leak\'s kind starts with "leak"):')
        print(', '.join('%s %s of %s' % (kind, format(kinds[kind][1], ','), format(kinds[kind][0], ','))
                        for kind in sorted(kinds)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
