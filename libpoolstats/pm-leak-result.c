/* pm-leak-result.c: boots and metrics combined into verdicts, and the result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A metric's verdict is `leak` when the tag grew in some boot and every
 * judged boot from the first growing one on agrees: it grows too, or its
 * slope's interval still reaches consistent_share of the leak's rate (a
 * short or noisy boot), or it ran less (climbed slower, giving nothing
 * back: a staircase with fewer bursts there). A leak restarts at each
 * boot and does not stop by itself; it may start mid-run, so boots before
 * the first growing one do not count against it, but then, as when a later
 * boot's slope falls short of that share and only its interval reaches
 * it, the growing boots must be clear (clarity_partial, drift_z_partial,
 * or z_white_clear in white noise) unless two boots or more grow.
 * `suspect` when it grew in some boot or grew weakly; `none` otherwise.
 * With both metrics the stronger answer wins. The score is the verdict's
 * band (leak 66.5–100, suspect 33.5–66, none 0–33) plus the strength of
 * the evidence within it, so that sorting by score ranks every leak above
 * every suspect above the rest.
 */
#include "pm-leak-work.h"

#include <math.h>
#include <string.h>

struct _PmLeakResult
{
  gatomicrefcount  ref_count;
  PmDataset       *dataset;
  gboolean         both;
  PmMetric         metric;
  PmMetric         metrics[PM_LEAK_MAX_METRICS];
  guint            n_metrics;
  guint            first;
  guint            n_snapshots;
  guint            n_boots;
  guint            n_tags;
  PmLeakTag       *tags;
  guint           *ranking;
  PmLeakSegment   *segments;
  guint           *segment_offsets;   /* n_tags + 1 */
};

G_DEFINE_BOXED_TYPE (PmLeakResult, pm_leak_result, pm_leak_result_ref, pm_leak_result_unref)


static double
evidence (const PmLeakFit *fit)
{
  return 0.5 * MIN (fit->trend.z, 15.0) / 15.0 + 0.5 * MIN (fit->clarity, 20.0) / 20.0;
}

/* Whether FIT's slope reaches consistent_share of a leak's RATE (never, with
 * RATE NAN): the boot climbs with the leak. */
static gboolean
slope_reaches (PmLeakWork      *w,
               const PmLeakFit *fit,
               double           rate)
{
  return fit->trend.slope >= w->th->consistent_share * rate;
}

/* Whether at least the upper end of FIT's slope interval reaches
 * consistent_share of a leak's RATE (never, with RATE NAN): the boot does
 * not rule the leak's pace out. */
static gboolean
interval_reaches (PmLeakWork      *w,
                  const PmLeakFit *fit,
                  double           rate)
{
  return fit->trend.slope_high >= w->th->consistent_share * rate;
}

/* Whether a boot that climbed at under consistent_share of the leak's
 * rate still ran with it: its slope's interval above zero and nothing it
 * gained given back (asymmetry z at least ran_less_asym_z), or, on the
 * tag's own series, a clear rise of its own (the trend's z corrected for
 * autocorrelation at least ran_less_z: a staircase's noise falls between
 * its few bursts, and its asymmetry z stays low). A staircase's boot with
 * fewer bursts than the others climbs so, a leak whose code ran less often
 * there; a walk, a workload or a burst gives some of its climb back, and a
 * cache in a long boot contradicts by levelling off whatever this says. It
 * agrees only weakly. Beyond its peers, what the workload leaves is not
 * enough: a group member that only follows a load rising and falling
 * climbs clearly there in the boot the load rose
 * (test-leak /group-rise-fall). */
static gboolean
ran_less (PmLeakWork      *w,
          const PmLeakFit *fit)
{
  return fit->trend.slope_low > 0
         && (fit->asym_z >= w->th->ran_less_asym_z || (!fit->beyond_peers && fit->trend.z >= w->th->ran_less_z));
}

/* Whether FIT ran less (ran_less()) than a leak at RATE: its slope under
 * consistent_share of it (never, with RATE NAN). */
static gboolean
ran_slower (PmLeakWork      *w,
            const PmLeakFit *fit,
            double           rate)
{
  return fit->trend.slope < w->th->consistent_share * rate && ran_less (w, fit);
}

/* Whether FIT keeps pace with a leak at RATE: its slope's interval reaches
 * consistent_share of it, or it ran less. */
static gboolean
keeps_pace (PmLeakWork      *w,
            const PmLeakFit *fit,
            double           rate)
{
  return interval_reaches (w, fit, rate) || ran_less (w, fit);
}

/* Whether FIT levels off only by its noise: not plainly, and no cache's
 * curve fits it better than level_fit_ratio of the growth line's
 * residuals (a short boot levels off whenever its last third is flat,
 * pm-leak-fit.c). It is judged by its range as a flat boot is: under the
 * least rise of the growing boots, the leaking code did not run there. */
static gboolean
levels_off_by_noise (PmLeakWork      *w,
                     const PmLeakFit *fit)
{
  return fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF
         && !_pm_leak_levels_off_plainly (fit, w->th) && fit->curve_fit > w->th->level_fit_ratio;
}

/* Whether FIT's whole range stays below idle_max of LEAST_RISE, the least
 * rise of the growing boots (none when no boot grew): small beside the
 * leak's climbs. */
static gboolean
small_beside_climbs (PmLeakWork      *w,
                     const PmLeakFit *fit,
                     double           least_rise)
{
  return isfinite (least_rise) && fit->amplitude < w->th->idle_max * least_rise;
}

/* Whether FIT's shape is one an idle boot may have, its range being small
 * beside the leak's climb (moved_little()): flat, or, within that range, a
 * level step, a burst given back, weak growth, or levelling off only by
 * its noise. A leak whose rate follows the machine's work adds a few
 * objects in a quiet boot, in whatever shape their noise gives them, as
 * the boots before the leak began may (quiet_before()). Not a boot that
 * wanders, follows its workload or falls (leak_not_run() asks more of
 * those), is mostly zero, or levels off plainly (a cache warms up again at
 * each boot). */
static gboolean
idle_shape (PmLeakWork      *w,
            const PmLeakFit *fit)
{
  switch (fit->pattern)
    {
    case PM_LEAK_PATTERN_FLAT:
    case PM_LEAK_PATTERN_STEP:
    case PM_LEAK_PATTERN_GIVEN_BACK:
    case PM_LEAK_PATTERN_GROWS_WEAKLY:
      return TRUE;
    case PM_LEAK_PATTERN_LEVELS_OFF:
      return levels_off_by_noise (w, fit);
    default:
      return FALSE;
    }
}

/* Whether FIT, a boot after the first growing one, is a burst given back
 * over a range under idle_max of LEAST_RISE (the least climb of the
 * growing boots) whose slope's interval still reaches consistent_share of
 * the leak's RATE (keeps_pace()): a boot too short or too noisy to show
 * the leak, a few hours of a month-long soak test, which a burst of work
 * of that size does not make a contradiction. In a boot long enough for
 * the leak to have added four times that range, the same burst makes the
 * boot idle (moved_little()); as large as a quarter of the climbs, it
 * still contradicts. */
static gboolean
small_burst (PmLeakWork      *w,
             const PmLeakFit *fit,
             double           rate,
             double           least_rise)
{
  return fit->pattern == PM_LEAK_PATTERN_GIVEN_BACK && small_beside_climbs (w, fit, least_rise)
         && keeps_pace (w, fit, rate);
}

/* A boot that levels off (a cache warming up) contradicts a leak at RATE,
 * unless it does not plainly (_pm_leak_levels_off_plainly()) and its
 * slope's interval still reaches consistent_share of the rate. */
static gboolean
levels_off_contradicts (PmLeakWork      *w,
                        const PmLeakFit *fit,
                        double           rate)
{
  return fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF
         && (_pm_leak_levels_off_plainly (fit, w->th) || !keeps_pace (w, fit, rate))
         && !levels_off_by_noise (w, fit);
}

/* Whether two judged boots or more of SERIES level off along a cache's
 * curve that leaves at most cache_curves_max of the growth line's
 * residuals. One such boot in a short boot may be a leak's noise (3 % of
 * the leaks' boots that level off do it); two are a cache warming up again
 * at each boot, however short its boots and whatever their slopes. */
static gboolean
levels_off_in_boots (PmLeakWork         *w,
                     const PmLeakSeries *series)
{
  guint n = 0;

  for (guint k = 0; k < w->n_boots; k++)
    n += series->fits[k].pattern == PM_LEAK_PATTERN_LEVELS_OFF
         && series->fits[k].curve_fit <= w->th->cache_curves_max;
  return n >= 2;
}

/* One level step up that never gives anything back (its asymmetry z at
 * least asym_z_suspect) and whose slope reaches consistent_share of the
 * rate is a staircase's boot with one large burst, not a contradiction;
 * nor is a step up in a short boot (under 4 × min_points blocks, where
 * "flat before and after" is a few blocks of noise either side) whose
 * slope's interval still reaches consistent_share of the rate. */
static gboolean
step_contradicts (PmLeakWork      *w,
                  const PmLeakFit *fit,
                  double           rate)
{
  return fit->pattern == PM_LEAK_PATTERN_STEP
         && !(fit->rise > 0 && fit->asym_z >= w->th->asym_z_suspect
              && slope_reaches (w, fit, rate))
         && !(fit->rise > 0 && fit->n < 4 * w->th->min_points
              && interval_reaches (w, fit, rate))
         && !(fit->rise > 0 && ran_less (w, fit));
}

/* A boot that says "not a leak" whatever the others do. */
static gboolean
contradicts (PmLeakWork      *w,
             const PmLeakFit *fit,
             double           rate)
{
  return step_contradicts (w, fit, rate) || fit->pattern == PM_LEAK_PATTERN_GIVEN_BACK
         || fit->pattern == PM_LEAK_PATTERN_MOSTLY_ZERO || fit->pattern == PM_LEAK_PATTERN_FALLS
         || levels_off_contradicts (w, fit, rate);
}

/* Whether some boot grew on its own, not only beside its workload group
 * (pm-leak-peers.c): a rate measured against the group's carries the
 * group's own trend or leaves the least peer's out, so with such a boot
 * beside it, the rate is that of the boots that grew on their own. */
static gboolean
grew_on_its_own (PmLeakWork         *w,
                 const PmLeakSeries *series)
{
  for (guint k = 0; k < w->n_boots; k++)
    if (_pm_leak_fit_judged (&series->fits[k]) && series->fits[k].growing && !series->fits[k].group)
      return TRUE;
  return FALSE;
}

/* Whether the tag grew in one boot of two or more, and there most of its
 * kin climbed too. A group whose members leak grows in every boot, each
 * member beside the others: only growth in one boot alone is in doubt. */
static gboolean
grew_only_with_kin (PmLeakWork         *w,
                    guint               m,
                    guint               tag,
                    const PmLeakSeries *series)
{
  guint n_judged = 0, n_growing = 0, grown = 0;

  for (guint k = 0; k < w->n_boots; k++)
    if (_pm_leak_fit_judged (&series->fits[k]))
      {
        n_judged++;
        if (series->fits[k].growing)
          {
            n_growing++;
            grown = k;
          }
      }
  return n_judged >= 2 && n_growing == 1 && _pm_leak_kin_climbed (w, m, tag, grown);
}

/* Whether the slopes of the judged boots from boot FROM on (the growing
 * ones, with GROWING_ONLY; a leak's rate is the same in every boot)
 * differ beyond their intervals: Cochran's Q, Σ (b_k − b̄)² / se_k²
 * with b̄ the inverse-variance mean and se_k a quarter of the 95 %
 * interval's width, against χ² with (boots − 1) degrees of freedom
 * (Wilson–Hilferty), heterogeneous above rate_hetero_z when the largest
 * slope is also more than rate_ratio_max times the smallest. A cache's slope
 * shrinks with the boot's length; a leak's does not. A boot that ran
 * slower than RATE (ran_slower(); NAN: none) is left out: a staircase's
 * rate is that of its bursts; so is one whose growth beyond its peers was
 * of another pace (paces_differ: its slope is its own climb, workload and
 * all). */
static gboolean
rates_differ (PmLeakWork         *w,
              const PmLeakSeries *series,
              guint               from,
              gboolean            growing_only,
              double              rate)
{
  double sw = 0, swb = 0, q = 0, df, x, lo = INFINITY, hi = -INFINITY;
  gboolean own = growing_only && grew_on_its_own (w, series);
  guint k_used = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint k = from; k < w->n_boots; k++)
      {
        const PmLeakFit *fit = &series->fits[k];
        double se = (fit->trend.slope_high - fit->trend.slope_low) / 3.92, wk;

        if (!_pm_leak_fit_judged (fit) || (growing_only && !fit->growing) || (own && fit->group) || !(se > 0)
            || fit->paces_differ || ran_slower (w, fit, rate))
          continue;
        wk = 1 / (se * se);
        if (pass == 0)
          {
            sw += wk;
            swb += wk * fit->trend.slope;
            lo = MIN (lo, fit->trend.slope);
            hi = MAX (hi, fit->trend.slope);
            k_used++;
          }
        else
          q += wk * (fit->trend.slope - swb / sw) * (fit->trend.slope - swb / sw);
      }
  /* Rates within a factor rate_ratio_max of each other are one leak's
   * whatever their intervals (a leak's rate follows the load, a
   * staircase's the bursts). */
  if (k_used < 2 || lo * w->th->rate_ratio_max >= hi)
    return FALSE;
  df = k_used - 1;
  x = (cbrt (q / df) - (1 - 2 / (9 * df))) / sqrt (2 / (9 * df));
  return x > w->th->rate_hetero_z;
}

/* Whether FIT's whole range stays below idle_max of what a leak at RATE
 * would have added over the boot: the leaking code did not run there. */
static gboolean
still_beside (PmLeakWork      *w,
              const PmLeakFit *fit,
              double           rate)
{
  return rate > 0 && fit->amplitude < w->th->idle_max * rate * fit->hours;
}

/* Whether FIT's whole range stays below idle_max both of LEAST_RISE (the
 * least rise of the growing boots) and of what a leak at RATE would have
 * added over it (still_beside()): the tag moved little beside the leak,
 * before it started (quiet_before()) or where its code did not run (an
 * idle boot, leak_agrees()). */
static gboolean
moved_little (PmLeakWork      *w,
              const PmLeakFit *fit,
              double           rate,
              double           least_rise)
{
  return small_beside_climbs (w, fit, least_rise) && still_beside (w, fit, rate);
}

/* Quiet before the leak started: a boot before the first growing one that
 * moved (levelled off, fell, stepped, gave back, wandered), but over a
 * range below idle_max of LEAST_RISE (the least rise of the growing boots)
 * and of what the leak's RATE would have added over it. A leak that
 * started in a later boot (a driver loaded, a test begun) leaves earlier
 * boots to the tag's own small moves; a cache fills to about the same
 * level in every boot, so its range in a boot that levelled off is not
 * small beside its rise in one that had not yet (and a long boot that
 * levelled off is never quiet: a cache's plainest sign, however small its
 * range in one metric). */
static gboolean
quiet_before (PmLeakWork      *w,
              const PmLeakFit *fit,
              double           rate,
              double           least_rise)
{
  if (fit->pattern == PM_LEAK_PATTERN_MOSTLY_ZERO || fit->growing || !(rate > 0)
      || (fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF && fit->n >= 4 * w->th->min_points))
    return FALSE;
  return moved_little (w, fit, rate, least_rise);
}

/* Whether FIT, a boot before the first that rose, leaves room for a leak
 * at RATE that started after it: flat (no climb, no wander) over a range
 * under LEAST_RISE, the least rise of the boots that rose, or quiet
 * (quiet_before()). A boot that fell, wandered or levelled off over more
 * than that moved with something else; a cache would have warmed up there
 * too. */
static gboolean
before_leak_started (PmLeakWork      *w,
                     const PmLeakFit *fit,
                     double           rate,
                     double           least_rise)
{
  return !fit->inconclusive
         && ((fit->pattern == PM_LEAK_PATTERN_FLAT && !fit->suspect && fit->amplitude < least_rise)
             || quiet_before (w, fit, rate, least_rise));
}

/* The z at which one of N_JUDGED boots falls against a leak: the normal
 * quantile that one of them, independent, passes by chance as seldom as
 * one boot passes -z_suspect (Šidák's bound, N at most fall_boots_max).
 * Over weeks of boots, one of a dozen where the leaking code did not run
 * (or had not started) falls at z_suspect by chance one time in four. */
static double
falls_at_z (PmLeakWork *w,
            guint       n_judged)
{
  guint n = CLAMP (n_judged, 1, MAX (w->th->fall_boots_max, 1));
  double p = -expm1 (log1p (-0.5 * erfc (w->th->z_suspect / G_SQRT2)) / n), lo = -40, hi = 0;

  /* The normal quantile of P, by bisection: Φ(z) = erfc (-z / √2) / 2. */
  for (guint i = 0; i < 64; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (0.5 * erfc (-mid / G_SQRT2) > p)
        hi = mid;
      else
        lo = mid;
    }
  return MIN (hi, -w->th->z_suspect);
}

/* Whether FIT, a boot after the first growing one, shows no sign of a
 * leak at RATE at all: no climb (not even a suspect's), its slope's
 * interval below consistent_share of the rate (keeps_pace() says no), and
 * flat, wandering, following its workload (its peers explain its moves)
 * or falling weakly (WEAK_FALL, falls_at_z()) over a range under
 * LEAST_RISE, the least rise of the growing boots, or falling over a range
 * that moved_little(). The code that leaks did not run there: over weeks
 * of boots, the test that drives it is not run in each, and a leak that
 * follows the machine's work hardly runs in a quiet boot. A cache would
 * have warmed up again, a workload that climbed with the leak falls back
 * as far, a walk wanders as far as it climbs elsewhere. Beside such a
 * boot, leak_agrees() asks not_run_clear_min growing boots that are clear,
 * or not_run_growing_min that grow: a walk that starts again at each boot
 * grows in one now and then, and a cache that warmed up in a few boots
 * alone (whatever fills it ran there) only followed its workload in the
 * others. */
static gboolean
leak_not_run (PmLeakWork      *w,
              const PmLeakFit *fit,
              double           rate,
              double           least_rise,
              gboolean         weak_fall)
{
  if (fit->growing || fit->suspect || keeps_pace (w, fit, rate))
    return FALSE;
  if (fit->pattern == PM_LEAK_PATTERN_FLAT || fit->pattern == PM_LEAK_PATTERN_WANDERS
      || fit->pattern == PM_LEAK_PATTERN_WORKLOAD || weak_fall || levels_off_by_noise (w, fit))
    return fit->amplitude < least_rise;
  return fit->pattern == PM_LEAK_PATTERN_FALLS && moved_little (w, fit, rate, least_rise);
}

/* The boots' evidence combined rather than counted, over the judged boots
 * from boot FIRST on: when two boots or more are judged, none contradicts a
 * leak or levels off (unless short and never falling: asym_z at least
 * asym_z_suspect, clarity at least clarity_min), none grows only with its
 * workload group (pm-leak-peers.c: one boot cannot tell that from a
 * workload that climbed), each rises at a rate whose interval reaches
 * consistent_share of their common rate (the mean weighted by blocks) or
 * ran less (ran_less(), beside two boots or more that reach it; left out of
 * the rates' agreement), the Stouffer combination Σ √n_k z_k / √Σ n_k of
 * their corrected z reaches z_combined, the common rate's interval (theirs
 * weighted by blocks; a boot judged beyond its peers counts the loadings'
 * uncertainty there, its z does not) lies above zero, and the combination
 * of their drift z, each as a normal score (_pm_leak_drift_normal(): in a
 * short boot the drift z itself is heavier-tailed), reaches
 * drift_z_combined or that of their asymmetry z asym_z_leak (under a
 * driftless random walk the scores of independent boots combine to about a
 * standard normal), or else every boot's residuals are white, or revert
 * (Dickey–Fuller t at most revert_t_max, or revert_t_combined with the
 * boot's slope interval above zero) under a corrected z of at least
 * z_leak (a walk seldom leaves them so around a line in one boot, as for
 * one boot's z_white and revert_t_max, and far more seldom in each; in
 * boots under 32 blocks, white residuals revert fast too, and there a
 * weak z is not enough). Boots before FIRST must each be
 * before_leak_started(), and then, the evidence being of fewer boots,
 * every boot from FIRST on must rise clearly (fit->suspect), one grow by
 * itself, and none level off or wander
 * at all (a cache loaded later warms up in each boot after it, and a short
 * boot's curve is mostly noise). Returns the combined z, or 0; only when
 * they combine do *RATE, *RATE_LOW and *RATE_HIGH get the common rate and
 * interval.
 */
static double
combined_from (PmLeakWork         *w,
               const PmLeakSeries *series,
               guint               first,
               double             *rate,
               double             *rate_low,
               double             *rate_high)
{
  const PmLeakThresholds *th = w->th;
  double sw = 0, sz = 0, sd = 0, sa = 0, sr = 0, srl = 0, srh = 0, z, common, least_rise = INFINITY;
  guint judged_boots = 0, rising = 0, growing = 0, at_rate = 0, slower = 0;
  gboolean white_boots = TRUE;

  for (guint k = first; k < w->n_boots; k++)
    {
      const PmLeakFit *fit = &series->fits[k];

      if (!_pm_leak_fit_judged (fit))
        continue;
      /* Weaker evidence than a count of growing boots: every boot must
       * rise, none may level off unless it is short and never gave
       * anything back (a staircase with no burst in its last third), and
       * none may rise only as its workload group did. */
      if (fit->inconclusive || fit->paces_differ || fit->trend.slope <= 0
          || (fit->group && !fit->growing)
          || (first > 0 && (!fit->suspect || fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF
                            || fit->pattern == PM_LEAK_PATTERN_WANDERS))
          || (fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF
              && (_pm_leak_levels_off_plainly (fit, w->th) || fit->asym_z < th->asym_z_suspect
                  || fit->clarity < th->clarity_min)))
        return 0;
      judged_boots++;
      growing += fit->growing;
      /* Residuals that revert as one boot's route asks (revert_t_max),
       * or more slowly (revert_t_combined) with the boot's own slope
       * interval above zero: the z of a boot judged beyond its peers does
       * not count the uncertainty of their loadings, its interval does. */
      white_boots &= _pm_leak_white_trend (fit, fit->n, th, -INFINITY)
                     || _pm_leak_revert_trend (fit, fit->n, th, th->z_leak, th->revert_t_max)
                     || (_pm_leak_revert_trend (fit, fit->n, th, th->z_leak, th->revert_t_combined)
                         && fit->trend.slope_low > 0);
      rising += fit->suspect;
      least_rise = MIN (least_rise, fit->rise);
      sw += fit->n;
      sz += sqrt (fit->n) * fit->trend.z;
      sd += sqrt (fit->n) * _pm_leak_drift_normal (fit->drift_z, fit->n);
      sa += sqrt (fit->n) * fit->asym_z;
      sr += fit->n * fit->trend.slope;
      srl += fit->n * fit->trend.slope_low;
      srh += fit->n * fit->trend.slope_high;
    }
  if (judged_boots < 2 || rising == 0 || (first > 0 && growing == 0))
    return 0;
  /* The rates are the caller's only when the boots combine: a tag that
   * stays a suspect keeps the rate of its own boot, with its interval. */
  common = sr / sw;
  for (guint k = 0; k < first; k++)
    if (_pm_leak_fit_judged (&series->fits[k])
        && !before_leak_started (w, &series->fits[k], common, least_rise))
      return 0;
  for (guint k = first; k < w->n_boots; k++)
    {
      const PmLeakFit *fit = &series->fits[k];

      if (!_pm_leak_fit_judged (fit))
        continue;
      if (contradicts (w, fit, common))
        return 0;
      /* A boot that ran less joins only beside two boots or more that
       * reach the rate: the evidence is theirs. */
      if (interval_reaches (w, fit, common))
        at_rate++;
      else if (ran_less (w, fit))
        slower++;
      else
        return 0;
    }
  if ((slower > 0 && at_rate < 2) || rates_differ (w, series, first, FALSE, common))
    return 0;
  z = sz / sqrt (sw);
  if (z < th->z_combined || !(srl > 0)
      || (sd / sqrt (sw) < th->drift_z_combined && sa / sqrt (sw) < th->asym_z_leak
          && !white_boots))
    return 0;
  *rate = common;
  *rate_low = srl / sw;
  *rate_high = srh / sw;
  return z;
}

/* Unless the boots level off as a cache's do (levels_off_in_boots()),
 * combined_from() over every judged boot; failing that, over those from
 * the first that rises (fit->suspect), the judged boots before it left out
 * (*LEFT_OUT of them): a leak that began in a later boot (after a driver
 * update) is judged on the boots it ran in. */
static double
combined_z (PmLeakWork         *w,
            const PmLeakSeries *series,
            double             *rate,
            double             *rate_low,
            double             *rate_high,
            guint              *left_out)
{
  double z;
  guint first = 0, n_before = 0;

  *left_out = 0;
  if (levels_off_in_boots (w, series))
    return 0;
  z = combined_from (w, series, 0, rate, rate_low, rate_high);
  if (z > 0)
    return z;
  while (first < w->n_boots && !(_pm_leak_fit_judged (&series->fits[first]) && series->fits[first].suspect))
    n_before += _pm_leak_fit_judged (&series->fits[first++]);
  if (n_before == 0 || first == w->n_boots
      || (z = combined_from (w, series, first, rate, rate_low, rate_high)) == 0)
    return 0;
  *left_out = n_before;
  return z;
}

/* The judged boots that ran slower than a leak at RATE (ran_slower()). */
static guint
count_ran_less (PmLeakWork         *w,
                const PmLeakSeries *series,
                double              rate)
{
  guint n = 0;

  for (guint k = 0; k < w->n_boots; k++)
    n += _pm_leak_fit_judged (&series->fits[k]) && ran_slower (w, &series->fits[k], rate);
  return n;
}

/* Whether FIT, a growing boot, climbed clearly as a staircase does: a
 * strong trend (z_white) that never fell back by more than the noise (its
 * asymmetry z at least asym_z_partial; a walk falls as much as it rises)
 * and did not slow down (its last third at twice steady_min of its slope
 * or more), on the tag's own block averages (not on what its peers leave,
 * its floors or its cycle's means, smoother than the tag, whose asymmetry
 * z says less), over 2 × min_points blocks or more. Its jumps keep its
 * clarity and drift z low, however plain the climb. */
static gboolean
stairs_clear (PmLeakWork      *w,
              const PmLeakFit *fit)
{
  return fit->n >= 2 * w->th->min_points && fit->asym_z >= w->th->asym_z_partial
         && fit->trend.z >= w->th->z_white && fit->steady >= 2 * w->th->steady_min
         && fit->kind == PM_LEAK_SERIES_OWN;
}

/* FALSE, and with PM_LEAK_DEBUG for TAG, why the boots do not agree on a
 * leak at RATE over metric M (WHY, of boot K, or of them all when K is
 * G_MAXUINT). */
static gboolean
disagree (PmLeakWork *w,
          guint       m,
          guint       tag,
          guint       k,
          double      rate,
          const char *why)
{
  if (!_pm_leak_debug_wanted (w, tag))
    return FALSE;
  if (k == G_MAXUINT)
    g_printerr ("leak-debug %s m%u: the boots do not agree on a leak at %.4g: %s\n",
                pm_dataset_get_tag_name (w->dataset, tag), m, rate, why);
  else
    g_printerr ("leak-debug %s m%u: the boots do not agree on a leak at %.4g: boot %u %s\n",
                pm_dataset_get_tag_name (w->dataset, tag), m, rate, k, why);
  return FALSE;
}

/* The judged boots of SERIES that stayed still beside its growing ones:
 * at least still_boots_min boots that do not grow, each moving over a range
 * under still_share of LEAST_RISE, the least climb of the growing boots,
 * and no other; otherwise 0. Into *N_CLEAR, the growing boots clear by
 * clarity_partial or by drift_z_partial + 1 (a short boot otherwise asks
 * both, leak_agrees()). A walk or a workload that made those climbs would
 * have moved as far in some other boot; a leak that began in the last
 * boot (a driver updated after weeks) or ran in a few boots alone leaves
 * the others to the tag's noise. */
static guint
still_elsewhere (PmLeakWork         *w,
                 const PmLeakSeries *series,
                 double              least_rise,
                 guint              *n_clear)
{
  guint n_still = 0;

  *n_clear = 0;
  for (guint k = 0; k < w->n_boots; k++)
    {
      const PmLeakFit *fit = &series->fits[k];

      if (!_pm_leak_fit_judged (fit))
        continue;
      if (fit->growing)
        *n_clear += fit->clarity >= w->th->clarity_partial || fit->drift_z >= w->th->drift_z_partial + 1;
      else if (fit->amplitude < w->th->still_share * least_rise)
        n_still++;
      else
        return 0;
    }
  return n_still >= w->th->still_boots_min ? n_still : 0;
}

/* Whether FIT fell on its own while its workload fell further, and
 * beyond that workload climbed at a leak's RATE (paces_differ, its slope
 * there within a factor 1 / consistent_share of RATE either way), beside
 * a boot that grew by itself (LEAST_RISE, the least rise of those, is
 * finite once one did): a leak beneath a workload that fell through the
 * boot, as the day's does through an evening. A pool trimmed more slowly
 * than its peers falls so too; none of its boots grows by itself, and a
 * cache warming up more slowly than its peers slows down (levels off)
 * rather than falls. */
static gboolean
fell_beneath_load (PmLeakWork      *w,
                   const PmLeakFit *fit,
                   double           rate,
                   double           least_rise)
{
  return fit->paces_differ && fit->pattern == PM_LEAK_PATTERN_FALLS && isfinite (least_rise) && isfinite (rate)
         && fit->beyond.slope_high >= w->th->consistent_share * rate
         && fit->beyond.slope_low <= rate / w->th->consistent_share;
}

/* Whether the boots agree on a leak: from the first growing boot on, each
 * grows or is consistent with the rate; with boots that do not grow, the
 * growing ones are clear, or one is, beside boots that stayed still
 * (still_elsewhere()). A boot that fell less than its workload, climbing
 * beyond it at the rate (fell_beneath_load()), counts as growing, beside a
 * boot that grew by itself. Into *IDLE_BOOTS, the boots after the first
 * growing one where the leak did not run (idle, or leak_not_run()), into
 * *STILL_BOOTS those that stayed still and into *BENEATH_BOOTS those that
 * fell beneath their workload, for the reason. */
static gboolean
leak_agrees (PmLeakWork   *w,
             guint         m,
             guint         tag,
             PmLeakSeries *series,
             double        rate,
             guint        *idle_boots,
             guint        *still_boots,
             guint        *beneath_boots)
{
  gboolean seen = FALSE, weak = FALSE, clear = TRUE;
  guint n_growing = 0, n_judged = 0, n_clear = 0, n_idle = 0, n_not_run = 0, n_all = 0, n_beneath = 0;
  guint n_still, n_clear_still = 0;
  double sw = 0, sd = 0, sa = 0, least_rise = INFINITY, fall_z;

  if (levels_off_in_boots (w, series))
    return disagree (w, m, tag, G_MAXUINT, rate, "levels off along a cache's curve in two boots or more");
  for (guint k = 0; k < w->n_boots; k++)
    if (_pm_leak_fit_judged (&series->fits[k]))
      {
        n_all++;
        if (series->fits[k].growing && !series->fits[k].paces_differ)
          least_rise = MIN (least_rise, series->fits[k].rise);
      }
  fall_z = falls_at_z (w, n_all);

  for (guint k = 0; k < w->n_boots; k++)
    {
      const PmLeakFit *fit = &series->fits[k];
      /* A fall one of this many boots makes by chance says nothing
       * against a leak (falls_at_z()). */
      gboolean weak_fall = fit->pattern == PM_LEAK_PATTERN_FALLS && fit->trend.z > fall_z;

      if (!_pm_leak_fit_judged (fit))
        continue;
      /* Growth beyond peers of another pace (pm-leak-peers.c): neither a
       * growing boot nor a contradiction, and the growing boots must
       * carry the verdict by themselves; unless the tag fell there less
       * than its workload, at the rate of a boot that grew by itself. */
      if (fit->paces_differ)
        {
          if (fell_beneath_load (w, fit, rate, least_rise))
            {
              n_judged++;
              n_growing++;
              n_beneath++;
              continue;
            }
          weak = TRUE;
          continue;
        }
      /* It says nothing either way: the growing boots must be clear. */
      if (!seen && quiet_before (w, fit, rate, least_rise))
        {
          weak = TRUE;
          continue;
        }
      n_judged++;
      sw += fit->n;
      sd += sqrt (fit->n) * fit->drift_z;
      sa += sqrt (fit->n) * fit->asym_z;
      /* A cache levels off in any boot; a leak never does. */
      if (levels_off_contradicts (w, fit, rate))
        return disagree (w, m, tag, k, rate, "levels off");
      if (fit->growing)
        {
          gboolean this_clear;

          /* Growing boots agree on the rate too; one that ran less
           * agrees only weakly, and is not counted as growing. */
          if (!interval_reaches (w, fit, rate))
            {
              if (!ran_less (w, fit))
                return disagree (w, m, tag, k, rate, "grows at another rate");
              weak = TRUE;
              continue;
            }
          /* Clear: a clean climb, or a strong trend in white noise (no
           * walk leaves white residuals around a line); in a short boot
           * (under 4 × min_points blocks, where a walk makes a clean climb
           * more easily) clean and steep; or a staircase's climb
           * (stairs_clear()). */
          this_clear = (fit->n >= 4 * w->th->min_points
                        ? fit->clarity >= w->th->clarity_partial || fit->drift_z >= w->th->drift_z_partial
                          || _pm_leak_white_trend (fit, fit->n, w->th, w->th->z_white_clear)
                        : fit->clarity >= w->th->clarity_partial && fit->drift_z >= w->th->drift_z_partial + 1)
                       || stairs_clear (w, fit);
          clear &= this_clear;
          n_clear += this_clear;
          seen = TRUE;
          n_growing++;
          continue;
        }
      if (fit->inconclusive)
        {
          /* It says neither yes nor no: the growing boots must carry the
           * verdict by themselves. */
          weak = TRUE;
          continue;
        }
      if (!seen)
        {
          /* A leak that started in a later boot leaves this one flat, not
           * falling: a tag that falls clearly in one boot and climbs in
           * others moves with something else (the day's workload). Nor
           * does it leave it moving over a range beyond what the leak
           * added in a growing boot, without climbing at the leak's rate:
           * a tag that wanders that far wanders (a walk, a workload). */
          if ((fit->pattern == PM_LEAK_PATTERN_FALLS && !weak_fall)
              || (!fit->suspect && fit->amplitude >= least_rise && !keeps_pace (w, fit, rate)))
            return disagree (w, m, tag, k, rate, "falls or moves too far, before the first that grows");
          /* A leak that started in a later boot: possible, but then the
           * growth must be clear (unless this boot grew a little too). */
          weak |= !fit->suspect && !(fit->pattern == PM_LEAK_PATTERN_STEP
                                     && !step_contradicts (w, fit, rate));
          continue;
        }
      /* Idle: its whole range far below what the leak would have added
       * over it and below idle_max of the least rise of the growing boots
       * (moved_little()), in a shape idle_shape() allows. A leak runs
       * with the code that leaks, and a boot where that code did not run
       * says nothing either way; a cache would have warmed up again, a
       * walk would have wandered, and a tag that moves by a fair share of
       * what it climbed (a sawtooth's fills, beside a short boot that held
       * one fill and no flush) has not climbed beyond its own moves. */
      if (idle_shape (w, fit) && moved_little (w, fit, rate, least_rise))
        {
          weak = TRUE;
          n_idle++;
          continue;
        }
      /* No sign of the leak at all, over a wider range: asked of the
       * growing boots below. */
      if (leak_not_run (w, fit, rate, least_rise, weak_fall))
        {
          weak = TRUE;
          n_not_run++;
          continue;
        }
      /* A small burst given back where the leak would have added too
       * little to show: it says nothing either way. */
      if (small_burst (w, fit, rate, least_rise))
        {
          weak = TRUE;
          continue;
        }
      if (!weak_fall && contradicts (w, fit, rate))
        return disagree (w, m, tag, k, rate, "contradicts it");
      if (!keeps_pace (w, fit, rate))
        return disagree (w, m, tag, k, rate, weak_fall ? "falls, weakly, over the least rise or more" : "does not keep pace");
      /* Its slope itself near the rate: it agrees; only its interval: it
       * merely does not contradict, and the growing boots must be clear. */
      weak |= !slope_reaches (w, fit, rate);
    }
  if (rates_differ (w, series, 0, TRUE, rate))
    return disagree (w, m, tag, G_MAXUINT, rate, "the growing boots' rates differ");
  /* Boots that did not grow beside one that did: unless that one is
   * clear, the boots together must still beat a random walk (Stouffer's
   * drift or asymmetry z, as for the combined evidence). */
  if (seen && n_growing < n_judged && n_growing < 2 && !clear
      && sd / sqrt (sw) < w->th->drift_z_combined && sa / sqrt (sw) < w->th->asym_z_leak)
    return disagree (w, m, tag, G_MAXUINT, rate, "one boot grows, not clearly, and together they do not beat a walk");
  /* Beside boots where the leak did not run, the growing boots carry it
   * by their number or their clarity (leak_not_run()); beside boots that
   * all stayed still, by a clarity that one bar shows (still_elsewhere()). */
  n_still = seen ? still_elsewhere (w, series, least_rise, &n_clear_still) : 0;
  if (n_not_run > 0 && n_clear < w->th->not_run_clear_min && n_growing < w->th->not_run_growing_min)
    {
      if (n_still == 0 || n_clear_still < w->th->not_run_clear_min)
        return disagree (w, m, tag, G_MAXUINT, rate, "too few growing boots beside those where it did not run");
      *still_boots = n_still;
    }
  *idle_boots = n_idle + n_not_run;
  *beneath_boots = n_beneath;
  /* Two boots or more that grow are evidence enough of their own. */
  if (seen && (!weak || clear || n_growing >= 2))
    return TRUE;
  if (n_growing == 1 && n_still > 0 && n_clear_still == 1)
    {
      *still_boots = n_still;
      return TRUE;
    }
  return disagree (w, m, tag, G_MAXUINT, rate, "one boot grows, not clearly, beside boots that cannot tell");
}

/* Whether boot K, where TAG appeared after the boot began (loaded mid-run),
 * grew from then on as a cache warming up does: slowing down (its last
 * third at under twice steady_min of its slope) along a smooth saturating
 * curve that leaves at most pause_fit_ratio of the line's residuals. A
 * cache loaded late, with little of the boot left after it, has not yet
 * levelled off; a leak loaded late keeps its pace. */
static gboolean
warming_since_loaded (PmLeakWork    *w,
                      guint          m,
                      guint          tag,
                      guint          k,
                      PmLeakScratch *scratch)
{
  guint b0 = w->seg_block[(gsize) tag * w->n_boots + k], b1 = w->boot_block[k + 1];
  double steady, ratio;

  if (b0 == G_MAXUINT || w->seg_snapshot[(gsize) tag * w->n_boots + k] <= w->boot_start[k])
    return FALSE;
  ratio = _pm_leak_curve_ratio (w->block_hours + b0, _pm_leak_work_means (w, m, tag) + b0, b1 - b0,
                                scratch, &steady);
  if (_pm_leak_debug_wanted (w, tag))
    g_printerr ("leak-debug %s m%u boot %u since it appeared: curve/line %.2f, steady %.2f\n",
                pm_dataset_get_tag_name (w->dataset, tag), m, k, ratio, steady);
  return steady < 2 * w->th->steady_min && ratio <= w->th->pause_fit_ratio;
}

/* How much better a cache's curve fits TAG's boots over metric M than a
 * line does: _pm_leak_curve_ratio() of each judged boot from the tag's
 * first presence in it, the mean weighted by blocks; with AFTER > 0, of
 * the boots after the first AFTER judged ones (left out of the combined
 * evidence), each from where its growth began. */
static double
boots_curve_ratio (PmLeakWork    *w,
                   guint          m,
                   guint          tag,
                   guint          after,
                   PmLeakScratch *scratch)
{
  const PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
  double sum = 0, steady;
  guint n = 0, judged = 0;

  for (guint k = 0; k < w->n_boots; k++)
    {
      guint b0 = w->seg_block[(gsize) tag * w->n_boots + k], b1 = w->boot_block[k + 1];

      if (_pm_leak_fit_judged (&series->fits[k]) && judged++ < after)
        continue;
      if (!_pm_leak_work_measured (w, series, tag, k))
        continue;
      /* After boots left out (a leak that began later), from where the
       * boot began to grow: a cache loaded mid-boot warms up from there. */
      if (after > 0)
        b0 += series->fits[k].start;
      sum += (b1 - b0) * _pm_leak_curve_ratio (w->block_hours + b0, _pm_leak_work_means (w, m, tag) + b0,
                                               b1 - b0, scratch, &steady);
      n += b1 - b0;
    }
  return n > 0 ? sum / n : 1;
}

static void
answer_metric (PmLeakWork    *w,
               guint          m,
               guint          tag,
               PmLeakScratch *scratch,
               PmLeakAnswer  *a)
{
  PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
  guint n_rates = 0, n_paused = 0, n_warming = 0, idle_boots = 0, still_boots = 0, beneath_boots = 0;
  double ev = 0, best_ev = 0, best_z = -INFINITY, curve;
  gboolean any_suspect = FALSE, any_present = FALSE, own = grew_on_its_own (w, series);
  gboolean rate_elsewhere = FALSE;

  memset (a, 0, sizeof *a);
  a->rate = a->rate_low = a->rate_high = NAN;
  a->boot = G_MAXUINT;
  a->start_snapshot = G_MAXUINT;

  /* A boot whose growth beyond its peers was of another pace
   * (paces_differ: its own climb, workload and all, stands) says neither
   * yes nor no to a leak (leak_agrees()), nor what its rate is, when
   * another growing boot does. */
  for (guint k = 0; k < w->n_boots; k++)
    rate_elsewhere |= _pm_leak_fit_judged (&series->fits[k]) && series->fits[k].growing
                      && !series->fits[k].paces_differ && !(own && series->fits[k].group);
  for (guint k = 0; k < w->n_boots; k++)
    {
      const PmLeakFit *fit = &series->fits[k];

      if (_pm_leak_debug_wanted (w, tag))
        g_printerr ("leak-debug %s m%u boot %u: %s n %u start %u slope %.4g [%.4g %.4g] z %.2f zp %.2f f %.1f "
                    "rise %.4g steady %.2f clarity %.2f drift %.2f asym %.2f ret %.2f rho1 %.2f df %.2f gb %.2f step %.2f amp %.4g pause %u "
                    "cf %.3f\n",
                    pm_dataset_get_tag_name (w->dataset, tag), m, k,
                    pm_leak_pattern_to_string (fit->pattern), fit->n, fit->start, fit->trend.slope,
                    fit->trend.slope_low, fit->trend.slope_high, fit->trend.z, fit->trend.z_plain,
                    fit->trend.factor, fit->rise, fit->steady, fit->clarity, fit->drift_z, fit->asym_z,
                    fit->returned, fit->rho1, fit->revert_t,
                    fit->given_back, fit->step_ratio, fit->amplitude, fit->pause, fit->curve_fit);
      any_present |= fit->pattern != PM_LEAK_PATTERN_ABSENT;
      if (!_pm_leak_fit_judged (fit))
        continue;
      a->judged++;
      if (fit->growing)
        {
          a->growing++;
          n_paused += fit->pause > 0;
          n_warming += warming_since_loaded (w, m, tag, k, scratch);
          ev += evidence (fit);
          if (a->boot == G_MAXUINT || !series->fits[a->boot].growing)
            a->boot = k;
          if (!(own && fit->group) && !(fit->paces_differ && rate_elsewhere))
            {
              a->rate = n_rates ? a->rate + fit->trend.slope : fit->trend.slope;
              a->rate_low = n_rates ? a->rate_low + fit->trend.slope_low : fit->trend.slope_low;
              a->rate_high = n_rates ? a->rate_high + fit->trend.slope_high : fit->trend.slope_high;
              n_rates++;
            }
        }
      if (fit->suspect)
        {
          any_suspect = TRUE;
          best_ev = MAX (best_ev, evidence (fit));
        }
      if (fit->trend.z > best_z && (a->boot == G_MAXUINT || !series->fits[a->boot].growing))
        {
          best_z = fit->trend.z;
          a->boot = k;
        }
    }

  if (a->judged == 0)
    {
      a->pattern = any_present ? PM_LEAK_PATTERN_TOO_SHORT : PM_LEAK_PATTERN_ABSENT;
      return;
    }
  if (n_rates > 0)
    {
      a->rate /= n_rates;
      a->rate_low /= n_rates;
      a->rate_high /= n_rates;
    }
  else
    {
      const PmLeakTrend *tr = &series->fits[a->boot].trend;

      a->rate = tr->slope;
      a->rate_low = tr->slope_low;
      a->rate_high = tr->slope_high;
    }

  {
    const PmLeakFit *fit = &series->fits[a->boot];
    guint b0 = w->seg_block[(gsize) tag * w->n_boots + a->boot];

    a->pattern = fit->pattern;
    a->z = fit->trend.z;
    a->amplitude = fit->amplitude;
    a->given_back = fit->given_back;
    a->steady = fit->steady;
    if (b0 != G_MAXUINT && (fit->growing || fit->suspect))
      a->start_snapshot = w->block_start[b0 + fit->start];
  }

  /* Growth that stopped in every boot it grew in: a line, then flat, is a
   * leak that paused or a cache that filled to its cap (a lookaside list
   * at its depth), and a boot cannot tell which. The last part of each
   * boot no longer grows: a suspect, not a leak. */
  if (a->growing > 0 && n_paused == a->growing)
    {
      a->verdict = PM_LEAK_VERDICT_SUSPECT;
      a->paused = TRUE;
      a->score = 33.5 + 32.5 * ev / a->growing;
    }
  /* Growth only from its first appearance, slowing along a cache's
   * curve: a cache loaded mid-run that had too little of the boot left to
   * level off, or a leak; a suspect. */
  else if (a->growing > 0 && n_warming == a->growing)
    {
      a->verdict = PM_LEAK_VERDICT_SUSPECT;
      a->warming = TRUE;
      a->score = 33.5 + 32.5 * ev / a->growing;
    }
  /* Growth in one boot alone, where most of the tags it moves with
   * climbed too: a workload group rising together, or a leak; that boot
   * cannot tell which (pm-leak-peers.c, _pm_leak_kin_climbed()). */
  else if (a->growing > 0 && leak_agrees (w, m, tag, series, a->rate, &idle_boots, &still_boots,
                                              &beneath_boots))
    {
      a->kin_climbed = grew_only_with_kin (w, m, tag, series);
      a->verdict = a->kin_climbed ? PM_LEAK_VERDICT_SUSPECT : PM_LEAK_VERDICT_LEAK;
      if (a->kin_climbed)
        a->score = 33.5 + 32.5 * ev / a->growing;
      else
        {
          a->pattern = PM_LEAK_PATTERN_GROWS;
          a->score = 66.5 + 33.5 * (ev / a->judged) * a->growing / a->judged;
          a->ran_less = count_ran_less (w, series, a->rate);
          a->not_run = idle_boots;
          a->still = still_boots;
          a->beneath = beneath_boots;
        }
    }
  else if ((a->combined_z = combined_z (w, series, &a->rate, &a->rate_low, &a->rate_high,
                                           &a->combined_after)) > 0
           && a->growing > 0 && grew_only_with_kin (w, m, tag, series))
    {
      a->verdict = PM_LEAK_VERDICT_SUSPECT;
      a->kin_climbed = TRUE;
      a->combined_z = 0;
      a->combined_after = 0;
      a->score = 33.5 + 32.5 * ev / a->growing;
    }
  /* Boots that only together make a leak, each climbing along a cache's
   * curve: caches that warm up again after every reboot, in boots too
   * short or too noisy for any to level off clearly; a suspect. */
  else if (a->combined_z > 0 && w->th->curve_combined_max > 0
           && (curve = boots_curve_ratio (w, m, tag, a->combined_after, scratch)) <= w->th->curve_combined_max)
    {
      a->verdict = PM_LEAK_VERDICT_SUSPECT;
      a->curve_ratio = MAX (curve, G_MINDOUBLE);
      a->score = 33.5 + 32.5 * MAX (ev, best_ev) / a->judged;
    }
  else if (a->combined_z > 0)
    {
      a->verdict = PM_LEAK_VERDICT_LEAK;
      a->pattern = PM_LEAK_PATTERN_GROWS;
      a->ran_less = count_ran_less (w, series, a->rate);
      a->score = 66.5 + 33.5 * MAX (ev, best_ev) / a->judged * MAX (a->growing, 1) / a->judged;
      a->score = MAX (a->score, 66.5 + 33.5 * 0.5 * MIN (a->combined_z, 15.0) / 15.0 / a->judged);
    }
  else if (a->growing > 0 || any_suspect)
    {
      a->verdict = PM_LEAK_VERDICT_SUSPECT;
      if (a->growing > 0)
        best_ev = MAX (best_ev, ev / a->growing);
      a->score = 33.5 + 32.5 * best_ev;
    }
  else
    a->score = 33.0 * CLAMP (best_z, 0, 6) / 6.0 * 0.99;
}

static void
fill_segments (PmLeakWork    *w,
               guint          tag,
               PmLeakSegment *seg,
               guint         *n_seg)
{
  double t0 = (double) w->times[w->first];

  for (guint m = 0; m < w->n_metrics; m++)
    for (guint k = 0; k < w->n_boots; k++)
      {
        const PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
        const PmLeakFit *fit = &series->fits[k];
        guint b0 = w->seg_block[(gsize) tag * w->n_boots + k];
        PmLeakSegment *s;
        guint start;

        if (!_pm_leak_work_measured (w, series, tag, k))
          continue;
        s = &seg[(*n_seg)++];
        start = w->block_start[b0 + fit->start];
        s->metric = w->metrics[m];
        s->boot = k;
        s->first_snapshot = w->seg_snapshot[(gsize) tag * w->n_boots + k];
        s->last_snapshot = w->boot_start[k + 1] - 1;
        s->start_time = w->times[start];
        s->end_time = w->times[s->last_snapshot];
        s->slope = fit->trend.slope;
        s->slope_low = fit->trend.slope_low;
        s->slope_high = fit->trend.slope_high;
        s->start_value = fit->trend.intercept + fit->trend.slope * ((double) s->start_time - t0) / 3600.0;
        s->z = fit->trend.z;
        s->pattern = fit->pattern;
        s->growing = fit->growing;
        /* A leak whose rate is what its reboots gave back: what it added
         * since the boot began, whatever the workload did on top. */
        if (series->rate_by_reboots)
          {
            s->start_time = w->times[w->block_start[b0]];
            s->start_value = _pm_leak_work_means (w, m, tag)[b0];
            s->slope = series->reboot_rate;
            s->slope_low = series->reboot_rate_low;
            s->slope_high = series->reboot_rate_high;
            s->growing = TRUE;
          }
      }
}

static int
by_score (const void *a,
          const void *b,
          gpointer    data)
{
  const PmLeakTag *tags = data;
  const PmLeakTag *x = &tags[*(const guint *) a], *y = &tags[*(const guint *) b];

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->tag < y->tag ? -1 : x->tag > y->tag;
}

PmLeakResult *
_pm_leak_result_new (PmLeakWork          *w,
                     const PmLeakOptions *options)
{
  PmLeakResult *r = g_new0 (PmLeakResult, 1);
  PmLeakScratch scratch;
  g_autofree PmLeakAnswer *answers = NULL;
  g_autofree guint8 *best = NULL;
  guint n_seg = 0;

  g_atomic_ref_count_init (&r->ref_count);
  r->dataset = g_object_ref (w->dataset);
  r->both = options->both;
  r->metric = options->metric;
  r->n_metrics = w->n_metrics;
  memcpy (r->metrics, w->metrics, sizeof r->metrics);
  r->first = w->first;
  r->n_snapshots = w->n;
  r->n_boots = w->n_boots;
  r->n_tags = w->n_tags;
  r->tags = g_new0 (PmLeakTag, w->n_tags);
  r->ranking = g_new (guint, MAX (w->n_tags, 1));
  r->segments = g_new0 (PmLeakSegment, (gsize) MAX (w->n_tags, 1) * w->n_boots * w->n_metrics);
  r->segment_offsets = g_new0 (guint, w->n_tags + 1);
  _pm_leak_scratch_init (&scratch, MAX (w->th->max_points, 2 * w->th->min_points) + 2);
  answers = g_new0 (PmLeakAnswer, w->n_tags);
  best = g_new0 (guint8, w->n_tags);

  for (guint tag = 0; tag < w->n_tags; tag++)
    {
      PmLeakTag *t = &r->tags[tag];
      PmLeakAnswer metric_answers[PM_LEAK_MAX_METRICS];

      t->tag = tag;
      t->bytes_per_hour = t->bytes_per_hour_low = t->bytes_per_hour_high = NAN;
      t->allocs_per_hour = t->allocs_per_hour_low = t->allocs_per_hour_high = NAN;
      for (guint m = 0; m < w->n_metrics; m++)
        {
          PmLeakSeries *series = _pm_leak_work_series (w, m, tag);

          answer_metric (w, m, tag, &scratch, &metric_answers[m]);
          if (!_pm_leak_reboots_kept (w, m, tag, &metric_answers[m])
              && !_pm_leak_reboots_judge (w, m, tag, &metric_answers[m]))
            _pm_leak_reboots_rate (w, m, tag, &metric_answers[m]);
          if (metric_answers[m].score > metric_answers[best[tag]].score)
            best[tag] = m;
          if (pm_metric_is_bytes (w->metrics[m]))
            {
              t->bytes_per_hour = metric_answers[m].rate;
              t->bytes_per_hour_low = metric_answers[m].rate_low;
              t->bytes_per_hour_high = metric_answers[m].rate_high;
              t->growth_bytes = series->growth;
            }
          else
            {
              t->allocs_per_hour = metric_answers[m].rate;
              t->allocs_per_hour_low = metric_answers[m].rate_low;
              t->allocs_per_hour_high = metric_answers[m].rate_high;
              t->growth_allocs = series->growth;
            }
        }
      answers[tag] = metric_answers[best[tag]];
    }

  /* Leaks are judged one by one; whether some wiggle alike is seen only
   * among all of them. */
  _pm_leak_shared_climbs (w, answers, best);

  for (guint tag = 0; tag < w->n_tags; tag++)
    {
      PmLeakTag *t = &r->tags[tag];
      const PmLeakAnswer *a = &answers[tag];
      PmLeakSeries *series = _pm_leak_work_series (w, best[tag], tag);

      t->verdict = a->verdict;
      t->pattern = a->pattern;
      t->score = a->score;
      t->boots_growing = a->growing;
      t->boots_total = a->judged;
      t->growth_start_snapshot = t->verdict != PM_LEAK_VERDICT_NONE ? a->start_snapshot : G_MAXUINT;
      t->growth_start = t->growth_start_snapshot != G_MAXUINT ? w->times[t->growth_start_snapshot] : G_MININT64;
      if (_pm_leak_work_peers_explain (w, series))
        {
          t->n_peers = MIN (series->n_peers, G_N_ELEMENTS (t->peers));
          memcpy (t->peers, series->peers, t->n_peers * sizeof (guint));
        }
      t->reason = _pm_leak_make_reason (w, tag, best[tag], a, t);

      r->segment_offsets[tag] = n_seg;
      fill_segments (w, tag, r->segments, &n_seg);
      r->ranking[tag] = tag;
    }
  r->segment_offsets[w->n_tags] = n_seg;
  g_qsort_with_data (r->ranking, w->n_tags, sizeof (guint), by_score, r->tags);
  _pm_leak_scratch_clear (&scratch);
  return r;
}

PmLeakResult *
pm_leak_result_ref (PmLeakResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pm_leak_result_unref (PmLeakResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_tags; i++)
    g_free (self->tags[i].reason);
  g_free (self->tags);
  g_free (self->ranking);
  g_free (self->segments);
  g_free (self->segment_offsets);
  g_object_unref (self->dataset);
  g_free (self);
}

/**
 * pm_leak_result_get_dataset:
 *
 * Returns: (transfer none): the dataset judged
 */
PmDataset *
pm_leak_result_get_dataset (PmLeakResult *self)
{
  return self->dataset;
}

/**
 * pm_leak_result_get_both:
 *
 * Returns: whether both TotalDiff and TotalUsedBytes were judged (else the
 *   one metric of pm_leak_result_get_metric())
 */
gboolean
pm_leak_result_get_both (PmLeakResult *self)
{
  return self->both;
}

PmMetric
pm_leak_result_get_metric (PmLeakResult *self)
{
  return self->metric;
}

/**
 * pm_leak_result_get_metrics:
 * @n_metrics: (out): 1 or 2
 *
 * Returns: (transfer none) (array length=n_metrics): the metrics judged,
 *   allocations first (with both, TotalDiff and TotalUsedBytes unless the
 *   files lack their columns)
 */
const PmMetric *
pm_leak_result_get_metrics (PmLeakResult *self,
                            guint        *n_metrics)
{
  *n_metrics = self->n_metrics;
  return self->metrics;
}

guint
pm_leak_result_get_first (PmLeakResult *self)
{
  return self->first;
}

guint
pm_leak_result_get_n_snapshots (PmLeakResult *self)
{
  return self->n_snapshots;
}

/**
 * pm_leak_result_get_n_boots:
 *
 * Returns: the boots within the range (1 when the machine never rebooted)
 */
guint
pm_leak_result_get_n_boots (PmLeakResult *self)
{
  return self->n_boots;
}

guint
pm_leak_result_get_n_tags (PmLeakResult *self)
{
  return self->n_tags;
}

/**
 * pm_leak_result_get_tag:
 * @tag: a dataset tag index (not TOTAL)
 *
 * Returns: (transfer none): the answer for @tag
 */
const PmLeakTag *
pm_leak_result_get_tag (PmLeakResult *self,
                        guint         tag)
{
  g_return_val_if_fail (tag < self->n_tags, NULL);

  return &self->tags[tag];
}

/**
 * pm_leak_result_get_ranking:
 * @n_tags: (out): the number of tags
 *
 * Returns: (transfer none) (array length=n_tags): every tag, most likely
 *   leak first (by score, ties by tag name)
 */
const guint *
pm_leak_result_get_ranking (PmLeakResult *self,
                            guint        *n_tags)
{
  *n_tags = self->n_tags;
  return self->ranking;
}

/**
 * pm_leak_result_get_segments:
 * @n_segments: (out): how many
 *
 * Returns: (transfer none) (array length=n_segments): the fitted trend
 *   lines of @tag, one per judged boot and metric, metric by metric
 */
const PmLeakSegment *
pm_leak_result_get_segments (PmLeakResult *self,
                             guint         tag,
                             guint        *n_segments)
{
  g_return_val_if_fail (tag < self->n_tags, NULL);

  *n_segments = self->segment_offsets[tag + 1] - self->segment_offsets[tag];
  return self->segments + self->segment_offsets[tag];
}

/**
 * pm_leak_result_count:
 *
 * Returns: how many tags got @verdict
 */
guint
pm_leak_result_count (PmLeakResult  *self,
                      PmLeakVerdict  verdict)
{
  guint n = 0;

  for (guint i = 0; i < self->n_tags; i++)
    n += self->tags[i].verdict == verdict;
  return n;
}

const char *
pm_leak_verdict_to_string (PmLeakVerdict verdict)
{
  switch (verdict)
    {
    case PM_LEAK_VERDICT_LEAK:
      return "leak";
    case PM_LEAK_VERDICT_SUSPECT:
      return "suspect";
    case PM_LEAK_VERDICT_NONE:
    default:
      return "none";
    }
}

const char *
pm_leak_pattern_to_string (PmLeakPattern pattern)
{
  static const char * const names[PM_LEAK_N_PATTERNS] = {
    "grows", "grows-weakly", "flat", "falls", "levels-off", "given-back", "step",
    "wanders", "workload", "mostly-zero", "too-short", "absent",
  };

  return pattern < PM_LEAK_N_PATTERNS ? names[pattern] : "unknown";
}
