/* pm-runs-range.c: the measured span and the tag figures over the zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The half of PmRuns that works on a time range of the chart: the span
 * being measured (range figures, for one run as well as several), the
 * Measure mode of the chart's drag, and each run's tag table over the
 * zoomed range while the tag table follows the zoom.
 */
#include <math.h>

#include "pm-runs-private.h"

void
_pm_runs_forget_tables (PmRuns *self)
{
  for (guint i = 0; i < self->tables->len; i++)
    g_clear_pointer (&g_ptr_array_index (self->tables, i), pm_tag_table_unref);
}

/**
 * pm_runs_get_measure:
 * @t0: (out) (optional): the measured span's start, in run A's times
 * @t1: (out) (optional): its end
 *
 * Returns: whether a span is measured
 */
gboolean
pm_runs_get_measure (PmRuns *self,
                     double *t0,
                     double *t1)
{
  g_return_val_if_fail (PM_IS_RUNS (self), FALSE);

  if (t0 != NULL)
    *t0 = self->m0;
  if (t1 != NULL)
    *t1 = self->m1;

  return self->measuring;
}

void
pm_runs_set_measure (PmRuns *self,
                     double  t0,
                     double  t1)
{
  g_return_if_fail (PM_IS_RUNS (self));

  if (!(t1 > t0))
    {
      pm_runs_clear_measure (self);
      return;
    }
  if (self->measuring && self->m0 == t0 && self->m1 == t1)
    return;

  self->measuring = TRUE;
  self->m0 = t0;
  self->m1 = t1;
  _pm_runs_emit (self, MEASURE_CHANGED);
}

void
pm_runs_clear_measure (PmRuns *self)
{
  g_return_if_fail (PM_IS_RUNS (self));

  if (!self->measuring)
    return;

  self->measuring = FALSE;
  _pm_runs_emit (self, MEASURE_CHANGED);
}

gboolean
pm_runs_get_measure_mode (PmRuns *self)
{
  g_return_val_if_fail (PM_IS_RUNS (self), FALSE);

  return self->measure_mode;
}

/**
 * pm_runs_set_measure_mode:
 *
 * Whether a plain drag on the chart measures a span rather than zooming
 * (Alt+drag always measures).
 */
void
pm_runs_set_measure_mode (PmRuns   *self,
                          gboolean  measure_mode)
{
  g_return_if_fail (PM_IS_RUNS (self));

  measure_mode = !!measure_mode;
  if (self->measure_mode == measure_mode)
    return;

  self->measure_mode = measure_mode;
  _pm_runs_notify (self, PROP_MEASURE_MODE);
}

gboolean
pm_runs_get_follow_range (PmRuns *self)
{
  g_return_val_if_fail (PM_IS_RUNS (self), FALSE);

  return self->follow;
}

/**
 * pm_runs_set_follow_range:
 *
 * Whether pm_runs_get_tag_table() (the tag table's figures) is over the
 * chart's zoomed range rather than every snapshot.
 */
void
pm_runs_set_follow_range (PmRuns   *self,
                          gboolean  follow)
{
  g_return_if_fail (PM_IS_RUNS (self));

  follow = !!follow;
  if (self->follow == follow)
    return;

  self->follow = follow;
  _pm_runs_forget_tables (self);
  _pm_runs_notify (self, PROP_FOLLOW_RANGE);
  _pm_runs_emit (self, TABLES_CHANGED);
}

/**
 * pm_runs_get_tag_table:
 *
 * Returns: (transfer none) (nullable): @run's tag figures: over every
 *   snapshot, or while following the range over the snapshots the chart
 *   shows (moved by the run's shift)
 */
PmTagTable *
pm_runs_get_tag_table (PmRuns *self,
                       guint   run)
{
  PmSession *session;
  PmDataset *dataset;
  const PmChartRange *range;
  PmTagTable *table;
  gint64 shift;
  guint first = 0, n = 0;

  g_return_val_if_fail (PM_IS_RUNS (self), NULL);

  session = pm_runs_get_session (self, run);
  dataset = pm_session_get_dataset (session);
  if (!self->follow || dataset == NULL || !pm_session_get_zoomed (self->primary) ||
      run >= self->tables->len)
    return pm_session_get_tag_table (session);

  table = g_ptr_array_index (self->tables, run);
  if (table != NULL)
    return table;

  range = pm_session_get_range (self->primary);
  shift = pm_runs_get_shift (self, run);
  if (!pm_dataset_has_metric (dataset, pm_session_get_metric (session)))
    return pm_session_get_tag_table (session);
  /* No snapshot of the run in view (zoomed past its end): no figures. */
  if (!pm_snapshot_range_from_times (dataset, pm_session_get_time_base (session),
                                     (gint64) ceil (range->t0) - shift,
                                     (gint64) floor (range->t1) - shift, &first, &n) || n == 0)
    return NULL;
  table = pm_tag_table_new (dataset, pm_session_get_metric (session), first, n, NULL);
  if (table == NULL)
    return pm_session_get_tag_table (session);

  g_ptr_array_index (self->tables, run) = table;

  return table;
}

/**
 * pm_runs_get_growth:
 * @tag: a tag name (byte for byte; "TOTAL" is every run's TOTAL)
 * @zoomed: over the tables of pm_runs_get_tag_table() (the zoomed range
 *   while following it), else over every snapshot of the run
 * @growth: (out): last minus first non-zero value of @tag in @run (the
 *   table's Abs. Inc. and `poolstats compare`'s growth), 0 where @run
 *   lacks it or it never held anything
 *
 * Returns: whether @run has @tag (in the range)
 */
gboolean
pm_runs_get_growth (PmRuns     *self,
                    guint       run,
                    const char *tag,
                    gboolean    zoomed,
                    double     *growth)
{
  PmTagTable *table;
  const PmTagStats *stats;
  guint index;

  g_return_val_if_fail (PM_IS_RUNS (self), FALSE);

  *growth = 0;
  if (!pm_runs_lookup_tag (self, run, tag, &index))
    return FALSE;
  table = zoomed ? pm_runs_get_tag_table (self, run)
                 : pm_session_get_tag_table (pm_runs_get_session (self, run));
  if (table == NULL || index > pm_tag_table_get_n_tags (table))
    return FALSE;
  stats = pm_tag_table_get_stats (table, index);
  if (stats->n_present == 0)
    return FALSE;
  *growth = stats->n_nonzero > 0 ? (double) stats->increase_abs : 0;

  return TRUE;
}

/**
 * _pm_runs_append_csv:
 * @session: the session whose tag table is written
 * @tag: the row's tag in @session's dataset, or %G_MAXUINT for the header
 *
 * With several runs, the tag table CSV (pm_figures_write_tag_table_csv())
 * gains the table's run columns: "GrowthA", "GrowthB", ... and
 * "DeltaB-A", ... over every snapshot; empty where no run has the tag.
 * Each field is preceded by a comma: call before the row's end.
 */
void
_pm_runs_append_csv (PmSession *session,
                     GString   *out,
                     guint      tag)
{
  PmRuns *runs = pm_runs_get_for_session (session);
  const char *name;
  guint n;

  if (runs == NULL || (n = pm_runs_get_n_runs (runs)) < 2)
    return;

  if (tag == G_MAXUINT)
    {
      for (guint run = 0; run < n; run++)
        g_string_append_printf (out, ",\"Growth%s\"", pm_runs_get_letter (run));
      for (guint run = 1; run < n; run++)
        g_string_append_printf (out, ",\"Delta%s-A\"", pm_runs_get_letter (run));
      return;
    }

  name = pm_dataset_get_tag_name (pm_session_get_dataset (session), tag);
  _pm_runs_append_csv_growth (runs, out, name);
}

/* A row's Growth and Delta columns, by name (pm-runs-extra.c too). */
void
_pm_runs_append_csv_growth (PmRuns     *runs,
                            GString    *out,
                            const char *name)
{
  guint n = pm_runs_get_n_runs (runs);

  for (guint run = 0; run < n; run++)
    {
      double growth;

      if (pm_runs_get_growth (runs, run, name, FALSE, &growth))
        g_string_append_printf (out, ",%.0f", growth);
      else
        g_string_append_c (out, ',');
    }
  for (guint run = 1; run < n; run++)
    {
      double a, b;
      gboolean has_a = pm_runs_get_growth (runs, 0, name, FALSE, &a);
      gboolean has_b = pm_runs_get_growth (runs, run, name, FALSE, &b);

      if (has_a || has_b)
        g_string_append_printf (out, ",%.0f", b - a);
      else
        g_string_append_c (out, ',');
    }
}
