/* pm-probe-runs.c: what the GUI tests see of several runs and range figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens only, as the rest of the probe. Lines:
 *   RUNS n= names= align= styles=         the runs open (after each change)
 *   CHART-RUNS runs= series= others= visible= elapsed= x_origin= chart_origin= plot=
 *   RUN-LEGEND run= label= style= x= y=   after the frame that shows them
 *   RUN-TABLE titles= first=              the tag table's run columns and order
 *   RUN-ROW rank= tag= a= b= diff=        its first rows' growth per run
 *   RUN-NEW rank= tag= a= b= diff= above= below= shown=  each row of a tag run A lacks
 *                                         (a=-), with its neighbours' B − A
 *   RUN-SWITCH x= y=                      where the pages' run switch is
 *   PAGES-RUN run= name= snapshots=       the run the pages show
 *   MEASURE t0= t1= duration= rows= card=X,Y visible=
 *   MEASURE-ROW tag= run= n= t0= t1= v0= v1= change= rate=
 *   MEASURE-MODE on= / FOLLOW-RANGE on=
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pm-probe-private.h"
#include "pm-tag-row.h"
#include "pm-tag-table-runs.h"
#include "pm-window-runs.h"

typedef struct
{
  PmWindow *window;
  gboolean  chart_pending;
  int       x;              /* the chart's origin when last said */
  int       y;
} RunsProbe;

static const char *
style_word (PmLineStyle style)
{
  return pm_line_style_to_string (style);
}

static void
say_runs (RunsProbe *rp)
{
  PmRuns *runs = pm_window_get_runs (rp->window);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) styles = g_string_new (NULL);

  for (guint i = 0; i < pm_runs_get_n_runs (runs); i++)
    {
      g_autofree char *word = _pm_probe_word_of (pm_runs_get_name (runs, i)
                                                 ? pm_runs_get_name (runs, i) : "");

      g_string_append_printf (names, "%s%s", i ? "," : "", word);
      g_string_append_printf (styles, "%s%s", i ? "," : "",
                              style_word (pm_runs_get_line_style (i)));
    }
  _pm_probe_say ("RUNS n=%u names=%s align=%s styles=%s", pm_runs_get_n_runs (runs), names->str,
                 pm_run_align_to_string (pm_runs_get_align (runs)), styles->str);
  rp->chart_pending = TRUE;
}

static void
say_chart (RunsProbe *rp)
{
  PmChartView *chart = PM_CHART_VIEW (gtk_widget_get_template_child (GTK_WIDGET (rp->window),
                                                                     PM_TYPE_WINDOW,
                                                                     "chart_view"));
  const PmChartModel *model = pm_chart_view_get_model (chart);
  PmRuns *runs = pm_window_get_runs (rp->window);
  guint others = 0, visible = 0, legend_run = 0;

  for (guint i = 0; i < model->n_series; i++)
    if (model->series[i].no_legend)
      {
        others++;
        visible += model->series[i].visible;
      }
  PmRect plot = { 0 };
  int cx = -1, cy = -1;

  pm_chart_view_get_plot_area (chart, &plot);
  _pm_probe_window_point (GTK_WIDGET (chart), 0, 0, &cx, &cy);
  rp->x = cx;
  rp->y = cy;
  _pm_probe_say ("CHART-RUNS runs=%u series=%u others=%u visible=%u elapsed=%d x_origin=%.0f "
                 "chart_origin=%d,%d plot=%d,%d,%d,%d",
                 pm_runs_get_n_runs (runs), model->n_series, others, visible, model->x_elapsed,
                 model->x_origin, cx, cy, (int) plot.x, (int) plot.y, (int) plot.width,
                 (int) plot.height);

  {
    GtkWidget *run_switch = GTK_WIDGET (pm_window_get_run_switch (rp->window));
    int x, y;

    if (gtk_widget_get_mapped (run_switch) &&
        _pm_probe_window_point (run_switch, gtk_widget_get_width (run_switch) / 2.0,
                                gtk_widget_get_height (run_switch) / 2.0, &x, &y))
      _pm_probe_say ("RUN-SWITCH x=%d y=%d", x, y);
  }

  /* The runs' legend entries: the last series, without points. */
  for (guint i = 0; i < model->n_series && pm_runs_get_n_runs (runs) > 1; i++)
    {
      const PmChartSeries *s = &model->series[i];
      g_autofree char *label = NULL;
      PmRect rect;
      int x = -1, y = -1;

      if (s->no_legend || s->n_points > 0)
        continue;
      label = _pm_probe_word_of (s->label);
      if (pm_chart_view_get_legend_swatch (chart, i, &rect))
        _pm_probe_window_point (GTK_WIDGET (chart), rect.x + rect.width / 2,
                                rect.y + rect.height / 2, &x, &y);
      _pm_probe_say ("RUN-LEGEND run=%s label=%s style=%s x=%d y=%d",
                     pm_runs_get_letter (legend_run++), label, style_word (s->style.line_style),
                     x, y);
    }
}

static void
after_paint_cb (PmWindow      *window,
                GdkFrameClock *clock)
{
  RunsProbe *rp = g_object_get_data (G_OBJECT (window), "pm-probe-runs");
  PmChartView *chart;
  int x, y;

  if (rp == NULL)
    return;
  /* The chart moved (the runs' bar or a banner came): where it is now. */
  chart = PM_CHART_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window), PM_TYPE_WINDOW,
                                                        "chart_view"));
  if (pm_runs_get_n_runs (pm_window_get_runs (window)) > 1 &&
      _pm_probe_window_point (GTK_WIDGET (chart), 0, 0, &x, &y) && (x != rp->x || y != rp->y))
    rp->chart_pending = TRUE;
  if (!rp->chart_pending)
    return;
  rp->chart_pending = FALSE;
  gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (rp->window)));
  say_chart (rp);
}

static void
realized_cb (RunsProbe *rp)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (rp->window)), "after-paint",
                           G_CALLBACK (after_paint_cb), rp->window, G_CONNECT_SWAPPED);
}

static void
chart_changed_cb (RunsProbe *rp)
{
  if (pm_runs_get_n_runs (pm_window_get_runs (rp->window)) > 1)
    rp->chart_pending = TRUE;
}

static void
table_cb (RunsProbe      *rp,
          GListModel     *rows,
          PmTagTableView *table)
{
  PmRuns *runs = pm_window_get_runs (rp->window);
  GtkWidget *view = _pm_probe_find_column_view (GTK_WIDGET (table));
  GListModel *columns = view != NULL ? gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)) : NULL;
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autoptr(PmTagRow) first = g_list_model_get_item (rows, 0);
  guint n = pm_runs_get_n_runs (runs);

  if (n < 2 || columns == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autofree char *word = _pm_probe_word_of (gtk_column_view_column_get_title (column));

      g_string_append_printf (titles, "%s%s", i ? "," : "", word);
    }
  _pm_probe_say ("RUN-TABLE titles=%s first=%s", titles->str,
                 first != NULL ? pm_tag_row_get_label (first) : "");

  for (guint r = 0; r < 5 && r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr(PmTagRow) row = g_list_model_get_item (rows, r);
      g_autofree char *tag = _pm_probe_word_of (pm_tag_row_get_name (row));
      double a, b;

      pm_tag_table_view_get_run_growth (table, pm_tag_row_get_name (row), 0, &a);
      pm_tag_table_view_get_run_growth (table, pm_tag_row_get_name (row), 1, &b);
      _pm_probe_say ("RUN-ROW rank=%u tag=%s a=%.0f b=%.0f diff=%.0f", r, tag, a, b, b - a);
    }

  for (guint r = 0; r < g_list_model_get_n_items (rows); r++)
    {
      g_autoptr(PmTagRow) row = g_list_model_get_item (rows, r);
      g_autofree char *tag = NULL;
      char above[32] = "none", below[32] = "none";
      double a, b, na, nb;
      guint index;

      if (pm_runs_lookup_tag (runs, 0, pm_tag_row_get_name (row), &index))
        continue;
      tag = _pm_probe_word_of (pm_tag_row_get_name (row));
      pm_tag_table_view_get_run_growth (table, pm_tag_row_get_name (row), 1, &b);
      pm_tag_table_view_get_run_growth (table, pm_tag_row_get_name (row), 0, &a);
      for (int side = -1; side <= 1; side += 2)
        {
          g_autoptr(PmTagRow) other = NULL;

          if ((side < 0 && r == 0) || (side > 0 && r + 1 >= g_list_model_get_n_items (rows)))
            continue;
          other = g_list_model_get_item (rows, r + side);
          pm_tag_table_view_get_run_growth (table, pm_tag_row_get_name (other), 0, &na);
          pm_tag_table_view_get_run_growth (table, pm_tag_row_get_name (other), 1, &nb);
          g_snprintf (side < 0 ? above : below, 32, "%.0f", nb - na);
        }
      _pm_probe_say ("RUN-NEW rank=%u tag=%s a=- b=%.0f diff=%.0f above=%s below=%s shown=%d",
                     r, tag, b, b - a, above, below, pm_tag_row_get_shown (row));
    }
}

static void
current_cb (RunsProbe *rp)
{
  PmRuns *runs = pm_window_get_runs (rp->window);
  guint run = pm_runs_get_current (runs);
  g_autofree char *name = _pm_probe_word_of (pm_runs_get_name (runs, run) ?
                                             pm_runs_get_name (runs, run) : "");
  PmDataset *dataset = pm_session_get_dataset (pm_runs_get_session (runs, run));

  _pm_probe_say ("PAGES-RUN run=%s name=%s snapshots=%u", pm_runs_get_letter (run), name,
                 dataset != NULL ? pm_dataset_get_n_snapshots (dataset) : 0);
}

static void
measure_cb (RunsProbe *rp)
{
  PmMeasureCard *card = pm_window_get_measure_card (rp->window);
  PmRangeFigures *f = pm_measure_card_get_figures (card);
  int x = -1, y = -1;

  if (f == NULL)
    {
      _pm_probe_say ("MEASURE-CLEARED");
      return;
    }

  /* Where the card will be: its allocation comes with the next frame. */
  _pm_probe_say ("MEASURE t0=%.3f t1=%.3f duration=%.0f rows=%u visible=%d",
                 pm_range_figures_get_t0 (f), pm_range_figures_get_t1 (f),
                 pm_range_figures_get_duration (f), pm_range_figures_get_n_rows (f),
                 gtk_widget_get_visible (GTK_WIDGET (card)));
  for (guint i = 0; i < pm_range_figures_get_n_rows (f); i++)
    {
      const PmRangeRow *r = pm_range_figures_get_row (f, i);
      g_autofree char *tag = _pm_probe_word_of (r->tag);

      _pm_probe_say ("MEASURE-ROW tag=%s run=%s n=%u t0=%.0f t1=%.0f v0=%.17g v1=%.17g "
                     "change=%.17g rate=%.17g", tag, pm_runs_get_letter (r->run), r->n_snapshots,
                     r->t0, r->t1, r->v0, r->v1, r->change, r->rate);
    }
  (void) x;
  (void) y;
}

static void
mode_cb (RunsProbe *rp)
{
  PmRuns *runs = pm_window_get_runs (rp->window);

  _pm_probe_say ("MEASURE-MODE on=%d", pm_runs_get_measure_mode (runs));
}

static void
follow_cb (RunsProbe *rp)
{
  PmRuns *runs = pm_window_get_runs (rp->window);

  _pm_probe_say ("FOLLOW-RANGE on=%d", pm_runs_get_follow_range (runs));
}

/**
 * _pm_probe_watch_runs:
 *
 * Follows @window's runs, its tag table's run columns and its range
 * figures.
 */
void
_pm_probe_watch_runs (PmWindow *window)
{
  RunsProbe *rp = g_new0 (RunsProbe, 1);
  PmRuns *runs = pm_window_get_runs (window);
  PmSession *session = pm_window_get_session (window);
  GObject *table = gtk_widget_get_template_child (GTK_WIDGET (window), PM_TYPE_WINDOW,
                                                  "tag_table");

  rp->window = window;
  g_object_set_data_full (G_OBJECT (window), "pm-probe-runs", rp, g_free);
  g_signal_connect_data (runs, "changed", G_CALLBACK (say_runs), rp, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (runs, "notify::current", G_CALLBACK (current_cb), rp);
  g_signal_connect_swapped (runs, "notify::measure-mode", G_CALLBACK (mode_cb), rp);
  g_signal_connect_swapped (runs, "notify::follow-range", G_CALLBACK (follow_cb), rp);
  g_signal_connect_data (runs, "measure-changed", G_CALLBACK (measure_cb), rp, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (session, "selection-changed", G_CALLBACK (chart_changed_cb), rp);
  g_signal_connect_swapped (session, "notify::range", G_CALLBACK (chart_changed_cb), rp);
  g_signal_connect_swapped (window, "realize", G_CALLBACK (realized_cb), rp);
  g_signal_connect_data (table, "rows-changed", G_CALLBACK (table_cb), rp, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
