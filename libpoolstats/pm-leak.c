/* pm-leak.c: which tags leak — the grid, the pass over every tag, threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The range is cut into boots (pm_dataset_get_boots()) and each boot into
 * blocks, at most thresholds->max_points in all (each boot keeps enough to be
 * judged). Every tag's series is averaged per block once; each boot is then
 * judged from the tag's first presence in it (pm-leak-fit.c). Tags whose
 * trend might be their workload's get the peer analysis (pm-leak-peers.c);
 * pm-leak-result.c combines the boots and the metrics into verdicts. Memory
 * beyond the dataset is a bounded number of blocks per tag: O(tags).
 */
#include "pm-leak-work.h"

#include <math.h>
#include <string.h>

/* The documented defaults (docs/leaks.md): the one place they live. */
static const PmLeakThresholds default_thresholds = {
  .max_points = 64,
  .min_points = 8,
  .z_leak = 3.0,
  .z_suspect = 2.0,
  .drift_z_leak = 3.0,
  .clarity_leak = 7.0,
  .z_white = 5.0,
  .white_rho_max = 0.3,
  .drift_z_suspect = 2.0,
  .clarity_suspect = 4.0,
  .clarity_min = 2.0,
  .steady_min = 0.35,
  .given_back_max = 0.5,
  .step_ratio = 0.5,
  .start_gain = 0.2,
  .mostly_zero = 0.5,
  .min_rise_allocs = 8,
  .min_rise_bytes = 16384,
  .peer_r_min = 0.6,
  .peer_trend_max = 0.95,
  .peer_max = 3,
  .peer_explained_min = 0.4,
  .peer_candidates_max = 600,
  .consistent_share = 0.5,
  .clarity_partial = 10.0,
  .drift_z_partial = 5.0,
  .z_white_clear = 7.0,
  .asym_z_leak = 8.0,
  .asym_z_suspect = 4.0,
  .z_combined = 5.0,
  .drift_z_combined = 3.0,
  .rate_hetero_z = 3.09,
  .rate_ratio_max = 3.0,
  .stair_middle_min = 0.5,
  .peer_workload_max = 6,
  .clarity_skip = 2,
  .cycle_r_min = 0.3,
  .cycle_few = 2,
  .cycle_pulse_min = 6,
  .cycle_bins_min = 6,
  .cycle_phase_min = 4,
  .idle_max = 0.25,
  .cache_curve_max = 0.05,
  .cache_curves_max = 0.25,
  .not_run_clear_min = 2,
  .not_run_growing_min = 3,
  .still_share = 0.5,
  .still_boots_min = 4,
  .fall_boots_max = 64,
  .group_excess_z = 5.0,
  .group_excess_share = 0.1,
  .group_least_fall_max = 2.0,
  .pause_fit_ratio = 0.5,
  .level_fit_ratio = 0.8,
  .cache_falls_max = 0.25,
  .floor_quantile = 0.1,
  .floor_block_min = 8,
  .floor_bursts_min = 2.5,
  .floor_quartile_blocks = 33,
  .floor_quartile_ratio = 2,
  .kin_climbed_share = 2.0 / 3,
  .clarity_white_min = 1.0,
  .peer_rise_share = 0.5,
  .pooled_r2_min = 0.5,
  .pooled_reach_max = 100,
  .peer_slope_z = 1.96,
  .ran_less_asym_z = 4.0,
  .ran_less_z = 3.0,
  .peer_beyond_shape_min = 0.2,
  .shared_r_min = 0.5,
  .shared_z_min = 2.5,
  .shared_partners_min = 3,
  .reboot_z_min = 6.0,
  .reboot_jump_ratio = 1.5,
  .reboot_gained_min = 0.5,
  .reboots_min = 2,
  .reboot_peer_z_min = 3.0,
  .curve_combined_max = 0.4,
  .reboot_kept_max = 0.25,
  .group_rho_max = 0.6,
  .revert_t_max = -5.0,
  .asym_z_partial = 12.0,
  .revert_t_combined = -3.5,
};

/**
 * pm_leak_thresholds_default:
 *
 * Returns: (transfer none): the leak finder's documented thresholds
 */
const PmLeakThresholds *
pm_leak_thresholds_default (void)
{
  return &default_thresholds;
}

/**
 * pm_leak_options_init:
 *
 * Both metrics, UTC, every snapshot, the default thresholds, up to two threads.
 */
void
pm_leak_options_init (PmLeakOptions *options)
{
  memset (options, 0, sizeof *options);
  options->both = TRUE;
  options->metric = PM_METRIC_TOTAL_DIFF;
  options->time_base = PM_TIME_BASE_UTC;
  options->first = 0;
  options->n_snapshots = G_MAXUINT;
  options->thresholds = NULL;
  options->n_threads = 0;
}

/* Whether PM_LEAK_DEBUG asks for the figures of @tag: set to its name,
 * or to 1 for every tag (docs/leaks.md, "Debugging a verdict"). */
gboolean
_pm_leak_debug_wanted (PmLeakWork *w,
                       guint       tag)
{
  const char *want = g_getenv ("PM_LEAK_DEBUG");

  return G_UNLIKELY (want != NULL)
         && (g_str_equal (want, "1") || g_str_equal (want, pm_dataset_get_tag_name (w->dataset, tag)));
}

/* Growth smaller than this in a boot is not worth a verdict. */
double
_pm_leak_min_rise (PmLeakWork *w,
                   guint       m)
{
  return pm_metric_is_bytes (w->metrics[m]) ? w->th->min_rise_bytes : w->th->min_rise_allocs;
}

static void
work_clear (PmLeakWork *w)
{
  g_free (w->boot_start);
  g_free (w->boot_block);
  g_free (w->block_start);
  g_free (w->block_hours);
  g_free (w->boot_weight);
  g_free (w->means);
  g_free (w->incs);
  g_free (w->seg_block);
  g_free (w->seg_snapshot);
  g_free (w->zero_share);
  g_free (w->series);
  g_free (w->fits);
  g_free (w->candidates);
  g_free (w->own_fits);
  g_free (w->own_growth);
}

/* Boots within the range, then blocks within the boots. */
static void
make_grid (PmLeakWork *w)
{
  guint n_reboots = 0, n_in = 0, b = 0;
  const guint *reboots = pm_dataset_get_boots (w->dataset, &n_reboots);
  double t0 = (double) w->times[w->first];

  w->boot_start = g_new (guint, n_reboots + 2);
  w->boot_start[n_in++] = w->first;
  for (guint i = 0; reboots != NULL && i < n_reboots; i++)
    if (reboots[i] > w->first && reboots[i] < w->first + w->n)
      w->boot_start[n_in++] = reboots[i];
  w->n_boots = n_in;
  w->boot_start[n_in] = w->first + w->n;

  w->boot_block = g_new (guint, w->n_boots + 1);
  w->block_start = g_new (guint, w->n + 1);
  w->block_hours = g_new (double, w->n);
  for (guint k = 0; k < w->n_boots; k++)
    {
      guint s = w->boot_start[k], len = w->boot_start[k + 1] - s;
      guint want = (guint) floor ((double) w->th->max_points * len / w->n + 0.5);
      guint nb = MIN (len, MAX (want, MIN (len, 2 * w->th->min_points)));

      w->boot_block[k] = b;
      for (guint j = 0; j < nb; j++, b++)
        {
          guint from = s + (guint) ((guint64) len * j / nb);
          guint to = s + (guint) ((guint64) len * (j + 1) / nb);
          double sum = 0;

          w->block_start[b] = from;
          for (guint i = from; i < to; i++)
            sum += (double) w->times[i] - t0;
          w->block_hours[b] = sum / (to - from) / 3600.0;
        }
    }
  w->boot_block[w->n_boots] = b;
  w->block_start[b] = w->first + w->n;
  w->n_blocks = b;
}

/* Times must increase from block to block for the slopes: with equal
 * times (a clock that stood still) a block gets a tiny step further. */
static void
fix_block_times (PmLeakWork *w)
{
  for (guint b = 1; b < w->n_blocks; b++)
    if (w->block_hours[b] <= w->block_hours[b - 1])
      w->block_hours[b] = w->block_hours[b - 1] + 1e-6;
}

/* What an increment of each boot weighs when peers are asked to
 * correlate within boots (pm-leak-peers.c): the inverse of the variance
 * white noise gives an increment per hour there, m h² for blocks of m
 * snapshots h hours apart, scaled to at most 1; 0 for a boot of one
 * block, which has no increment. A short boot's blocks are a few
 * snapshots each, and its increments per hour are mostly noise over a few
 * minutes, far larger than a long boot's. */
static void
weigh_boots (PmLeakWork *w)
{
  double most = 0;

  w->boot_weight = g_new0 (double, w->n_boots);
  for (guint k = 0; k < w->n_boots; k++)
    {
      guint b0 = w->boot_block[k], b1 = w->boot_block[k + 1];
      double m, h;

      if (b1 - b0 < 2)
        continue;
      m = (double) (w->block_start[b1] - w->block_start[b0]) / (b1 - b0);
      h = (w->block_hours[b1 - 1] - w->block_hours[b0]) / (b1 - 1 - b0);
      w->boot_weight[k] = m * h * h;
      most = MAX (most, w->boot_weight[k]);
    }
  for (guint k = 0; k < w->n_boots && most > 0; k++)
    w->boot_weight[k] /= most;
}

/* The (K + 1)-th smallest of the N values V, kept in SMALL (room for
 * K + 1) sorted as they come: one comparison for most values, as only
 * those below the K + 1 smallest so far move anything — far cheaper than a
 * selection when K is a small share of N. */
static double
kth_smallest (const double *v,
              guint         n,
              guint         k,
              double       *small)
{
  guint have = 0;

  for (guint i = 0; i < n; i++)
    {
      double x = v[i];
      guint j;

      if (have == k + 1 && !(x < small[k]))
        continue;
      j = have < k + 1 ? have++ : k;
      while (j > 0 && small[j - 1] > x)
        {
          small[j] = small[j - 1];
          j--;
        }
      small[j] = x;
    }
  return small[MIN (k, have - 1)];
}

/* The floor_quantile (the lowest tenth) of each block B0 .. B1 - 1 of
 * VALUES into LOW; SMALL has room for a block. */
static void
block_quantiles (PmLeakWork   *w,
                 const double *values,
                 guint         b0,
                 guint         b1,
                 double       *low,
                 double       *small)
{
  for (guint b = b0; b < b1; b++)
    {
      guint from = w->block_start[b] - w->first, to = w->block_start[b + 1] - w->first;

      low[b - b0] = kth_smallest (values + from, to - from,
                                  (guint) (w->th->floor_quantile * (to - from - 1)), small);
    }
}

/* The floors of N blocks from their quantiles LOW: the least of each and
 * its FLOOR_REACH neighbours either side in the boot, a level that bursts
 * given back within a few blocks do not lift. A leak's floor only rises,
 * so taking the neighbours' in shifts it by at most FLOOR_REACH blocks,
 * and its slope not at all. */
#define FLOOR_REACH 2

static void
least_of_neighbours (const double *low,
                     guint         n,
                     double       *floors)
{
  for (guint j = 0; j < n; j++)
    {
      guint lo = j > FLOOR_REACH ? j - FLOOR_REACH : 0, hi = MIN (n - 1, j + FLOOR_REACH);

      floors[j] = low[lo];
      for (guint i = lo + 1; i <= hi; i++)
        floors[j] = MIN (floors[j], low[i]);
    }
}

/* The 25 % quantile of |N(0, 1)|: the lower quartile of a normal noise's
 * absolute values is this many of its standard deviations. */
#define HALF_NORMAL_Q25 0.3186

/* How far the N block averages MEANS lie above the blocks' own low
 * quantiles LOW (the median gap), in units of LOW's block-to-block noise
 * (1.4826 × its median absolute increment / √2): large for a busy tag
 * whose bursts of work are given back, about 1 for a walk around a level
 * (white noise with many snapshots a block gives more: its low quantiles
 * vary less than its blocks). A tag busy most of the time has bursts that
 * cover nine tenths of a block or more in half its blocks, and those lift
 * more than half the increments of LOW: with QUARTILE_MIN blocks or more,
 * the noise is also measured on the lower quartile of the absolute
 * increments (which three lifted in four leave alone), and it counts
 * when it is under 1 / QUARTILE_RATIO of the median's: for one normal
 * noise the two agree, and so far apart the increments are a mix, most
 * of them lifted. Not a quartile of 0 (counts of a few objects repeat).
 * D: scratch for N. */
static double
burst_gap (const double *means,
           const double *low,
           guint         n,
           guint         quartile_min,
           double        quartile_ratio,
           double       *d)
{
  double gap, noise;

  if (n < 3)
    return 0;
  for (guint i = 0; i < n; i++)
    d[i] = means[i] - low[i];
  gap = _pm_leak_select (d, n, n / 2);
  noise = _pm_leak_block_noise (low, n, d);
  if (n >= quartile_min)
    {
      double quartile_noise;

      for (guint i = 0; i + 1 < n; i++)
        d[i] = fabs (low[i + 1] - low[i]);
      quartile_noise = _pm_leak_select (d, n - 1, (n - 1) / 4) / (HALF_NORMAL_Q25 * G_SQRT2);
      /* Counts of a few objects repeat: a quarter of their increments at
       * 0 says nothing of the noise. */
      if (quartile_noise > 0 && quartile_noise * quartile_ratio < noise)
        noise = quartile_noise;
    }
  return noise > 0 ? gap / noise : gap > 0 ? INFINITY : 0;
}

/* Whether growth found on the floors beats a walk by more than the
 * asymmetry z: the least of neighbours hides small falls, so a smoothed
 * walk never falls much; the drift z, the clarity or white residuals must
 * say so (the other ways step 8 of docs/leaks.md lets growth through). */
static gboolean
floor_beats_walk (const PmLeakFit        *low,
                  guint                   n,
                  const PmLeakThresholds *th)
{
  return low->drift_z >= th->drift_z_leak || low->clarity >= th->clarity_leak
         || _pm_leak_white_trend (low, n, th, th->z_white);
}

/* One tag: its first presence per boot, block averages, increments, the
 * share at zero and each boot's fit, for every metric. FLOORS has room for
 * the series' snapshots and twice its blocks. */
static void
tag_pass (PmLeakWork    *w,
          guint          tag,
          double        *values,
          guint8        *present,
          double        *floors,
          PmLeakScratch *scratch)
{
  guint *seg_block = &w->seg_block[(gsize) tag * w->n_boots];
  guint *seg_snap = &w->seg_snapshot[(gsize) tag * w->n_boots];

  pm_dataset_copy_present (w->dataset, tag, w->first, w->n, present);
  for (guint k = 0; k < w->n_boots; k++)
    {
      guint s = w->boot_start[k], e = w->boot_start[k + 1], p = s;

      while (p < e && !present[p - w->first])
        p++;
      seg_snap[k] = p < e ? p : G_MAXUINT;
      seg_block[k] = G_MAXUINT;
      for (guint b = w->boot_block[k]; p < e && b < w->boot_block[k + 1]; b++)
        if (w->block_start[b] >= p)
          {
            seg_block[k] = b;
            break;
          }
    }

  for (guint m = 0; m < w->n_metrics; m++)
    {
      PmLeakSeries *series = _pm_leak_work_series (w, m, tag);
      double *means = _pm_leak_work_means (w, m, tag);
      double *incs = _pm_leak_work_incs (w, m, tag);
      gboolean seen = FALSE;
      double first_value = 0, last_value = 0, growth;

      pm_dataset_copy_series_double (w->dataset, w->metrics[m], tag, w->first, w->n, values);
      for (guint i = 0; i < w->n; i++)
        if (present[i])
          {
            if (!seen)
              first_value = values[i];
            last_value = values[i];
            seen = TRUE;
          }
      /* Byte counts near 2^63 on both ends differ by more than a gint64
       * holds: the growth saturates. */
      growth = last_value - first_value;
      series->growth = growth >= 0x1p63 ? G_MAXINT64
                       : growth <= -0x1p63 ? G_MININT64
                       : (gint64) growth;

      for (guint b = 0; b < w->n_blocks; b++)
        {
          double sum = 0;
          guint from = w->block_start[b] - w->first, to = w->block_start[b + 1] - w->first;

          for (guint i = from; i < to; i++)
            sum += values[i];
          means[b] = sum / (to - from);
          incs[b] = 0;
        }

      for (guint k = 0; k < w->n_boots; k++)
        {
          PmLeakFit *fit = &series->fits[k];
          guint b0 = seg_block[k], b1 = w->boot_block[k + 1], zeros = 0, count = 0;
          double share;

          if (seg_snap[k] == G_MAXUINT)
            {
              memset (fit, 0, sizeof *fit);
              fit->pattern = PM_LEAK_PATTERN_ABSENT;
              continue;
            }
          for (guint i = seg_snap[k]; i < w->boot_start[k + 1]; i++, count++)
            zeros += values[i - w->first] == 0;
          share = count ? (double) zeros / count : 1;
          w->zero_share[((gsize) m * w->n_tags + tag) * w->n_boots + k] = (float) share;

          if (b0 == G_MAXUINT)
            {
              memset (fit, 0, sizeof *fit);
              fit->pattern = PM_LEAK_PATTERN_TOO_SHORT;
              continue;
            }
          /* Per hour: blocks differ in length by a snapshot, and every
           * trending tag would share that pattern otherwise. */
          /* The first part of each boot is left out: caches warm up and
           * services start there in every tag at once, which is the boot,
           * not a workload shared. */
          for (guint b = MAX (b0 + 1, w->boot_block[k] + (b1 - w->boot_block[k]) / 6); b < b1; b++)
            incs[b] = (means[b] - means[b - 1]) / (w->block_hours[b] - w->block_hours[b - 1]);
          _pm_leak_fit (w->block_hours + b0, means + b0, b1 - b0, _pm_leak_min_rise (w, m),
                        share, PM_LEAK_SERIES_OWN, w->th, scratch, fit);
          series->priority = MAX (series->priority, fabs (fit->trend.z_plain));
          /* A periodic workload hides a climb in block averages that know
           * nothing of its cycle: the means of whole cycles do not. */
          if (!fit->growing && fit->pattern != PM_LEAK_PATTERN_TOO_SHORT
              && fit->pattern != PM_LEAK_PATTERN_MOSTLY_ZERO)
            {
              PmLeakFit cyc;
              double hours = _pm_leak_cycle_fit (w, tag, values, seg_snap[k], w->boot_start[k + 1],
                                                 b0, b1, _pm_leak_min_rise (w, m), share, scratch,
                                                 &cyc);

              if (hours > 0 && cyc.growing)
                {
                  *fit = cyc;
                  fit->cycle_hours = hours;
                }
            }
          /* Leaked objects stay; a busy tag's bursts of work are given
           * back within a block or a few. Its blocks' floors (a low
           * quantile of each) leave the bursts out and keep the leak. Only
           * for a tag with such bursts (its averages at least
           * floor_bursts_min times the floors' noise above them): a walk's
           * floors are a smoothed walk, which the tests are not made for,
           * and growth on them must beat a walk by more than its
           * asymmetry. A boot whose averages level off stays a cache unless
           * its floors' last third still rises at twice steady_min of their
           * slope: the floors are noisier, and a slow cache's pass
           * steady_min by chance. */
          if (!fit->growing && fit->pattern != PM_LEAK_PATTERN_TOO_SHORT
              && fit->pattern != PM_LEAK_PATTERN_MOSTLY_ZERO
              && w->block_start[b1] - w->block_start[b0] >= (guint64) w->th->floor_block_min * (b1 - b0))
            {
              gboolean cache = fit->pattern == PM_LEAK_PATTERN_LEVELS_OFF;
              guint nb = b1 - b0;
              double *low = floors + nb, bursts;
              PmLeakFit lowest;

              block_quantiles (w, values, b0, b1, low, floors + 2 * nb);
              bursts = burst_gap (means + b0, low, nb, w->th->floor_quartile_blocks, w->th->floor_quartile_ratio,
                                  floors + 2 * nb);
              if (_pm_leak_debug_wanted (w, tag))
                g_printerr ("leak-debug %s m%u boot %u bursts %.2f\n",
                            pm_dataset_get_tag_name (w->dataset, tag), m, k, bursts);
              if (bursts >= w->th->floor_bursts_min)
                {
                  least_of_neighbours (low, nb, floors);
                  _pm_leak_fit (w->block_hours + b0, floors, nb, _pm_leak_min_rise (w, m), share,
                                PM_LEAK_SERIES_DERIVED, w->th, scratch, &lowest);
                  if (_pm_leak_debug_wanted (w, tag))
                    g_printerr ("leak-debug %s m%u boot %u floors: %s z %.2f clarity %.2f drift %.2f steady %.2f\n",
                                pm_dataset_get_tag_name (w->dataset, tag), m, k,
                                pm_leak_pattern_to_string (lowest.pattern), lowest.trend.z,
                                lowest.clarity, lowest.drift_z, lowest.steady);
                  if (lowest.growing && floor_beats_walk (&lowest, nb, w->th)
                      && (!cache || lowest.steady >= 2 * w->th->steady_min))
                    {
                      *fit = lowest;
                      fit->floor = TRUE;
                    }
                }
            }
        }

      /* Centred and of unit length, so that r is a dot product. */
      {
        double mean = 0, ss = 0;
        guint cnt = 0;

        for (guint b = 0; b < w->n_blocks; b++)
          if (incs[b] != 0)
            {
              mean += incs[b];
              cnt++;
            }
        mean = cnt ? mean / cnt : 0;
        for (guint b = 0; b < w->n_blocks; b++)
          if (incs[b] != 0)
            {
              incs[b] -= mean;
              ss += incs[b] * incs[b];
            }
        for (guint b = 0; b < w->n_blocks && ss > 0; b++)
          incs[b] /= sqrt (ss);
      }
    }
}

typedef void (*PmLeakJobFunc) (PmLeakWork *w,
                               guint       item,
                               gpointer    local);

typedef struct
{
  PmLeakWork    *w;
  PmLeakJobFunc  func;
  guint          n_items;
} PmLeakJob;

#define CHUNK 16

static void
tag_job (PmLeakWork *w,
         guint       tag,
         gpointer    local)
{
  PmLeakScratch *scratch = local;
  double *values = (double *) (scratch + 1);
  double *floors = values + w->n;
  guint8 *present = (guint8 *) (floors + w->n + 2 * w->n_blocks);

  tag_pass (w, tag, values, present, floors, scratch);
}

static gpointer
job_thread (gpointer data)
{
  PmLeakJob *job = data;
  PmLeakWork *w = job->w;
  PmLeakScratch *scratch = g_malloc (sizeof (PmLeakScratch)
                                     + sizeof (double) * (2 * w->n + 2 * w->n_blocks) + w->n + 8);

  _pm_leak_scratch_init (scratch, MAX (w->th->max_points, 2 * w->th->min_points) + 2);
  for (;;)
    {
      guint from = (guint) g_atomic_int_add (&w->next, CHUNK);

      if (from >= job->n_items || g_cancellable_is_cancelled (w->cancellable))
        break;
      for (guint i = from; i < MIN (from + CHUNK, job->n_items); i++)
        job->func (w, i, scratch);
    }
  _pm_leak_scratch_clear (scratch);
  g_free (scratch);
  return NULL;
}

static guint
n_workers (const PmLeakOptions *options)
{
  guint n = options->n_threads ? options->n_threads : MIN (2, g_get_num_processors ());

  return CLAMP (n, 1, 8);
}

/* Runs @func over items 0 .. @n_items - 1 in @n_threads threads, this one
 * included. Each thread has its own scratch space. */
static void
run_jobs (PmLeakWork    *w,
          PmLeakJobFunc  func,
          guint          n_items,
          guint          n_threads)
{
  PmLeakJob job = { w, func, n_items };
  GThread *threads[8];
  guint extra = n_items > 4 * CHUNK ? n_threads - 1 : 0;

  w->next = 0;
  for (guint i = 0; i < extra; i++)
    threads[i] = g_thread_new ("pm-leak", job_thread, &job);
  job_thread (&job);
  for (guint i = 0; i < extra; i++)
    g_thread_join (threads[i]);
}

static void
peer_job (PmLeakWork *w,
          guint       item,
          gpointer    local);

/**
 * pm_leak_analyse:
 * @dataset: the snapshots
 * @options: (nullable): what to judge; %NULL for pm_leak_options_init()'s
 * @cancellable: (nullable):
 * @error: %PM_ERROR_INVALID when the files lack the metrics' columns or the
 *   range is empty; %G_IO_ERROR_CANCELLED
 *
 * Judges every tag (TOTAL is not judged).
 *
 * Returns: (transfer full) (nullable): the verdicts, or %NULL with @error set
 */
PmLeakResult *
pm_leak_analyse (PmDataset           *dataset,
                 const PmLeakOptions *options,
                 GCancellable        *cancellable,
                 GError             **error)
{
  PmLeakOptions defaults;
  PmLeakWork w = { 0 };
  PmLeakResult *result;
  guint total;

  g_return_val_if_fail (PM_IS_DATASET (dataset), NULL);

  if (options == NULL)
    {
      pm_leak_options_init (&defaults);
      options = &defaults;
    }
  w.dataset = dataset;
  w.th = options->thresholds ? options->thresholds : &default_thresholds;
  w.cancellable = cancellable;
  total = pm_dataset_get_n_snapshots (dataset);
  w.first = MIN (options->first, total);
  w.n = MIN (options->n_snapshots, total - w.first);
  w.n_tags = pm_dataset_get_n_tags (dataset);
  w.times = pm_dataset_get_times (dataset, options->time_base);

  if (options->both)
    {
      /* Files with a subset of the columns: the widest of each kind. */
      static const PmMetric allocs[] = { PM_METRIC_TOTAL_DIFF, PM_METRIC_NON_PAGED_DIFF, PM_METRIC_PAGED_DIFF };
      static const PmMetric bytes[] = { PM_METRIC_TOTAL_USED_BYTES, PM_METRIC_NON_PAGED_USED_BYTES,
                                        PM_METRIC_PAGED_USED_BYTES };

      for (guint i = 0; i < G_N_ELEMENTS (allocs); i++)
        if (pm_dataset_has_metric (dataset, allocs[i]))
          {
            w.metrics[w.n_metrics++] = allocs[i];
            break;
          }
      for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
        if (pm_dataset_has_metric (dataset, bytes[i]))
          {
            w.metrics[w.n_metrics++] = bytes[i];
            break;
          }
    }
  else if (options->metric < PM_N_METRICS && pm_dataset_has_metric (dataset, options->metric))
    w.metrics[w.n_metrics++] = options->metric;
  if (w.n_metrics == 0)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   "The snapshots have no columns to judge leaks on");
      return NULL;
    }
  if (w.n == 0)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, "No snapshot in the range");
      return NULL;
    }

  make_grid (&w);
  fix_block_times (&w);
  weigh_boots (&w);
  w.means = g_new0 (double, (gsize) w.n_metrics * w.n_tags * w.n_blocks);
  w.incs = g_new0 (double, (gsize) w.n_metrics * w.n_tags * w.n_blocks);
  w.seg_block = g_new (guint, (gsize) w.n_tags * w.n_boots);
  w.seg_snapshot = g_new (guint, (gsize) w.n_tags * w.n_boots);
  w.zero_share = g_new0 (float, (gsize) w.n_metrics * w.n_tags * w.n_boots);
  w.series = g_new0 (PmLeakSeries, (gsize) w.n_metrics * w.n_tags);
  w.fits = g_new0 (PmLeakFit, (gsize) w.n_metrics * w.n_tags * w.n_boots);
  for (gsize i = 0; i < (gsize) w.n_metrics * w.n_tags; i++)
    w.series[i].fits = &w.fits[i * w.n_boots];

  run_jobs (&w, tag_job, w.n_tags, n_workers (options));
  if (!g_cancellable_is_cancelled (cancellable))
    {
      _pm_leak_peers_run (&w);
      run_jobs (&w, peer_job, w.n_candidates, n_workers (options));
      if (!g_cancellable_is_cancelled (cancellable) && _pm_leak_peers_again (&w))
        run_jobs (&w, peer_job, w.n_candidates, n_workers (options));
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      work_clear (&w);
      return NULL;
    }

  result = _pm_leak_result_new (&w, options);
  work_clear (&w);
  return result;
}

static void
peer_job (PmLeakWork *w,
          guint       item,
          gpointer    local)
{
  _pm_leak_peer_one (w, item, local);
}

typedef struct
{
  PmDataset     *dataset;
  PmLeakOptions  options;
} AnalyseData;

static void
analyse_data_free (gpointer data)
{
  AnalyseData *ad = data;

  g_object_unref (ad->dataset);
  g_free (ad);
}

static void
analyse_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AnalyseData *ad = task_data;
  GError *error = NULL;
  PmLeakResult *result = pm_leak_analyse (ad->dataset, &ad->options, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) pm_leak_result_unref);
}

/**
 * pm_leak_analyse_async:
 * @options: (nullable): copied; its thresholds, when given, must stay
 *   valid until the callback
 *
 * pm_leak_analyse() in a worker thread. The dataset is held until done.
 */
void
pm_leak_analyse_async (PmDataset           *dataset,
                       const PmLeakOptions *options,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AnalyseData *ad;

  g_return_if_fail (PM_IS_DATASET (dataset));

  ad = g_new0 (AnalyseData, 1);
  ad->dataset = g_object_ref (dataset);
  if (options)
    ad->options = *options;
  else
    pm_leak_options_init (&ad->options);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_leak_analyse_async);
  g_task_set_task_data (task, ad, analyse_data_free);
  g_task_run_in_thread (task, analyse_thread);
}

/**
 * pm_leak_analyse_finish:
 *
 * Returns: (transfer full) (nullable): the verdicts, or %NULL with @error set
 */
PmLeakResult *
pm_leak_analyse_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pm_leak_analyse_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
