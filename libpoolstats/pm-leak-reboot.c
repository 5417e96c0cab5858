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
 *     gains most of it early);
 *   - not every boot, each judged on its own, climbed clearly slower than
 *     the reboots took back (a cache warming up in its first blocks, in
 *     noise that hides its curve).
 * Its rate is what the reboots took back over the hours since its boots
 * began (docs/leaks.md, "A leak restarts at each boot").
 *
 * A leak found only beyond its peers' workload, some of whose peers fell
 * back at the reboots too (they leak: a group whose members all leak),
 * climbs beyond them at a rate that leaves their leak out; what its own
 * reboots took back is its rate when the two disagree.
 *
 * And a tag that is a leak by its boots but kept, at a reboot, what it
 * had gained in the boot before, climbed with something a reboot does not
 * free (a workload, a level that wanders): a suspect.
 */
#include "pm-leak-work.h"

#include <math.h>
#include <string.h>

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

  if (n < 4 || !_pm_leak_line (t, y, n, &tbar, &ybar, &slope, &stt))
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

  return _pm_leak_line (t, y, n, &tbar, &ybar, &slope, &stt) ? slope * (t[n - 1] - t[0]) : 0;
}

/* Whether SERIES grew only beyond its peers' workload: every boot that
 * grew was judged on what the peers leave. */
static gboolean
grew_beyond_peers (PmLeakWork         *w,
                   const PmLeakSeries *series)
{
  guint n = 0;

  for (guint k = 0; k < w->n_boots; k++)
    if (_pm_leak_fit_judged (&series->fits[k]) && series->fits[k].growing)
      {
        if (!series->fits[k].beyond_peers)
          return FALSE;
        n++;
      }
  return n > 0;
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

      if (!_pm_leak_work_measured (w, series, tag, b))
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

/* What the reboots of TAG over metric M took back. */
typedef struct
{
  guint  k;            /* blocks in each line: a quarter of the shortest boot, 4 to 16 */
  guint  n_reboots;    /* reboots measured */
  guint  first_boot;   /* the boot before the first of them */
  double gave;         /* the falls, summed */
  double var;          /* their variance, summed */
  double gained;       /* what the boots before gained from their floors, summed */
  double hours;        /* from each boot's start (the tag's first presence
                        * in it) to its reboot, summed */
  double z_min;        /* the least fall over its standard error */
  double fall_min;     /* the least fall */
} Falls;

/* The number of blocks in every line of TAG's reboots: a quarter of the
 * shortest boot measured, 4 to 16. */
static guint
edge_blocks (PmLeakWork         *w,
             const PmLeakSeries *series,
             guint               tag)
{
  guint k = 16;

  for (guint b = 0; b < w->n_boots; b++)
    if (_pm_leak_work_measured (w, series, tag, b))
      k = MIN (k, MAX ((w->boot_block[b + 1] - w->seg_block[(gsize) tag * w->n_boots + b]) / 4, 4));
  return k;
}

/* One reboot, the one that ends boot B, as TAG's levels saw it. */
typedef struct
{
  double at;           /* its moment, hours from the range's start */
  double end;          /* the level just before, from the boot's last k blocks */
  double start;        /* the level just after, from the next boot's first k blocks */
  double floor;        /* the level at boot B's first block, from its first k blocks */
  double fall;         /* end - start */
  double se;           /* the fall's standard error */
  double gap;          /* hours from the boot's last snapshot to the next boot's first */
  double spacing;      /* hours between the boot's last k blocks, on average */
} Edge;

/* Measures the reboot that ends boot B into E, with lines over K blocks.
 * Returns 0 when TAG does not span it (not measured on both sides, not
 * present from the reboot on, or under 2 K blocks on either side), -1
 * when a level could not be measured, 1 when it was. */
static int
reboot_edge (PmLeakWork         *w,
             const PmLeakSeries *series,
             guint               tag,
             const double       *means,
             guint               b,
             guint               k,
             Edge               *e)
{
  guint b0 = w->seg_block[(gsize) tag * w->n_boots + b], e0 = w->boot_block[b + 1];
  guint c0 = w->seg_block[(gsize) tag * w->n_boots + b + 1], e1 = w->boot_block[b + 2];
  double end_se, start_se, floor_se;

  if (!_pm_leak_work_measured (w, series, tag, b) || !_pm_leak_work_measured (w, series, tag, b + 1)
      || c0 != e0 || e0 - b0 < 2 * k || e1 - c0 < 2 * k)
    return 0;
  e->at = ((double) w->times[w->boot_start[b + 1]] - (double) w->times[w->first]) / 3600.0;
  if (!edge_level (w->block_hours + e0 - k, means + e0 - k, k, e->at, &e->end, &end_se)
      || !edge_level (w->block_hours + c0, means + c0, k, e->at, &e->start, &start_se)
      || !edge_level (w->block_hours + b0, means + b0, k, w->block_hours[b0], &e->floor, &floor_se))
    return -1;
  e->fall = e->end - e->start;
  e->se = hypot (end_se, start_se);
  e->gap = ((double) w->times[w->boot_start[b + 1]] - (double) w->times[w->boot_start[b + 1] - 1]) / 3600.0;
  e->spacing = (w->block_hours[e0 - 1] - w->block_hours[e0 - k]) / (k - 1);
  return 1;
}

/* Measures at each reboot TAG spans (reboot_edge()) the level just before
 * and just after, into F. FALSE when a level could not be measured, when
 * the boots before gained, taken together, under reboot_gained_min of
 * what the reboots took (levels that only step down at a reboot), or,
 * with Z_MIN finite, when some such reboot did not fall by at least Z_MIN
 * standard errors and the metric's least rise. */
static gboolean
reboot_falls (PmLeakWork         *w,
              guint               m,
              guint               tag,
              const PmLeakSeries *series,
              double              z_min,
              Falls              *f)
{
  const double *means = _pm_leak_work_means (w, m, tag);
  double t0 = (double) w->times[w->first], min_rise = _pm_leak_min_rise (w, m);

  memset (f, 0, sizeof *f);
  f->k = edge_blocks (w, series, tag);
  f->first_boot = G_MAXUINT;
  f->z_min = f->fall_min = INFINITY;

  for (guint b = 0; b + 1 < w->n_boots; b++)
    {
      double since;
      Edge e;
      int measured = reboot_edge (w, series, tag, means, b, f->k, &e);

      if (measured < 0)
        return FALSE;
      if (measured == 0)
        continue;
      if (isfinite (z_min) && (!(e.fall >= min_rise) || !(e.fall >= z_min * e.se)))
        return FALSE;
      since = e.at - ((double) w->times[w->seg_snapshot[(gsize) tag * w->n_boots + b]] - t0) / 3600.0;
      if (!(since > 0))
        return FALSE;
      f->gave += e.fall;
      f->gained += e.end - e.floor;
      f->var += e.se * e.se;
      f->hours += since;
      f->z_min = MIN (f->z_min, e.fall / e.se);
      f->fall_min = MIN (f->fall_min, e.fall);
      if (f->first_boot == G_MAXUINT)
        f->first_boot = b;
      f->n_reboots++;
    }
  return f->gained >= w->th->reboot_gained_min * f->gave;
}

/* The rate of what the reboots in F took back, with its 95 % interval. */
static void
falls_rate (const Falls *f,
            double      *rate,
            double      *low,
            double      *high)
{
  *rate = f->gave / f->hours;
  *low = (f->gave - 1.96 * sqrt (f->var)) / f->hours;
  *high = (f->gave + 1.96 * sqrt (f->var)) / f->hours;
}

/* That rate into A and SERIES (whose chart segments then climb at it). */
static void
set_rate (PmLeakSeries *series,
          const Falls  *f,
          PmLeakAnswer *a)
{
  falls_rate (f, &a->rate, &a->rate_low, &a->rate_high);
  series->rate_by_reboots = TRUE;
  series->reboot_rate = a->rate;
  series->reboot_rate_low = a->rate_low;
  series->reboot_rate_high = a->rate_high;
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
  double first = 0, second = 0;
  Falls f;

  if (a->verdict == PM_LEAK_VERDICT_LEAK || w->n_boots < 2 || th->reboot_z_min <= 0)
    return FALSE;
  /* Fell at every reboot, having gained it in the boots before. */
  if (!reboot_falls (w, m, tag, series, th->reboot_z_min, &f) || f.n_reboots < MAX (th->reboots_min, 1))
    return FALSE;

  /* Steadily, over every boot measured: not a cache's curve. */
  for (guint b = 0; b < w->n_boots; b++)
    {
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + b], e0 = w->boot_block[b + 1], h;

      if (!_pm_leak_work_measured (w, series, tag, b) || e0 - b0 < 2 * f.k)
        continue;
      h = b0 + (e0 - b0) / 2;
      first += line_rise (w->block_hours + b0, means + b0, h - b0);
      second += line_rise (w->block_hours + h, means + h, e0 - h);
    }
  if (!(second > 0) || (first > 0 && second < th->steady_min * first))
    return FALSE;

  /* Its boots climbed as fast: a leak gives back at a reboot what it
   * gained through the boot. When every boot measured, each judged on its
   * own, climbed clearly slower than the reboots took back (its slope's
   * 95 % interval below theirs), the tag gained it mostly at the boot's
   * start: a cache warming up in its first blocks, in noise that hides
   * its curve. (Boots judged beyond peers climbed beyond a workload, and
   * the reboots take the workload's part too: not asked.) */
  {
    double rate, low, high;
    guint n = 0, below = 0, beyond = 0;

    falls_rate (&f, &rate, &low, &high);
    for (guint b = 0; b < w->n_boots; b++)
      if (_pm_leak_work_measured (w, series, tag, b))
        {
          n++;
          below += series->fits[b].trend.slope_high < low;
          beyond += series->fits[b].beyond_peers;
        }
    if (_pm_leak_debug_wanted (w, tag))
      g_printerr ("leak-debug %s m%u reboots: %.4g/h (from %.4g), %u of %u boots climbed slower\n",
                  pm_dataset_get_tag_name (w->dataset, tag), m, rate, low, below, n);
    if (n > 0 && below == n && beyond == 0)
      return FALSE;
  }

  /* Beyond anything it does within a boot. */
  {
    double jump = largest_jump (w, series, tag, means, f.k);

    if (_pm_leak_debug_wanted (w, tag))
      g_printerr ("leak-debug %s m%u reboots: %u fell, the least by %.4g (z %.1f); largest jump within "
                  "a boot %.4g\n",
                  pm_dataset_get_tag_name (w->dataset, tag), m, f.n_reboots, f.fall_min, f.z_min, jump);
    if (f.fall_min < th->reboot_jump_ratio * jump)
      return FALSE;
    a->reboot_jump = jump;
  }

  a->verdict = PM_LEAK_VERDICT_LEAK;
  a->pattern = PM_LEAK_PATTERN_GROWS;
  set_rate (series, &f, a);
  a->reboots = f.n_reboots;
  a->reboot_fall = f.gave / f.n_reboots;
  a->growing = MAX (a->growing, f.n_reboots);
  a->boot = f.first_boot;
  a->start_snapshot = w->seg_snapshot[(gsize) tag * w->n_boots + f.first_boot];
  a->combined_z = 0;
  a->combined_after = 0;
  a->kin_climbed = a->paused = a->warming = FALSE;
  a->ran_less = 0;
  a->score = 66.5 + 33.5 * 0.5 * MIN (f.z_min, 15.0) / 15.0;
  return TRUE;
}

/* Whether some peer of TAG (SERIES over metric M) fell back at the
 * reboots it spans as a leak does: their falls summed reboot_peer_z_min
 * standard errors or more and at least the metric's least rise, the boots
 * before having gained reboot_gained_min of it, and each fall at least
 * reboot_jump_ratio times the largest jump within its boots. A workload
 * carries on through a reboot: what its tags seem to lose there is no more
 * than what they move anyway. */
static gboolean
peer_fell (PmLeakWork         *w,
           guint               m,
           guint               tag,
           const PmLeakSeries *series)
{
  const PmLeakThresholds *th = w->th;

  for (guint j = 0; j < series->n_peers; j++)
    {
      guint p = series->peers[j];
      const PmLeakSeries *peer = _pm_leak_work_series (w, m, p);
      double jump;
      Falls f;

      if (!reboot_falls (w, m, p, peer, NAN, &f) || f.n_reboots == 0
          || !(f.gave >= th->reboot_peer_z_min * sqrt (f.var)) || !(f.gave >= _pm_leak_min_rise (w, m)))
        continue;
      jump = largest_jump (w, peer, p, _pm_leak_work_means (w, m, p), f.k);
      if (_pm_leak_debug_wanted (w, tag))
        g_printerr ("leak-debug %s m%u: its peer %s fell by %.4g at %u reboots (z %.1f), the least by %.4g; "
                    "largest jump within a boot %.4g\n",
                    pm_dataset_get_tag_name (w->dataset, tag), m, pm_dataset_get_tag_name (w->dataset, p),
                    f.gave, f.n_reboots, f.gave / sqrt (f.var), f.fall_min, jump);
      if (f.fall_min >= th->reboot_jump_ratio * jump)
        return TRUE;
    }
  return FALSE;
}

/**
 * _pm_leak_reboots_rate:
 * @a: the answer of TAG over metric M, changed in place
 *
 * A leak found only beyond its peers' workload climbs there at a rate
 * measured against theirs, and when they leak too (a group whose members
 * all leak) that rate leaves their leak out. What its reboots gave back
 * measures the whole of it. When some peer fell back at the reboots
 * (peer_fell()), every reboot the tag spans fell clearly (see above; one
 * or more, the boots before having gained at least reboot_gained_min of
 * it) and the two rates disagree (their 95 % intervals apart), the rate
 * is the reboots'. Returns whether it changed.
 */
gboolean
_pm_leak_reboots_rate (PmLeakWork   *w,
                       guint         m,
                       guint         tag,
                       PmLeakAnswer *a)
{
  const PmLeakThresholds *th = w->th;
  PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
  double rate, low, high;
  Falls f;

  if (a->verdict != PM_LEAK_VERDICT_LEAK || a->reboots > 0 || w->n_boots < 2 || th->reboot_z_min <= 0
      || !grew_beyond_peers (w, series))
    return FALSE;
  if (!reboot_falls (w, m, tag, series, th->reboot_z_min, &f) || f.n_reboots == 0
      || !peer_fell (w, m, tag, series))
    return FALSE;
  falls_rate (&f, &rate, &low, &high);
  if (_pm_leak_debug_wanted (w, tag))
    g_printerr ("leak-debug %s m%u rate beyond its peers %.4g [%.4g %.4g], from %u reboots %.4g [%.4g %.4g]\n",
                pm_dataset_get_tag_name (w->dataset, tag), m, a->rate, a->rate_low, a->rate_high,
                f.n_reboots, rate, low, high);
  if (!(low > a->rate_high || high < a->rate_low))
    return FALSE;
  a->beyond_rate = a->rate;
  a->rate_reboots = f.n_reboots;
  set_rate (series, &f, a);
  return TRUE;
}

/* Whether some peer of TAG (SERIES over metric M) rose at the reboot
 * that ends boot B, clearly (1.96 standard errors) and by at least
 * reboot_jump_ratio times the largest jump within its own boots: a
 * workload that moved while the machine rebooted (or started again at
 * another level) may have lifted the tag there as much as its leak fell.
 * A leak never rises at a reboot. */
static gboolean
peer_rose (PmLeakWork         *w,
           guint               m,
           const PmLeakSeries *series,
           guint               b)
{
  for (guint j = 0; j < series->n_peers; j++)
    {
      guint p = series->peers[j];
      const PmLeakSeries *peer = _pm_leak_work_series (w, m, p);
      const double *means = _pm_leak_work_means (w, m, p);
      guint k = edge_blocks (w, peer, p);
      Edge e;

      if (reboot_edge (w, peer, p, means, b, k, &e) > 0 && -e.fall >= 1.96 * e.se
          && -e.fall >= w->th->reboot_jump_ratio * largest_jump (w, peer, p, means, k))
        return TRUE;
    }
  return FALSE;
}

/**
 * _pm_leak_reboots_kept:
 * @a: the answer of TAG over metric M, changed in place
 *
 * A leak's objects are freed at a reboot: what it gained in a boot, it
 * gives back there. A tag that is a leak by its boots climbed with
 * something that carries on through a reboot (a workload, a level that
 * wanders) when, at the reboot after one of its growing boots (the
 * machine off for no longer than a block's time), it kept what it had
 * gained there: that is, from where the boot's growth began,
 * at the boot's rate or the tag's, whichever is less (at least the
 * metric's least rise),
 *   - the fall's 95 % upper bound is under reboot_kept_max of it, and
 *   - what the fall fell short of it is at least reboot_jump_ratio times
 *     the largest jump within its boots (a reboot's shortfall must stand
 *     out from what the tag does anyway), and
 *   - no peer of the tag rose at that reboot (peer_rose(): a workload that
 *     moved meanwhile may have hidden the fall).
 * It is a suspect. Returns whether it was made one.
 */
gboolean
_pm_leak_reboots_kept (PmLeakWork   *w,
                       guint         m,
                       guint         tag,
                       PmLeakAnswer *a)
{
  const PmLeakThresholds *th = w->th;
  const PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
  const double *means = _pm_leak_work_means (w, m, tag);
  double jump = -1;
  guint k;

  if (a->verdict != PM_LEAK_VERDICT_LEAK || a->reboots > 0 || w->n_boots < 2 || th->reboot_kept_max <= 0)
    return FALSE;
  k = edge_blocks (w, series, tag);
  for (guint b = 0; b + 1 < w->n_boots; b++)
    {
      const PmLeakFit *fit = &series->fits[b];
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + b];
      double gained;
      Edge e;

      /* A reboot within about a block's time: the machine off for longer,
       * a workload may have moved meanwhile. */
      if (!_pm_leak_fit_judged (fit) || !fit->growing || fit->paces_differ
          || reboot_edge (w, series, tag, means, b, k, &e) <= 0 || !(e.gap <= e.spacing))
        continue;
      /* What it gained from where the boot's growth began, at the boot's
       * rate or at the tag's, whichever is less. */
      gained = MIN (a->rate, fit->trend.slope) * (e.at - w->block_hours[b0 + fit->start]);
      if (!(gained >= _pm_leak_min_rise (w, m)) || !(e.fall + 1.96 * e.se < th->reboot_kept_max * gained))
        continue;
      /* What the reboot kept stands out from what the tag moves anyway
       * within its boots. */
      if (jump < 0)
        jump = largest_jump (w, series, tag, means, k);
      if (_pm_leak_debug_wanted (w, tag))
        g_printerr ("leak-debug %s m%u: the reboot after boot %u took %.4g (se %.3g) of %.4g gained; "
                    "largest jump within a boot %.4g\n",
                    pm_dataset_get_tag_name (w->dataset, tag), m, b, e.fall, e.se, gained, jump);
      if (!(gained - e.fall >= th->reboot_jump_ratio * jump) || peer_rose (w, m, series, b))
        continue;
      _pm_leak_answer_to_suspect (a);
      a->kept = TRUE;
      a->kept_boot = b;
      a->kept_fall = e.fall;
      a->kept_gained = gained;
      return TRUE;
    }
  return FALSE;
}
