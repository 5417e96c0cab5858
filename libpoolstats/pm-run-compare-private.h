/* pm-run-compare-private.h: where the leak finder's answers come in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-run-compare.h"

G_BEGIN_DECLS

/* The leak finder's answer for one tag of one run. */
typedef struct
{
  PmRunVerdict  verdict;     /* NOT_JUDGED, NONE, SUSPECT or LEAK */
  double        rate;        /* units of the metric per hour; NaN when not judged */
  double        rate_low;    /* 95 % interval */
  double        rate_high;
  char         *reason;      /* (nullable) */
} PmRunJudgement;

gboolean _pm_run_judge (PmDataset                 *dataset,
                        const PmRunCompareOptions *options,
                        guint                      first,
                        guint                      n_snapshots,
                        PmRunJudgement            *judgements,
                        gboolean                  *judged,
                        GCancellable              *cancellable,
                        GError                   **error);

G_END_DECLS
