/* pm-run-judge.c: the leak finder's rate and verdict, for the comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place where a run comparison asks for a trend: everything about
 * rates, their intervals and verdicts comes from the leak finder
 * (pm-leak.h). SEAM: until the leak finder is part of the library, every
 * tag is reported as not judged (no rate, no verdict).
 */
#include "pm-run-compare-private.h"

#include <math.h>

/**
 * _pm_run_judge:
 * @judgements: (out caller-allocates) (array): one per tag of @dataset
 * @judged: (out): whether a leak finder gave the answers
 *
 * Fills in the leak finder's verdict and rate (per hour, in @options'
 * metric) for every tag of @dataset over the snapshots [@first, @first +
 * @n_snapshots).
 *
 * Returns: %FALSE with @error set when cancelled
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
  guint n_tags = pm_dataset_get_n_tags (dataset);

  (void) options;
  (void) first;
  (void) n_snapshots;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  for (guint t = 0; t < n_tags; t++)
    judgements[t] = (PmRunJudgement) { PM_RUN_VERDICT_NOT_JUDGED, NAN, NAN, NAN, NULL };
  *judged = FALSE;

  return TRUE;
}
