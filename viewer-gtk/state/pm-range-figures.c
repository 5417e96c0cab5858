/* pm-range-figures.c: what changed over a measured span of the chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The span is in run A's times (the chart's axis); another run's
 * snapshots are taken on that axis too (pm_runs_get_times()), so with
 * elapsed time "from 2 h to 5 h" means the same hours of every run.
 * Values are the chart's: the session's metric, NaN where a tag is absent
 * is skipped.
 */
#include <math.h>

#include "pm-range-figures.h"
#include "pm-runs.h"
#include "pm-elapsed-ticks.h"

struct _PmRangeFigures
{
  double   t0;
  double   t1;
  guint    n_runs;
  gboolean bytes;
  GArray  *rows;
};

static void
measure (PmRangeRow   *row,
         const gint64 *times,
         const double *values,
         guint         n,
         double        t0,
         double        t1)
{
  gboolean found = FALSE;

  row->n_snapshots = 0;
  row->change = row->rate = row->v0 = row->v1 = NAN;
  for (guint i = 0; i < n; i++)
    {
      if ((double) times[i] < t0 || (double) times[i] > t1 || isnan (values[i]))
        continue;
      if (!found)
        {
          row->t0 = (double) times[i];
          row->v0 = values[i];
          found = TRUE;
        }
      row->t1 = (double) times[i];
      row->v1 = values[i];
      row->n_snapshots++;
    }
  if (!found)
    return;

  row->change = row->v1 - row->v0;
  if (row->t1 > row->t0)
    row->rate = row->change / ((row->t1 - row->t0) / 3600.0);
}

/* The shown tags run A lacks (pm-runs-extra.c), after run A's: a row per
 * run, without figures in the runs that lack the tag. The name is borrowed
 * from the first run that has it. */
static void
append_extra_rows (PmRangeFigures *self,
                   PmRuns         *runs,
                   PmSession      *session)
{
  g_auto(GStrv) extra = pm_runs_dup_extra_shown (runs);

  for (guint i = 0; extra[i] != NULL; i++)
    {
      const char *name = NULL;
      PmRgba color = { 0 };
      guint tag;

      for (guint run = 1; run < self->n_runs && name == NULL; run++)
        if (pm_runs_lookup_tag (runs, run, extra[i], &tag))
          {
            PmSession *rs = pm_runs_get_session (runs, run);
            PmSeriesStyle style;

            name = pm_dataset_get_tag_name (pm_session_get_dataset (rs), tag);
            pm_session_get_style (rs, tag, &style);
            color = style.color;
          }
      for (guint run = 0; name != NULL && run < self->n_runs; run++)
        {
          PmRangeRow row = { 0 };
          PmSession *rs = pm_runs_get_session (runs, run);
          const gint64 *times;
          guint n_times = 0;

          row.tag = name;
          row.run = run;
          row.color = color;
          if (run == 0 ||
              !pm_runs_lookup_tag (runs, run, name, &tag) ||
              pm_session_get_metric (rs) != pm_session_get_metric (session))
            {
              measure (&row, NULL, NULL, 0, self->t0, self->t1);
              g_array_append_val (self->rows, row);
              continue;
            }
          times = pm_runs_get_times (runs, run, &n_times);
          measure (&row, times, pm_session_get_values (rs, tag), n_times, self->t0, self->t1);
          g_array_append_val (self->rows, row);
        }
    }
}

/**
 * pm_range_figures_new:
 * @session: the window's session (run A; other runs through its #PmRuns)
 * @t0: the span's start, on the chart's time axis
 * @t1: its end (> @t0)
 *
 * Returns: (transfer full): the figures of every tag the chart shows and
 *   does not hide, per run, in the chart's order
 */
PmRangeFigures *
pm_range_figures_new (PmSession *session,
                      double     t0,
                      double     t1)
{
  PmRangeFigures *self = g_new0 (PmRangeFigures, 1);
  PmRuns *runs = pm_runs_get_for_session (session);
  PmDataset *dataset = pm_session_get_dataset (session);
  const guint *drawn;
  guint n_drawn = 0;

  self->t0 = MIN (t0, t1);
  self->t1 = MAX (t0, t1);
  self->n_runs = runs != NULL ? pm_runs_get_n_runs (runs) : 1;
  self->bytes = pm_metric_is_bytes (pm_session_get_metric (session));
  self->rows = g_array_new (FALSE, TRUE, sizeof (PmRangeRow));
  if (dataset == NULL)
    return self;

  drawn = pm_session_get_drawn (session, &n_drawn);
  for (guint i = 0; i < n_drawn; i++)
    {
      PmSeriesStyle style;

      if (pm_session_get_series_hidden (session, drawn[i]))
        continue;
      pm_session_get_style (session, drawn[i], &style);
      for (guint run = 0; run < self->n_runs; run++)
        {
          PmRangeRow row = { 0 };
          PmSession *rs = runs != NULL ? pm_runs_get_session (runs, run) : session;
          const gint64 *times;
          guint n_times = 0, tag = drawn[i];

          row.tag = pm_dataset_get_tag_name (dataset, drawn[i]);
          row.run = run;
          row.color = style.color;
          if (run > 0 &&
              (!pm_runs_lookup_tag (runs, run, row.tag, &tag) ||
               pm_session_get_metric (rs) != pm_session_get_metric (session)))
            {
              measure (&row, NULL, NULL, 0, self->t0, self->t1);
              g_array_append_val (self->rows, row);
              continue;
            }
          times = runs != NULL ? pm_runs_get_times (runs, run, &n_times)
                               : pm_session_get_times (session, &n_times);
          measure (&row, times, pm_session_get_values (rs, tag), n_times, self->t0, self->t1);
          g_array_append_val (self->rows, row);
        }
    }
  if (runs != NULL && self->n_runs > 1)
    append_extra_rows (self, runs, session);

  return self;
}

void
pm_range_figures_free (PmRangeFigures *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->rows);
  g_free (self);
}

double
pm_range_figures_get_t0 (PmRangeFigures *self)
{
  return self->t0;
}

double
pm_range_figures_get_t1 (PmRangeFigures *self)
{
  return self->t1;
}

/* Seconds. */
double
pm_range_figures_get_duration (PmRangeFigures *self)
{
  return self->t1 - self->t0;
}

guint
pm_range_figures_get_n_runs (PmRangeFigures *self)
{
  return self->n_runs;
}

guint
pm_range_figures_get_n_rows (PmRangeFigures *self)
{
  return self->rows->len;
}

const PmRangeRow *
pm_range_figures_get_row (PmRangeFigures *self,
                          guint           i)
{
  g_return_val_if_fail (i < self->rows->len, NULL);

  return &g_array_index (self->rows, PmRangeRow, i);
}

/**
 * pm_range_figures_format_value:
 * @signed_value: write "+" before a positive value (a change, a rate)
 *
 * Returns: (transfer full): @value in the metric's unit ("+1.5 MiB",
 *   "−320"), "–" for NaN
 */
char *
pm_range_figures_format_value (PmRangeFigures *self,
                               double          value,
                               gboolean        signed_value)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    return g_strdup ("–");

  text = self->bytes ? pm_format_bytes (fabs (value)) : pm_format_count (fabs (value));
  if (value < 0)
    return g_strdup_printf ("−%s", text);

  return signed_value ? g_strdup_printf ("+%s", text) : g_steal_pointer (&text);
}

/**
 * pm_range_figures_describe:
 *
 * Returns: (transfer full): the figures as sentences, one per line, for a
 *   screen reader and the tests: "Span 3 h 0 min." then "QdrC A: +1.2 MiB,
 *   +400 KiB/h (13 snapshots)."
 */
char *
pm_range_figures_describe (PmRangeFigures *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *duration = pm_format_duration (pm_range_figures_get_duration (self));

  g_string_append_printf (text, "Span %s.", duration);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const PmRangeRow *row = pm_range_figures_get_row (self, i);
      g_autofree char *change = pm_range_figures_format_value (self, row->change, TRUE);
      g_autofree char *rate = pm_range_figures_format_value (self, row->rate, TRUE);

      g_string_append_printf (text, "\n%s", row->tag);
      if (self->n_runs > 1)
        g_string_append_printf (text, " %s", pm_runs_get_letter (row->run));
      if (row->n_snapshots == 0)
        g_string_append (text, ": no snapshot in the span.");
      else
        g_string_append_printf (text, ": %s, %s/h (%u snapshots).", change, rate,
                                row->n_snapshots);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
