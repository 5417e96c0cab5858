/* pm-run-set-private.h: how the loader tells runs apart before it merges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-dataset-private.h"
#include "pm-run-set.h"

G_BEGIN_DECLS

/* The paths given to one load, grouped into runs. */
typedef struct
{
  guint             n_runs;
  guint            *part_run;     /* per builder part: its run */
  GPtrArray        *run_paths;    /* per run: GPtrArray of the path strings, in the order given */
  const char      **name_paths;   /* per run: its first path with snapshots, for its name */
  PmRunSeparation  *separation;   /* per run: why it is not part of run 0 */
  char            **reasons;      /* per run; NULL for run 0 */
} PmRunGrouping;

PmRunGrouping *_pm_run_grouping_new    (PmDatasetBuilder    *builder,
                                        const guint         *part_path,
                                        const char * const  *paths,
                                        guint                n_paths);
void           _pm_run_grouping_free   (PmRunGrouping       *grouping);
char          *_pm_run_grouping_name   (PmRunGrouping       *grouping,
                                        guint                run);
char          *_pm_run_name_of_path    (const char          *path);

PmRunSet      *_pm_run_set_from_builder (PmDatasetBuilder  *builder,
                                         const guint       *bounds,
                                         const char * const *paths,
                                         guint              n_paths);
PmDataset     *_pm_run_set_steal_first  (PmRunSet          *set);

GPtrArray     *_pm_dataset_builder_split (PmDatasetBuilder  *builder,
                                          const guint       *part_run,
                                          guint              n_runs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmRunGrouping, _pm_run_grouping_free)

G_END_DECLS
