#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The leak finder on data it was not tuned on.

A second generator, written apart from data/pm-generate and on purpose in
another style (numpy, continuous-time models, an old-sampler CSV in one file
per run): planted leaks (linear, slow beside the tag's size, staircases of
bursts never freed, starting mid-run, hidden in a workload-following group)
among traps (AR(1) noise, random walks, slow mean reversion, daily workload,
warming caches, bursts given back, level steps, late tags, mostly zero, busy
tags whose 32-bit counters wrap), with reboots, gaps and timing jitter.
It runs `poolstats leaks --format json` on each folder and prints recall,
false leaks, suspects and every miss. docs/leaks.md gives the figures.

    leak-eval-independent.py POOLSTATS [--seeds N] [--first-seed S] [--keep DIR]
                             [--set first|varied|field|flank|long|restart] [--summary FILE]

--set varied (generate_varied) is a second case set with kinds and
parameters the first never had (see VARIED_RUNS and generate_varied);
--set field a third (generate_field); --set flank a workload group rising
through one short boot, a case the others leave out (generate_flank);
--set long weeks to months of one machine with many reboots
(generate_long); --set restart one or two reboots, and levels that start
again at each of them as a leak does (generate_restart).
--summary writes the same figures as JSON (the totals, each kind's tags and
leaks flagged, the rates, and one record per leak missed or only a suspect
and per other tag flagged `leak`), for scripts such as leak-eval-table.py.
"""
import argparse
import csv
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import collections

import numpy as np


def write_run(out, truth_path, start, t, keep, rows, truth):
    """One old-sampler CSV (UTC and local times, both pools' columns) and the truth file."""
    n = len(t)
    os.makedirs(out, exist_ok=True)
    hdr = '"DateTime","DateTimeUTC","Tag","PagedAllocs","PagedFrees","PagedDiff","PagedUsedBytes","NonPagedAllocs","NonPagedFrees","NonPagedDiff","NonPagedUsedBytes","TotalUsedBytes","Binary","Description"\r\n'
    fn = os.path.join(out, start.strftime('%Y.%m.%d_%H.%M.%S_') + '%d.pool.csv' % int(start.timestamp()))
    with open(fn, 'w', newline='') as f:
        f.write(hdr)
        for k in range(n):
            if not keep[k]:
                continue
            ut = start + datetime.timedelta(seconds=int(t[k]))
            lt = ut - datetime.timedelta(hours=7)
            us, ls = ut.strftime('%Y-%m-%dT%H:%M:%S'), lt.strftime('%Y-%m-%dT%H:%M:%S')
            for (tg, paged, size, present, o, allocs, frees) in rows:
                if not present[k]:
                    continue
                a, fr, d = int(allocs[k]) % 2**32, int(frees[k]) % 2**32, int(o[k])
                # A size per snapshot is a mean size (objects that grow):
                # the bytes are rounded, not each object's size.
                ub = int(round(d * size[k])) if np.ndim(size) else d * int(size)
                if paged:
                    vals = (a, fr, d if (a - fr) >= 0 else a - fr, ub, 0, 0, 0, 0)
                else:
                    vals = (0, 0, 0, 0, a, fr, d if (a - fr) >= 0 else a - fr, ub)
                f.write('"%s","%s","%s",%s,"%d","",""\r\n' % (ls, us, tg, ','.join('"%d"' % v for v in vals), ub))
    with open(truth_path, 'w') as f:
        f.write('tag,kind,leak,rate\n')
        for r in truth:
            f.write('%s,%s,%s,%s\n' % r)


def _rate_text(rate):
    """The truth's rate column: allocations an hour, or empty."""
    return '' if rate is None else '%.6g' % rate


def _new_tag(names, draw):
    """A tag name from DRAW() not yet in NAMES, added to it."""
    while True:
        tg = draw()
        if tg not in names:
            names.add(tg)
            return tg


def _counters(rng, o, churn, boots, n_boots, wrap=False):
    """Whole outstanding counts from O, and the cumulative Allocs and Frees
    that give them: CHURN allocations a snapshot on average (Poisson),
    counted from each boot; with WRAP the counters start near 2^32 at each
    boot and wrap early in it."""
    o = np.maximum(np.round(o), 0).astype(np.int64)
    n = len(o)
    inc = rng.poisson(churn, n).astype(np.int64)
    allocs = np.zeros(n, np.int64)
    for b in range(n_boots):
        idx = np.where(boots == b)[0]
        allocs[idx] = np.cumsum(inc[idx]) + o[idx[0]] + 1000
        if wrap:
            allocs[idx] += 2**32 - int(inc[idx].sum() * rng.uniform(0.05, 0.5)) - 1000 - int(o[idx[0]])
    allocs = np.maximum(allocs, o)
    return o, allocs, allocs - o


def generate(out, truth_path, seed, hours, n_boots, n_tags=150, interval=60):
    """Writes one run into the folder OUT and its truth (tag, kind, leak) to TRUTH_PATH."""
    rng = np.random.default_rng(seed)
    n = int(hours * 3600 / interval)
    t = np.arange(n) * interval + rng.integers(-3, 4, n)  # jitter
    t[0] = 0
    t = np.maximum.accumulate(t + np.arange(n) * 0)  # monotone
    # drop a few snapshots (gaps)
    keep = np.ones(n, bool)
    if rng.random() < 0.5:
        g0 = rng.integers(n // 4, 3 * n // 4)
        keep[g0:g0 + rng.integers(10, 120)] = False
    hrs = t / 3600.0
    boots = np.zeros(n, int)
    if n_boots > 1:
        cuts = sorted(rng.choice(np.arange(n // 5, 4 * n // 5), n_boots - 1, replace=False))
        for c in cuts:
            boots[c:] += 1
    # time since boot
    tsb = np.zeros(n)
    for b in range(n_boots):
        idx = np.where(boots == b)[0]
        tsb[idx] = hrs[idx] - hrs[idx[0]]
    day = np.sin(2 * math.pi * (hrs + rng.random() * 24) / 24.0)
    shared_walk = np.cumsum(rng.normal(0, 1, n))
    shared_walk = shared_walk - shared_walk.mean()
    shared_walk /= (np.abs(shared_walk).max() + 1e-9)
    workload = 0.6 * day + 0.4 * shared_walk

    kinds = (['noise'] * 30 + ['ar'] * 20 + ['walk'] * 10 + ['workload'] * 20 + ['cache'] * 12 +
             ['burst'] * 8 + ['step'] * 8 + ['late'] * 8 + ['zero'] * 6 + ['busy'] * 4 +
             ['leak'] * 5 + ['leak_slow'] * 5 + ['leak_stair'] * 3 + ['leak_mid'] * 3 +
             ['leak_workload'] * 4 + ['stable'] * 20)
    kinds = kinds[:n_tags] if n_tags < len(kinds) else kinds + ['noise'] * (n_tags - len(kinds))
    rng.shuffle(kinds)
    tags = set()
    rows = []
    truth = []
    for i, kind in enumerate(kinds):
        tg = _new_tag(tags, lambda: ''.join(chr(c) for c in rng.integers(65, 91, 2)) + ''.join(
            chr(c) for c in rng.integers(97, 123, 2)))
        base = _log_uniform(rng, 50, 200000)
        size = int(np.exp(rng.uniform(np.log(16), np.log(4096))))
        noise_sd = base * rng.uniform(0.002, 0.05)
        ar = np.zeros(n)
        phi = rng.uniform(0.5, 0.97)
        e = rng.normal(0, noise_sd, n)
        for k in range(1, n):
            ar[k] = phi * ar[k - 1] + e[k] * math.sqrt(1 - phi * phi)
        present = np.ones(n, bool)
        o = np.full(n, base)
        leak = False
        if kind == 'noise':
            o = base + ar
        elif kind == 'stable':
            o = base + ar * 0.1
        elif kind == 'ar':
            ph = rng.uniform(0.995, 0.9995)
            x = np.zeros(n)
            ee = rng.normal(0, noise_sd, n)
            for k in range(1, n):
                x[k] = ph * x[k - 1] + ee[k]
            o = base + x
        elif kind == 'walk':
            o = base + np.cumsum(rng.normal(0, noise_sd * 0.3, n))
        elif kind == 'workload':
            o = base * (1 + rng.uniform(0.05, 0.4) * workload) + ar
        elif kind == 'cache':
            tau = rng.uniform(0.2, 3.0)
            amp = base * rng.uniform(0.3, 3)
            o = base + amp * (1 - np.exp(-tsb / tau)) + ar
        elif kind == 'burst':
            s = rng.uniform(0.1, 0.6) * hours
            d = rng.uniform(2, hours / 4)
            amp = base * rng.uniform(0.5, 4)
            up = np.clip((hrs - s) / (d / 2), 0, 1)
            down = np.clip((hrs - s - d / 2) / (d / 2), 0, 1)
            o = base + amp * (up - down) + ar
        elif kind == 'step':
            s = rng.uniform(0.2, 0.8) * hours
            amp = base * rng.uniform(0.3, 3) * rng.choice([1, 1, -0.5])
            o = base + amp * (hrs > s) + ar
        elif kind == 'late':
            s = rng.uniform(0.2, 0.7) * hours
            present = hrs > s
            o = base + ar
        elif kind == 'zero':
            o = np.zeros(n)
            spikes = rng.random(n) < 0.02
            o[spikes] = base
        elif kind == 'busy':
            o = base + ar
        elif kind.startswith('leak'):
            leak = True
            frac = rng.uniform(0.3, 3.0)
            if kind == 'leak_slow':
                frac = rng.uniform(0.03, 0.15)
                base = max(base, 2000 / frac)
            rate = base * frac / hours  # per hour
            if kind == 'leak':
                o = base + rate * tsb + ar
            elif kind == 'leak_slow':
                o = base + rate * tsb + ar * 0.2
            elif kind == 'leak_stair':
                jumps = rng.random(n) < (rng.uniform(10, 40) / n)
                amt = rng.exponential(base * frac / max(1, jumps.sum()), n) * jumps
                cum = np.zeros(n)
                for b in range(n_boots):
                    idx = np.where(boots == b)[0]
                    cum[idx] = np.cumsum(amt[idx])
                o = base + cum + ar
            elif kind == 'leak_mid':
                s = rng.uniform(0.2, 0.5) * hours
                o = base + rate * np.clip(hrs - s, 0, None) * 2 + ar
                if n_boots > 1:
                    o = base + rate * tsb + ar
            elif kind == 'leak_workload':
                frac = rng.uniform(0.1, 0.5)
                rate = base * frac / hours
                o = base * (1 + rng.uniform(0.3, 0.6) * workload) + rate * tsb + ar
        churn = rng.uniform(0.01, 2.0) * max(base, 1) / 60 * interval
        if kind == 'busy':
            churn = 2**32 / n * rng.uniform(1.5, 3)
        o, allocs, frees = _counters(rng, o, churn, boots, n_boots)
        paged = rng.random() < 0.5
        # The planted rate (allocations an hour) of the leaks at one steady rate.
        steady = {'leak': rate, 'leak_slow': rate, 'leak_workload': rate,
                  'leak_mid': rate if n_boots > 1 else 2 * rate} if leak else {}
        truth.append((tg, kind, 'yes' if leak else 'no', _rate_text(steady.get(kind))))
        rows.append((tg, paged, size, present, o, allocs, frees))
    start = datetime.datetime(2025, 3, 1, 6, 0, 0) + datetime.timedelta(hours=int(rng.integers(0, 24)))
    write_run(out, truth_path, start, t, keep, rows, truth)



# The varied set: kinds and parameters the first set never had, for a
# check on data nobody tuned on: leak rates from 0.2 % to 20 % of the level
# per day, leaks under heavy-tailed noise, groups of 2-6 tags that all leak
# under a shared workload, leaks that stop and resume, leaks on a sawtooth
# workload, counters near 2^32, very few snapshots (48-96), and as traps
# sawtooth workloads, heavy-tailed noise, a workload group whose shared
# level rises and falls back over a boot, and counters near 2^32.
VARIED_RUNS = [  # hours, seconds between snapshots, most boots
    (6, 300, 1), (12, 900, 1), (48, 1800, 2), (24, 30, 2),
    (36, 120, 3), (72, 300, 4), (168, 600, 3), (20, 60, 2),
]


def _ar(rng, n, sd, phi):
    e = rng.normal(0, sd * math.sqrt(1 - phi * phi), n)
    x = np.zeros(n)
    x[0] = rng.normal(0, sd)
    for k in range(1, n):
        x[k] = phi * x[k - 1] + e[k]
    return x


def _log_uniform(rng, lo, hi):
    return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))


def _tag_draw(rng, n, base, size, sd_share, phi):
    """A tag's level, allocation size and AR(1) noise (its sd a share of the
    level, lag-1 correlation phi), each drawn from its (low, high) range:
    returns the level, the size, the sd and N values of noise."""
    level = _log_uniform(rng, *base)
    nbytes = int(_log_uniform(rng, *size))
    sd = level * _log_uniform(rng, *sd_share)
    return level, nbytes, sd, _ar(rng, n, sd, rng.uniform(*phi))


def _leak_draw(rng, n, base, frac_range, boot_hours, phi_high):
    """A leak's level, share of it leaked an hour, rate (allocations an
    hour), growth over BOOT_HOURS, noise sd and AR(1) noise: FRAC_RANGE of
    the level per day, at least 30 objects (or bytes' worth) in
    BOOT_HOURS, the noise 4 to 40 times smaller than that growth, its lag-1
    correlation 0.2 to PHI_HIGH."""
    frac = _log_uniform(rng, *frac_range) / 24.0
    base = max(base, 30.0 / (frac * boot_hours))
    rate = base * frac
    growth = rate * boot_hours
    sd = growth / _log_uniform(rng, 4, 40)
    return base, frac, rate, growth, sd, _ar(rng, n, sd, rng.uniform(0.2, phi_high))


def _draw_tag(rng, n, names, name, leak, frac_range, boot_hours, phi_high):
    """A tag of the field and long sets: a new name (NAME draws one, as
    _new_tag()), and _tag_draw()'s level, size, sd and AR(1) noise (lag-1
    correlation 0.2 to PHI_HIGH); for a LEAK, the level, sd and noise of
    _leak_draw() (FRAC_RANGE of the level a day over BOOT_HOURS) instead.
    Returns the name, level, size, sd, noise, and the leak's share of the
    level an hour, rate and growth (None for a tag that does not leak)."""
    tg = _new_tag(names, name)
    base, size, sd, noise = _tag_draw(rng, n, (20, 300000), (16, 16384), (0.002, 0.04), (0.2, phi_high))
    frac = rate = growth = None
    if leak:
        base, frac, rate, growth, sd, noise = _leak_draw(rng, n, base, frac_range, boot_hours, phi_high)
    return tg, base, size, sd, noise, frac, rate, growth


def _heavy(rng, n, sd):
    # Student t with 1.5-3 degrees of freedom, scaled so that its median
    # absolute value is that of a normal of this sd.
    df = rng.uniform(1.5, 3.0)
    x = rng.standard_t(df, n)
    return x * sd * 0.6745 / np.median(np.abs(x))


def _sawtooth(rng, hrs, amp):
    period = rng.uniform(0.5, 6.0)
    phase = rng.random() * period
    return amp * (((hrs + phase) % period) / period)


def _jittered_times(rng, n, interval):
    """N snapshot times in seconds, INTERVAL apart with up to a tenth of it of jitter."""
    t = np.arange(n) * interval + rng.integers(-interval // 10, interval // 10 + 1, n)
    t[0] = 0
    return np.maximum.accumulate(t)


def _boots(rng, hrs, n_boots, interval):
    """Reboots in the middle two thirds: each snapshot's boot, its hours since
    that boot began, and each boot's length in hours."""
    n = len(hrs)
    boots = np.zeros(n, int)
    if n_boots > 1:
        cuts = sorted(rng.choice(np.arange(n // 6, 5 * n // 6), n_boots - 1, replace=False))
        for c in cuts:
            boots[c:] += 1
    tsb, boot_hours = _since_boot(hrs, boots, n_boots, interval)
    return boots, tsb, boot_hours


def _since_boot(hrs, boots, n_boots, interval):
    """Each snapshot's hours since its boot (BOOTS, numbered from 0) began,
    and each boot's length in hours."""
    tsb = np.zeros(len(hrs))
    boot_hours = []
    for b in range(n_boots):
        idx = np.where(boots == b)[0]
        tsb[idx] = hrs[idx] - hrs[idx[0]]
        boot_hours.append(hrs[idx[-1]] - hrs[idx[0]] + interval / 3600.0)
    return tsb, boot_hours


def _per_boot_cumsum(x, boots, n_boots):
    """X summed from the start of each boot (BOOTS, numbered from 0)."""
    c = np.zeros(len(x))
    for b in range(n_boots):
        idx = np.where(boots == b)[0]
        c[idx] = np.cumsum(x[idx])
    return c


def _walk_reset(rng, sd, boots, n_boots):
    """A random walk of steps of SD × 0.3 that starts again from zero at
    each boot (BOOTS, numbered from 0)."""
    return _per_boot_cumsum(rng.normal(0, sd * 0.3, len(boots)), boots, n_boots)


def _ar_reset(rng, sd, boots):
    """An AR(1) series near a unit root (lag-1 correlation 0.99 to 0.9995),
    its innovations SD × 0.3, that starts again from zero at each boot."""
    phi = 1 - _log_uniform(rng, 0.0005, 0.01)
    x, e = np.zeros(len(boots)), rng.normal(0, sd * 0.3, len(boots))
    for k in range(1, len(boots)):
        x[k] = 0 if boots[k] != boots[k - 1] else phi * x[k - 1] + e[k]
    return x


def _day_load(rng, hrs, start_hour, weekend=None):
    """The day's activity, 0 at night and 1 at the busiest hour (WEEKEND
    times that on Saturdays and Sundays, when given), and a workload that
    follows it and a slow walk of its own."""
    clock = (hrs + start_hour) % 24
    activity = np.clip(np.sin(math.pi * (clock - 7) / 14), 0, None) ** 1.5
    activity = np.where((clock > 7) & (clock < 21), activity, 0.0)
    if weekend is not None:
        weekday = np.floor((hrs + start_hour) / 24) % 7
        activity = activity * np.where(weekday >= 5, weekend, 1.0)
    wander = np.cumsum(rng.normal(0, 1, len(hrs)))
    wander = (wander - wander.mean()) / (np.abs(wander - wander.mean()).max() + 1e-9)
    return activity, 0.7 * activity + 0.3 * (wander + 1) / 2


def _day_fill(activity, dt, hrs, start_hour, boots, n_boots):
    """What a cache holds that fills with the day's ACTIVITY (DT hours a
    snapshot), from each boot's start, and is trimmed each day at 5 a.m."""
    fill = _per_boot_cumsum(activity * dt, boots, n_boots)
    day_index = np.floor((hrs + start_hour - 5) / 24) * n_boots + boots
    for d in np.unique(day_index):
        sel = day_index == d
        fill[sel] -= fill[sel].min()
    return fill


def generate_varied(out, truth_path, seed):
    """One run of the varied set into OUT, its truth into TRUTH_PATH."""
    rng = np.random.default_rng(7919 * seed + 17)
    hours, interval, most_boots = VARIED_RUNS[seed % len(VARIED_RUNS)]
    n = int(hours * 3600 / interval)
    n_boots = int(rng.integers(1, most_boots + 1))
    t = _jittered_times(rng, n, interval)
    keep = np.ones(n, bool)
    hrs = t / 3600.0
    boots, tsb, boot_hours = _boots(rng, hrs, n_boots, interval)
    short_boot, long_boot = min(boot_hours), max(boot_hours)

    def shared(wave):
        day = np.sin(2 * math.pi * (hrs + rng.random() * 24) / 24.0)
        walk = np.cumsum(rng.normal(0, 1, n))
        walk = (walk - walk.mean()) / (np.abs(walk - walk.mean()).max() + 1e-9)
        w = 0.5 * day + 0.5 * walk
        if wave:
            period = rng.uniform(0.6, 1.5) * long_boot
            w = w + 1.5 * np.sin(2 * math.pi * (hrs / period + rng.random()))
        return w / (np.abs(w).max() + 1e-9)

    group_leak_load, wave_load = shared(False), shared(True)
    n_group = int(rng.integers(2, 7))
    n_group_quiet = int(rng.integers(0, 4)) if rng.random() < 0.5 else 0
    kinds = (['noise'] * 14 + ['heavy'] * 8 + ['ar'] * 6 + ['walk'] * 6 + ['cache'] * 6 +
             ['burst'] * 4 + ['step'] * 4 + ['late'] * 3 + ['zero'] * 3 + ['sawtooth'] * 5 +
             ['wrap_flat'] * 3 + ['shrinks'] * 2 + ['wave_group'] * int(rng.integers(4, 9)) +
             ['group_quiet'] * n_group_quiet + ['stable'] * 8 +
             ['leak_rate'] * 4 + ['leak_heavy'] * 3 + ['leak_group'] * n_group +
             ['leak_stopgo'] * 2 + ['leak_sawtooth'] * 2 + ['leak_wrap'] * 2 +
             ['leak_late_tag'] * 1 + ['leak_mid_boot'] * 2)
    rng.shuffle(kinds)
    names, rows, truth = set(), [], []
    for kind in kinds:
        tg = _new_tag(names, lambda: ''.join(chr(c) for c in rng.integers(65, 91, 3))
                      + chr(int(rng.integers(97, 123))))
        base, size, sd, noise = _tag_draw(rng, n, (30, 500000), (8, 8192), (0.001, 0.05), (0.3, 0.95))
        present = np.ones(n, bool)
        wrap = False
        leak = kind.startswith('leak')
        o = base + noise
        if leak:
            # 0.2 % to 20 % of the level per day; the noise is then set so
            # that the shortest boot's growth is 5 to 60 times its sd.
            frac = _log_uniform(rng, 0.002, 0.2) / 24.0
            # At least 40 allocations in the shortest boot: a slow rate
            # is that of a large tag.
            base = max(base, 40.0 / (frac * short_boot))
            rate = base * frac
            growth = rate * short_boot
            snr = _log_uniform(rng, 5, 60)
            noise = noise / sd * growth / snr
            sd = growth / snr
        if kind == 'stable':
            o = base + noise * 0.1
        elif kind == 'heavy':
            o = base + _heavy(rng, n, sd)
        elif kind == 'ar':
            o = base + _ar(rng, n, sd * 4, 1 - _log_uniform(rng, 0.0005, 0.01))
        elif kind == 'walk':
            o = base + np.cumsum(rng.normal(0, sd * 0.3, n))
        elif kind == 'cache':
            tau = rng.uniform(0.025, 0.16) * short_boot
            o = base + base * rng.uniform(0.2, 2) * (1 - np.exp(-tsb / tau)) + noise
        elif kind == 'burst':
            s0 = rng.uniform(0.1, 0.6) * hours
            d = rng.uniform(0.05, 0.3) * hours
            up = np.clip((hrs - s0) / (d / 2), 0, 1)
            down = np.clip((hrs - s0 - d / 2) / (d / 2), 0, 1)
            o = base + base * rng.uniform(0.3, 3) * (up - down) + _heavy(rng, n, sd)
        elif kind == 'step':
            s0 = rng.uniform(0.2, 0.8) * hours
            o = base + base * rng.uniform(0.2, 2) * rng.choice([1, 1, -0.5]) * (hrs > s0) + noise
        elif kind == 'late':
            present = hrs > rng.uniform(0.2, 0.7) * hours
        elif kind == 'zero':
            o = np.where(rng.random(n) < 0.03, base, 0.0)
        elif kind == 'sawtooth':
            o = base + _sawtooth(rng, hrs, base * rng.uniform(0.1, 1.0)) + noise
        elif kind == 'wrap_flat':
            wrap = True
        elif kind == 'shrinks':
            o = base * (1 - rng.uniform(0.1, 0.5) * tsb / short_boot) + noise
        elif kind == 'wave_group':
            o = base * (1 + rng.uniform(0.1, 0.5) * wave_load) + noise
        elif kind == 'group_quiet':
            o = base * (1 + rng.uniform(0.1, 0.5) * group_leak_load) + noise
        elif kind in ('leak_rate', 'leak_wrap'):
            o = base + rate * tsb + noise
            wrap = kind == 'leak_wrap'
        elif kind == 'leak_heavy':
            o = base + rate * tsb + _heavy(rng, n, sd)
        elif kind == 'leak_group':
            # The group's workload moves this tag 0.5 to 3 times as much as
            # its leak does in the shortest boot.
            o = base + growth * rng.uniform(0.5, 3) * group_leak_load + rate * tsb + noise
        elif kind == 'leak_stopgo':
            on = np.zeros(n, bool)
            k, state = 0, rng.random() < 0.7
            while k < n:
                span = max(1, int(rng.exponential(n / rng.uniform(3, 10))))
                on[k:k + span] = state
                k += span
                state = not state if rng.random() < 0.9 else state
            if on.mean() < 0.5:
                on = ~on
            dt = np.diff(hrs, prepend=hrs[0])
            climb = np.zeros(n)
            for b in range(n_boots):
                idx = np.where(boots == b)[0]
                climb[idx] = np.cumsum(on[idx] * dt[idx])
            o = base + rate / on.mean() * climb + noise
        elif kind == 'leak_sawtooth':
            o = base + _sawtooth(rng, hrs, growth * rng.uniform(0.3, 2)) + rate * tsb + noise
        elif kind == 'leak_late_tag':
            s0 = rng.uniform(0.2, 0.5) * hours
            present = hrs > s0
            first = np.argmax(present)
            since = np.where(boots == boots[first], hrs - hrs[first], tsb)
            o = base + rate * np.clip(since, 0, None) + noise
        elif kind == 'leak_mid_boot':
            # Starts in the first boot (a driver update) and leaks in every
            # boot after it from its start.
            s0 = rng.uniform(0.25, 0.5) * boot_hours[0]
            o = base + rate * np.where(boots == 0, np.clip(tsb - s0, 0, None), tsb) + noise
        churn = rng.uniform(0.01, 2.0) * max(base, 1) / 60 * interval
        o, allocs, frees = _counters(rng, o, churn, boots, n_boots, wrap)
        steady = kind in ('leak_rate', 'leak_wrap', 'leak_heavy', 'leak_group', 'leak_late_tag',
                          'leak_mid_boot', 'leak_sawtooth')
        truth.append((tg, kind, 'yes' if leak else 'no', _rate_text(rate if steady else None)))
        rows.append((tg, rng.random() < 0.5, size, present, o, allocs, frees))
    start = datetime.datetime(2025, 6, 2, 0, 0, 0) + datetime.timedelta(minutes=int(rng.integers(0, 24 * 60)))
    write_run(out, truth_path, start, t, keep, rows, truth)
    return hours, interval, n, n_boots


# The third set, "field": what kernel pool tags do on real lab machines that
# neither set above has. Leaks: a leak that happens only while the machine
# works (its rate follows the day, none at night), a leak of a few objects
# (counts under ten, one leaked every few hours), a leak that speeds up, a
# leak in bytes only (as many objects, each larger: a buffer that grows),
# leaked objects in rare batches under a busy tag's bursts. Traps: a cache
# filling at a steady rate up to its cap (a line, then flat, in every boot),
# a cache that fills by day and is trimmed at night, a lookaside list of a
# few objects (small counts, Poisson), caches slower than the first set's,
# a cache appearing mid-run, a short run inside the day's ramp, where every
# tag of a workload group climbs, and a tag drained by a slow trim. Runs
# from two hours at 10 s to a month at 15 minutes.
FIELD_RUNS = [  # hours, seconds between snapshots, most boots, tags
    (2, 10, 1, 150), (10, 60, 1, 200), (30 * 24, 900, 4, 150), (7 * 24, 300, 5, 200),
    (72, 60, 3, 250), (14, 30, 2, 200), (48, 120, 2, 300), (24, 60, 3, 200),
]


def generate_field(out, truth_path, seed):
    """One run of the field set into OUT, its truth into TRUTH_PATH."""
    rng = np.random.default_rng(104729 * seed + 3)
    hours, interval, most_boots, n_tags = FIELD_RUNS[seed % len(FIELD_RUNS)]
    n = int(hours * 3600 / interval)
    n_boots = int(rng.integers(1, most_boots + 1))
    t = _jittered_times(rng, n, interval)
    keep = np.ones(n, bool)
    if rng.random() < 0.3:
        g0 = int(rng.integers(n // 4, 3 * n // 4))
        keep[g0:g0 + int(rng.integers(3, max(4, n // 20)))] = False
    hrs = t / 3600.0
    start_hour = float(rng.uniform(0, 24))
    boots, tsb, boot_hours = _boots(rng, hrs, n_boots, interval)
    short_boot = min(boot_hours)
    # The day's activity: 0 at night, 1 at the busiest hour, with a walk.
    activity, workload = _day_load(rng, hrs, start_hour)
    dt = np.diff(hrs, prepend=hrs[0])
    n_leaks = int(rng.integers(6, 12))
    leak_kinds = ['leak_few', 'leak_accel', 'leak_bytes', 'leak_batches']
    # A leak that follows the day stops each night: within a day it is
    # a line, then flat, as a cache filled to its cap; over two days or
    # more it is a staircase.
    if hours >= 48:
        leak_kinds.append('leak_activity')
    # A cache trimmed each night shows what it is only over two days or
    # more, a group following the day's workload only over a whole day:
    # in a shorter run either is a climb like a leak's, and is left out.
    trap_kinds = ['capped_cache', 'lookaside', 'slow_cache', 'late_cache',
                  'trimmed', 'noise', 'noise', 'noise', 'busy_bursts', 'stable']
    if hours >= 48:
        trap_kinds.append('day_cache')
    if hours >= 24:
        trap_kinds.append('day_group')
    kinds = list(rng.choice(leak_kinds, n_leaks))
    kinds += list(rng.choice(trap_kinds, n_tags - n_leaks))
    rng.shuffle(kinds)
    names, rows, truth = set(), [], []
    for kind in kinds:
        kind = str(kind)
        # A leak of 0.5 % to 30 % of the level per day, at least 30 objects
        # (or bytes' worth) in the shortest boot, noise 4 to 40 times
        # smaller than the shortest boot's growth.
        leak = kind.startswith('leak')
        tg, base, size, sd, noise, frac, rate, growth = _draw_tag(
            rng, n, names, lambda: chr(int(rng.integers(65, 91)))
            + ''.join(chr(c) for c in rng.integers(97, 123, 2)) + chr(int(rng.integers(48, 58))),
            leak, (0.005, 0.3), short_boot, 0.9)
        present = np.ones(n, bool)
        o = base + noise
        if kind == 'stable':
            o = base + noise * 0.2
        elif kind == 'noise':
            o = base + noise
        elif kind == 'capped_cache':
            # Fills at a steady rate to its cap, reached in the first 10-50 %
            # of each boot, then stays: a lookaside list at its depth.
            cap = base * rng.uniform(0.3, 2)
            reach = rng.uniform(0.1, 0.5) * short_boot
            o = base + cap * np.minimum(tsb / reach, 1) + noise
        elif kind == 'day_cache':
            # Fills while the machine works, trimmed back each night.
            amp = base * rng.uniform(0.2, 1.5)
            fill = _day_fill(activity, dt, hrs, start_hour, boots, n_boots)
            o = base + amp * fill / (fill.max() + 1e-9) + noise
        elif kind == 'lookaside':
            o = rng.poisson(rng.uniform(0.5, 8), n).astype(float)
        elif kind == 'slow_cache':
            tau = rng.uniform(0.15, 0.3) * short_boot
            o = base + base * rng.uniform(0.2, 1.5) * (1 - np.exp(-tsb / tau)) + noise
        elif kind == 'late_cache':
            # Loaded mid-run, warming up from then, and again from each
            # boot after.
            s0 = rng.uniform(0.2, 0.6) * hours
            present = hrs > s0
            first = int(np.argmax(present))
            since = np.where(boots == boots[first], hrs - hrs[first], tsb)
            tau = rng.uniform(0.025, 0.16) * short_boot
            o = base + base * rng.uniform(0.3, 2) * (1 - np.exp(-np.clip(since, 0, None) / tau)) + noise
        elif kind == 'day_group':
            o = base * (1 + rng.uniform(0.1, 0.6) * workload) + noise
        elif kind == 'trimmed':
            o = base * (1 - rng.uniform(0.1, 0.6) * (1 - np.exp(-tsb / (rng.uniform(0.3, 1.0) * short_boot)))) + noise
        elif kind == 'busy_bursts':
            # Bursts of work given back within minutes to an hour.
            ev = rng.random(n) < rng.uniform(2, 8) * dt
            amp = base * rng.uniform(0.1, 1.0)
            dur = max(2, int(rng.uniform(300, 3600) / interval))
            kernel = np.ones(dur)
            o = base + amp * np.minimum(np.convolve(ev.astype(float), kernel)[:n], 1.5) + noise
        elif kind == 'leak_activity':
            # Leaks only while the machine works: a rate that follows the day.
            lost = _per_boot_cumsum(activity * dt, boots, n_boots)
            scale = rate * (hours / max(1e-9, (activity * dt).sum()))
            o = base + scale * lost + noise
        elif kind == 'leak_few':
            # A handful of objects: one more every 1-6 hours (at least 12
            # in the shortest boot: docs/leaks.md counts a rise under
            # min_rise_allocs = 8 as noise), Poisson churn.
            every = min(rng.uniform(1, 6), short_boot / 12)
            lost = _per_boot_cumsum((rng.random(n) < dt / every).astype(float), boots, n_boots)
            o = rng.poisson(rng.uniform(0.5, 4), n) + lost
        elif kind == 'leak_accel':
            # Speeds up through the boot: growth as time^1.5 to time^2.
            p = rng.uniform(1.5, 2.0)
            o = base + rate * short_boot * (tsb / short_boot) ** p + noise
        elif kind == 'leak_bytes':
            # As many objects; each one larger (a buffer that grows): the
            # bytes leak, the count does not; at least 64 KiB in the
            # shortest boot (a rise under min_rise_bytes = 16 KiB is noise).
            base = max(base, 65536.0 / (size * frac * short_boot))
            o = base + noise * 0.1
            size = size * (1 + frac * tsb)
        elif kind == 'leak_batches':
            # Rare batches of objects never freed, under a busy tag's bursts.
            ev = rng.random(n) < dt * rng.uniform(0.3, 2)
            amount = rng.exponential(1.0, n) * ev
            lost = _per_boot_cumsum(amount, boots, n_boots)
            lost = lost / (lost.max() + 1e-9) * rate * short_boot * rng.uniform(1, 2)
            bev = rng.random(n) < rng.uniform(2, 6) * dt
            dur = max(2, int(rng.uniform(300, 1800) / interval))
            bursts = np.minimum(np.convolve(bev.astype(float), np.ones(dur))[:n], 1.5)
            o = base + lost + growth * rng.uniform(0.5, 3) * bursts + noise
        churn = rng.uniform(0.01, 2.0) * max(base, 1) / 60 * interval
        o, allocs, frees = _counters(rng, o, churn, boots, n_boots)
        # None of its leaks has one steady rate in allocations.
        truth.append((tg, kind, 'yes' if leak else 'no', ''))
        rows.append((tg, rng.random() < 0.5, size, present, o, allocs, frees))
    start = datetime.datetime(2026, 1, 5, 0, 0, 0) + datetime.timedelta(hours=start_hour)
    write_run(out, truth_path, start, t, keep, rows, truth)
    return hours, interval, n, n_boots


def generate_flank(out, truth_path, seed):
    """One run of the flank set into OUT, its truth into TRUTH_PATH: one boot
    of 4 to 12 hours at 5 minutes on the rising flank of a smooth daily
    workload, which twelve tags follow in their own AR(1) noise, beside 40
    flat tags and three leaks of one steady rate. A case the other sets
    leave out: one short boot of a workload that rises gives each of its
    tags a climb like a leak's, and the group is smooth (its block
    increments barely correlate, so no peers are found); what its tags
    share beyond the rise is a slow wander, small beside it."""
    rng = np.random.default_rng(15485863 * seed + 11)
    interval = 300
    hours = float(rng.uniform(4, 12))
    n = int(hours * 3600 / interval)
    t = _jittered_times(rng, n, interval)
    hrs = t / 3600.0
    boots = np.zeros(n, int)
    # Near the day's rising zero crossing, with a slow walk of its own.
    phase = rng.uniform(-0.3, 0.3)
    workload = np.sin(2 * math.pi * hrs / 24.0 + phase) + 0.15 * np.cumsum(rng.normal(0, 1, n)) / math.sqrt(n)
    names, rows, truth = set(), [], []
    kinds = ['day_group'] * 12 + ['noise'] * 40 + ['leak'] * 3
    for kind in kinds:
        tg = _new_tag(names, lambda: ''.join(chr(c) for c in rng.integers(65, 91, 2)) + ''.join(
            chr(c) for c in rng.integers(97, 123, 1)) + str(int(rng.integers(0, 10))))
        base = float(_log_uniform(rng, 50, 20000))
        rate = None
        if kind == 'day_group':
            o = base * (1 + rng.uniform(0.1, 0.5) * workload) + _ar(rng, n, base * rng.uniform(0.002, 0.02),
                                                                    rng.uniform(0.3, 0.9))
        elif kind == 'noise':
            o = base + rng.normal(0, base * 0.01, n)
        else:
            # 5 % to 50 % of the tag over the boot.
            rate = base * rng.uniform(0.05, 0.5) / hours
            o = base + rate * hrs + _ar(rng, n, base * rng.uniform(0.002, 0.01), rng.uniform(0.3, 0.9))
        o, allocs, frees = _counters(rng, o, base / 20, boots, 1)
        truth.append((tg, kind, 'yes' if kind == 'leak' else 'no', _rate_text(rate)))
        rows.append((tg, rng.random() < 0.5, 64, np.ones(n, bool), o, allocs, frees))
    start = datetime.datetime(2026, 2, 2, 6, 0, 0)
    write_run(out, truth_path, start, t, np.ones(n, bool), rows, truth)


# The fourth set, "long": weeks to months of one lab machine, as the tool is
# used for a soak test. Reboots come on a weekly patch night (a week or two
# apart, give or take hours), at random (crashes, a bug check), or both, so
# a run holds 3 to 13 boots of a few hours to two weeks; the day's activity
# is lower at weekends. Leaks: one in every boot, a slow one beside a large
# tag, one whose code runs only in some boots (the test that drives it is
# not run in each: flat in the others), one that begins in a later boot (a
# driver updated mid-run), one that follows the day's activity, one under a
# workload. Traps: caches warming up again in every boot, or only in some,
# caches trimmed each night, a workload group, random walks and AR(1) series
# near a unit root that start again at each boot, steps, bursts given back,
# tags loaded mid-run, noise.
LONG_RUNS = [  # hours, seconds between snapshots, how the machine reboots
    (60 * 24, 900, 'weekly'), (30 * 24, 600, 'random'), (90 * 24, 1800, 'weekly'),
    (21 * 24, 300, 'random'), (45 * 24, 900, 'both'),
]


def _long_reboots(rng, hours, style):
    """The hours of a long run's reboots, by STYLE (weekly, random or both)."""
    cuts = []
    if style in ('weekly', 'both'):
        h = float(rng.uniform(24, 7 * 24))
        while h < hours - 12:
            cuts.append(h)
            h += 7 * 24 * rng.choice([1, 1, 1, 2]) + rng.normal(0, 3)
    if style in ('random', 'both'):
        cuts += [float(rng.uniform(6, hours - 6)) for _ in range(int(rng.integers(2, 8)))]
    return sorted(cuts)


def generate_long(out, truth_path, seed):
    """One run of the long set into OUT, its truth into TRUTH_PATH."""
    rng = np.random.default_rng(999331 * seed + 5)
    hours, interval, style = LONG_RUNS[seed % len(LONG_RUNS)]
    n = int(hours * 3600 / interval)
    t = _jittered_times(rng, n, interval)
    hrs = t / 3600.0
    start_hour = float(rng.uniform(0, 24))
    # Each snapshot's boot, numbered from 0 over the boots that hold one.
    boots = np.searchsorted(np.array(_long_reboots(rng, hours, style)), hrs, side='right')
    boots = np.unique(boots, return_inverse=True)[1]
    n_boots = int(boots.max()) + 1
    tsb, boot_hours = _since_boot(hrs, boots, n_boots, interval)
    typical_boot = float(np.median(boot_hours))
    activity, workload = _day_load(rng, hrs, start_hour, weekend=0.3)
    dt = np.diff(hrs, prepend=hrs[0])

    leak_kinds = ['leak_every', 'leak_every', 'leak_some_boots', 'leak_some_boots', 'leak_from_boot',
                  'leak_activity', 'leak_workload', 'leak_slow']
    trap_kinds = ['cache', 'cache', 'day_cache', 'day_group', 'day_group', 'walk_reset', 'ar_reset', 'step',
                  'burst', 'noise', 'noise', 'noise', 'stable', 'some_boots_cache', 'late']
    n_tags = int(rng.integers(120, 260))
    n_leaks = int(rng.integers(6, 14))
    kinds = list(rng.choice(leak_kinds, n_leaks)) + list(rng.choice(trap_kinds, n_tags - n_leaks))
    rng.shuffle(kinds)
    names, rows, truth = set(), [], []
    for kind in kinds:
        kind = str(kind)
        # A leak of 0.3 % to 30 % of the level per day, at least 30 objects
        # in a typical boot, noise 4 to 40 times smaller than that boot's
        # growth.
        leak = kind.startswith('leak')
        tg, base, size, sd, noise, _, rate, growth = _draw_tag(
            rng, n, names, lambda: ''.join(chr(c) for c in rng.integers(97, 123, 2))
            + ''.join(chr(c) for c in rng.integers(65, 91, 2)),
            leak, (0.003, 0.3), typical_boot, 0.95)
        present = np.ones(n, bool)
        o = base + noise
        if kind == 'stable':
            o = base + noise * 0.2
        elif kind == 'noise':
            o = base + noise
        elif kind == 'cache':
            tau = rng.uniform(0.02, 0.3) * typical_boot
            o = base + base * rng.uniform(0.2, 2) * (1 - np.exp(-tsb / tau)) + noise
        elif kind == 'some_boots_cache':
            # Warms up only in the boots where what fills it ran.
            used = rng.random(n_boots) < 0.5
            tau = rng.uniform(0.02, 0.2) * typical_boot
            o = base + base * rng.uniform(0.2, 2) * (1 - np.exp(-tsb / tau)) * used[boots] + noise
        elif kind == 'day_cache':
            amp = base * rng.uniform(0.2, 1.5)
            fill = _day_fill(activity, dt, hrs, start_hour, boots, n_boots)
            o = base + amp * fill / (fill.max() + 1e-9) + noise
        elif kind == 'day_group':
            o = base * (1 + rng.uniform(0.1, 0.6) * workload) + noise
        elif kind == 'walk_reset':
            o = base + _walk_reset(rng, sd, boots, n_boots)
        elif kind == 'ar_reset':
            o = base + _ar_reset(rng, sd, boots)
        elif kind == 'step':
            s0 = rng.uniform(0.1, 0.9) * hours
            o = base + base * rng.uniform(0.2, 2) * rng.choice([1, 1, -0.5]) * (hrs > s0) + noise
        elif kind == 'burst':
            s0, d = rng.uniform(0.1, 0.9) * hours, rng.uniform(2, 48)
            o = base + base * rng.uniform(0.3, 3) * ((hrs > s0) & (hrs < s0 + d)) + noise
        elif kind == 'late':
            present = hrs > rng.uniform(0.2, 0.8) * hours
        elif kind == 'leak_every':
            o = base + rate * tsb + noise
        elif kind == 'leak_slow':
            # Twenty times the level: a slow leak beside a large tag.
            base *= 20
            o = base + rate * tsb + noise
        elif kind == 'leak_some_boots':
            ran = rng.random(n_boots) < rng.uniform(0.3, 0.8)
            ran[int(rng.integers(0, n_boots))] = True
            o = base + rate * tsb * ran[boots] + noise
        elif kind == 'leak_from_boot':
            b0 = int(rng.integers(1, n_boots)) if n_boots > 1 else 0
            o = base + rate * tsb * (boots >= b0) + noise
        elif kind == 'leak_activity':
            lost = _per_boot_cumsum(activity * dt, boots, n_boots)
            o = base + rate * hours / max(1e-9, (activity * dt).sum()) * lost + noise
            rate = None
        elif kind == 'leak_workload':
            o = base + growth * rng.uniform(0.5, 3) * workload + rate * tsb + noise
        churn = rng.uniform(0.01, 2.0) * max(base, 1) / 60 * interval
        o, allocs, frees = _counters(rng, o, churn, boots, n_boots)
        truth.append((tg, kind, 'yes' if leak else 'no', _rate_text(rate)))
        rows.append((tg, rng.random() < 0.5, size, present, o, allocs, frees))
    start = datetime.datetime(2026, 3, 2, 0, 0, 0) + datetime.timedelta(hours=start_hour)
    write_run(out, truth_path, start, t, np.ones(n, bool), rows, truth)
    return hours, interval, n, n_boots


# The fifth set, "restart": one or two reboots, and levels that start again
# at each of them. Every other set's walks and workloads carry on through a
# reboot (the long set's walks that start again come with three boots or
# more), so in them one boot that climbed and a reboot that took it back is
# a leak; on a real machine everything starts again at a reboot, and a
# level that wandered up through a boot (a working set built up, a queue)
# falls there as a leak does. Traps: walks and slow AR(1) series that start
# again at each boot, a workload group on a working set that starts again,
# a workload group on the day's load that carries on, caches warming up in
# every boot, noise. Leaks: steady ones, a group whose members all leak on
# the load that carries on, leaks inside the group that starts again, and
# leaks whose code ran in one boot only.
RESTART_RUNS = [  # hours, seconds between snapshots
    (24, 300), (48, 300), (36, 120), (72, 600), (30, 60),
]


def generate_restart(out, truth_path, seed):
    """One run of the restart set into OUT, its truth into TRUTH_PATH."""
    rng = np.random.default_rng(104729 * seed + 3)
    hours, interval = RESTART_RUNS[seed % len(RESTART_RUNS)]
    n = int(hours * 3600 / interval)
    n_boots = 2 if rng.random() < 0.7 else 3
    t = _jittered_times(rng, n, interval)
    hrs = t / 3600.0
    boots, tsb, boot_hours = _boots(rng, hrs, n_boots, interval)
    short_boot = min(boot_hours)
    start_hour = float(rng.uniform(0, 24))
    _, load = _day_load(rng, hrs, start_hour)
    # A working set built up through each boot: a walk from zero at each
    # boot's start, scaled to at most 1.
    built = _per_boot_cumsum(rng.normal(0, 1, n), boots, n_boots)
    built = built / (np.abs(built).max() + 1e-9)

    kinds = (['noise'] * 30 + ['stable'] * 10 + ['walk_reset'] * 8 + ['ar_reset'] * 4 + ['cache'] * 6
             + ['day_group'] * 5 + ['set_group'] * int(rng.integers(4, 9))
             + ['leak'] * 4 + ['leak_group'] * int(rng.integers(2, 7)) + ['leak_in_set'] * 2
             + ['leak_one_boot'] * 2)
    rng.shuffle(kinds)
    names, rows, truth = set(), [], []
    for kind in kinds:
        leak = kind.startswith('leak')
        tg, base, size, sd, noise, _, rate, growth = _draw_tag(
            rng, n, names, lambda: ''.join(chr(c) for c in rng.integers(65, 91, 3))
            + str(int(rng.integers(0, 10))), leak, (0.003, 0.3), short_boot, 0.9)
        o = base + noise
        if kind == 'stable':
            o = base + noise * 0.2
        elif kind == 'walk_reset':
            o = base + _walk_reset(rng, sd, boots, n_boots)
        elif kind == 'ar_reset':
            o = base + _ar_reset(rng, sd, boots)
        elif kind == 'cache':
            tau = rng.uniform(0.02, 0.3) * short_boot
            o = base + base * rng.uniform(0.2, 2) * (1 - np.exp(-tsb / tau)) + noise
        elif kind == 'day_group':
            o = base * (1 + rng.uniform(0.1, 0.6) * load) + noise
        elif kind == 'set_group':
            o = base * (1 + rng.uniform(0.1, 0.6) * built) + noise
        elif kind == 'leak':
            o = base + rate * tsb + noise
        elif kind == 'leak_group':
            o = base + growth * rng.uniform(0.5, 3) * load + rate * tsb + noise
        elif kind == 'leak_in_set':
            o = base * (1 + rng.uniform(0.1, 0.6) * built) + rate * tsb + noise
        elif kind == 'leak_one_boot':
            o = base + rate * tsb * (boots == int(rng.integers(0, n_boots))) + noise
        churn = rng.uniform(0.01, 2.0) * max(base, 1) / 60 * interval
        o, allocs, frees = _counters(rng, o, churn, boots, n_boots)
        truth.append((tg, kind, 'yes' if leak else 'no', _rate_text(rate)))
        rows.append((tg, rng.random() < 0.5, size, np.ones(n, bool), o, allocs, frees))
    start = datetime.datetime(2026, 4, 6, 0, 0, 0) + datetime.timedelta(hours=start_hour)
    write_run(out, truth_path, start, t, np.ones(n, bool), rows, truth)
    return hours, interval, n, n_boots


# The case sets, as --set names them (leak-eval-diff.py's SET too).
CASE_SETS = ('first', 'varied', 'field', 'flank', 'long', 'restart')


def generate_run(case_set, folder, truth_path, seed):
    """One run of CASE_SET (first, varied, field, flank, long or restart) for SEED into
    FOLDER, its truth into TRUTH_PATH: the runs --set and --first-seed name
    (leak-eval-diff.py makes its runs here too)."""
    if case_set == 'varied':
        generate_varied(folder, truth_path, seed)
    elif case_set == 'field':
        generate_field(folder, truth_path, seed)
    elif case_set == 'flank':
        generate_flank(folder, truth_path, seed)
    elif case_set == 'long':
        generate_long(folder, truth_path, seed)
    elif case_set == 'restart':
        generate_restart(folder, truth_path, seed)
    else:
        hours = (seed % 3 + 1) * 24
        boots = (seed // 3) % 3 + 1
        generate(folder, truth_path, seed, hours, boots)


def event(run, tag, truth, found, what):
    """One line of --summary's list: a leak missed or only a suspect, or a false leak."""
    return {'run': run, 'tag': tag, 'kind': truth['kind'], 'what': what,
            'verdict': found['verdict'] if found else None,
            'reason': found['reason'] if found else None}


def summary(totals, kinds, case_set, first_seed, seeds):
    """--summary's JSON: what main() prints, as numbers."""
    keys = ('leaks', 'leaks flagged leak', 'leaks flagged suspect', 'leaks ranked above every other tag',
            'other tags', 'other tags flagged leak', 'other tags flagged suspect', 'errors')
    ratios = sorted(totals['ratios'])
    return {
        'set': case_set, 'first_seed': first_seed, 'seeds': seeds,
        'totals': {k: totals[k] for k in keys},
        'kinds': {k: {'tags': totals[('kind', k, 'n')], 'leak': totals[('kind', k, 'leak')]} for k in kinds},
        'rates': {'flagged': len(ratios),
                  'within_0.8_1.25': sum(0.8 <= r <= 1.25 for r in ratios),
                  'within_2': sum(0.5 <= r <= 2 for r in ratios),
                  'median': ratios[len(ratios) // 2] if ratios else None},
        'events': totals['events'],
    }


def score(poolstats, folder, truth_path, totals):
    truth = {r['tag']: r for r in csv.DictReader(open(truth_path))}
    # Each folder is read once and then removed: nothing to keep in the user's cache.
    out = subprocess.run([poolstats, 'leaks', folder, '--format', 'json', '--no-cache'],
                         capture_output=True, text=True)
    if out.returncode not in (0, 3):
        print('%s: poolstats leaks exited %d: %s' % (folder, out.returncode, out.stderr[:300]))
        totals['errors'] += 1
        return
    tags = json.loads(out.stdout)['tags']
    rank = {t['tag']: i for i, t in enumerate(tags)}
    by_tag = {t['tag']: t for t in tags}
    leaks = [k for k, r in truth.items() if r['leak'] == 'yes']
    others = [k for k, r in truth.items() if r['leak'] == 'no']
    best_other = min((rank[k] for k in others if k in rank), default=len(tags))
    name = os.path.basename(folder)
    for k in leaks:
        t = by_tag.get(k)
        totals['leaks'] += 1
        totals[('kind', truth[k]['kind'], 'n')] += 1
        if t and t['verdict'] == 'leak':
            totals['leaks flagged leak'] += 1
            totals[('kind', truth[k]['kind'], 'leak')] += 1
            if truth[k].get('rate'):
                ratio = t['allocs_per_hour'] / float(truth[k]['rate'])
                totals['ratios'].append(ratio)
                if not 0.5 <= ratio <= 2:
                    print('%s: leak %s (%s) rate %.4g allocs/h, planted %s (%.2f x): %s'
                          % (name, k, truth[k]['kind'], t['allocs_per_hour'], truth[k]['rate'],
                             ratio, t['reason']))
        elif t and t['verdict'] == 'suspect':
            totals['leaks flagged suspect'] += 1
            print('%s: leak %s (%s) only a suspect: %s' % (name, k, truth[k]['kind'], t['reason']))
            totals['events'].append(event(name, k, truth[k], t, 'suspect'))
        else:
            print('%s: leak %s (%s) missed: %s' % (name, k, truth[k]['kind'], t and t['reason']))
            totals['events'].append(event(name, k, truth[k], t, 'missed'))
        if t and rank[k] < best_other:
            totals['leaks ranked above every other tag'] += 1
    for k in others:
        t = by_tag.get(k)
        totals['other tags'] += 1
        totals[('kind', truth[k]['kind'], 'n')] += 1
        if t and t['verdict'] == 'leak':
            totals['other tags flagged leak'] += 1
            totals[('kind', truth[k]['kind'], 'leak')] += 1
            print('%s: %s (%s) flagged leak: %s' % (name, k, truth[k]['kind'], t['reason']))
            totals['events'].append(event(name, k, truth[k], t, 'false leak'))
        elif t and t['verdict'] == 'suspect':
            totals['other tags flagged suspect'] += 1


def main():
    ap = argparse.ArgumentParser(description='The leak finder on independently generated runs.')
    ap.add_argument('poolstats')
    ap.add_argument('--seeds', type=int, default=12)
    ap.add_argument('--first-seed', type=int, default=1,
                    help='the first seed (seeds not looked at while tuning: a held-out check)')
    ap.add_argument('--keep', help='write the folders here and keep them')
    ap.add_argument('--set', choices=CASE_SETS, default='first',
                    help='first: the original cases (default); varied: new kinds and parameters;'
                    ' field: what the other two lack (see FIELD_RUNS and generate_field);'
                    ' flank: a workload group rising through one short boot (generate_flank);'
                    ' long: weeks to months of one machine, many boots (LONG_RUNS, generate_long);'
                    ' restart: one or two reboots, levels that start again at each (generate_restart)')
    ap.add_argument('--summary', metavar='FILE', help='also write the figures to FILE as JSON')
    args = ap.parse_args()
    top = args.keep or tempfile.mkdtemp(prefix='pm-leak-eval-')
    os.makedirs(top, exist_ok=True)
    totals = collections.Counter()
    totals['ratios'] = []
    totals['events'] = []
    try:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            folder = os.path.join(top, 'run%02d' % seed)
            truth = folder + '.truth.csv'
            generate_run(args.set, folder, truth, seed)
            score(args.poolstats, folder, truth, totals)
    finally:
        if not args.keep:
            shutil.rmtree(top, ignore_errors=True)
    print()
    for key in ('leaks', 'leaks flagged leak', 'leaks flagged suspect',
                'leaks ranked above every other tag', 'other tags',
                'other tags flagged leak', 'other tags flagged suspect', 'errors'):
        print('%-36s %d' % (key, totals[key]))
    kinds = sorted({key[1] for key in totals if isinstance(key, tuple)})
    print('\n%-16s %6s %6s' % ('kind', 'tags', 'leak'))
    for kind in kinds:
        print('%-16s %6d %6d' % (kind, totals[('kind', kind, 'n')], totals[('kind', kind, 'leak')]))
    if totals['leaks']:
        print('recall (leak)                        %.1f %%' % (100.0 * totals['leaks flagged leak'] / totals['leaks']))
    ratios = sorted(totals['ratios'])
    if ratios:
        near = sum(0.8 <= r <= 1.25 for r in ratios)
        within2 = sum(0.5 <= r <= 2 for r in ratios)
        print('rates of the %d leaks flagged that were planted at one steady rate: reported / planted'
              ' median %.3f, within 0.8-1.25 x %d (%.1f %%), within 2 x %d'
              % (len(ratios), ratios[len(ratios) // 2], near, 100.0 * near / len(ratios), within2))
    if args.summary:
        with open(args.summary, 'w', encoding='utf-8') as f:
            json.dump(summary(totals, kinds, args.set, args.first_seed, args.seeds), f, indent=1)
    return 1 if totals['errors'] else 0


if __name__ == '__main__':
    sys.exit(main())
