/* pm-run-set.h: several runs of snapshots, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run is one series of snapshots of one machine: one folder, or several
 * folders that continue each other (a run split into day folders). Paths
 * that do not form one series (their time ranges interleave, the same times
 * hold different counters, the counters neither continue nor start again)
 * are separate runs: pm_loader_load_runs() never merges them, and a
 * #PmRunSet holds them side by side, each with a name and its own dataset,
 * aligned on the time elapsed since each run's start or on the clock.
 * docs/runs.md describes how runs are told apart.
 */
#pragma once

#include <glib-object.h>

#include "pm-dataset.h"

G_BEGIN_DECLS

/**
 * PmRunSeparation:
 * @PM_RUN_SEPARATION_NONE: not separated (the first run, or a run added by
 *   hand with no reason given)
 * @PM_RUN_SEPARATION_INTERLEAVED: its time range and another run's
 *   interleave (snapshots of one fall between snapshots of the other)
 * @PM_RUN_SEPARATION_CONFLICT: the same snapshot times hold different
 *   counters
 * @PM_RUN_SEPARATION_COUNTERS: one follows the other in time, but the
 *   allocation counters neither continue nor start again (a reboot) at the
 *   join: another machine, or another boot of it
 * @PM_RUN_SEPARATION_TAGS: one follows the other in time, but the tags at
 *   the join have too little in common for one machine
 * @PM_RUN_SEPARATION_GIVEN: the caller said these are separate runs
 *
 * Why a run is not part of the first run of its set.
 */
typedef enum
{
  PM_RUN_SEPARATION_NONE,
  PM_RUN_SEPARATION_INTERLEAVED,
  PM_RUN_SEPARATION_CONFLICT,
  PM_RUN_SEPARATION_COUNTERS,
  PM_RUN_SEPARATION_TAGS,
  PM_RUN_SEPARATION_GIVEN,
} PmRunSeparation;

/**
 * PmRunAlign:
 * @PM_RUN_ALIGN_ELAPSED: x is the time since the run's first snapshot
 *   (seconds); runs recorded on different days line up at 0
 * @PM_RUN_ALIGN_CLOCK: x is the time itself (seconds since 1970, in the
 *   time base); runs recorded at the same time line up
 *
 * How the runs of a set are laid over each other.
 */
typedef enum
{
  PM_RUN_ALIGN_ELAPSED,
  PM_RUN_ALIGN_CLOCK,
} PmRunAlign;

#define PM_TYPE_RUN_SET (pm_run_set_get_type ())

G_DECLARE_FINAL_TYPE (PmRunSet, pm_run_set, PM, RUN_SET, GObject)

PmRunSet        *pm_run_set_new                (void);
guint            pm_run_set_add                (PmRunSet         *self,
                                                const char       *name,
                                                PmDataset        *dataset,
                                                const char * const *paths);
void             pm_run_set_set_separation     (PmRunSet         *self,
                                                guint             run,
                                                PmRunSeparation   separation,
                                                const char       *reason);
guint            pm_run_set_get_n_runs         (PmRunSet         *self);
const char      *pm_run_set_get_name           (PmRunSet         *self,
                                                guint             run);
PmDataset       *pm_run_set_get_dataset        (PmRunSet         *self,
                                                guint             run);
const char * const *pm_run_set_get_paths       (PmRunSet         *self,
                                                guint             run);
PmRunSeparation  pm_run_set_get_separation     (PmRunSet         *self,
                                                guint             run);
const char      *pm_run_set_get_reason         (PmRunSet         *self,
                                                guint             run);
char            *pm_run_set_describe           (PmRunSet         *self);
gboolean         pm_run_set_lookup             (PmRunSet         *self,
                                                const char       *name,
                                                guint            *run);

gint64           pm_run_set_get_origin         (PmRunSet         *self,
                                                guint             run,
                                                PmRunAlign        align,
                                                PmTimeBase        base);
void             pm_run_set_get_span           (PmRunSet         *self,
                                                guint             run,
                                                PmRunAlign        align,
                                                PmTimeBase        base,
                                                gint64           *x0,
                                                gint64           *x1);
gboolean         pm_run_set_get_common_span    (PmRunSet         *self,
                                                PmRunAlign        align,
                                                PmTimeBase        base,
                                                gint64           *x0,
                                                gint64           *x1);
void             pm_run_set_get_full_span      (PmRunSet         *self,
                                                PmRunAlign        align,
                                                PmTimeBase        base,
                                                gint64           *x0,
                                                gint64           *x1);
gboolean         pm_run_set_get_snapshot_range (PmRunSet         *self,
                                                guint             run,
                                                PmRunAlign        align,
                                                PmTimeBase        base,
                                                gint64            x0,
                                                gint64            x1,
                                                guint            *first,
                                                guint            *n_snapshots);

const char      *pm_run_separation_to_string   (PmRunSeparation   separation);
const char      *pm_run_align_to_string        (PmRunAlign        align);
gboolean         pm_run_align_from_string      (const char       *name,
                                                PmRunAlign       *align);

G_END_DECLS
