/* pm-leak-stats.c: the trend statistics behind the leak finder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On short series (a boot averaged into at most a hundred or so blocks):
 * - the Theil–Sen slope, the median of the pairwise slopes (Sen 1968), with
 *   its distribution-free confidence interval from the Mann–Kendall variance;
 * - the Mann–Kendall S with the tie correction, and its variance inflated
 *   for autocorrelation as Hamed and Rao (1998) do: the ranks of the series
 *   detrended by the Theil–Sen slope, their significant autocorrelations,
 *   and n/n* = 1 + 2 / (n (n-1) (n-2)) Σ (n-k)(n-k-1)(n-k-2) ρ_k;
 * - the mean increment over its long-run (Bartlett, Newey–West) standard
 *   error, a drift test that is honest when the series is a random walk.
 * Everything is O(n²) in time for n points, in scratch space given.
 */
#include "pm-leak-private.h"

#include <math.h>
#include <string.h>

/* The 97.5 % point of the standard normal. */
#define Z_975 1.959963984540054

void
_pm_leak_scratch_init (PmLeakScratch *scratch,
                       guint          capacity)
{
  gsize n = MAX (capacity, 2);

  scratch->capacity = (guint) n;
  scratch->pairs = g_new (double, n * (n - 1) / 2);
  scratch->work = g_new (double, 4 * n);
  scratch->index = g_new (guint, n);
}

void
_pm_leak_scratch_clear (PmLeakScratch *scratch)
{
  g_clear_pointer (&scratch->pairs, g_free);
  g_clear_pointer (&scratch->work, g_free);
  g_clear_pointer (&scratch->index, g_free);
}

/**
 * _pm_leak_select:
 *
 * Returns: the @k-th smallest of @v (0-based); @v is reordered
 */
double
_pm_leak_select (double *v,
                 gsize   n,
                 gsize   k)
{
  /* Quickselect with a median-of-three pivot (as in Numerical Recipes'
   * select): linear on average, also on the nearly sorted slopes of a
   * clean trend. Afterwards v[i] <= v[k] for i < k and >= for i > k. */
  gsize l = 0, ir = n - 1;

#define SWAP_D(a, b) G_STMT_START { double tmp_ = (a); (a) = (b); (b) = tmp_; } G_STMT_END
  for (;;)
    {
      gsize i, j, mid;
      double a;

      if (ir <= l + 1)
        {
          if (ir == l + 1 && v[ir] < v[l])
            SWAP_D (v[l], v[ir]);
          return v[k];
        }
      mid = (l + ir) / 2;
      SWAP_D (v[mid], v[l + 1]);
      if (v[l] > v[ir])
        SWAP_D (v[l], v[ir]);
      if (v[l + 1] > v[ir])
        SWAP_D (v[l + 1], v[ir]);
      if (v[l] > v[l + 1])
        SWAP_D (v[l], v[l + 1]);
      i = l + 1;
      j = ir;
      a = v[l + 1];
      for (;;)
        {
          do
            i++;
          while (v[i] < a);
          do
            j--;
          while (v[j] > a);
          if (j < i)
            break;
          SWAP_D (v[i], v[j]);
        }
      v[l + 1] = v[j];
      v[j] = a;
      if (j >= k)
        ir = j - 1;
      if (j <= k)
        l = i;
    }
#undef SWAP_D
}

static double
median_in_place (double *v,
                 gsize   n)
{
  double m = _pm_leak_select (v, n, n / 2);

  if (n % 2 == 0)
    {
      double below = v[0];

      for (gsize i = 1; i < n / 2; i++)
        below = MAX (below, v[i]);
      m = 0.5 * (m + below);
    }
  return m;
}

/* The pairwise slopes (t strictly increasing) into scratch->pairs. */
static gsize
fill_pairs (const double  *t,
            const double  *y,
            guint          n,
            PmLeakScratch *scratch)
{
  gsize m = 0;

  for (guint i = 0; i + 1 < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double dt = t[j] - t[i];

        if (dt > 0)
          scratch->pairs[m++] = (y[j] - y[i]) / dt;
      }
  return m;
}

/**
 * _pm_leak_theil_sen:
 *
 * Returns: the median of the pairwise slopes, 0 for fewer than two points
 */
double
_pm_leak_theil_sen (const double  *t,
                    const double  *y,
                    guint          n,
                    PmLeakScratch *scratch)
{
  gsize m;

  g_assert (n <= scratch->capacity);
  if (n < 2 || (m = fill_pairs (t, y, n, scratch)) == 0)
    return 0;
  return median_in_place (scratch->pairs, m);
}

/**
 * _pm_leak_line:
 *
 * The least-squares line through Y (N values at T): into *TBAR and *YBAR
 * the means, into *SLOPE its slope (0 when the times all equal), into *STT
 * Σ(t − t̄)².
 *
 * Returns: FALSE when the times all equal
 */
gboolean
_pm_leak_line (const double *t,
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

/* Mid-ranks of v (1-based) into ranks; returns the tie correction term
 * Σ t (t - 1)(2t + 5) over the groups of equal values. */
static double
rank_values (const double *v,
             guint         n,
             guint        *index,
             double       *ranks)
{
  double ties = 0;

  for (guint i = 0; i < n; i++)
    index[i] = i;
  /* Shell sort: no allocation (GLib's sort allocates), and n is small. */
  for (guint gap = n / 2; gap > 0; gap = gap == 2 ? 1 : gap * 5 / 11)
    for (guint i = gap; i < n; i++)
      {
        guint x = index[i], j = i;

        while (j >= gap && v[index[j - gap]] > v[x])
          {
            index[j] = index[j - gap];
            j -= gap;
          }
        index[j] = x;
      }

  for (guint i = 0; i < n;)
    {
      guint j = i + 1;
      double rank;

      while (j < n && v[index[j]] == v[index[i]])
        j++;
      rank = 0.5 * (i + 1 + j);
      for (guint k = i; k < j; k++)
        ranks[index[k]] = rank;
      if (j - i > 1)
        {
          double g = j - i;

          ties += g * (g - 1) * (2 * g + 5);
        }
      i = j;
    }
  return ties;
}

/* Hamed and Rao's n/n*: from the significant lag autocorrelations of the
 * ranks of the detrended series. Never below 1: the correction only ever
 * makes the test more careful. */
static double
hamed_rao_factor (const double  *ranks,
                  guint          n)
{
  double mean = 0.5 * (n + 1), ss = 0, sum = 0;
  double bound = Z_975 / sqrt ((double) n);

  if (n < 4)
    return 1;

  for (guint i = 0; i < n; i++)
    ss += (ranks[i] - mean) * (ranks[i] - mean);
  if (ss <= 0)
    return 1;

  for (guint k = 1; k + 2 < n; k++)
    {
      double acc = 0, rho;

      for (guint i = 0; i + k < n; i++)
        acc += (ranks[i] - mean) * (ranks[i + k] - mean);
      rho = acc / ss;
      if (fabs (rho) > bound)
        sum += (double) (n - k) * (n - k - 1) * (n - k - 2) * rho;
    }

  return MAX (1.0, 1.0 + 2.0 * sum / ((double) n * (n - 1) * (n - 2)));
}

/**
 * _pm_leak_trend:
 *
 * The Theil–Sen slope with its 95 % interval and the Mann–Kendall test,
 * both with the variance corrected for autocorrelation. @t in hours,
 * strictly increasing.
 */
void
_pm_leak_trend (const double  *t,
                const double  *y,
                guint          n,
                PmLeakScratch *scratch,
                PmLeakTrend   *trend)
{
  double *resid = scratch->work, *ranks = scratch->work + n, *sorted = scratch->work + 2 * n;
  double s = 0, ties, var0, var, c;
  gsize m;

  memset (trend, 0, sizeof *trend);
  trend->factor = 1;
  g_assert (n <= scratch->capacity);
  if (n < 3)
    return;

  for (guint i = 0; i + 1 < n; i++)
    for (guint j = i + 1; j < n; j++)
      s += (y[j] > y[i]) - (y[j] < y[i]);
  trend->s = s;

  m = fill_pairs (t, y, n, scratch);
  trend->slope = median_in_place (scratch->pairs, m);
  for (guint i = 0; i < n; i++)
    sorted[i] = y[i] - trend->slope * t[i];
  trend->intercept = median_in_place (sorted, n);

  ties = rank_values (y, n, scratch->index, ranks);
  var0 = ((double) n * (n - 1) * (2 * n + 5) - ties) / 18.0;
  if (var0 <= 0)
    return;

  for (guint i = 0; i < n; i++)
    resid[i] = y[i] - trend->slope * t[i];
  rank_values (resid, n, scratch->index, ranks);
  trend->factor = hamed_rao_factor (ranks, n);
  var = var0 * trend->factor;

  trend->z_plain = s == 0 ? 0 : (s - (s > 0 ? 1 : -1)) / sqrt (var0);
  trend->z = s == 0 ? 0 : (s - (s > 0 ? 1 : -1)) / sqrt (var);

  /* Sen's interval: the order statistics (N ∓ C) / 2 of the N slopes. The
   * pairs were reordered by the median search; the selections below do
   * not need them sorted. */
  c = Z_975 * sqrt (var);
  if (c >= (double) m)
    {
      double lo = scratch->pairs[0], hi = scratch->pairs[0];

      for (gsize i = 1; i < m; i++)
        {
          lo = MIN (lo, scratch->pairs[i]);
          hi = MAX (hi, scratch->pairs[i]);
        }
      trend->slope_low = lo;
      trend->slope_high = hi;
    }
  else
    {
      gsize lo_k = (gsize) MAX (0.0, floor (((double) m - c) / 2.0) - 1);
      gsize hi_k = (gsize) MIN ((double) m - 1, ceil (((double) m + c) / 2.0) - 1);

      gsize mid = m / 2;

      /* The median search left the pairs split at m / 2: the interval's
       * ends lie on either side of it. */
      trend->slope_low = lo_k < mid ? _pm_leak_select (scratch->pairs, mid, lo_k)
                                    : _pm_leak_select (scratch->pairs, m, lo_k);
      trend->slope_high = hi_k > mid ? _pm_leak_select (scratch->pairs + mid + 1, m - mid - 1, hi_k - mid - 1)
                                     : _pm_leak_select (scratch->pairs, m, hi_k);
    }
}

/* The Bartlett kernel's bandwidth for M increments, ⌈m^⅓⌉ + 1: the drift
 * z's long-run variance uses it, and the degrees of freedom its score is
 * referred to follow from it. */
static guint
drift_bandwidth (guint m)
{
  return (guint) ceil (cbrt ((double) m)) + 1;
}

/**
 * _pm_leak_drift_z:
 *
 * The mean increment of @y over its standard error from the increments'
 * long-run variance (Bartlett kernel, bandwidth ⌈m^⅓⌉ + 1 for m
 * increments). Under a driftless random walk this is about standard normal;
 * stationary noise around a line only makes it larger.
 *
 * Returns: the z, capped at ±1000
 */
double
_pm_leak_drift_z (const double *y,
                  guint         n)
{
  guint m = n > 0 ? n - 1 : 0, bw;
  double mean, lrv, g0 = 0, z;

  if (m < 3)
    return 0;

  mean = (y[n - 1] - y[0]) / m;
  for (guint i = 0; i < m; i++)
    {
      double d = y[i + 1] - y[i] - mean;

      g0 += d * d;
    }
  g0 /= m;
  lrv = g0;
  bw = drift_bandwidth (m);
  for (guint k = 1; k <= bw && k < m; k++)
    {
      double g = 0;

      for (guint i = 0; i + k < m; i++)
        g += (y[i + 1] - y[i] - mean) * (y[i + k + 1] - y[i + k] - mean);
      lrv += 2.0 * (1.0 - k / (bw + 1.0)) * g / m;
    }

  /* A floor keeps a perfectly straight line finite. */
  lrv = MAX (lrv, 1e-6 * g0 + 1e-300);
  z = mean / sqrt (lrv / m);
  return CLAMP (z, -1000, 1000);
}

/**
 * _pm_leak_drift_normal:
 * @z: a drift z of _pm_leak_drift_z() over N values
 *
 * The drift z as a standard normal score. Its variance is estimated from
 * the series itself (Bartlett kernel, bandwidth bw), so the ratio is
 * heavier-tailed than normal in a short series: a driftless random walk of
 * 16 values passes 3 about 3.5 % of the time, not 0.13 %. It is referred to
 * Student's t with ν = m / bw degrees of freedom (m increments) and mapped to
 * the normal score of the same tail (Wallace 1959: √(ν ln(1 + z²/ν)) ×
 * (8ν + 1) / (8ν + 3)). On simulated walks of 8 to 64 values (one snapshot
 * or 20 a value), the score passes 3 from 0.01 % to 0.26 % of the time.
 *
 * Returns: the normal score
 */
double
_pm_leak_drift_normal (double z,
                       guint  n)
{
  guint m = n > 0 ? n - 1 : 0;
  double nu, score;

  if (m < 3)
    return 0;
  nu = (double) m / drift_bandwidth (m);
  score = sqrt (nu * log1p (z * z / nu)) * (8 * nu + 1) / (8 * nu + 3);
  return z < 0 ? -score : score;
}

/**
 * _pm_leak_revert_t:
 * @e: a boot's residuals from its fitted line, N of them
 *
 * How fast @e falls back towards the line: the Dickey–Fuller t of the
 * residuals (centred) with neither constant nor trend, the least-squares
 * ρ of Δe_i on e_(i−1) over its standard error. Noise that remembers, as
 * an AR(1) series does, reverts at ρ = φ − 1 < 0 whatever its trend; a
 * random walk's residuals about a line wander off and barely revert
 * (ρ near 0). The t is referred to no table: its threshold
 * (PmLeakThresholds.revert_t_max) comes from simulated walks judged by
 * the whole fit (docs/leaks.md, "The trend in one boot", step 8).
 *
 * Returns: the t (negative when the residuals revert), 0 when it cannot
 * be measured
 */
double
_pm_leak_revert_t (const double *e,
                   guint         n)
{
  double mean = 0, sxx = 0, sxy = 0, syy = 0, rho, ss;

  if (n < 4)
    return 0;
  for (guint i = 0; i < n; i++)
    mean += e[i] / n;
  for (guint i = 1; i < n; i++)
    {
      double x = e[i - 1] - mean, d = e[i] - e[i - 1];

      sxx += x * x;
      sxy += x * d;
      syy += d * d;
    }
  if (!(sxx > 0))
    return 0;
  rho = sxy / sxx;
  /* The regression's residual sum of squares: Σ d² − ρ Σ x d. */
  ss = MAX (syy - rho * sxy, 1e-12 * syy);
  /* Residuals all equal but for the rounding of their mean leave sxx > 0
   * and syy = 0. */
  if (!(ss > 0))
    return 0;
  return CLAMP (rho / sqrt (ss / (n - 2) / sxx), -1000, 1000);
}

/**
 * _pm_leak_asym_z:
 * @returned: (out): the sum of the falling increments over the sum of the
 *   rising ones (0 for a series that never falls, about 1 for a walk)
 *
 * The rise of @y (last minus first) over the scale of its falling
 * increments: √(2 Σ d²) over the increments d < 0. A random walk falls as
 * much as it rises, so the falls measure its step size and this is about
 * its drift z; a leak that grows in bursts never freed (a staircase) only
 * falls by the noise, so its rare large jumps do not count as wandering,
 * as they do in the drift z's variance.
 *
 * Returns: the z, capped at 1000
 */
double
_pm_leak_asym_z (const double *y,
                 guint         n,
                 double       *returned)
{
  double up = 0, down = 0, down2 = 0, rise, z;

  *returned = 1;
  if (n < 4)
    return 0;
  for (guint i = 0; i + 1 < n; i++)
    {
      double d = y[i + 1] - y[i];

      if (d > 0)
        up += d;
      else
        {
          down -= d;
          down2 += d * d;
        }
    }
  *returned = up > 0 ? down / up : 1;
  rise = y[n - 1] - y[0];
  if (rise <= 0)
    return 0;
  /* A floor: a series that never falls is as clear as it gets. */
  z = rise / sqrt (MAX (2 * down2, 1e-6 * rise * rise));
  return MIN (z, 1000);
}
