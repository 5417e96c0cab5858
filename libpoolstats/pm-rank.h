/* pm-rank.h: the old analyzer's four rankings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/design.md, The analyses. pm_rank() sorts the figures of a #PmTagTable (pm-tag-table.h,
 * included here) four ways, picks the top N of each ranking and the plotted
 * selection.
 */
#pragma once

#include <glib.h>

#include "pm-dataset.h"
#include "pm-tag-table.h"

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
gboolean           pm_rank_find_tags              (PmDataset        *dataset,
                                                   const char       *name,
                                                   gboolean          with_total,
                                                   GArray           *tags);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmRankResult, pm_rank_result_unref)

G_END_DECLS
