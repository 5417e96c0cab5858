/* pm-probe.c: what the GUI tests see of the viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here listens; nothing changes what the viewer does. Each
 * window gets a WindowProbe (kept on the window as object data) that
 * follows its session, its pages and its frame clock. Lines that must come
 * before what a widget's own handler causes (BACK before the ZOOM it
 * brings, MATRIX-SHOW before the chart page comes to the front) come from
 * emission hooks, which GLib runs before any handler. Lines about a frame
 * ("PAINTED", "READY", "MATRIX-PAINTED") come from the frame clock's
 * after-paint once a change was seen, followed by a display flush: a
 * screenshot taken after the line shows the new frame. Dialogs and the
 * emission hooks are watched in pm-probe-dialogs.c.
 */
#include <stdio.h>
#include <string.h>

#include "pm-probe-private.h"

#include "pm-chart-view.h"
#include "pm-correlation-view.h"
#include "pm-heatmap-view.h"
#include "pm-leaks-view.h"
#include "pm-tag-row.h"
#include "pm-tag-table-view.h"
#include "pm-total-corr-view.h"

static gboolean started_watching;
static gint64 started;

gboolean
pm_probe_enabled (void)
{
  static gsize initialized;
  static gboolean enabled;

  if (g_once_init_enter (&initialized))
    {
      started = g_get_monotonic_time ();
      enabled = g_strcmp0 (g_getenv ("POOLMONVIZ_TEST_EVENTS"), "1") == 0;
      g_once_init_leave (&initialized, 1);
    }

  return enabled;
}

/* Milliseconds since the first pm_probe_enabled() call, which
 * pm_probe_start() makes: what the opening benchmarks report. */
gint64
pm_probe_elapsed_ms (void)
{
  pm_probe_enabled ();

  return (g_get_monotonic_time () - started) / 1000;
}

void
_pm_probe_say (const char *format,
               ...)
{
  va_list args;

  /* Tests read stdout through a pipe: without the flush a line could sit in
   * the buffer while the test waits for it. */
  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* Tags as one word: spaces in them become '_'. */
char *
_pm_probe_word_of (const char *tag)
{
  return g_strdelimit (g_strdup (tag), " ", '_');
}

WindowProbe *
_pm_probe_of (PmWindow *window)
{
  return g_object_get_data (G_OBJECT (window), PM_PROBE_KEY);
}

static void
probe_free (WindowProbe *probe)
{
  g_hash_table_unref (probe->colors);
  g_free (probe);
}

/* @x, @y of @widget in the coordinates xdotool uses for its toplevel. */
gboolean
_pm_probe_window_point (GtkWidget *widget,
                        double     x,
                        double     y,
                        int       *out_x,
                        int       *out_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  double sx, sy;

  if (native == NULL ||
      !gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p))
    return FALSE;

  gtk_native_get_surface_transform (native, &sx, &sy);
  *out_x = (int) (p.x + sx);
  *out_y = (int) (p.y + sy);
  return TRUE;
}

static void
flush (GtkWidget *widget)
{
  gdk_display_flush (gtk_widget_get_display (widget));
}

/* The chart ------------------------------------------------------------ */

static void
say_legend (WindowProbe *probe)
{
  const PmChartModel *model = pm_chart_view_get_model (probe->chart);

  for (guint i = 0; i < model->n_series; i++)
    {
      PmRect rect;
      int x, y;

      if (pm_chart_view_get_legend_swatch (probe->chart, i, &rect) &&
          _pm_probe_window_point (GTK_WIDGET (probe->chart), rect.x + rect.width / 2,
                        rect.y + rect.height / 2, &x, &y))
        _pm_probe_say ("LEGEND tag=%s x=%d y=%d", model->series[i].label, x, y);
    }
}

/* The trend lines the chart draws, with their series' verdicts. */
static void
say_trends (WindowProbe *probe)
{
  const PmChartModel *model = pm_chart_view_get_model (probe->chart);

  for (guint i = 0; i < model->n_trends; i++)
    {
      const PmChartTrend *trend = &model->trends[i];
      const PmChartSeries *s = &model->series[trend->series];
      g_autofree char *tag = _pm_probe_word_of (s->label);
      g_autofree char *verdict = g_strdup (s->note != NULL ? s->note : "none");

      /* "leak, +14 KiB/h": the verdict is the first word. */
      if (strchr (verdict, ',') != NULL)
        *strchr (verdict, ',') = '\0';
      _pm_probe_say ("TREND tag=%s verdict=%s t0=%.0f t1=%.0f v0=%.6g v1=%.6g", tag, verdict,
           trend->t0, trend->t1, trend->v0, trend->v1);
    }
}

/* READY: the first frame that shows a chart with series, the leak
 * finder's answer in it, and where. */
static gboolean
say_ready (WindowProbe *probe)
{
  GtkWidget *chart = GTK_WIDGET (probe->chart);
  const PmChartModel *model = pm_chart_view_get_model (probe->chart);
  PmSession *session = pm_window_get_session (probe->window);
  PmRect plot;
  int x, y;

  /* The first view is complete once the leak finder answered: its leaks
   * join the selection and the line above the chart. */
  if (model->n_series == 0 || !gtk_widget_get_mapped (chart) ||
      pm_window_get_finding_leaks (probe->window) ||
      !pm_chart_view_get_plot_area (probe->chart, &plot))
    return FALSE;

  probe->chart_ready = TRUE;
  if (_pm_probe_window_point (chart, 0, 0, &x, &y))
    _pm_probe_say ("READY chart_origin=%d,%d plot=%d,%d,%d,%d t0=%.3f t1=%.3f series=%u "
         "ms=%" G_GINT64_FORMAT,
         x, y, (int) plot.x, (int) plot.y, (int) plot.width, (int) plot.height,
         pm_session_get_range (session)->t0, pm_session_get_range (session)->t1,
         model->n_series, pm_probe_elapsed_ms ());
  say_legend (probe);
  say_trends (probe);
  _pm_probe_say_axes (probe);
  return TRUE;
}

/* Whatever the chart draws changed: the next frame shows it. */
static void
chart_changed_cb (PmWindow *window)
{
  WindowProbe *probe = _pm_probe_of (window);

  if (gtk_widget_get_realized (GTK_WIDGET (probe->chart)))
    probe->chart_pending = TRUE;
}

/* The matrix ------------------------------------------------------------ */

static void
say_matrix_painted (WindowProbe *probe)
{
  PmHeatmapView *heatmap = probe->heatmap;
  PmCorrFigure *figure = pm_heatmap_view_get_figure (heatmap);
  const PmHeatmapWindow *w = pm_heatmap_view_get_window (heatmap);
  PmRect area;
  int x, y;

  if (figure == NULL || !pm_heatmap_view_get_matrix_area (heatmap, &area) ||
      !_pm_probe_window_point (GTK_WIDGET (heatmap), 0, 0, &x, &y))
    return;

  _pm_probe_say ("MATRIX-PAINTED origin=%d,%d area=%d,%d,%d,%d cell=%.4f n=%u "
       "row0=%.4f col0=%.4f size=%.4f ms=%" G_GINT64_FORMAT,
       x, y, (int) area.x, (int) area.y, (int) area.width, (int) area.height,
       pm_heatmap_view_get_cell_size (heatmap), pm_corr_figure_get_model (figure)->n,
       w->row0, w->col0, w->n_rows, pm_probe_elapsed_ms ());
}

static void
heatmap_changed_cb (PmWindow        *window,
                    PmHeatmapChange  change,
                    PmHeatmapView   *heatmap)
{
  WindowProbe *probe = _pm_probe_of (window);

  if (change == PM_HEATMAP_CHANGE_BACK)
    _pm_probe_say ("MATRIX-BACK");
  else if (change == PM_HEATMAP_CHANGE_HOME)
    _pm_probe_say ("MATRIX-HOME");

  if (pm_heatmap_view_get_figure (heatmap) != NULL &&
      gtk_widget_get_realized (GTK_WIDGET (heatmap)))
    probe->heatmap_pending = TRUE;
}

static void
heatmap_hovered_cb (PmWindow      *window,
                    int            row,
                    int            col,
                    PmHeatmapView *heatmap)
{
  PmCorrFigure *figure = pm_heatmap_view_get_figure (heatmap);
  const PmHeatmapModel *model;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (figure == NULL || row < 0 || col < 0)
    return;

  model = pm_corr_figure_get_model (figure);
  a = _pm_probe_word_of (model->labels[pm_corr_figure_get_index (figure, row)]);
  b = _pm_probe_word_of (model->labels[pm_corr_figure_get_index (figure, col)]);
  _pm_probe_say ("MATRIX-HOVER row=%d col=%d a=%s b=%s r=%.4f", row, col, a, b,
       pm_heatmap_model_get (model, row, col));
}

static void
work_started_cb (PmWindow *window,
                 guint     n_tags,
                 guint     n_snapshots)
{
  _pm_probe_say ("MATRIX-WORK tags=%u snapshots=%u ms=%" G_GINT64_FORMAT,
       n_tags, n_snapshots, pm_probe_elapsed_ms ());
}

static void
work_finished_cb (PmWindow          *window,
                  const GError      *error,
                  gboolean           clustered,
                  double             ms,
                  PmCorrelationView *view)
{
  PmCorrFigure *figure = pm_heatmap_view_get_figure (pm_correlation_view_get_heatmap (view));

  if (error == NULL && figure != NULL)
    _pm_probe_say ("MATRIX-READY n=%u clustered=%d ms=%.1f", pm_corr_figure_get_model (figure)->n,
         clustered, ms);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _pm_probe_say ("MATRIX-CANCELLED");
}

static void
bars_changed_cb (PmWindow        *window,
                 PmTotalCorrView *view)
{
  _pm_probe_say ("TOTAL-BARS n=%u threshold=%.2f", pm_total_corr_view_get_model (view)->n_items,
       pm_total_corr_view_get_threshold (view));
}

/* The leak finder and the Leaks page ------------------------------------ */

/* LEAKS: the leak finder's answer arrived, with the line above the chart
 * and where its Show Leaks button is. */
static void
leaks_cb (PmWindow   *window,
          GParamSpec *pspec,
          PmSession  *session)
{
  WindowProbe *probe = _pm_probe_of (window);
  PmLeakResult *leaks = pm_session_get_leaks (session);
  g_autofree char *summary = pm_session_describe_leaks (session);
  const guint *ranking;
  guint n;

  chart_changed_cb (window);
  if (leaks == NULL)
    return;

  ranking = pm_leak_result_get_ranking (leaks, &n);
  _pm_probe_say ("LEAKS leaks=%u suspects=%u first=%s ms=%" G_GINT64_FORMAT " snapshots=%u",
       pm_leak_result_count (leaks, PM_LEAK_VERDICT_LEAK),
       pm_leak_result_count (leaks, PM_LEAK_VERDICT_SUSPECT),
       n > 0 ? pm_dataset_get_tag_name (pm_session_get_dataset (session), ranking[0]) : "",
       pm_probe_elapsed_ms (), pm_dataset_get_n_snapshots (pm_leak_result_get_dataset (leaks)));
  _pm_probe_say ("LEAK-SUMMARY %s", summary != NULL ? summary : "");
  probe->leaks_pending = TRUE;
}

static void
leak_rows_cb (PmWindow    *window,
              guint        n_rows,
              PmLeaksView *view)
{
  _pm_probe_of (window)->leaks_pending = TRUE;
}

static void
leaks_page_cb (PmWindow   *window,
               GParamSpec *pspec,
               GtkStack   *stack)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "leaks") == 0)
    _pm_probe_of (window)->leaks_pending = TRUE;
}

/* Where the Show Leaks button and the Leaks page's rows are, once drawn. */
static void
say_leaks_painted (WindowProbe *probe)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (probe->window),
                                                                  PM_TYPE_WINDOW,
                                                                  "leak_summary_button"));
  PmLeaksFigure *figure = pm_leaks_view_get_figure (probe->leaks);
  guint n = figure != NULL ? pm_leaks_figure_get_model (figure)->n_rows : 0;
  int x, y;

  if (gtk_widget_get_mapped (button) &&
      _pm_probe_window_point (button, gtk_widget_get_width (button) / 2.0,
                    gtk_widget_get_height (button) / 2.0, &x, &y))
    _pm_probe_say ("LEAKS-BUTTON x=%d y=%d", x, y);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = pm_leaks_view_get_row (probe->leaks, i);
      const PmLeaksRow *r = &pm_leaks_figure_get_model (figure)->rows[i];
      g_autofree char *tag = _pm_probe_word_of (r->tag);

      if (row != NULL && gtk_widget_get_mapped (row) &&
          _pm_probe_window_point (row, gtk_widget_get_width (row) / 2.0,
                        gtk_widget_get_height (row) / 2.0, &x, &y))
        _pm_probe_say ("LEAKS-ROW index=%u tag=%s verdict=%s trends=%u x=%d y=%d", i, tag, r->verdict,
             r->spark.n_trends, x, y);
    }
  _pm_probe_say ("LEAKS-PAINTED rows=%u", n);
}


/* The frame clock ------------------------------------------------------- */

static void say_banner (PmWindow *window);

/* TABLE-FRAME: the frame after the tag table's rows were made or updated
 * (GTK lays out the rows and binds the cells that need it there), what
 * it cost, and what the user made of the table: the selected row, the
 * sort and where the rows are scrolled to. */
static void
say_table_frame (PmWindow    *window,
                 WindowProbe *probe,
                 gint64       now)
{
  PmTagTableView *table = PM_TAG_TABLE_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                           PM_TYPE_WINDOW,
                                                                           "tag_table"));
  GtkSelectionModel *selection = pm_tag_table_view_get_selection (table);
  GtkWidget *view = _pm_probe_find_column_view (GTK_WIDGET (table));
  GtkWidget *scrolled = view != NULL ? gtk_widget_get_parent (view) : NULL;
  PmTagRow *selected = GTK_IS_SINGLE_SELECTION (selection)
                       ? gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection))
                       : NULL;
  GtkSortType order = GTK_SORT_ASCENDING;
  g_autofree char *sort = pm_tag_table_view_get_sort_column (table, &order);
  g_autofree char *sort_word = _pm_probe_word_of (sort != NULL ? sort : "none");
  g_autofree char *tag = _pm_probe_word_of (selected != NULL ? pm_tag_row_get_label (selected)
                                                             : "none");
  double y = GTK_IS_SCROLLED_WINDOW (scrolled)
             ? gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)))
             : 0;

  _pm_probe_say ("TABLE-FRAME how=%s frame_ms=%.1f since_update_ms=%.1f selected=%s "
                 "sort=%s,%s scroll=%.0f",
                 probe->table_update_in_place ? "in-place" : "rebuild",
                 (now - probe->table_frame_began) / 1000.0,
                 (now - probe->table_update_began) / 1000.0, tag, sort_word,
                 order == GTK_SORT_DESCENDING ? "desc" : "asc", y);
}

static void
after_paint_cb (PmWindow      *window,
                GdkFrameClock *clock)
{
  WindowProbe *probe = _pm_probe_of (window);

  if (!probe->chart_ready)
    {
      if (say_ready (probe))
        {
          probe->chart_pending = FALSE;
          flush (GTK_WIDGET (window));
          _pm_probe_say ("PAINTED");
        }
    }
  else if (probe->chart_pending)
    {
      probe->chart_pending = FALSE;
      flush (GTK_WIDGET (window));
      say_legend (probe);
      say_trends (probe);
      _pm_probe_say_axes (probe);
      _pm_probe_say ("PAINTED");
    }

  if (probe->leaks_pending)
    {
      probe->leaks_pending = FALSE;
      flush (GTK_WIDGET (window));
      say_leaks_painted (probe);
    }

  if (probe->heatmap_pending)
    {
      probe->heatmap_pending = FALSE;
      flush (GTK_WIDGET (window));
      say_matrix_painted (probe);
    }

  if (probe->banner_pending)
    {
      probe->banner_pending = FALSE;
      flush (GTK_WIDGET (window));
      say_banner (window);
    }

  /* The frame after the tag table's rows were made or updated: GTK lays
   * out the rows and binds the cells that need it there. */
  if (probe->table_frame_pending && probe->table_frame_began != 0)
    {
      gint64 now = g_get_monotonic_time ();

      probe->table_frame_pending = FALSE;
      say_table_frame (window, probe, now);
    }

  _pm_probe_say_size (probe);
}

static void
before_paint_cb (PmWindow      *window,
                 GdkFrameClock *clock)
{
  WindowProbe *probe = _pm_probe_of (window);

  if (probe->table_frame_pending)
    probe->table_frame_began = g_get_monotonic_time ();
}

static void
window_realized_cb (PmWindow *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                           G_CALLBACK (before_paint_cb), window, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                           G_CALLBACK (after_paint_cb), window, G_CONNECT_SWAPPED);
}

/* The window ------------------------------------------------------------ */

static void
load_finished_cb (PmWindow     *window,
                  PmDataset    *dataset,
                  const GError *error)
{
  if (dataset != NULL)
    _pm_probe_say ("LOAD-DONE ms=%" G_GINT64_FORMAT, pm_probe_elapsed_ms ());
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _pm_probe_say ("CANCELLED");
  else if (error != NULL)
    _pm_probe_say ("LOAD-FAILED message=%s", error->message);
}

static void
loaded_cb (PmWindow     *window,
           PmDataset    *dataset,
           const GError *error)
{
  if (dataset == NULL)
    return;

  _pm_probe_say ("LOADED snapshots=%u tags=%u problems=%u load_ms=%" G_GINT64_FORMAT
       " ms=%" G_GINT64_FORMAT,
       pm_dataset_get_n_snapshots (dataset), pm_dataset_get_n_tags (dataset),
       pm_dataset_get_n_problems (dataset), pm_window_get_load_time (window),
       pm_probe_elapsed_ms ());
  _pm_probe_say_view (window);
}

static void
metric_cb (PmWindow  *window,
           GParamSpec *pspec,
           PmSession *session)
{
  _pm_probe_say ("METRIC %s", pm_metric_to_string (pm_session_get_metric (session)));
}

static void
range_cb (PmWindow   *window,
          GParamSpec *pspec,
          PmSession  *session)
{
  const PmChartRange *r = pm_session_get_range (session);

  _pm_probe_say ("ZOOM t0=%.3f t1=%.3f y0=%.6g y1=%.6g", r->t0, r->t1, r->y0, r->y1);
  chart_changed_cb (window);
}

static void
style_changed_cb (PmWindow  *window,
                  guint      tag,
                  PmSession *session)
{
  WindowProbe *probe = _pm_probe_of (window);
  PmRgba *seen = g_hash_table_lookup (probe->colors, GUINT_TO_POINTER (tag));
  g_autofree char *label = NULL;
  PmSeriesStyle style;

  chart_changed_cb (window);
  if (seen == NULL)
    return;

  label = g_utf8_make_valid (pm_dataset_get_tag_name (pm_session_get_dataset (session), tag), -1);
  pm_session_get_style (session, tag, &style);
  if (!pm_rgba_equal (&style.color, seen))
    {
      g_autofree char *color = pm_rgba_to_string (&style.color);

      *seen = style.color;
      _pm_probe_say ("COLOR tag=%s rgba=%s", label, color);
    }
  else
    _pm_probe_say ("STYLE tag=%s", label);
}

static void
page_cb (PmWindow   *window,
         GParamSpec *pspec,
         GtkStack   *stack)
{
  _pm_probe_say ("PAGE %s", gtk_stack_get_visible_child_name (stack));
}

/* Tests click Details once the banner has slid in: where it is, said after
 * the next frame, when the banner has its place (with animations off the
 * revealer reports "revealed" before any layout). */
static void
say_banner (PmWindow *window)
{
  GtkWidget *details = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                   PM_TYPE_WINDOW,
                                                                   "banner_details_button"));
  int x, y;

  if (gtk_widget_get_mapped (details) && _pm_probe_window_point (details, 10, 10, &x, &y))
    _pm_probe_say ("BANNER details=%d,%d", x, y);
}

static void
banner_cb (PmWindow    *window,
           GParamSpec  *pspec,
           GtkRevealer *revealer)
{
  if (gtk_revealer_get_child_revealed (revealer))
    {
      _pm_probe_of (window)->banner_pending = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
}

/* TABLE-DIGEST: the rows as shown, in their order, with their figures, as
 * one checksum: a table updated in place while following must equal the
 * table of the same folder opened afresh. */
static void
say_table_digest (PmWindow   *window,
                  GListModel *rows)
{
  PmSession *session = pm_window_get_session (window);
  PmDataset *dataset = session != NULL ? pm_session_get_dataset (session) : NULL;
  g_autoptr(GChecksum) sum = NULL;
  guint n = g_list_model_get_n_items (rows);

  /* Nothing shown, or the window closing. */
  if (dataset == NULL)
    return;
  sum = g_checksum_new (G_CHECKSUM_SHA1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmTagRow) row = g_list_model_get_item (rows, i);
      const PmTagStats *st = pm_tag_row_get_stats (row);
      g_autofree char *text =
        g_strdup_printf ("%s|%u|%u|%u|%" G_GINT64_FORMAT "|%.9g|%u|%" G_GINT64_FORMAT "|%"
                         G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%.9g\n",
                         pm_tag_row_get_label (row), st->n_present, st->first_snapshot,
                         st->last_snapshot, st->peak, st->mean, st->n_nonzero,
                         st->first_nonzero, st->last_nonzero, st->increase_abs,
                         st->increase_pct);

      g_checksum_update (sum, (const guchar *) text, -1);
    }
  _pm_probe_say ("TABLE-DIGEST snapshots=%u rows=%u sha=%s",
                 pm_dataset_get_n_snapshots (dataset), n, g_checksum_get_string (sum));
}

/* The rows, and (SEARCH) which search they answer: a test that types
 * waits for the line of its whole text, not for the keystrokes before.
 * The search the rows were filtered by, not the entry's text: rows made
 * for another reason (a followed snapshot, the view's range) while the
 * entry's delay runs do not answer what it holds yet. */
static void
table_cb (PmWindow       *window,
          GListModel     *rows,
          PmTagTableView *table)
{
  g_autoptr(PmTagRow) first = g_list_model_get_item (rows, 0);
  const char *search = pm_tag_table_view_get_search (table);
  const char *label = first != NULL ? pm_tag_row_get_label (first) : "";
  guint n = g_list_model_get_n_items (rows);

  WindowProbe *probe = _pm_probe_of (window);
  gboolean in_place;
  gint64 usec, began;
  guint update = pm_tag_table_view_get_last_update (table, &in_place, &usec, &began);

  /* How the rows were made (a followed snapshot updates them in place):
   * the main thread's time for it, then TABLE-FRAME for the next frame. */
  if (update != probe->table_update)
    {
      probe->table_update = update;
      probe->table_update_in_place = in_place;
      probe->table_update_began = began;
      probe->table_frame_began = 0;
      probe->table_frame_pending = TRUE;
      _pm_probe_say ("TABLE-UPDATE how=%s rows=%u ms=%.2f search=%s",
                     in_place ? "in-place" : "rebuild", n, usec / 1000.0, search);
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
  _pm_probe_say ("TABLE rows=%u first=%s", n, label);
  _pm_probe_say ("SEARCH text=%s rows=%u first=%s", search, n, label);
  _pm_probe_say_table_header (window);
  say_table_digest (window, rows);
}

static void
export_dialog_cb (PmWindow   *window,
                  const char *page,
                  gboolean    csv)
{
  _pm_probe_say ("EXPORT-DIALOG page=%s csv=%d", page, csv);
}

static void
exported_cb (PmWindow   *window,
             const char *path)
{
  _pm_probe_say ("EXPORTED path=%s", path);
}

/* Following a folder (pm-window-follow.c) ------------------------------- */

static void
dataset_cb (PmWindow   *window,
            GParamSpec *pspec,
            PmSession  *session)
{
  PmDataset *dataset = pm_session_get_dataset (session);
  const gint64 *times;
  guint n;

  if (dataset == NULL)
    return;
  n = pm_dataset_get_n_snapshots (dataset);
  times = pm_dataset_get_times (dataset, pm_session_get_time_base (session));
  _pm_probe_say ("DATASET snapshots=%u tags=%u last=%" G_GINT64_FORMAT, n,
                 pm_dataset_get_n_tags (dataset), n > 0 ? times[n - 1] : 0);
}

/* The tag table's figures were computed again (a new dataset). */
static void
stats_cb (PmWindow  *window,
          PmSession *session)
{
  PmDataset *dataset = pm_session_get_dataset (session);

  if (dataset != NULL)
    _pm_probe_say ("STATS snapshots=%u", pm_dataset_get_n_snapshots (dataset));
}

static void
follow_cb (PmWindow        *window,
           GParamSpec      *pspec,
           GtkToggleButton *button)
{
  _pm_probe_say ("FOLLOW on=%d", gtk_toggle_button_get_active (button));
}

static void
follow_status_cb (PmWindow   *window,
                  GParamSpec *pspec,
                  GtkLabel   *label)
{
  g_autofree char *text = g_strdelimit (g_strdup (gtk_label_get_text (label)), " ", '_');

  _pm_probe_say ("FOLLOW-STATUS stopped=%d text=%s",
                 strstr (gtk_label_get_text (label), "stopped") != NULL, text);
}

static void
connect (gpointer    instance,
         const char *signal,
         GCallback   callback,
         PmWindow   *window,
         gboolean    after)
{
  g_signal_connect_object (instance, signal, callback, window,
                           G_CONNECT_SWAPPED | (after ? G_CONNECT_AFTER : 0));
}

static void
watch_window (PmWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  WindowProbe *probe = g_new0 (WindowProbe, 1);
  PmSession *session = pm_window_get_session (window);
  GtkStack *views = GTK_STACK (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW,
                                                              "view_stack"));
  PmCorrelationView *correlation =
    PM_CORRELATION_VIEW (gtk_stack_get_child_by_name (views, "correlation"));
  PmTotalCorrView *total = PM_TOTAL_CORR_VIEW (gtk_stack_get_child_by_name (views, "total"));
  PmLeaksView *leaks = PM_LEAKS_VIEW (gtk_stack_get_child_by_name (views, "leaks"));
  static const char * const chart_signals[] = {
    "notify::dataset", "notify::metric", "notify::time-base", "notify::log-scale",
    "notify::total-axis", "selection-changed", "stats-changed",
  };

  probe->window = window;
  probe->chart = PM_CHART_VIEW (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW,
                                                               "chart_view"));
  probe->heatmap = pm_correlation_view_get_heatmap (correlation);
  probe->leaks = leaks;
  probe->colors = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_object_set_data_full (G_OBJECT (window), PM_PROBE_KEY, probe, (GDestroyNotify) probe_free);

  connect (window, "load-finished", G_CALLBACK (load_finished_cb), window, FALSE);
  connect (window, "load-finished", G_CALLBACK (loaded_cb), window, TRUE);
  connect (window, "export-dialog-shown", G_CALLBACK (export_dialog_cb), window, FALSE);
  connect (window, "exported", G_CALLBACK (exported_cb), window, FALSE);
  connect (window, "realize", G_CALLBACK (window_realized_cb), window, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (chart_signals); i++)
    connect (session, chart_signals[i], G_CALLBACK (chart_changed_cb), window, FALSE);
  connect (session, "notify::metric", G_CALLBACK (metric_cb), window, FALSE);
  connect (session, "notify::range", G_CALLBACK (range_cb), window, FALSE);
  connect (session, "style-changed", G_CALLBACK (style_changed_cb), window, FALSE);

  connect (views, "notify::visible-child", G_CALLBACK (page_cb), window, FALSE);
  connect (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW, "banner_revealer"),
           "notify::child-revealed", G_CALLBACK (banner_cb), window, FALSE);
  connect (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW, "tag_table"),
           "rows-changed", G_CALLBACK (table_cb), window, FALSE);

  connect (probe->heatmap, "view-changed", G_CALLBACK (heatmap_changed_cb), window, FALSE);
  connect (probe->heatmap, "hovered", G_CALLBACK (heatmap_hovered_cb), window, FALSE);
  connect (correlation, "work-started", G_CALLBACK (work_started_cb), window, FALSE);
  connect (correlation, "work-finished", G_CALLBACK (work_finished_cb), window, FALSE);
  connect (total, "bars-changed", G_CALLBACK (bars_changed_cb), window, FALSE);
  connect (session, "notify::leaks", G_CALLBACK (leaks_cb), window, FALSE);
  connect (leaks, "rows-changed", G_CALLBACK (leak_rows_cb), window, FALSE);
  connect (views, "notify::visible-child", G_CALLBACK (leaks_page_cb), window, TRUE);
  connect (session, "notify::dataset", G_CALLBACK (dataset_cb), window, FALSE);
  connect (session, "stats-changed", G_CALLBACK (stats_cb), window, FALSE);
  connect (pm_window_get_follow_button (window), "notify::active", G_CALLBACK (follow_cb),
           window, FALSE);
  connect (pm_window_get_follow_status (window), "notify::label", G_CALLBACK (follow_status_cb),
           window, FALSE);
  _pm_probe_watch_keyboard (window);
  _pm_probe_watch_runs (window);
  _pm_probe_watch_highlight (window);
  _pm_probe_watch_leak_finder (window);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (PM_IS_WINDOW (window))
    watch_window (PM_WINDOW (window));
}

static void
startup_cb (GtkApplication *app)
{
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  _pm_probe_watch_dialogs ();
  _pm_probe_add_hooks (app);
}

/**
 * pm_probe_start:
 * @app: the application, not yet run
 *
 * When pm_probe_enabled(): makes @app non-unique (tests start many viewers
 * side by side, each on its own) and, once GTK is up, watches every window
 * @app will have. Otherwise does nothing.
 */
void
pm_probe_start (GtkApplication *app)
{
  if (!pm_probe_enabled () || started_watching)
    return;

  started_watching = TRUE;
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  /* After GtkApplication's own startup, which initialises GTK. */
  g_signal_connect (app, "startup", G_CALLBACK (startup_cb), NULL);
}
