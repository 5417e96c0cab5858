/* pm-run-compare.h: two runs compared tag by tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For runs A and B of a #PmRunSet (a control and a test run, before and
 * after a driver change, two machines): per tag, over one metric, each run's
 * figures (peak, mean, growth) and the leak finder's rate with its 95 %
 * interval and verdict; the differences B − A, the rate difference with its
 * interval, and a verdict per tag: grows only in B, in both, only in A, or
 * in neither. Rows are ranked by the rate difference, B's growth first.
 * docs/runs.md gives every definition.
 */
#pragma once

#include <gio/gio.h>

#include "pm-run-set.h"

G_BEGIN_DECLS

/**
 * PmRunVerdict:
 * @PM_RUN_VERDICT_ABSENT: the tag is not in the run (in its range)
 * @PM_RUN_VERDICT_NOT_JUDGED: present, but the leak finder gave no rate
 *   (too few snapshots, or no leak finder)
 * @PM_RUN_VERDICT_NONE: judged: no evidence of a leak
 * @PM_RUN_VERDICT_SUSPECT: judged: grows, short of a leak
 * @PM_RUN_VERDICT_LEAK: judged: grows steadily, a leak
 *
 * The leak finder's verdict on a tag in one run.
 */
typedef enum
{
  PM_RUN_VERDICT_ABSENT,
  PM_RUN_VERDICT_NOT_JUDGED,
  PM_RUN_VERDICT_NONE,
  PM_RUN_VERDICT_SUSPECT,
  PM_RUN_VERDICT_LEAK,
} PmRunVerdict;

/**
 * PmRunGrowth:
 * @PM_RUN_GROWTH_NEITHER: a leak in neither run
 * @PM_RUN_GROWTH_ONLY_B: a leak in B, not in A (a new leak, for a test run)
 * @PM_RUN_GROWTH_BOTH: a leak in both runs
 * @PM_RUN_GROWTH_ONLY_A: a leak in A, not in B (fixed, for a test run)
 *
 * The verdict of a comparison for one tag: "a leak" is the leak finder's
 * #PM_RUN_VERDICT_LEAK in that run.
 */
typedef enum
{
  PM_RUN_GROWTH_NEITHER,
  PM_RUN_GROWTH_ONLY_B,
  PM_RUN_GROWTH_BOTH,
  PM_RUN_GROWTH_ONLY_A,
} PmRunGrowth;

/**
 * PmRunCompareOptions:
 * @metric: the metric of every figure and rate
 * @judge_both: let the leak finder judge on TotalDiff and TotalUsedBytes
 *   together (its default) when @metric is one of those two; when %FALSE,
 *   or for another metric, it judges @metric alone
 * @time_base: the clock of the rates and of the alignment
 * @align: how the runs are laid over each other
 * @common_span: compare only the span both runs cover on the aligned axis
 *   (with elapsed time: the first hours of the longer run, as many as the
 *   shorter one has); when %FALSE, each run whole
 * @per: the workload each run did (operations, iterations, over the whole
 *   run), A then B; 0 for none. When both are set, growth and rates read
 *   per operation: growth / operations in the compared span, rate per hour /
 *   operations per hour (the workload taken as even over the run)
 *
 * Initialise with pm_run_compare_options_init().
 */
typedef struct
{
  PmMetric    metric;
  gboolean    judge_both;
  PmTimeBase  time_base;
  PmRunAlign  align;
  gboolean    common_span;
  double      per[2];
} PmRunCompareOptions;

/**
 * PmRunTagFigures:
 * @tag: the tag's index in the run's dataset, %G_MAXUINT when the run has
 *   no such tag
 * @n_present: snapshots of the range in which the tag is present
 * @peak: the largest value (0 when absent)
 * @mean: the mean where present (0 when absent)
 * @growth: last minus first non-zero value, as in the tag table; per
 *   operation when normalised (0 when absent)
 * @rate: the leak finder's rate, units per hour, or per operation when
 *   normalised; 0 when absent, NaN when not judged
 * @rate_low: the lower end of its 95 % interval
 * @rate_high: the upper end
 * @verdict: the leak finder's verdict in this run
 * @reason: (nullable): the leak finder's reason in words
 *
 * One tag in one run.
 */
typedef struct
{
  guint         tag;
  guint         n_present;
  gint64        peak;
  double        mean;
  double        growth;
  double        rate;
  double        rate_low;
  double        rate_high;
  PmRunVerdict  verdict;
  char         *reason;
} PmRunTagFigures;

/**
 * PmRunCompareRow:
 * @name: the tag, byte for byte ("TOTAL" for the total row)
 * @run: the figures in A (`run[0]`) and in B (`run[1]`)
 * @d_peak: B's peak − A's (an absent tag counts as 0, as it held nothing)
 * @d_mean: B's mean − A's
 * @d_growth: B's growth − A's
 * @d_rate: B's rate − A's; NaN when either was not judged
 * @d_rate_low: the lower end of the difference's 95 % interval (each side
 *   of the interval combines the runs' interval half-widths as the root of
 *   their squares; docs/runs.md)
 * @d_rate_high: the upper end
 * @differs: the difference's interval excludes 0
 * @growth: the verdict: leaks in B only, in both, in A only, neither
 *
 * One tag in both runs.
 */
typedef struct
{
  char            *name;
  PmRunTagFigures  run[2];
  double           d_peak;
  double           d_mean;
  double           d_growth;
  double           d_rate;
  double           d_rate_low;
  double           d_rate_high;
  gboolean         differs;
  PmRunGrowth      growth;
} PmRunCompareRow;

/**
 * PmRunCompare:
 *
 * Runs A and B compared, every tag of either. Immutable and reference
 * counted: safe to share between threads.
 */
typedef struct _PmRunCompare PmRunCompare;

#define PM_TYPE_RUN_COMPARE (pm_run_compare_get_type ())

void                   pm_run_compare_options_init   (PmRunCompareOptions       *options);

GType                  pm_run_compare_get_type       (void) G_GNUC_CONST;
PmRunCompare          *pm_run_compare_new            (PmRunSet                  *set,
                                                      guint                      run_a,
                                                      guint                      run_b,
                                                      const PmRunCompareOptions *options,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);
void                   pm_run_compare_new_async      (PmRunSet                  *set,
                                                      guint                      run_a,
                                                      guint                      run_b,
                                                      const PmRunCompareOptions *options,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
PmRunCompare          *pm_run_compare_new_finish     (GAsyncResult              *result,
                                                      GError                   **error);
PmRunCompare          *pm_run_compare_ref            (PmRunCompare              *self);
void                   pm_run_compare_unref          (PmRunCompare              *self);

PmRunSet              *pm_run_compare_get_run_set    (PmRunCompare              *self);
guint                  pm_run_compare_get_run        (PmRunCompare              *self,
                                                      guint                      which);
const PmRunCompareOptions *pm_run_compare_get_options (PmRunCompare             *self);
gboolean               pm_run_compare_get_normalised (PmRunCompare              *self);
gboolean               pm_run_compare_get_judged     (PmRunCompare              *self);
void                   pm_run_compare_get_range      (PmRunCompare              *self,
                                                      guint                      which,
                                                      guint                     *first,
                                                      guint                     *n_snapshots);
double                 pm_run_compare_get_hours      (PmRunCompare              *self,
                                                      guint                      which);
guint                  pm_run_compare_get_n_rows     (PmRunCompare              *self);
const PmRunCompareRow *pm_run_compare_get_row        (PmRunCompare              *self,
                                                      guint                      index);
const PmRunCompareRow *pm_run_compare_get_total      (PmRunCompare              *self);
const PmRunCompareRow *pm_run_compare_lookup         (PmRunCompare              *self,
                                                      const char                *name);
guint                  pm_run_compare_count          (PmRunCompare              *self,
                                                      PmRunGrowth                growth);

const char            *pm_run_verdict_to_string      (PmRunVerdict               verdict);
const char            *pm_run_growth_to_string       (PmRunGrowth                growth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmRunCompare, pm_run_compare_unref)

G_END_DECLS
