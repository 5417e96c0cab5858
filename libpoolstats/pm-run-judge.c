/* pm-run-judge.c: the leak finder's rate and verdict, for the comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place where a run comparison asks for a trend: rates, their
 * intervals and verdicts all come from the leak finder (pm-leak.h), run on
 * each run's compared span on its own.
 */
#include "pm-run-compare-private.h"

#include <math.h>

#include "pm-leak.h"

static PmRunVerdict
map_verdict (const PmLeakTag *lt)
{
  if (lt->pattern == PM_LEAK_PATTERN_ABSENT || lt->pattern == PM_LEAK_PATTERN_TOO_SHORT)
    return PM_RUN_VERDICT_NOT_JUDGED;

  switch (lt->verdict)
    {
    case PM_LEAK_VERDICT_LEAK:
      return PM_RUN_VERDICT_LEAK;
    case PM_LEAK_VERDICT_SUSPECT:
      return PM_RUN_VERDICT_SUSPECT;
    case PM_LEAK_VERDICT_NONE:
    default:
      return PM_RUN_VERDICT_NONE;
    }
}

/**
 * _pm_run_judge:
 * @judgements: (out caller-allocates) (array): one per tag of @dataset
 * @judged: (out): whether a leak finder gave the answers
 *
 * Fills in the leak finder's verdict and rate (per hour, in @options'
 * metric: bytes per hour for a bytes metric, outstanding allocations per
 * hour for a *Diff one) for every tag of @dataset over the snapshots
 * [@first, @first + @n_snapshots). With @options->judge_both and a metric
 * of TotalUsedBytes or TotalDiff, the verdict is the leak finder's on both
 * together (its default); otherwise on the metric alone.
 *
 * Returns: %FALSE with @error set when cancelled or the leak finder fails
 */
gboolean
_pm_run_judge (PmDataset                 *dataset,
               const PmRunCompareOptions *options,
               guint                      first,
               guint                      n_snapshots,
               PmRunJudgement            *judgements,
               gboolean                  *judged,
               GCancellable              *cancellable,
               GError                   **error)
{
  g_autoptr(PmLeakResult) result = NULL;
  guint n_tags = pm_dataset_get_n_tags (dataset);
  gboolean bytes = pm_metric_is_bytes (options->metric);
  PmLeakOptions lo;

  pm_leak_options_init (&lo);
  lo.both = options->judge_both && (options->metric == PM_METRIC_TOTAL_USED_BYTES ||
                                    options->metric == PM_METRIC_TOTAL_DIFF);
  lo.metric = options->metric;
  lo.time_base = options->time_base;
  lo.first = first;
  lo.n_snapshots = n_snapshots;

  *judged = FALSE;
  result = pm_leak_analyse (dataset, &lo, cancellable, error);
  if (result == NULL)
    return FALSE;

  for (guint t = 0; t < n_tags; t++)
    {
      const PmLeakTag *lt = pm_leak_result_get_tag (result, t);
      PmRunJudgement *j = &judgements[t];

      j->verdict = map_verdict (lt);
      j->rate = bytes ? lt->bytes_per_hour : lt->allocs_per_hour;
      j->rate_low = bytes ? lt->bytes_per_hour_low : lt->allocs_per_hour_low;
      j->rate_high = bytes ? lt->bytes_per_hour_high : lt->allocs_per_hour_high;
      j->reason = g_strdup (lt->reason);
      if (j->verdict == PM_RUN_VERDICT_NOT_JUDGED)
        j->rate = j->rate_low = j->rate_high = NAN;
    }
  *judged = TRUE;

  return TRUE;
}
