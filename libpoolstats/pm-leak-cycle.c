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
 */
#include "pm-leak-work.h"

#include <math.h>
#include <string.h>

#define SUB_MAX 128

/* The first clear peak of the autocorrelation of D (M centred values) at a
 * lag up to MAX_LAG, after its first dip below zero, refined by a
 * parabola, confirmed at twice the lag; 0 when there is none. */
static double
acf_peak (const double *d,
          guint         m,
          guint         max_lag,
          double        r_min)
{
  double r[SUB_MAX / 2 + 2], ss = 0, best = 0, lo, hi, den, delta;
  guint top, lag = 0, from = 2;

  for (guint i = 0; i < m; i++)
    ss += d[i] * d[i];
  if (!(ss > 0) || max_lag < 2)
    return 0;
  /* Lags up to twice the longest cycle, for its second harmonic. */
  top = MIN (MIN (2 * max_lag + 2, m - 1), G_N_ELEMENTS (r) - 1);
  for (guint k = 1; k <= top; k++)
    {
      double acc = 0;

      for (guint i = 0; i + k < m; i++)
        acc += d[i] * d[i + k];
      r[k] = acc / ss;
    }
  /* A persistent series (a walk's levels, a cache's or a burst's
   * increments, which change slowly) correlates with itself at every
   * short lag; a cycle's peak comes after a dip below 0. */
  while (from <= top && r[from] >= 0)
    from++;
  r_min = MAX (r_min, 4.0 / sqrt ((double) m));
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
  if (hi > top || MAX (r[(guint) lo], r[(guint) hi]) < 0.5 * best)
    return 0;
  return lag + delta;
}

/* The period, in sub-blocks (fractional), of X, or 0: from its increments
 * (a sharp cycle: a sawtooth's flushes are a pulse train) or else from its
 * levels without their line (a smooth cycle). */
static double
find_cycle (const double *x,
            guint         s,
            guint         cycles_min,
            double        r_min)
{
  double d[SUB_MAX], mean = 0, tbar = 0.5 * (s - 1), stt = 0, sty = 0, slope, period;
  guint m = s - 1, max_lag = s / MAX (cycles_min, 2);

  if (s < 12 || max_lag < 2)
    return 0;
  for (guint i = 0; i < m; i++)
    {
      d[i] = x[i + 1] - x[i];
      mean += d[i] / m;
    }
  for (guint i = 0; i < m; i++)
    d[i] -= mean;
  period = acf_peak (d, m, max_lag, r_min);
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
  return acf_peak (d, s, max_lag, r_min);
}

/**
 * _pm_leak_cycle_fit:
 * @tag: the tag (for PM_LEAK_DEBUG)
 * @values: the metric's values over the range (index 0 = w->first)
 * @from: the first snapshot of the boot's segment (absolute)
 * @to: one past its last
 * @fit: (out): the boot judged over the means of whole cycles
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
                    double         min_rise,
                    double         zero_share,
                    PmLeakScratch *scratch,
                    PmLeakFit     *fit)
{
  const PmLeakThresholds *th = w->th;
  guint len = to - from, s = MIN (len, SUB_MAX), n_cyc, per, n_win = 0, cap;
  double sub[SUB_MAX], y[SUB_MAX], t[SUB_MAX], t0 = (double) w->times[w->first];
  double ts = (double) w->times[from], te = (double) w->times[to - 1], period, width, expected;

  if (len < 2 || !(te > ts))
    return 0;
  for (guint j = 0; j < s; j++)
    {
      guint a = (guint) ((guint64) len * j / s), b = (guint) ((guint64) len * (j + 1) / s);
      double sum = 0;

      for (guint i = a; i < b; i++)
        sum += values[from + i - w->first];
      sub[j] = sum / (b - a);
    }
  period = find_cycle (sub, s, th->min_points, th->cycle_r_min);
  if (G_UNLIKELY (g_getenv ("PM_LEAK_DEBUG") != NULL)
      && (g_str_equal (g_getenv ("PM_LEAK_DEBUG"), "1")
          || g_str_equal (g_getenv ("PM_LEAK_DEBUG"), pm_dataset_get_tag_name (w->dataset, tag))))
    g_printerr ("leak-debug %s cycle: snapshots %u..%u sub-blocks %u period %.2f sub-blocks\n",
                pm_dataset_get_tag_name (w->dataset, tag), from, to, s, period);
  if (period <= 0)
    return 0;
  /* In snapshots: the sub-blocks are a fixed share of the boot's
   * snapshots, and whole cycles are counted in snapshots too (timing
   * jitter moves a snapshot across a boundary in time, and with a few
   * snapshots per cycle one too many or too few is a large error). */
  period *= (double) len / s;
  n_cyc = (guint) floor (len / period);
  if (n_cyc < th->min_points)
    return 0;
  cap = MIN (th->max_points, scratch->capacity);
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
  _pm_leak_fit (t, y, n_win, min_rise, zero_share, th, scratch, fit);
  return expected / 3600.0;
}
