/* pm-runs.h: the runs a window shows side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free. A window's PmSession shows run A (the first); a PmRuns beside
 * it holds the other runs of a PmRunSet, each in a session of its own
 * (metric and time base follow run A's), how they are laid over each
 * other (elapsed time from each run's start, or the clock), the run the
 * Correlation and Leaks pages show, and the span being measured (range
 * figures, which apply to one run as well). docs/runs.md.
 */
#pragma once

#include <glib-object.h>

#include "poolstats.h"
#include "pm-session.h"
#include "pm-chart-renderer.h"

G_BEGIN_DECLS

#define PM_TYPE_RUNS (pm_runs_get_type ())

G_DECLARE_FINAL_TYPE (PmRuns, pm_runs, PM, RUNS, GObject)

/* How many runs get a line style of their own (solid, dashed, dotted). */
#define PM_RUNS_MAX_STYLES 3

PmRuns         *pm_runs_new                (PmSession          *primary);
PmRuns         *pm_runs_get_for_session    (PmSession          *session);

void            pm_runs_set_run_set        (PmRuns             *self,
                                            PmRunSet           *set);
guint           pm_runs_add                (PmRuns             *self,
                                            const char         *name,
                                            PmDataset          *dataset,
                                            const char * const *paths);
PmRunSet       *pm_runs_get_run_set        (PmRuns             *self);
guint           pm_runs_get_n_runs         (PmRuns             *self);
const char     *pm_runs_get_name           (PmRuns             *self,
                                            guint               run);
const char     *pm_runs_get_letter         (guint               run);
PmSession      *pm_runs_get_session        (PmRuns             *self,
                                            guint               run);
gboolean        pm_runs_lookup_tag         (PmRuns             *self,
                                            guint               run,
                                            const char         *name,
                                            guint              *tag);

PmRunAlign      pm_runs_get_align          (PmRuns             *self);
void            pm_runs_set_align          (PmRuns             *self,
                                            PmRunAlign          align);
gint64          pm_runs_get_shift          (PmRuns             *self,
                                            guint               run);
const gint64   *pm_runs_get_times          (PmRuns             *self,
                                            guint               run,
                                            guint              *n_times);
PmLineStyle     pm_runs_get_line_style     (guint               run);
gboolean        pm_runs_get_run_hidden     (PmRuns             *self,
                                            guint               run);
void            pm_runs_set_run_hidden     (PmRuns             *self,
                                            guint               run,
                                            gboolean            hidden);

guint           pm_runs_get_current        (PmRuns             *self);
void            pm_runs_set_current        (PmRuns             *self,
                                            guint               run);

gboolean        pm_runs_get_measure        (PmRuns             *self,
                                            double             *t0,
                                            double             *t1);
void            pm_runs_set_measure        (PmRuns             *self,
                                            double              t0,
                                            double              t1);
void            pm_runs_clear_measure      (PmRuns             *self);
gboolean        pm_runs_get_measure_mode   (PmRuns             *self);
void            pm_runs_set_measure_mode   (PmRuns             *self,
                                            gboolean            measure_mode);
gboolean        pm_runs_get_follow_range   (PmRuns             *self);
void            pm_runs_set_follow_range   (PmRuns             *self,
                                            gboolean            follow);
PmTagTable     *pm_runs_get_tag_table      (PmRuns             *self,
                                            guint               run);
gboolean        pm_runs_get_growth         (PmRuns             *self,
                                            guint               run,
                                            const char         *tag,
                                            gboolean            zoomed,
                                            double             *growth);

/* The tags run A lacks (pm-runs-extra.c). */
char          **pm_runs_dup_extra_tags     (PmRuns             *self);
gboolean        pm_runs_get_extra_shown    (PmRuns             *self,
                                            const char         *name);
void            pm_runs_set_extra_shown    (PmRuns             *self,
                                            const char         *name,
                                            gboolean            shown);
void            pm_runs_set_extra_selection (PmRuns             *self,
                                             const char * const *names);
char          **pm_runs_dup_extra_shown    (PmRuns             *self);

/* For the session and the figures (pm-session-range.c, pm-figures.c). */
void            _pm_runs_extend_home       (PmSession          *session,
                                            PmChartRange       *home);
void            _pm_runs_widen_fit         (PmSession          *session,
                                            PmChartRange       *range);
gboolean        _pm_runs_append_span       (PmSession          *session,
                                            GString            *text);
void            _pm_runs_append_csv        (PmSession          *session,
                                            GString            *out,
                                            guint               tag);
void            _pm_runs_append_csv_rows   (PmSession          *session,
                                            GString            *out);
void            pm_runs_extend_chart       (PmSession          *session,
                                            GArray             *series,
                                            GPtrArray          *strings,
                                            PmChartModel       *model);

G_END_DECLS
