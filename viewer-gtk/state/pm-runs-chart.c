/* pm-runs-chart.c: the other runs on run A's chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each tag run A draws is drawn once more per other run that has it: in
 * the tag's colour, in the run's line style (solid A, dashed B, dotted C),
 * on run A's time axis (pm_runs_get_times()); the shown tags run A lacks
 * (pm-runs-extra.c) in the runs that have them. The legend lists each tag
 * once and then one entry per run saying its line style; with elapsed
 * time, the axis counts from the runs' start. The session's home range
 * and y fit take every run in, so Home shows all of them.
 */
#include <math.h>

#include "pm-runs.h"
#include "pm-session-private.h"

#include "pm-chart-renderer.h"
#include "pm-elapsed-ticks.h"

/* What the runs' legend entries and lines without a tag colour use. */
static const PmRgba run_legend_color = { 0.42, 0.42, 0.45, 1.0 };

static PmRuns *
runs_of (PmSession *session)
{
  PmRuns *runs = pm_runs_get_for_session (session);

  return runs != NULL && pm_runs_get_n_runs (runs) > 1 ? runs : NULL;
}

/* @tag of run A (a dataset index), in @run: its values there, or NULL;
 * its levels of detail there in @lod. */
static const double *
values_in_run (PmRuns      *runs,
               PmSession   *primary,
               guint        run,
               guint        tag,
               const PmLod **lod)
{
  PmSession *session = pm_runs_get_session (runs, run);
  PmDataset *dataset = pm_session_get_dataset (session);
  const char *name = pm_dataset_get_tag_name (pm_session_get_dataset (primary), tag);
  guint other;

  if (dataset == NULL || !pm_dataset_has_metric (dataset, pm_session_get_metric (primary)) ||
      pm_session_get_metric (session) != pm_session_get_metric (primary) ||
      !pm_runs_lookup_tag (runs, run, name, &other))
    return NULL;

  *lod = pm_session_get_lod (session, other);
  return pm_session_get_values (session, other);
}

/* The shown tags run A lacks (pm-runs-extra.c): a line in each run that
 * has the tag, in that run's colour for it and its line style, labelled
 * "TAG (B)", without legend entries (run A's legend toggles run A's tags). */
static void
append_extra_series (PmRuns    *runs,
                     PmSession *primary,
                     GArray    *series,
                     GPtrArray *strings)
{
  g_auto(GStrv) extra = pm_runs_dup_extra_shown (runs);

  for (guint run = 1; run < pm_runs_get_n_runs (runs); run++)
    {
      PmSession *session = pm_runs_get_session (runs, run);
      const gint64 *times;
      guint n_times, tag;

      times = pm_runs_get_times (runs, run, &n_times);
      if (n_times == 0 || pm_session_get_dataset (session) == NULL ||
          pm_session_get_metric (session) != pm_session_get_metric (primary))
        continue;
      for (guint i = 0; extra[i] != NULL; i++)
        {
          PmChartSeries s = { 0 };
          char *label;

          if (!pm_runs_lookup_tag (runs, run, extra[i], &tag))
            continue;
          label = g_strdup_printf ("%s (%s)", extra[i], pm_runs_get_letter (run));
          g_ptr_array_add (strings, label);
          s.label = label;
          s.values = pm_session_get_values (session, tag);
          s.lod = pm_session_get_lod (session, tag);
          s.times = times;
          s.n_points = n_times;
          s.visible = !pm_runs_get_run_hidden (runs, run);
          pm_session_get_style (session, tag, &s.style);
          s.style.line_style = pm_runs_get_line_style (run);
          s.style.marker = PM_MARKER_NONE;
          s.no_legend = TRUE;
          g_array_append_val (series, s);
        }
    }
}

/* Every other run's lines of the tags run A draws (the visible ones),
 * without legend entries. */
static void
append_run_series (PmRuns    *runs,
                   PmSession *primary,
                   GArray    *series,
                   GPtrArray *strings)
{
  PmDataset *dataset = pm_session_get_dataset (primary);
  const guint *drawn;
  guint n_drawn;

  drawn = pm_session_get_drawn (primary, &n_drawn);
  for (guint run = 1; run < pm_runs_get_n_runs (runs); run++)
    {
      const gint64 *times;
      guint n_times;

      times = pm_runs_get_times (runs, run, &n_times);
      for (guint i = 0; i < n_drawn && n_times > 0; i++)
        {
          PmChartSeries s = { 0 };
          char *label;

          s.values = values_in_run (runs, primary, run, drawn[i], &s.lod);
          if (s.values == NULL)
            continue;
          label = g_strdup_printf ("%s (%s)", pm_dataset_get_tag_name (dataset, drawn[i]),
                                   pm_runs_get_letter (run));
          g_ptr_array_add (strings, label);
          s.label = label;
          s.times = times;
          s.n_points = n_times;
          s.visible = !pm_session_get_series_hidden (primary, drawn[i]) &&
                      !pm_runs_get_run_hidden (runs, run);
          pm_session_get_style (primary, drawn[i], &s.style);
          /* Every run's TOTAL beside run A's, on TOTAL's own axis. */
          s.right_axis = pm_session_get_total_on_right (primary) &&
                         drawn[i] == pm_dataset_get_total_tag (dataset);
          s.style.line_style = pm_runs_get_line_style (run);
          s.style.marker = PM_MARKER_NONE;
          s.no_legend = TRUE;
          /* TOTAL on the right-hand axis in every run, or in none. */
          s.right_axis = _pm_session_total_on_right (primary, drawn[i]);
          g_array_append_val (series, s);
        }
    }
  append_extra_series (runs, primary, series, strings);
}

/**
 * pm_runs_extend_chart:
 * @session: the session a chart figure is made of
 * @series: the figure's #PmChartSeries so far (run A's tags, in drawn order)
 * @strings: where labels made here are kept
 * @model: the figure's model, pointed at @series again here
 *
 * With several runs open: adds the other runs' lines, a legend entry per
 * run ("A: control", "B: test" in their line styles) and, with elapsed
 * time, the axis from run A's start. With one run, nothing changes.
 */
void
pm_runs_extend_chart (PmSession    *session,
                      GArray       *series,
                      GPtrArray    *strings,
                      PmChartModel *model)
{
  PmRuns *runs = runs_of (session);
  guint n_times;

  if (runs == NULL || pm_session_get_dataset (session) == NULL)
    return;

  append_run_series (runs, session, series, strings);

  /* Run A's own lines keep the user's style but are solid: the legend
   * says solid is A. */
  for (guint i = 0; i < model->n_series; i++)
    g_array_index (series, PmChartSeries, i).style.line_style = pm_runs_get_line_style (0);

  for (guint run = 0; run < pm_runs_get_n_runs (runs); run++)
    {
      PmChartSeries s = { 0 };
      const char *name = pm_runs_get_name (runs, run);
      char *label = g_strdup_printf ("%s: %s", pm_runs_get_letter (run), name ? name : "");

      g_ptr_array_add (strings, label);
      s.label = label;
      /* Greyed while the run is hidden: a click on it shows it again. */
      s.visible = !pm_runs_get_run_hidden (runs, run);
      s.style.color = run_legend_color;
      s.style.width = 2;
      s.style.line_style = pm_runs_get_line_style (run);
      g_array_append_val (series, s);
    }

  model->series = (const PmChartSeries *) (gpointer) series->data;
  model->n_series = series->len;
  if (pm_runs_get_align (runs) == PM_RUN_ALIGN_ELAPSED)
    {
      const gint64 *times = pm_runs_get_times (runs, 0, &n_times);

      model->x_elapsed = n_times > 0;
      model->x_origin = n_times > 0 ? (double) times[0] : 0;
      /* Another run's reboots and gaps are not run A's: the markers are
       * run A's only, which the axis no longer dates. */
    }
}

/* Called by the session's home range: every run's snapshots. */
void
_pm_runs_extend_home (PmSession    *session,
                      PmChartRange *home)
{
  PmRuns *runs = runs_of (session);

  if (runs == NULL)
    return;

  for (guint run = 1; run < pm_runs_get_n_runs (runs); run++)
    {
      guint n;
      const gint64 *times = pm_runs_get_times (runs, run, &n);

      if (n == 0)
        continue;
      home->t0 = MIN (home->t0, (double) times[0]);
      home->t1 = MAX (home->t1, (double) times[n - 1]);
    }
}

/* Called by the session's y fit: the other runs' lines over the same
 * times stretch the value axis too. */
void
_pm_runs_widen_fit (PmSession    *session,
                    PmChartRange *range)
{
  PmRuns *runs = runs_of (session);
  g_autoptr(GArray) series = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  PmChartModel model = { 0 };
  PmChartRange fitted;

  if (runs == NULL)
    return;

  series = g_array_new (FALSE, TRUE, sizeof (PmChartSeries));
  strings = g_ptr_array_new_with_free_func (g_free);
  append_run_series (runs, session, series, strings);
  model.series = (const PmChartSeries *) (gpointer) series->data;
  model.n_series = series->len;
  model.log_y = pm_session_get_log_scale (session);
  if (series->len == 0 || !pm_chart_model_autoscale (&model, range->t0, range->t1, &fitted))
    return;

  range->y0 = MIN (range->y0, fitted.y0);
  range->y1 = MAX (range->y1, fitted.y1);
}

/* An exported chart's title (pm-figures-title.c): with several runs on
 * elapsed time, the visible span counted from the runs' start, not run
 * A's dates. Returns %FALSE when the title keeps its clock times. */
gboolean
_pm_runs_append_span (PmSession *session,
                      GString   *text)
{
  PmRuns *runs = runs_of (session);
  const PmChartRange *range = pm_session_get_range (session);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const gint64 *times;
  guint n;

  if (runs == NULL || pm_runs_get_align (runs) != PM_RUN_ALIGN_ELAPSED)
    return FALSE;
  times = pm_runs_get_times (runs, 0, &n);
  if (n == 0)
    return FALSE;

  from = range->t0 - times[0] < 1 ? g_strdup ("0") : pm_format_duration (range->t0 - times[0]);
  to = pm_format_duration (range->t1 - times[0]);
  g_string_append_printf (text, " · %s – %s from each run's start", from, to);

  return TRUE;
}
