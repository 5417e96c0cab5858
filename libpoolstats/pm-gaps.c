/* pm-gaps.c: where a series of snapshots has holes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sampler takes a snapshot every interval; a stopped sampler or a machine
 * that was off leaves a hole. What counts as a hole is measured against the
 * series itself: a step between two snapshots longer than three times the
 * median step (median, not mean, so that the holes do not lengthen the
 * yardstick). Beside reboots (pm_dataset_get_boots()), the other event that
 * a chart of the series must show. Times are UTC: the lab machine's local
 * clock jumps with daylight saving time.
 */
#include "pm-gaps.h"

#include <stdlib.h>

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * pm_dataset_get_median_interval:
 *
 * Returns: the median of the steps between consecutive snapshots, in
 *   seconds; 0 with fewer than two snapshots
 */
gint64
pm_dataset_get_median_interval (PmDataset *self)
{
  guint n;
  const gint64 *times;
  g_autofree gint64 *steps = NULL;

  g_return_val_if_fail (PM_IS_DATASET (self), 0);

  n = pm_dataset_get_n_snapshots (self);
  if (n < 2)
    return 0;

  times = pm_dataset_get_times (self, PM_TIME_BASE_UTC);
  steps = g_new (gint64, n - 1);
  for (guint i = 1; i < n; i++)
    steps[i - 1] = times[i] - times[i - 1];
  qsort (steps, n - 1, sizeof (gint64), compare_gint64);

  return steps[(n - 1) / 2];
}

/**
 * pm_dataset_get_gaps:
 *
 * The holes of the series: steps longer than %PM_GAP_MEDIAN_INTERVALS
 * median intervals.
 *
 * Returns: (transfer full) (element-type guint): the index of the first
 *   snapshot after each hole, in time order
 */
GArray *
pm_dataset_get_gaps (PmDataset *self)
{
  GArray *gaps = g_array_new (FALSE, FALSE, sizeof (guint));
  const gint64 *times;
  gint64 median;
  guint n;

  g_return_val_if_fail (PM_IS_DATASET (self), gaps);

  median = pm_dataset_get_median_interval (self);
  n = pm_dataset_get_n_snapshots (self);
  times = pm_dataset_get_times (self, PM_TIME_BASE_UTC);
  for (guint i = 1; median > 0 && i < n; i++)
    if (times[i] - times[i - 1] > PM_GAP_MEDIAN_INTERVALS * median)
      g_array_append_val (gaps, i);

  return gaps;
}
