/* pm-leak-reboot.c: a leak restarts at each boot; what each reboot gives back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A leak's outstanding objects are lost when the machine reboots: the tag
 * falls back to its floor and climbs again. What follows the workload does
 * not: after the reboot it is where the workload is, about where it was
 * before. So a reboot measures a leak directly, whatever the workload did
 * within the boots, and that is what the boots alone cannot always tell:
 * leaks in a group that all follow one workload (each explains the others'
 * climb away), a leak under a large workload, a staircase with a quiet boot.
 *
 * For a tag that is not already a leak, at each reboot it spans (present
 * from the reboot on), the level just before and just after are each
 * extrapolated from a line over the nearest blocks. It is a leak when at
 * every such reboot, reboots_min or more (one fall alone may be a cache
 * trimmed at that reboot), it fell by at least reboot_z_min standard errors
 * and by the metric's smallest rise, and
 *   - each fall is at least reboot_jump_ratio times the largest jump the
 *     same measure finds anywhere within its boots (a sawtooth, a burst or
 *     a workload moves so within a boot; a reboot's fall must stand out);
 *   - the boots before gained at least reboot_gained_min of what the
 *     reboots took, taken together (levels that only step down at a
 *     reboot gained nothing; a workload's moves within each boot mostly
 *     cancel out over several);
 *   - over all its boots the second halves rose at least steady_min of
 *     what the first halves rose (a cache also restarts at each boot, but
 *     gains most of it early).
 * Its rate is what the reboots took back over the hours since its boots
 * began (docs/leaks.md, "A leak restarts at each boot").
 */
#include "pm-leak-work.h"

#include <math.h>

/* The least-squares line through Y (N blocks at hours T): into *TBAR and
 * *YBAR the means, into *SLOPE its slope, into *STT Σ(t − t̄)². FALSE when
 * the times all equal. */
static gboolean
fit_line (const double *t,
          const double *y,
          guint         n,
          double       *tbar,
          double       *ybar,
          double       *slope,
          double       *stt)
{
  double sty = 0;

  *tbar = *ybar = *stt = 0;
  for (guint i = 0; i < n; i++)
    {
      *tbar += t[i] / n;
      *ybar += y[i] / n;
    }
  for (guint i = 0; i < n; i++)
    {
      *stt += (t[i] - *tbar) * (t[i] - *tbar);
      sty += (t[i] - *tbar) * (y[i] - *ybar);
    }
  *slope = *stt > 0 ? sty / *stt : 0;
  return *stt > 0;
}

/* The level of Y (N blocks at hours T) at hour AT from its least-squares
 * line, and that level's standard error, widened by √((1 + ρ)/(1 − ρ))
 * for the lag-1 autocorrelation ρ of what the line leaves. FALSE when N
 * is too small or the times all equal. */
static gboolean
edge_level (const double *t,
            const double *y,
            guint         n,
            double        at,
            double       *level,
            double       *se)
{
  double tbar, ybar, stt, slope, rss = 0, num = 0, prev = 0, rho;

  if (n < 4 || !fit_line (t, y, n, &tbar, &ybar, &slope, &stt))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      double e = y[i] - ybar - slope * (t[i] - tbar);

      rss += e * e;
      if (i > 0)
        num += e * prev;
      prev = e;
    }
  rho = rss > 0 ? CLAMP (num / rss, 0, 0.9) : 0;
  *level = ybar + slope * (at - tbar);
  *se = sqrt (rss / (n - 2) * (1.0 / n + (at - tbar) * (at - tbar) / stt) * (1 + rho) / (1 - rho));
  return isfinite (*level) && isfinite (*se);
}

/* The least-squares line's rise over Y (N blocks at hours T). */
static double
line_rise (const double *t,
           const double *y,
           guint         n)
{
  double tbar, ybar, stt, slope;

  return fit_line (t, y, n, &tbar, &ybar, &slope, &stt) ? slope * (t[n - 1] - t[0]) : 0;
}

/* Whether boot K of SERIES is one to measure: judged, with its first
 * block. */
static gboolean
measured (PmLeakWork         *w,
          const PmLeakSeries *series,
          guint               tag,
          guint               k)
{
  return _pm_leak_fit_judged (&series->fits[k])
         && w->seg_block[(gsize) tag * w->n_boots + k] != G_MAXUINT;
}

/* The largest jump within the measured boots of TAG: at every block
 * boundary with K blocks on either side in the same boot, the two lines'
 * levels there. */
static double
largest_jump (PmLeakWork         *w,
              const PmLeakSeries *series,
              guint               tag,
              const double       *means,
              guint               k)
{
  double largest = 0;

  for (guint b = 0; b < w->n_boots; b++)
    {
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + b], e0 = w->boot_block[b + 1];

      if (!measured (w, series, tag, b))
        continue;
      for (guint p = b0 + k; p + k <= e0; p++)
        {
          double at = 0.5 * (w->block_hours[p - 1] + w->block_hours[p]), l0, l1, se;

          if (edge_level (w->block_hours + p - k, means + p - k, k, at, &l0, &se)
              && edge_level (w->block_hours + p, means + p, k, at, &l1, &se))
            largest = MAX (largest, fabs (l0 - l1));
        }
    }
  return largest;
}

/**
 * _pm_leak_reboots_judge:
 * @a: the answer of TAG over metric M, changed in place
 *
 * Makes a leak of a tag that fell back at every reboot by what it had
 * gained in the boots before, steadily (see above). Returns whether it
 * did.
 */
gboolean
_pm_leak_reboots_judge (PmLeakWork   *w,
                        guint         m,
                        guint         tag,
                        PmLeakAnswer *a)
{
  const PmLeakThresholds *th = w->th;
  PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
  const double *means = _pm_leak_work_means (w, m, tag);
  double t0 = (double) w->times[w->first], min_rise = _pm_leak_min_rise (w, m);
  double gave = 0, var = 0, hours = 0, z_min = INFINITY, fall_min = INFINITY;
  double gained = 0, first = 0, second = 0;
  guint k = 16, n_reboots = 0, first_boot = G_MAXUINT;

  if (a->verdict == PM_LEAK_VERDICT_LEAK || w->n_boots < 2 || th->reboot_z_min <= 0)
    return FALSE;

  /* One number of blocks for every line: a quarter of the shortest boot
   * measured, 4 to 16. */
  for (guint b = 0; b < w->n_boots; b++)
    if (measured (w, series, tag, b))
      k = MIN (k, MAX ((w->boot_block[b + 1] - w->seg_block[(gsize) tag * w->n_boots + b]) / 4, 4));

  for (guint b = 0; b + 1 < w->n_boots; b++)
    {
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + b], e0 = w->boot_block[b + 1];
      guint c0 = w->seg_block[(gsize) tag * w->n_boots + b + 1], e1 = w->boot_block[b + 2];
      double at = ((double) w->times[w->boot_start[b + 1]] - t0) / 3600.0;
      double end, end_se, start, start_se, floor, floor_se, fall, se, since;

      /* Present from the reboot on, long enough on both sides. */
      if (!measured (w, series, tag, b) || !measured (w, series, tag, b + 1) || c0 != e0
          || e0 - b0 < 2 * k || e1 - c0 < 2 * k)
        continue;
      if (!edge_level (w->block_hours + e0 - k, means + e0 - k, k, at, &end, &end_se)
          || !edge_level (w->block_hours + c0, means + c0, k, at, &start, &start_se)
          || !edge_level (w->block_hours + b0, means + b0, k, w->block_hours[b0], &floor, &floor_se))
        return FALSE;
      fall = end - start;
      se = hypot (end_se, start_se);
      if (!(fall >= min_rise) || !(fall >= th->reboot_z_min * se))
        return FALSE;
      since = at - ((double) w->times[w->seg_snapshot[(gsize) tag * w->n_boots + b]] - t0) / 3600.0;
      if (!(since > 0))
        return FALSE;
      gave += fall;
      gained += end - floor;
      var += se * se;
      hours += since;
      z_min = MIN (z_min, fall / se);
      fall_min = MIN (fall_min, fall);
      if (first_boot == G_MAXUINT)
        first_boot = b;
      n_reboots++;
    }
  if (n_reboots < MAX (th->reboots_min, 1))
    return FALSE;
  /* Gained in the boots before: not levels lower after a reboot. */
  if (!(gained >= th->reboot_gained_min * gave))
    return FALSE;

  /* Steadily, over every boot measured: not a cache's curve. */
  for (guint b = 0; b < w->n_boots; b++)
    {
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + b], e0 = w->boot_block[b + 1], h;

      if (!measured (w, series, tag, b) || e0 - b0 < 2 * k)
        continue;
      h = b0 + (e0 - b0) / 2;
      first += line_rise (w->block_hours + b0, means + b0, h - b0);
      second += line_rise (w->block_hours + h, means + h, e0 - h);
    }
  if (!(second > 0) || (first > 0 && second < th->steady_min * first))
    return FALSE;

  /* Beyond anything it does within a boot. */
  {
    double jump = largest_jump (w, series, tag, means, k);

    if (_pm_leak_debug_wanted (w, tag))
      g_printerr ("leak-debug %s m%u reboots: %u fell, the least by %.4g (z %.1f); largest jump within "
                  "a boot %.4g\n",
                  pm_dataset_get_tag_name (w->dataset, tag), m, n_reboots, fall_min, z_min, jump);
    if (fall_min < th->reboot_jump_ratio * jump)
      return FALSE;
    a->reboot_jump = jump;
  }

  a->verdict = PM_LEAK_VERDICT_LEAK;
  a->pattern = PM_LEAK_PATTERN_GROWS;
  a->reboots = n_reboots;
  a->reboot_fall = gave / n_reboots;
  a->rate = gave / hours;
  a->rate_low = (gave - 1.96 * sqrt (var)) / hours;
  a->rate_high = (gave + 1.96 * sqrt (var)) / hours;
  a->growing = MAX (a->growing, n_reboots);
  a->boot = first_boot;
  a->start_snapshot = w->seg_snapshot[(gsize) tag * w->n_boots + first_boot];
  a->combined_z = 0;
  a->kin_climbed = a->paused = a->warming = FALSE;
  a->ran_less = 0;
  a->score = 66.5 + 33.5 * 0.5 * MIN (z_min, 15.0) / 15.0;
  series->by_reboots = TRUE;
  series->reboot_rate = a->rate;
  series->reboot_rate_low = a->rate_low;
  series->reboot_rate_high = a->rate_high;
  return TRUE;
}
