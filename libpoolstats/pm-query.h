/* pm-query.h: the old analyzer's command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * visualize.py took `-d DIR -t TYPE [-ts {DateTimeUTC,DateTime}]
 * [-it TAG...] [-et TAG...] [-nmc N] [-nmca N] [-nh N] [-nha N] [-sc]
 * [-sce]` and the long forms. Multi-letter options with one dash and
 * options taking several values are beyond GOption, so both `poolstats
 * rank` and `poolmonviz` parse them here first and hand what is left of
 * argv to GOption.
 */
#pragma once

#include <glib.h>

#include "pm-types.h"
#include "pm-rank.h"

G_BEGIN_DECLS

/**
 * PmQuery:
 * @directories: the `-d`/`--directory` values in the order given,
 *   %NULL-terminated (`pdata` can be passed to pm_dataset_load())
 * @metric: `-t`/`--type`; meaningful only when @have_metric is set
 * @have_metric: whether `-t` was given (the old analyzer required it)
 * @time_base: `-ts`/`--time-stamp`, #PM_TIME_BASE_UTC by default
 * @include_tags: `-it`/`--include-tags`, %NULL-terminated, in order
 * @exclude_tags: `-et`/`--exclude-tags`, %NULL-terminated, in order
 * @n: the top N of each ranking, indexed by #PmRanking (`-nh`, `-nha`,
 *   `-nmc`, `-nmca`), 5 each by default
 * @show_correlation: `-sc`/`--show-correlation`: correlate the selection
 * @show_correlation_extended: `-sce`/`--show-correlation-extended`:
 *   correlate every tag
 *
 * The options of one old-style command line, with the old defaults.
 * Unlike argparse, `-it` and `-et` may be given several times and add up.
 */
typedef struct
{
  GPtrArray  *directories;
  PmMetric    metric;
  gboolean    have_metric;
  PmTimeBase  time_base;
  GPtrArray  *include_tags;
  GPtrArray  *exclude_tags;
  guint       n[PM_N_RANKINGS];
  gboolean    show_correlation;
  gboolean    show_correlation_extended;
} PmQuery;

PmQuery    *pm_query_new               (void);
void        pm_query_free              (PmQuery        *self);
gboolean    pm_query_parse_args        (PmQuery        *self,
                                        int            *argc,
                                        char         ***argv,
                                        GError        **error);
void        pm_query_get_rank_options  (PmQuery        *self,
                                        PmRankOptions  *options);
char       *pm_query_to_string         (PmQuery        *self);
const char *pm_query_get_help          (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmQuery, pm_query_free)

G_END_DECLS
