/* pm-rank.h: per-tag statistics and the old analyzer's four rankings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md §3. A #PmTagTable holds, for one metric and one snapshot range,
 * the figures of every tag (TOTAL included): what the viewer's tag table
 * shows and what the rankings sort. pm_rank() then picks the top N of each
 * ranking and the plotted selection.
 */
#pragma once

#include <glib.h>

#include "pm-dataset.h"

G_BEGIN_DECLS

/**
 * PmRanking:
 * @PM_RANKING_HIGHEST_PEAK: highest maximum (`-nh`)
 * @PM_RANKING_HIGHEST_AVERAGE: highest mean (`-nha`)
 * @PM_RANKING_BIGGEST_INCREASE_PCT: biggest (last − first) / first × 100 of
 *   the non-zero values (`-nmc`)
 * @PM_RANKING_BIGGEST_INCREASE_ABS: biggest last − first of the non-zero
 *   values (`-nmca`)
 */
typedef enum
{
  PM_RANKING_HIGHEST_PEAK,
  PM_RANKING_HIGHEST_AVERAGE,
  PM_RANKING_BIGGEST_INCREASE_PCT,
  PM_RANKING_BIGGEST_INCREASE_ABS,
  PM_N_RANKINGS
} PmRanking;

/* The old analyzer's default: the top 5 of each ranking. */
#define PM_RANK_DEFAULT_N 5

/**
 * PmTagStats:
 * @tag: the tag's index in the dataset
 * @n_present: snapshots of the range in which the tag is present
 * @first_snapshot: the first snapshot of the range in which the tag is
 *   present (a dataset index), or %G_MAXUINT when @n_present is 0
 * @last_snapshot: the last one, or %G_MAXUINT
 * @peak: the largest value over the snapshots where the tag is present
 * @mean: the mean over the snapshots where the tag is present (NaN when
 *   @n_present is 0)
 * @n_nonzero: present snapshots with a non-zero value
 * @first_nonzero: the first non-zero value, in time order (0 when none)
 * @last_nonzero: the last non-zero value (0 when none)
 * @increase_abs: @last_nonzero − @first_nonzero (0 when @n_nonzero is 0)
 * @increase_pct: (@last_nonzero − @first_nonzero) / @first_nonzero × 100,
 *   NaN when @n_nonzero is 0
 *
 * The figures of one tag over one metric and snapshot range. TOTAL's
 * figures are computed like any tag's (TOTAL is present everywhere). Times
 * are found with pm_dataset_get_times()[@first_snapshot].
 */
typedef struct
{
  guint   tag;
  guint   n_present;
  guint   first_snapshot;
  guint   last_snapshot;
  gint64  peak;
  double  mean;
  guint   n_nonzero;
  gint64  first_nonzero;
  gint64  last_nonzero;
  gint64  increase_abs;
  double  increase_pct;
} PmTagStats;

/**
 * PmTagTable:
 *
 * The #PmTagStats of every tag of a dataset, for one metric and snapshot
 * range. Immutable and reference counted: safe to share between threads.
 */
typedef struct _PmTagTable PmTagTable;

#define PM_TYPE_TAG_TABLE (pm_tag_table_get_type ())

GType              pm_tag_table_get_type          (void) G_GNUC_CONST;
PmTagTable        *pm_tag_table_new               (PmDataset        *dataset,
                                                   PmMetric          metric,
                                                   guint             first,
                                                   guint             n_snapshots,
                                                   GError          **error);
PmTagTable        *pm_tag_table_ref               (PmTagTable       *self);
void               pm_tag_table_unref             (PmTagTable       *self);
PmDataset         *pm_tag_table_get_dataset       (PmTagTable       *self);
PmMetric           pm_tag_table_get_metric        (PmTagTable       *self);
void               pm_tag_table_get_range         (PmTagTable       *self,
                                                   guint            *first,
                                                   guint            *n_snapshots);
guint              pm_tag_table_get_n_tags        (PmTagTable       *self);
const PmTagStats  *pm_tag_table_get_stats         (PmTagTable       *self,
                                                   guint             tag);

gboolean           pm_snapshot_range_from_times   (PmDataset        *dataset,
                                                   PmTimeBase        base,
                                                   gint64            t0,
                                                   gint64            t1,
                                                   guint            *first,
                                                   guint            *n_snapshots);

/**
 * PmRankOptions:
 * @n: the top N of each ranking, indexed by #PmRanking
 * @include: %NULL-terminated tag names always in the selection, or %NULL
 * @exclude: %NULL-terminated tag names left out of every ranking, or %NULL
 *
 * A name matches a tag when it is the tag byte for byte; failing that it
 * is matched as a pooltag.txt-style pattern (`?` one byte, `*` any run,
 * trailing spaces not significant), so `Mm` finds the tag `Mm  ` and
 * `Nt*` every tag that starts with `Nt`. Initialise with
 * pm_rank_options_init().
 */
typedef struct
{
  guint               n[PM_N_RANKINGS];
  const char * const *include;
  const char * const *exclude;
} PmRankOptions;

void               pm_rank_options_init           (PmRankOptions    *options);

/**
 * PmRankResult:
 *
 * The four rankings and the selection made from one #PmTagTable.
 */
typedef struct _PmRankResult PmRankResult;

#define PM_TYPE_RANK_RESULT (pm_rank_result_get_type ())

GType              pm_rank_result_get_type        (void) G_GNUC_CONST;
PmRankResult      *pm_rank                        (PmTagTable       *table,
                                                   const PmRankOptions *options);
PmRankResult      *pm_rank_result_ref             (PmRankResult     *self);
void               pm_rank_result_unref           (PmRankResult     *self);
PmTagTable        *pm_rank_result_get_table       (PmRankResult     *self);
const guint       *pm_rank_result_get_ranking     (PmRankResult     *self,
                                                   PmRanking         ranking,
                                                   guint            *n_tags);
const guint       *pm_rank_result_get_selection   (PmRankResult     *self,
                                                   guint            *n_tags);
const char * const *pm_rank_result_get_unmatched  (PmRankResult     *self);
char              *pm_rank_result_to_legacy_text  (PmRankResult     *self);

const char        *pm_ranking_to_string           (PmRanking         ranking);
const char        *pm_ranking_get_title           (PmRanking         ranking);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmTagTable, pm_tag_table_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmRankResult, pm_rank_result_unref)

G_END_DECLS
