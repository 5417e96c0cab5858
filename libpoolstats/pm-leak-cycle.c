/* pm-leak-cycle.c: a boot judged over its own workload cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tag whose workload is periodic (a buffer filled and flushed every hour,
 * a timer-driven job) swings within each cycle by as much as a leak beneath
 * it grows in hours: averaged into the finder's blocks, which know nothing
 * of the cycle, the swing becomes an aliased wave that hides the climb. The
 * mean over one whole cycle takes any periodic shape away, so the boot is
 * judged again on the means of successive cycles.
 *
 * The cycle is the lag of the first clear peak of the autocorrelation of
 * the series' increments (at most 128 sub-block averages of the boot): a
 * periodic workload's increments repeat every cycle (a sawtooth's flushes
 * are a pulse train), whereas those of noise, of a random walk and of a
 * trend do not. A peak needs r at least cycle_r_min (and 4/√m for m
 * increments) and the second harmonic, twice the lag, at least half of it;
 * the lag is refined by a parabola through the peak, and the boot must hold
 * at least min_points whole cycles. The cycle means then go through the
 * same tests as the blocks (pm-leak-fit.c). docs/leaks.md explains why.
 *
 * With fewer cycles (2 to 7), or cycles of a few snapshots whose phase
 * drifts across the sampling, the cycle means cannot show a leak. A sharp
 * cycle (a pulse train in the increments) is then fitted jointly with a
 * line — one level per phase bin of a snapshot, or for a short cycle its
 * harmonics, taken at the snapshots' own times so that their aliases are
 * followed — its period refined by least squares, and taken away from
 * every snapshot; the boot's blocks of what is left go through the same
 * tests. Growth that the fitted cycle could make by drifting a few
 * snapshots of phase against the workload's is not counted.
 */
#include "pm-leak-work.h"

#include <math.h>
#include <string.h>

#define SUB_MAX 128

/* The first clear peak of the autocorrelation of D (M centred values) at a
 * lag up to MAX_LAG, after its first dip below zero, refined by a
 * parabola, confirmed at twice the lag; 0 when there is none. The sample
 * autocorrelation of a periodic series shrinks with the lag as (M - k) / M
 * (fewer pairs over the same sum of squares), so the second harmonic must
 * reach half of the peak scaled by that shrinkage: with 3 cycles in the
 * boot a pulse train correlates 2/3 at one cycle and 1/3 at two. */
static double
acf_at (const double *d,
        guint         m,
        guint         k,
        double        ss)
{
  double acc = 0;

  for (guint i = 0; i + k < m; i++)
    acc += d[i] * d[i + k];
  return acc / ss;
}

static double
acf_peak (const double *d,
          guint         m,
          guint         max_lag,
          double        r_min,
          double        pulse_min,
          gboolean     *sharp)
{
  double r[SUB_MAX + 2], ss = 0, best = 0, lo, hi, den, delta, twice;
  guint top, lag = 0, from = 2;

  for (guint i = 0; i < m; i++)
    ss += d[i] * d[i];
  if (!(ss > 0) || max_lag < 2)
    return 0;
  /* Lags up to one past the longest cycle; its second harmonic's two
   * lags are taken on their own below. */
  top = MIN (MIN (max_lag + 1, m - 1), G_N_ELEMENTS (r) - 1);
  for (guint k = 1; k <= top; k++)
    r[k] = acf_at (d, m, k, ss);
  /* A persistent series (a walk's levels, a cache's or a burst's
   * increments, which change slowly) correlates with itself at every
   * short lag; a cycle's peak comes after a dip below 0. */
  while (from <= top && r[from] >= 0)
    from++;
  for (guint k = from; k <= max_lag && k + 1 <= top; k++)
    if (r[k] >= r_min && r[k] >= r[k - 1] && r[k] >= r[k + 1] && r[k] > best)
      {
        best = r[k];
        lag = k;
      }
  if (lag == 0)
    return 0;
  den = r[lag - 1] - 2 * r[lag] + r[lag + 1];
  delta = den < 0 ? CLAMP (0.5 * (r[lag - 1] - r[lag + 1]) / den, -0.5, 0.5) : 0;
  /* A periodic series repeats at twice its period too; a chance peak
   * of noise does not. */
  lo = floor (2 * (lag + delta));
  hi = ceil (2 * (lag + delta));
  if (3 * (lag + delta) > m)
    {
      /* Fewer than 3 cycles: twice the lag holds less than one cycle
       * of pairs, and says nothing. The peak must then stand out of the
       * autocorrelation at every other lag (its robust spread, 1.4826 x
       * the median |r|) by pulse_min: noise's peaks are about 2.5 times
       * that spread (white noise's r spread 1/sqrt m), a few pulses
       * that dominate the increments and align (a sawtooth's 2 or 3
       * flushes) far more. */
      double other[SUB_MAX + 2];
      guint n_other = 0;

      for (guint k = from; k <= top; k++)
        if (k + 1 < lag || k > lag + 1)
          other[n_other++] = fabs (r[k]);
      if (n_other < 8 || best < pulse_min * 1.4826 * _pm_leak_select (other, n_other, n_other / 2))
        return 0;
    }
  else
    {
      /* White noise reaches 4/sqrt m about once in 30,000 lags. */
      if (best < 4.0 / sqrt ((double) m) || hi > m - 1)
        return 0;
      twice = MAX (lo <= top ? r[(guint) lo] : acf_at (d, m, (guint) lo, ss),
                   hi <= top ? r[(guint) hi] : acf_at (d, m, (guint) hi, ss));
      if (twice < 0.5 * best * (m - 2 * (lag + delta)) / (m - lag - delta))
        return 0;
    }
  /* A pulse train (a sawtooth's flushes) correlates at its cycle and
   * hardly a lag beside it; a smooth wave's increments are a wave too,
   * and correlate nearly as much there. Lone spikes of the levels are
   * pulses too, but each a rise and a fall at once: two of them a lag
   * apart correlate r there and -r/2 at either lag beside it. */
  *sharp = r[lag - 1] + r[lag + 1] <= best && r[lag - 1] + r[lag + 1] > -0.5 * best;
  return lag + delta;
}

/* The period, in sub-blocks (fractional), of X, or 0: from its increments
 * (a sharp cycle: a sawtooth's flushes are a pulse train), with at least
 * FEW_MIN cycles, or else from its levels without their line (a smooth
 * cycle), with at least CYCLES_MIN: a walk's levels less their line swing
 * slowly too, and a few swings of them are no cycle. */
static double
find_cycle (const double *x,
            guint         s,
            guint         cycles_min,
            guint         few_min,
            double        r_min,
            double        pulse_min,
            gboolean     *sharp)
{
  double d[SUB_MAX], mean = 0, tbar = 0.5 * (s - 1), stt = 0, sty = 0, slope, period;
  guint m = s - 1, max_lag = s / MAX (cycles_min, 2);

  if (s < 12 || max_lag < 2)
    return 0;
  /* The autocorrelation is kept up to SUB_MAX / 2 + 1 lags, and the
   * second harmonic must fit in it. */
  few_min = MAX (few_min, 2);
  for (guint i = 0; i < m; i++)
    {
      d[i] = x[i + 1] - x[i];
      mean += d[i] / m;
    }
  for (guint i = 0; i < m; i++)
    d[i] -= mean;
  *sharp = FALSE;
  period = acf_peak (d, m, MAX (s / few_min, max_lag), r_min, pulse_min, sharp);
  if (period > 0)
    return period;

  mean = 0;
  for (guint i = 0; i < s; i++)
    mean += x[i] / s;
  for (guint i = 0; i < s; i++)
    {
      stt += (i - tbar) * (i - tbar);
      sty += (i - tbar) * (x[i] - mean);
    }
  slope = sty / stt;
  for (guint i = 0; i < s; i++)
    d[i] = x[i] - mean - slope * (i - tbar);
  period = acf_peak (d, s, max_lag, r_min, pulse_min, sharp);
  *sharp = FALSE;
  return period;
}

/* The periodic part of a boot, fitted jointly with a line: a Fourier
 * basis at the cycle and its harmonics. */
#define HARM_MAX 6
#define BASIS_MAX (2 + 2 * HARM_MAX)

#define BIN_MAX 48

typedef struct
{
  double period;              /* hours */
  double mid;                 /* hours: the line's time origin */
  guint  harm[HARM_MAX];
  guint  n_harm;              /* > 0: a Fourier basis */
  double beta[BASIS_MAX];
  guint  n_bins;              /* > 0: one level per phase bin */
  double offset;              /* where the first bin starts, in bins */
  double level[BIN_MAX];
} Season;

/* The basis at H hours from the segment's start: 1, the time, then the
 * cosine and sine of each harmonic (by the angle-addition recurrence, one
 * sincos a snapshot). */
static guint
basis_row (const Season *z,
           double        h,
           double       *x)
{
  double a = 2 * G_PI * h / z->period, c1 = cos (a), s1 = sin (a), c = 1, sn = 0;
  guint k = 2, at = 0;

  x[0] = 1;
  x[1] = h - z->mid;
  for (guint j = 0; j < z->n_harm; j++)
    {
      while (at < z->harm[j])
        {
          double nc = c * c1 - sn * s1;

          sn = sn * c1 + c * s1;
          c = nc;
          at++;
        }
      x[k++] = c;
      x[k++] = sn;
    }
  return k;
}

/* Least squares of the segment on the basis (Cholesky of the normal
 * equations; a column that depends on the others is left out): fills
 * Z->beta and returns the residual sum of squares. */
static double
season_fit (PmLeakWork   *w,
            const double *values,
            guint         from,
            guint         to,
            Season       *z)
{
  double a[BASIS_MAX][BASIS_MAX], diag[BASIS_MAX], rhs[BASIS_MAX], x[BASIS_MAX], ts = (double) w->times[from];
  double y0 = values[from - w->first], rss = 0;
  gboolean dropped[BASIS_MAX];
  guint k = 2 + 2 * z->n_harm;

  memset (a, 0, sizeof a);
  memset (rhs, 0, sizeof rhs);
  for (guint i = from; i < to; i++)
    {
      double y = values[i - w->first] - y0;

      basis_row (z, ((double) w->times[i] - ts) / 3600.0, x);
      for (guint p = 0; p < k; p++)
        {
          for (guint q = 0; q <= p; q++)
            a[p][q] += x[p] * x[q];
          rhs[p] += x[p] * y;
        }
    }
  for (guint p = 0; p < k; p++)
    diag[p] = a[p][p];
  /* In place: the lower triangle becomes L, A = L L'. */
  for (guint j = 0; j < k; j++)
    {
      double d = a[j][j];

      for (guint q = 0; q < j; q++)
        d -= a[j][q] * a[j][q];
      dropped[j] = !(d > 1e-9 * diag[j]);
      a[j][j] = dropped[j] ? 1 : sqrt (d);
      for (guint i = j + 1; i < k; i++)
        {
          double v = a[i][j];

          for (guint q = 0; q < j; q++)
            v -= a[i][q] * a[j][q];
          a[i][j] = dropped[j] ? 0 : v / a[j][j];
        }
      if (dropped[j])
        for (guint q = 0; q < j; q++)
          a[j][q] = 0;
    }
  for (guint j = 0; j < k; j++)
    {
      double v = rhs[j];

      for (guint q = 0; q < j; q++)
        v -= a[j][q] * rhs[q];
      rhs[j] = dropped[j] ? 0 : v / a[j][j];
    }
  for (guint j = k; j-- > 0;)
    {
      double v = rhs[j];

      for (guint i = j + 1; i < k; i++)
        v -= a[i][j] * z->beta[i];
      z->beta[j] = dropped[j] ? 0 : v / a[j][j];
    }
  for (guint i = from; i < to; i++)
    {
      double fitted = 0, r;

      basis_row (z, ((double) w->times[i] - ts) / 3600.0, x);
      for (guint p = 0; p < k; p++)
        fitted += x[p] * z->beta[p];
      r = values[i - w->first] - y0 - fitted;
      rss += r * r;
    }
  return rss;
}

static guint
phase_bin (const Season *z,
           double        h)
{
  double f = h / z->period + z->offset / z->n_bins;

  return MIN ((guint) ((f - floor (f)) * z->n_bins), z->n_bins - 1);
}

/* Least squares of the segment on a line and one level per phase bin (the
 * classical regression on seasonal dummies: a sharp cycle, a sawtooth's
 * flush, is a step between two bins, where a few harmonics would ring):
 * fills Z->level (less their mean) and returns the residual sum of squares.
 * Within each bin the slope is that of time against the bin's own mean,
 * so one pass of sums gives it all. */
static double
bins_fit (PmLeakWork   *w,
          const double *values,
          guint         from,
          guint         to,
          Season       *z)
{
  double cnt[BIN_MAX] = { 0 }, st[BIN_MAX] = { 0 }, sy[BIN_MAX] = { 0 }, stt[BIN_MAX] = { 0 };
  double sty[BIN_MAX] = { 0 }, syy[BIN_MAX] = { 0 }, ts = (double) w->times[from];
  double y0 = values[from - w->first], num = 0, den = 0, slope, rss = 0, mean = 0;
  guint used = 0;

  for (guint i = from; i < to; i++)
    {
      double h = ((double) w->times[i] - ts) / 3600.0, t = h - z->mid, y = values[i - w->first] - y0;
      guint b = phase_bin (z, h);

      cnt[b]++;
      st[b] += t;
      sy[b] += y;
      stt[b] += t * t;
      sty[b] += t * y;
      syy[b] += y * y;
    }
  for (guint b = 0; b < z->n_bins; b++)
    if (cnt[b] > 0)
      {
        stt[b] -= st[b] * st[b] / cnt[b];
        sty[b] -= st[b] * sy[b] / cnt[b];
        syy[b] -= sy[b] * sy[b] / cnt[b];
        num += sty[b];
        den += stt[b];
      }
  slope = den > 0 ? num / den : 0;
  for (guint b = 0; b < z->n_bins; b++)
    {
      z->level[b] = 0;
      if (cnt[b] > 0)
        {
          rss += syy[b] - 2 * slope * sty[b] + slope * slope * stt[b];
          z->level[b] = (sy[b] - slope * st[b]) / cnt[b];
          mean += z->level[b];
          used++;
        }
    }
  for (guint b = 0; b < z->n_bins && used > 0; b++)
    if (cnt[b] > 0)
      z->level[b] -= mean / used;
  return MAX (rss, 0);
}

static double
season_rss (PmLeakWork   *w,
            const double *values,
            guint         from,
            guint         to,
            Season       *z)
{
  double best, at = z->offset;

  if (z->n_harm > 0)
    return season_fit (w, values, from, to, z);
  /* Bins: the flush may fall inside one, so a few starts are tried. */
  best = INFINITY;
  for (guint k = 0; k < 4; k++)
    {
      double r;

      z->offset = 0.25 * k;
      r = bins_fit (w, values, from, to, z);
      if (r < best)
        {
          best = r;
          at = z->offset;
        }
    }
  z->offset = at;
  return bins_fit (w, values, from, to, z);
}

/* The periodic part of Z at H hours. */
static double
season_at (const Season *z,
           double        h)
{
  double x[BASIS_MAX], v = 0;
  guint k;

  if (z->n_harm == 0)
    return z->level[phase_bin (z, h)];
  k = basis_row (z, h, x);
  for (guint p = 2; p < k; p++)
    v += x[p] * z->beta[p];
  return v;
}

/* The harmonics of a cycle of P snapshots that the sampling can tell
 * apart. Sampled every snapshot, harmonic h is a wave of h / P cycles a
 * snapshot folded into [0, ½] (aliasing): a cycle of 2.2 snapshots puts
 * its second harmonic at a slow wave of 11 snapshots, which the basis,
 * taken at the snapshots' times, then follows. A harmonic folded to fewer
 * than 1.5 waves over the boot would take the trend, one within a wave of
 * another over the boot would double it, and one near ½ is no wave. */
static guint
pick_harmonics (double p,
                guint  len,
                guint *harm)
{
  double used[HARM_MAX];
  guint n = 0;

  for (guint h = 1; h <= HARM_MAX && 4 * (2 + 2 * (n + 1)) <= len; h++)
    {
      double f = fmod (h / p, 1.0);
      gboolean ok;

      f = MIN (f, 1 - f);
      ok = f * len >= 1.5 && (0.5 - f) * len >= 0.5;
      for (guint j = 0; j < n && ok; j++)
        ok = fabs (f - used[j]) * len >= 1;
      if (ok)
        {
          used[n] = f;
          harm[n++] = h;
        }
    }
  return n;
}

/* The boot judged with its periodic part taken away: the cycle found is
 * refined by least squares (the autocorrelation gives it to about half a
 * sub-block, and over K cycles a relative error e moves the last cycle's
 * phase by K e), trend and cycle are fitted jointly, and the cycle's part
 * alone is subtracted from every snapshot. Blocks of what is left go
 * through the boot's tests as they are: its trend, its noise and their
 * autocorrelation are still there, only the cycle is gone. */
static gboolean
season_removed_fit (PmLeakWork    *w,
                    const double  *values,
                    guint          from,
                    guint          to,
                    guint          b0,
                    guint          b1,
                    double         period,
                    double         resolution,
                    double         min_rise,
                    double         zero_share,
                    PmLeakScratch *scratch,
                    PmLeakFit     *fit,
                    double        *limit)
{
  guint len = to - from, n_grid, best = 0, nb = b1 - b0;
  double ts = (double) w->times[from], te = (double) w->times[to - 1];
  double step_h = (te - ts) / 3600.0 / (len - 1), cycles, span, step, rss[33], best_rss;
  double y[SUB_MAX], low = INFINITY, high = -INFINITY;
  Season z;

  if (nb < w->th->min_points || nb > SUB_MAX)
    return FALSE;
  memset (&z, 0, sizeof z);
  z.mid = 0.5 * (te - ts) / 3600.0;
  /* A cycle of many snapshots: a level per phase bin, one snapshot wide;
   * a short one, whose phase drifts across the snapshots: harmonics. */
  if (period / step_h >= w->th->cycle_bins_min)
    {
      z.n_bins = (guint) MIN (floor (period / step_h), BIN_MAX);
      if (len < 2 * (z.n_bins + 1))
        return FALSE;
    }
  else if ((z.n_harm = pick_harmonics (period / step_h, len, z.harm)) == 0)
    return FALSE;
  cycles = len * step_h / period;
  span = MIN (2 * resolution, 0.2);
  /* Steps of at most an eighth of a cycle's phase over the boot, then a
   * finer grid around the best, then a parabola through its best three. */
  n_grid = (guint) CLAMP (ceil (16 * cycles * span), 4, 16) * 2 + 1;
  best_rss = INFINITY;
  for (guint stage = 0; stage < 2; stage++)
    {
      double centre = best_rss < INFINITY ? z.period : period, lo = centre * (1 - span);

      step = 2 * span / (n_grid - 1);
      best = 0;
      for (guint g = 0; g < n_grid; g++)
        {
          z.period = lo + g * step * centre;
          rss[g] = season_rss (w, values, from, to, &z);
          if (rss[g] < rss[best])
            best = g;
        }
      z.period = lo + best * step * centre;
      best_rss = rss[best];
      if (stage == 1 && best > 0 && best + 1 < n_grid)
        {
          double den = rss[best - 1] - 2 * rss[best] + rss[best + 1];

          if (den > 0)
            z.period = lo + (best + 0.5 * (rss[best - 1] - rss[best + 1]) / den) * step * centre;
        }
      span = step;
      n_grid = 9;
    }
  season_rss (w, values, from, to, &z);
  /* The periodic part only: the line stays in what is judged. */
  for (guint b = 0; b < nb; b++)
    {
      guint a0 = MAX (w->block_start[b0 + b], from), a1 = MIN (w->block_start[b0 + b + 1], to);
      double sum = 0;

      for (guint i = a0; i < a1; i++)
        {
          double v = season_at (&z, ((double) w->times[i] - ts) / 3600.0);

          sum += values[i - w->first] - v;
          low = MIN (low, v);
          high = MAX (high, v);
        }
      y[b] = a1 > a0 ? sum / (a1 - a0) : 0;
    }
  _pm_leak_fit (w->block_hours + b0, y, nb, min_rise, zero_share,
                PM_LEAK_SERIES_DERIVED, w->th, scratch, fit);
  fit->cycle_fitted = TRUE;
  /* Trend and cycle are told apart by where the cycle's sharp edges
   * fall, and the sampling knows that to a snapshot: a cycle fitted a
   * little too long or short moves the last cycles along their ramp
   * against the first, a climb of up to the cycle's range over its
   * snapshots for each snapshot of phase it drifts over the boot. Growth
   * that such a drift could make is not told from it. */
  *limit = w->th->cycle_phase_min * (high - low) / (z.period / step_h);
  if (fit->rise < *limit)
    fit->growing = fit->suspect = FALSE;
  return TRUE;
}

/* The boot over the means of whole cycles of PERIOD snapshots; the
 * typical hours a window spans, or 0 when there are too few. */
static double
cycle_means_fit (PmLeakWork    *w,
                 const double  *values,
                 guint          from,
                 guint          to,
                 double         period,
                 double         min_rise,
                 double         zero_share,
                 PmLeakScratch *scratch,
                 PmLeakFit     *fit)
{
  const PmLeakThresholds *th = w->th;
  guint len = to - from, n_cyc, per, n_win = 0, cap;
  double y[SUB_MAX], t[SUB_MAX], t0 = (double) w->times[w->first];
  double ts = (double) w->times[from], te = (double) w->times[to - 1], width, expected;

  n_cyc = (guint) floor (len / period);
  if (n_cyc < th->min_points)
    return 0;
  cap = MIN (MIN (th->max_points, scratch->capacity), SUB_MAX);
  per = (n_cyc + cap - 1) / cap;
  width = period * per;
  /* The typical time a window spans: one with a gap in the snapshots is
   * not a whole cycle. */
  expected = (te - ts) * width / (len - 1);

  for (guint j = 0; j < n_cyc / per; j++)
    {
      guint a = from + (guint) llround (j * width), b = from + (guint) llround ((j + 1) * width);
      double sum = 0, st = 0, span;

      b = MIN (b, to);
      if (b <= a)
        continue;
      span = (double) w->times[MIN (b, to - 1)] - (double) w->times[a];
      if (b == to)
        span *= (double) (b - a) / MAX (b - a - 1, 1);
      if (fabs (span - expected) > 0.25 * expected)
        continue;
      for (guint i = a; i < b; i++)
        {
          sum += values[i - w->first];
          st += (double) w->times[i] - t0;
        }
      y[n_win] = sum / (b - a);
      t[n_win] = st / (b - a) / 3600.0;
      if (n_win > 0 && t[n_win] <= t[n_win - 1])
        t[n_win] = t[n_win - 1] + 1e-6;
      n_win++;
    }
  if (n_win < th->min_points)
    return 0;
  _pm_leak_fit (t, y, n_win, min_rise, zero_share, PM_LEAK_SERIES_DERIVED, th, scratch, fit);
  /* Its blocks are cycles: growth is told from the segment's start. */
  fit->start = 0;
  return expected / 3600.0;
}

/**
 * _pm_leak_cycle_fit:
 * @tag: the tag (for PM_LEAK_DEBUG)
 * @values: the metric's values over the range (index 0 = w->first)
 * @from: the first snapshot of the boot's segment (absolute)
 * @to: one past its last
 * @b0: the segment's first block
 * @b1: one past its last
 * @fit: (out): the boot judged over the means of whole cycles, or with its
 *   cycle taken away
 *
 * Returns: the cycle in hours, or 0 when the boot shows no cycle (or too
 *   few whole ones); @fit is only set then
 */
double
_pm_leak_cycle_fit (PmLeakWork    *w,
                    guint          tag,
                    const double  *values,
                    guint          from,
                    guint          to,
                    guint          b0,
                    guint          b1,
                    double         min_rise,
                    double         zero_share,
                    PmLeakScratch *scratch,
                    PmLeakFit     *fit)
{
  const PmLeakThresholds *th = w->th;
  guint len = to - from, s = MIN (len, SUB_MAX);
  double sub[SUB_MAX], ts, te, period, hours, limit = 0;
  gboolean sharp = FALSE, debug = _pm_leak_debug_wanted (w, tag);

  if (len < 2)
    return 0;
  ts = (double) w->times[from];
  te = (double) w->times[to - 1];
  if (!(te > ts))
    return 0;
  for (guint j = 0; j < s; j++)
    {
      guint a = (guint) ((guint64) len * j / s), b = (guint) ((guint64) len * (j + 1) / s);
      double sum = 0;

      for (guint i = a; i < b; i++)
        sum += values[from + i - w->first];
      sub[j] = sum / (b - a);
    }
  period = find_cycle (sub, s, th->min_points, th->cycle_few, th->cycle_r_min, th->cycle_pulse_min,
                       &sharp);
  if (debug)
    g_printerr ("leak-debug %s cycle: snapshots %u..%u sub-blocks %u period %.2f sub-blocks%s\n",
                pm_dataset_get_tag_name (w->dataset, tag), from, to, s, period,
                sharp ? " (sharp)" : "");
  if (period <= 0)
    return 0;
  /* In snapshots: the sub-blocks are a fixed share of the boot's
   * snapshots, and whole cycles are counted in snapshots too (timing
   * jitter moves a snapshot across a boundary in time, and with a few
   * snapshots per cycle one too many or too few is a large error). */
  hours = cycle_means_fit (w, values, from, to, period * len / s, min_rise, zero_share, scratch, fit);
  if (hours > 0 && fit->growing)
    return hours;
  /* Too few cycles for their means, or cycles of a few snapshots whose
   * phase drifts across the sampling (their windows are then not whole
   * cycles): the cycle is fitted and taken away instead. */
  if (!sharp || len / (period * len / s) < th->cycle_few)
    return 0;
  hours = period * len / s * (te - ts) / (len - 1) / 3600.0;
  if (!season_removed_fit (w, values, from, to, b0, b1, hours, 0.5 / period, min_rise, zero_share,
                           scratch, fit, &limit))
    return 0;
  if (debug)
    g_printerr ("leak-debug %s cycle taken away: %s, z %.2f, clarity %.2f, drift z %.2f, "
                "rise %.4g (a drift of phase makes %.4g)\n",
                pm_dataset_get_tag_name (w->dataset, tag), fit->growing ? "grows" : "does not grow",
                fit->trend.z, fit->clarity, fit->drift_z, fit->rise, limit);
  return hours;
}
