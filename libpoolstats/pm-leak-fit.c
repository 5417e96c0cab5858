/* pm-leak-fit.c: what one boot of one series looked like
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The series is the block averages of a tag in one boot, from its first
 * presence. The growth line is fitted as a hinge (flat, then a line from the
 * growth start), the trend statistics run on the growth part, and the shapes
 * that look like growth and are not are measured beside it: the slope of the
 * last third (a cache levels off), how much of the peak is given back (a
 * burst), whether one level step fits better than the line (a change point),
 * how clear the climb is against the largest deviation from the line (slow
 * wandering), and the drift against the increments' long-run variance (a
 * random walk). docs/leaks.md explains each threshold.
 */
#include "pm-leak-private.h"

#include <math.h>
#include <string.h>

/* Least squares of y on 1 and h = max (0, t - t0): returns the RSS and the
 * line (value at t0, slope). */
static double
hinge_rss (const double *t,
           const double *y,
           guint         n,
           double        t0,
           double       *level,
           double       *slope)
{
  double sh = 0, shh = 0, sy = 0, shy = 0, det, a, b, rss = 0;

  for (guint i = 0; i < n; i++)
    {
      double h = t[i] > t0 ? t[i] - t0 : 0;

      sh += h;
      shh += h * h;
      sy += y[i];
      shy += h * y[i];
    }
  det = n * shh - sh * sh;
  if (det <= 0)
    {
      a = sy / n;
      b = 0;
    }
  else
    {
      b = (n * shy - sh * sy) / det;
      a = (sy - b * sh) / n;
    }
  for (guint i = 0; i < n; i++)
    {
      double h = t[i] > t0 ? t[i] - t0 : 0;
      double r = y[i] - a - b * h;

      rss += r * r;
    }
  *level = a;
  *slope = b;
  return rss;
}

/* The best single split into two levels, each side at least 3 points. */
static double
best_step (const double *y,
           guint         n,
           guint        *split)
{
  double total = 0, total2 = 0, left = 0, left2 = 0, best = INFINITY;

  for (guint i = 0; i < n; i++)
    {
      total += y[i];
      total2 += y[i] * y[i];
    }
  *split = 0;
  for (guint s = 1; s < n; s++)
    {
      double nl = s, nr = n - s, right, right2, rss;

      left += y[s - 1];
      left2 += y[s - 1] * y[s - 1];
      if (s < 3 || n - s < 3)
        continue;
      right = total - left;
      right2 = total2 - left2;
      rss = (left2 - left * left / nl) + (right2 - right * right / nr);
      if (rss < best)
        {
          best = rss;
          *split = s;
        }
    }
  return MAX (best, 0);
}

static double
mean_of (const double *y,
         guint         n)
{
  double s = 0;

  for (guint i = 0; i < n; i++)
    s += y[i];
  return n ? s / n : 0;
}

/* The growth start: the hinge that fits best, if it beats a line from the
 * first point by the threshold's share; growth keeps at least a quarter of
 * the points (and min_points). */
guint
_pm_leak_find_start (const double           *t,
                     const double           *y,
                     guint                   n,
                     const PmLeakThresholds *th,
                     double                 *rss_line)
{
  double level, slope, rss0, best;
  guint min_len = MAX (th->min_points, n / 4), start = 0;

  rss0 = best = hinge_rss (t, y, n, t[0], &level, &slope);
  for (guint s = 1; s + min_len <= n; s++)
    {
      double rss = hinge_rss (t, y, n, t[s], &level, &slope);

      if (slope > 0 && rss < best)
        {
          best = rss;
          start = s;
        }
    }
  if (best > (1 - th->start_gain) * rss0)
    {
      start = 0;
      best = rss0;
    }
  *rss_line = best;
  return start;
}

/* Whether a single step explains the segment: it fits much better than the
 * growth line, carries most of the range, and neither side trends. */
static gboolean
is_step (const double           *t,
         const double           *y,
         guint                   n,
         double                  rss_line,
         double                  amplitude,
         const PmLeakThresholds *th,
         PmLeakScratch          *scratch,
         PmLeakFit              *fit)
{
  guint split;
  double rss = best_step (y, n, &split), jump, left, right;

  if (split == 0)
    return FALSE;
  fit->step_ratio = rss_line > 0 ? rss / rss_line : 1;
  fit->step_time = t[split];
  jump = mean_of (y + split, n - split) - mean_of (y, split);
  if (fit->step_ratio >= th->step_ratio || fabs (jump) < 0.5 * amplitude)
    return FALSE;
  left = _pm_leak_theil_sen (t, y, split, scratch) * (t[split - 1] - t[0]);
  right = _pm_leak_theil_sen (t + split, y + split, n - split, scratch) * (t[n - 1] - t[split]);
  return fabs (left) < 0.25 * fabs (jump) && fabs (right) < 0.25 * fabs (jump);
}

/* The growth part is [start, n); before it the hinge is flat at the line's
 * value at the start, and deviations there count against the clarity too
 * (a growth start found in a wandering series must not hide the wander). */
static void
measure_growth (const double           *t,
                const double           *y,
                guint                   n,
                guint                   start,
                const PmLeakThresholds *th,
                PmLeakScratch          *scratch,
                PmLeakFit              *fit)
{
  guint len = n - start, third = MAX (4, len / 3);
  /* In a long boot of noise that does not remember, the largest
   * deviations may be lone spikes (heavy-tailed noise in a block average):
   * the clarity leaves out clarity_skip of them. A walk's excursions and
   * a cache's curve last many blocks (and their residuals remember). */
  guint skip = n >= 4 * th->min_points ? MIN (th->clarity_skip, 8) : 0;
  double worst = 0, spikes[8] = { 0 }, flat, typical = 0, *dev = scratch->work + 3 * n;
  const PmLeakTrend *tr = &fit->trend;

  fit->rise = tr->slope * (t[n - 1] - t[start]);
  if (third < len && tr->slope > 0)
    fit->steady = _pm_leak_theil_sen (t + n - third, y + n - third, third, scratch) / tr->slope;
  else
    fit->steady = 1;

  /* Residuals that do not remember (white noise around the hinge) make
   * the trend test trustworthy; a random walk's remember almost all. Over
   * the whole boot, flat before the growth start at the line's value
   * there: a walk that wandered before it climbed remembers there too. */
  flat = tr->intercept + tr->slope * t[start];
  {
    double num = 0, den = 0, *res = scratch->work + 2 * n;

    for (guint i = 0; i < n; i++)
      {
        res[i] = y[i] - (i < start ? flat : tr->intercept + tr->slope * t[i]);
        den += res[i] * res[i];
        if (i > 0)
          num += res[i] * res[i - 1];
      }
    fit->rho1 = den > 0 ? num / den : 1;
    fit->revert_t = _pm_leak_revert_t (res, n);
  }
  if (fit->rho1 > th->white_rho_max)
    skip = 0;
  for (guint i = 0; i < n; i++)
    dev[i] = fabs (y[i] - (i < start ? flat : tr->intercept + tr->slope * t[i]));
  if (skip > 0)
    {
      double *copy = scratch->work + 2 * n;

      memcpy (copy, dev, sizeof (double) * n);
      typical = _pm_leak_select (copy, n, n / 2);
    }
  for (guint i = 0; i < n; i++)
    {
      double d = dev[i];
      /* A lone spike: more than three times the deviation of both neighbours,
       * and more than six times the typical (median) deviation. */
      gboolean lone = skip > 0 && i > 0 && i + 1 < n && d > 3 * dev[i - 1] && d > 3 * dev[i + 1]
                      && d > 6 * typical;

      if (!lone)
        {
          worst = MAX (worst, d);
          continue;
        }
      /* The skip largest lone spikes, largest first; the rest count. */
      for (guint j = 0; j < skip; j++)
        if (d > spikes[j])
          {
            double tmp = spikes[j];

            spikes[j] = d;
            d = tmp;
          }
      worst = MAX (worst, d);
    }
  fit->clarity = fit->rise > 0 ? fit->rise / MAX (worst, 1e-9 * fit->rise) : 0;

  /* Over the whole boot: a start chosen where a random walk happened to
   * climb must not make the drift look significant. */
  fit->drift_z = _pm_leak_drift_z (y, n);
  fit->asym_z = _pm_leak_asym_z (y, n, &fit->returned);
}

/**
 * _pm_leak_block_noise:
 * @d: scratch for N - 1 values
 *
 * The block-to-block noise of the N values Y: 1.4826 × the median absolute
 * increment / √2, what white noise of that standard deviation would give.
 */
double
_pm_leak_block_noise (const double *y,
                      guint         n,
                      double       *d)
{
  if (n < 3)
    return 0;
  for (guint i = 0; i + 1 < n; i++)
    d[i] = fabs (y[i + 1] - y[i]);
  return 1.4826 * _pm_leak_select (d, n - 1, (n - 1) / 2) / G_SQRT2;
}

/**
 * _pm_leak_white_trend:
 *
 * Whether FIT's trend over N blocks (at least 4 × min_points) reaches a
 * corrected z of Z_MIN in residuals that are white (lag-1 autocorrelation
 * at most white_rho_max): a walk never leaves white residuals around a
 * line.
 */
gboolean
_pm_leak_white_trend (const PmLeakFit        *fit,
                      guint                   n,
                      const PmLeakThresholds *th,
                      double                  z_min)
{
  return n >= 4 * th->min_points && fit->rho1 <= th->white_rho_max && fit->trend.z >= z_min;
}

/* Some sign of more than a wander in FIT's growth: its drift z, its
 * clarity or its asymmetry z at the level of a suspect. */
static gboolean
beyond_wander (const PmLeakFit        *fit,
               const PmLeakThresholds *th)
{
  return fit->drift_z >= th->drift_z_suspect || fit->clarity >= th->clarity_suspect
         || fit->asym_z >= th->asym_z_suspect;
}

/**
 * _pm_leak_revert_trend:
 *
 * Whether FIT's trend over N blocks (at least 2 × min_points) reaches a
 * corrected z of Z_MIN in residuals that fall back to the line fast (their
 * Dickey–Fuller t at most T_MAX: revert_t_max for one boot,
 * revert_t_combined for boots that combine): noise that remembers, as
 * AR(1) noise does, strays from its line no further than it soon falls
 * back from; a walk's residuals wander off. There the drift z is short
 * for want of blocks, not of a trend (docs/leaks.md, "The trend in one
 * boot", step 8).
 */
gboolean
_pm_leak_revert_trend (const PmLeakFit        *fit,
                       guint                   n,
                       const PmLeakThresholds *th,
                       double                  z_min,
                       double                  t_max)
{
  return n >= 2 * th->min_points && fit->revert_t <= t_max && fit->trend.z >= z_min;
}

/* A burst: the series rose clearly above where it started, then gave most
 * of it back by the end. */
static gboolean
is_burst (const double           *y,
          guint                   n,
          double                  min_rise,
          const PmLeakThresholds *th,
          PmLeakScratch          *scratch,
          PmLeakFit              *fit)
{
  guint edge = MAX (2, n / 10);
  double first = mean_of (y, edge), last = mean_of (y + n - edge, edge), peak = y[0];

  for (guint i = 0; i < n; i++)
    peak = MAX (peak, y[i]);
  if (peak <= first)
    return FALSE;
  fit->given_back = (peak - last) / (peak - first);
  if (!(peak - first >= min_rise && peak - first >= 6 * _pm_leak_block_noise (y, n, scratch->work + 3 * n)
        && peak - first >= 0.5 * fit->amplitude && fit->given_back > th->given_back_max))
    return FALSE;

  /* One clean excursion, not wandering: the blocks above half the rise
   * lie mostly in one run, and the rest of the boot stays well below. */
  {
    double half = first + 0.5 * (peak - first), sum = 0, sum2 = 0;
    guint above = 0, run = 0, longest = 0, outside = 0;

    for (guint i = 0; i < n; i++)
      {
        if (y[i] > half)
          {
            above++;
            longest = MAX (longest, ++run);
            continue;
          }
        run = 0;
        outside++;
        sum += y[i];
        sum2 += y[i] * y[i];
      }
    /* One block alone above half the rise is a spike (heavy-tailed
     * noise: a transient within one block), not work that was given
     * back; the boot is judged by its trend. */
    if (outside < 2 || above < 2 || longest * 5 < above * 4)
      return FALSE;
    sum /= outside;
    return peak - first >= 4 * sqrt (MAX (0, sum2 / outside - sum * sum));
  }
}

/* A staircase whose last third happened to have no burst, not a cache: a
 * cache slows down smoothly (its middle third already rises much less than
 * its first), a staircase's bursts come at random (its middle third rises
 * about as much as its first), and it never gives anything back (the
 * asymmetry z reaches asym_z_leak). */
static gboolean
staircase_pause (const double           *t,
                 const double           *y,
                 guint                   n,
                 const PmLeakThresholds *th,
                 PmLeakScratch          *scratch,
                 PmLeakFit              *fit)
{
  guint len = n - fit->start, third = len / 3;
  double first, middle;

  if (fit->asym_z < th->asym_z_leak || third < 4)
    return FALSE;
  first = _pm_leak_theil_sen (t + fit->start, y + fit->start, third, scratch);
  middle = _pm_leak_theil_sen (t + fit->start + third, y + fit->start + third, third, scratch);
  return first > 0 && middle >= th->stair_middle_min * first;
}

/* Growth (or weak growth) by the tests of a boot's growth part: sets the
 * pattern and returns TRUE, or FALSE for neither. N is the boot's blocks
 * judged (up to a pause, when it paused); STAIRS, whether they climb as a
 * staircase does (staircase_pause()). */
static gboolean
classify_growth (PmLeakFit              *fit,
                 guint                   n,
                 gboolean                stairs,
                 const PmLeakThresholds *th)
{
  const PmLeakTrend *tr = &fit->trend;
  /* In white residuals a strong trend is growth however far a few blocks
   * stray: heavy-tailed noise (a rare large burst of work within a block)
   * leaves deviations several times its spread, which the trend test, on
   * ranks, shrugs off and the clarity does not. Nor is the clarity fair
   * to a staircase: climbing in a few jumps, it strays from its line by up
   * to half a jump, while it never gave anything back (its asymmetry z)
   * and did not slow down as a cache does (_pm_leak_fit()). */
  double clarity_min = _pm_leak_white_trend (fit, n, th, th->z_white_clear) || stairs
                       ? MIN (th->clarity_white_min, th->clarity_min) : th->clarity_min;

  if (tr->z >= th->z_leak && tr->slope_low > 0 && fit->clarity >= clarity_min
      && (fit->drift_z >= th->drift_z_leak || fit->clarity >= th->clarity_leak
          || fit->asym_z >= th->asym_z_leak || _pm_leak_white_trend (fit, n, th, th->z_white)
          || (_pm_leak_revert_trend (fit, n, th, th->z_white, th->revert_t_max) && beyond_wander (fit, th))))
    {
      fit->pattern = PM_LEAK_PATTERN_GROWS;
      fit->growing = TRUE;
      fit->suspect = TRUE;
      return TRUE;
    }
  /* Weak growth: a trend with some sign of more than a wander, or any
   * significant trend in white residuals (where the trend test is
   * trustworthy; whether it is enough is for the boots together). */
  if ((tr->z >= th->z_suspect && fit->clarity >= th->clarity_min && beyond_wander (fit, th))
      || (tr->slope_low > 0 && fit->clarity >= th->clarity_white_min
          && _pm_leak_white_trend (fit, n, th, th->z_leak)))
    {
      fit->pattern = PM_LEAK_PATTERN_GROWS_WEAKLY;
      fit->suspect = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* The residual sum of squares of YC (centred) on 1 and G over N points. */
static double
rss_on (const double *yc,
        const double *g,
        guint         n,
        double       *coef)
{
  double sg = 0, sgg = 0, sgy = 0, syy = 0, sy = 0, cgg, cgy;

  for (guint i = 0; i < n; i++)
    {
      sg += g[i];
      sgg += g[i] * g[i];
      sgy += g[i] * yc[i];
      sy += yc[i];
      syy += yc[i] * yc[i];
    }
  cgg = sgg - sg * sg / n;
  cgy = sgy - sg * sy / n;
  *coef = cgg > 0 ? cgy / cgg : 0;
  return MAX (0.0, syy - sy * sy / n - (cgg > 0 ? cgy * cgy / cgg : 0));
}

/* A smooth saturating curve from the growth start T0, time constant TAU:
 * family 0 the exponential approach 1 - e^(-u/τ), family 1 the hyperbolic
 * u / (u + τ) (slower to settle). Into G. */
static void
saturating (const double *t,
            guint         n,
            double        t0,
            double        tau,
            guint         family,
            double       *g)
{
  for (guint i = 0; i < n; i++)
    {
      double u = MAX (0.0, t[i] - t0);

      g[i] = family == 0 ? -expm1 (-u / tau) : u / (u + tau);
    }
}

/* The residual sum of squares of the best smooth saturating curve (either
 * family, rising, time constant from 1/50 to twice the growth part's
 * span, a geometric grid refined by golden sections around its best). */
static double
best_saturating (const double *t,
                 const double *yc,
                 guint         n,
                 guint         start,
                 double       *g)
{
  double span = t[n - 1] - t[start], best = INFINITY;

  if (!(span > 0))
    return INFINITY;
  for (guint family = 0; family < 2; family++)
    {
      const guint grid = 16;
      double lo = log (span / 50), hi = log (2 * span), step = (hi - lo) / (grid - 1);
      double best_x = lo, best_f = INFINITY, coef, a, b;

      for (guint k = 0; k < grid; k++)
        {
          double x = lo + k * step, f;

          saturating (t, n, t[start], exp (x), family, g);
          f = rss_on (yc, g, n, &coef);
          if (coef > 0 && f < best_f)
            {
              best_f = f;
              best_x = x;
            }
        }
      /* Golden sections within one grid step either side of the best. */
      a = best_x - step;
      b = best_x + step;
      for (guint k = 0; k < 8; k++)
        {
          double c = b - 0.618034 * (b - a), d = a + 0.618034 * (b - a), fc, fd, cc, cd;

          saturating (t, n, t[start], exp (c), family, g);
          fc = rss_on (yc, g, n, &cc);
          saturating (t, n, t[start], exp (d), family, g);
          fd = rss_on (yc, g, n, &cd);
          if (cc > 0 && fc < best_f)
            best_f = fc;
          if (cd > 0 && fd < best_f)
            best_f = fd;
          if (fc < fd)
            b = d;
          else
            a = c;
        }
      best = MIN (best, best_f);
    }
  return best;
}

/* A leak that paused, not a cache levelling off: growth whose last third
 * is flat (the caller found it so) that is a line up to a knee and flat
 * after it — a leak runs at its rate while the code that leaks runs, and
 * stops when it stops (a test phase over) — where a cache warming up
 * slows down smoothly. Both shapes are fitted by least squares from the
 * growth start (flat before it in both): growth then flat, over every knee
 * that leaves at least min_points and a third of the growth part growing
 * and 3 blocks after it; and the best smooth saturating curve. The pause
 * holds when growth then flat leaves at most pause_fit_ratio of the smooth
 * curve's residuals and the growth before the knee is a line (the Theil–Sen
 * slope of its second half between stair_middle_min and 1 / stair_middle_min
 * of its first half's; a cache's first half rises far faster). Only in a
 * boot of at least 4 × min_points blocks. The boot's trend and clarity are
 * then measured again up to the knee, the deviations after it from the
 * level reached counting against the clarity (its drift z and asymmetry z
 * stay the whole boot's), and it is judged by the tests of any growth.
 * Returns TRUE when the boot grows (at least weakly) so; otherwise FIT is
 * left as it was. */
static gboolean
leak_paused (const double           *t,
             const double           *y,
             guint                   n,
             double                  min_rise,
             const PmLeakThresholds *th,
             PmLeakScratch          *scratch,
             PmLeakFit              *fit)
{
  guint start = fit->start, len = n - start, min_len = MAX (th->min_points, len / 3);
  guint knee = 0, half;
  double *yc = scratch->work + 3 * n, *g = scratch->work + 2 * n;
  double mean = mean_of (y, n), best = INFINITY, smooth, first, second, level, worst;
  PmLeakFit saved = *fit;

  /* In a short boot the shape of its last third is mostly noise (as for
   * levels-off in pm-leak-result.c): no pause is read from it. */
  if (n < 4 * th->min_points || len < min_len + 3)
    return FALSE;
  for (guint i = 0; i < n; i++)
    yc[i] = y[i] - mean;
  for (guint k = start + min_len; k + 3 < n; k++)
    {
      double coef, rss;

      for (guint i = 0; i < n; i++)
        g[i] = CLAMP (t[i] - t[start], 0.0, t[k] - t[start]);
      rss = rss_on (yc, g, n, &coef);
      if (coef > 0 && rss < best)
        {
          best = rss;
          knee = k;
        }
    }
  if (knee == 0)
    return FALSE;

  /* A line before the knee: its second half rises about as fast as its
   * first. */
  half = (knee + 1 - start) / 2;
  first = _pm_leak_theil_sen (t + start, y + start, half, scratch);
  second = _pm_leak_theil_sen (t + knee + 1 - half, y + knee + 1 - half, half, scratch);
  if (!(first > 0) || second < th->stair_middle_min * first
      || second * th->stair_middle_min > first)
    return FALSE;

  smooth = best_saturating (t, yc, n, start, g);
  if (!(best <= th->pause_fit_ratio * smooth))
    return FALSE;

  /* Judged up to the knee, as a boot that ended there. */
  _pm_leak_trend (t + start, y + start, knee + 1 - start, scratch, &fit->trend);
  measure_growth (t, y, knee + 1, start, th, scratch, fit);
  fit->steady = saved.steady;
  /* The drift z and the asymmetry z stay those of the whole boot: a knee
   * chosen where a random walk stopped climbing must not make its drift
   * look significant (as for the growth start). */
  fit->drift_z = saved.drift_z;
  fit->asym_z = saved.asym_z;
  fit->returned = saved.returned;
  if (fit->trend.slope <= 0 || fit->rise < min_rise)
    {
      *fit = saved;
      return FALSE;
    }
  level = fit->trend.intercept + fit->trend.slope * t[knee];
  worst = fit->rise / MAX (fit->clarity, 1e-9);
  for (guint i = knee + 1; i < n; i++)
    worst = MAX (worst, fabs (y[i] - level));
  fit->clarity = fit->rise / MAX (worst, 1e-9 * fit->rise);
  fit->pause = knee;
  if (!classify_growth (fit, knee + 1, FALSE, th))
    {
      *fit = saved;
      return FALSE;
    }
  return TRUE;
}

/* Whether a flat last third is a cache's curve: the best smooth saturating
 * curve from the growth start leaves at most level_fit_ratio of the
 * residuals of the growth line (the hinge; FIT's curve_fit,
 * curve_over_line()). With one parameter more than
 * the line, 0.8 is an F test at about 1 % for 32 blocks and more (F = 0.25
 * (n - 3) against F(1, n - 3)). When it does not, the flat last third was
 * the noise's (or the ties of small counts, where the median slope of a
 * third is 0), not a cache slowing down, and the boot is judged as any
 * growth; only in a boot of at least 4 × min_points blocks (in a shorter
 * one the shape is mostly noise). */
static gboolean
curve_beats_line (guint                   n,
                  const PmLeakThresholds *th,
                  const PmLeakFit        *fit)
{
  return n < 4 * th->min_points || fit->curve_fit <= th->level_fit_ratio;
}

/* The residual sum of squares of the best smooth saturating curve from the
 * growth start over RSS_LINE, that of the growth line (the hinge); 1 when
 * the line leaves none. */
static double
curve_over_line (const double    *t,
                 const double    *y,
                 guint            n,
                 double           rss_line,
                 PmLeakScratch   *scratch,
                 const PmLeakFit *fit)
{
  double *yc = scratch->work + 3 * n, *g = scratch->work + 2 * n, mean = mean_of (y, n);

  if (!(rss_line > 0))
    return 1;
  for (guint i = 0; i < n; i++)
    yc[i] = y[i] - mean;
  return best_saturating (t, yc, n, fit->start, g) / rss_line;
}

/**
 * _pm_leak_curve_ratio:
 * @t: hours, strictly increasing
 * @y: the block averages
 *
 * How much better a cache's curve fits growth over T, Y (N blocks) than a
 * line: the residual sum of squares of the best smooth saturating curve
 * from the first block over that of the least-squares line; and into
 * *STEADY, the Theil–Sen slope of the last third over that of the whole
 * (as a fit's steady). A cache warming up slows down (steady well under 1)
 * along a curve that fits far better than the line; a leak keeps its pace.
 */
double
_pm_leak_curve_ratio (const double  *t,
                      const double  *y,
                      guint          n,
                      PmLeakScratch *scratch,
                      double        *steady)
{
  double *yc = scratch->work + 3 * n, *g = scratch->work + 2 * n, mean = mean_of (y, n);
  double tbar, ybar, stt, rss = 0, slope;

  *steady = 1;
  if (n < 6)
    return 1;
  slope = _pm_leak_theil_sen (t, y, n, scratch);
  if (slope > 0)
    *steady = _pm_leak_theil_sen (t + n - n / 3, y + n - n / 3, n / 3, scratch) / slope;
  for (guint i = 0; i < n; i++)
    yc[i] = y[i] - mean;
  if (!_pm_leak_line (t, yc, n, &tbar, &ybar, &slope, &stt))
    return 1;
  for (guint i = 0; i < n; i++)
    {
      double r = yc[i] - ybar - slope * (t[i] - tbar);

      rss += r * r;
    }
  return rss > 0 ? best_saturating (t, yc, n, 0, g) / rss : 1;
}

/**
 * _pm_leak_fit:
 * @t: hours, strictly increasing
 * @y: the block averages
 * @min_rise: growth smaller than this over the boot is noise
 * @zero_share: the share of the boot's snapshots at zero
 * @kind: whether @y is a tag's own block averages, where a staircase is
 *   asked a lesser clarity, or a series derived from them
 *
 * Measures one boot of one series and names its pattern.
 */
void
_pm_leak_fit (const double           *t,
              const double           *y,
              guint                   n,
              double                  min_rise,
              double                  zero_share,
              PmLeakSeriesKind        kind,
              const PmLeakThresholds *th,
              PmLeakScratch          *scratch,
              PmLeakFit              *fit)
{
  double lo = INFINITY, hi = -INFINITY, rss_line;
  const PmLeakTrend *tr = &fit->trend;
  gboolean material, stairs, stair_pause = FALSE;

  memset (fit, 0, sizeof *fit);
  fit->n = n;
  fit->kind = kind;
  fit->steady = 1;
  fit->step_ratio = 1;
  fit->curve_fit = 1;
  fit->pattern = PM_LEAK_PATTERN_FLAT;
  if (n == 0)
    {
      fit->pattern = PM_LEAK_PATTERN_TOO_SHORT;
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, y[i]);
      hi = MAX (hi, y[i]);
    }
  fit->amplitude = hi - lo;
  fit->hours = t[n - 1] - t[0];
  fit->trend.intercept = y[0];

  if (n < MAX (th->min_points, 3))
    {
      fit->pattern = PM_LEAK_PATTERN_TOO_SHORT;
      return;
    }
  if (fit->amplitude <= 0)
    return;

  fit->start = _pm_leak_find_start (t, y, n, th, &rss_line);
  _pm_leak_trend (t + fit->start, y + fit->start, n - fit->start, scratch, &fit->trend);
  measure_growth (t, y, n, fit->start, th, scratch, fit);
  if (zero_share >= th->mostly_zero)
    {
      fit->pattern = PM_LEAK_PATTERN_MOSTLY_ZERO;
      return;
    }
  if (is_step (t, y, n, rss_line, fit->amplitude, th, scratch, fit))
    {
      fit->pattern = PM_LEAK_PATTERN_STEP;
      return;
    }

  if (is_burst (y, n, min_rise, th, scratch, fit))
    {
      fit->pattern = PM_LEAK_PATTERN_GIVEN_BACK;
      return;
    }

  material = fit->rise >= min_rise;
  if (tr->slope <= 0 || fit->rise <= 0)
    {
      fit->pattern = tr->z <= -th->z_suspect ? PM_LEAK_PATTERN_FALLS
                     : tr->factor >= 2 ? PM_LEAK_PATTERN_WANDERS : PM_LEAK_PATTERN_FLAT;
      return;
    }
  if (material && tr->z >= th->z_suspect && fit->steady < th->steady_min)
    {
      if (leak_paused (t, y, n, min_rise, th, scratch, fit))
        return;
      if (!staircase_pause (t, y, n, th, scratch, fit))
        {
          /* A last third flat within the noise: growing when the boot
           * passes the tests of growth (weak growth stays a cache's). */
          fit->curve_fit = curve_over_line (t, y, n, rss_line, scratch, fit);
          if (!curve_beats_line (n, th, fit) && classify_growth (fit, n, FALSE, th) && fit->growing)
            return;
          fit->pattern = PM_LEAK_PATTERN_LEVELS_OFF;
          fit->growing = fit->suspect = FALSE;
          return;
        }
      stair_pause = TRUE;
    }
  if (!material)
    {
      fit->pattern = PM_LEAK_PATTERN_FLAT;
      return;
    }
  /* Climbing as a staircase does, on the tag's own block averages in a
   * boot of at least 4 × min_points blocks (in a shorter one a third is
   * mostly noise, and a cache's may climb as fast): past a last third
   * that rests (staircase_pause()), or never giving anything back with a
   * last third that rose at twice steady_min of its slope or more (not
   * slowing down as a cache does). */
  stairs = kind == PM_LEAK_SERIES_OWN && n >= 4 * th->min_points
           && (stair_pause || (fit->asym_z >= th->asym_z_leak && fit->steady >= 2 * th->steady_min));
  if (classify_growth (fit, n, stairs, th))
    return;
  fit->pattern = tr->factor >= 2 || fit->clarity < th->clarity_min
                 ? PM_LEAK_PATTERN_WANDERS : PM_LEAK_PATTERN_FLAT;
}
