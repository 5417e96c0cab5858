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
 * screenshot taken after the line shows the new frame.
 */
#include <stdio.h>

#include "pm-probe.h"

#include "pm-chart-view.h"
#include "pm-correlation-view.h"
#include "pm-heatmap-view.h"
#include "pm-style-dialog.h"
#include "pm-tag-row.h"
#include "pm-tag-table-view.h"
#include "pm-total-corr-view.h"
#include "pm-window.h"

#define PROBE_KEY "pm-probe"

typedef struct
{
  PmWindow      *window;           /* the probe lives on it: no reference */
  PmChartView   *chart;
  PmHeatmapView *heatmap;
  GHashTable    *colors;           /* tag -> PmRgba last seen, for open style dialogs */
  gboolean       chart_ready;      /* READY was said */
  gboolean       chart_pending;    /* the chart changed: PAINTED after the next frame */
  gboolean       heatmap_pending;  /* the matrix changed: MATRIX-PAINTED likewise */
  gboolean       banner_pending;   /* the banner slid in: BANNER after the next frame */
  int            size[4];          /* what SIZE said last: size and least size */
} WindowProbe;

static GtkApplication *probe_app;
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
 * pm_application_new() makes: what the opening benchmarks report. */
gint64
pm_probe_elapsed_ms (void)
{
  pm_probe_enabled ();

  return (g_get_monotonic_time () - started) / 1000;
}

static void say (const char *format,
                 ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
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
static char *
word_of (const char *tag)
{
  return g_strdelimit (g_strdup (tag), " ", '_');
}

static WindowProbe *
probe_of (PmWindow *window)
{
  return g_object_get_data (G_OBJECT (window), PROBE_KEY);
}

static void
probe_free (WindowProbe *probe)
{
  g_hash_table_unref (probe->colors);
  g_free (probe);
}

/* @x, @y of @widget in the coordinates xdotool uses for its toplevel. */
static gboolean
window_point (GtkWidget *widget,
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
          window_point (GTK_WIDGET (probe->chart), rect.x + rect.width / 2,
                        rect.y + rect.height / 2, &x, &y))
        say ("LEGEND tag=%s x=%d y=%d", model->series[i].label, x, y);
    }
}

/* READY: the first frame that shows a chart with series, and where. */
static gboolean
say_ready (WindowProbe *probe)
{
  GtkWidget *chart = GTK_WIDGET (probe->chart);
  const PmChartModel *model = pm_chart_view_get_model (probe->chart);
  PmSession *session = pm_window_get_session (probe->window);
  PmRect plot;
  int x, y;

  if (model->n_series == 0 || !gtk_widget_get_mapped (chart) ||
      !pm_chart_view_get_plot_area (probe->chart, &plot))
    return FALSE;

  probe->chart_ready = TRUE;
  if (window_point (chart, 0, 0, &x, &y))
    say ("READY chart_origin=%d,%d plot=%d,%d,%d,%d t0=%.3f t1=%.3f series=%u "
         "ms=%" G_GINT64_FORMAT,
         x, y, (int) plot.x, (int) plot.y, (int) plot.width, (int) plot.height,
         pm_session_get_range (session)->t0, pm_session_get_range (session)->t1,
         model->n_series, pm_probe_elapsed_ms ());
  say_legend (probe);
  return TRUE;
}

/* Whatever the chart draws changed: the next frame shows it. */
static void
chart_changed_cb (PmWindow *window)
{
  WindowProbe *probe = probe_of (window);

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
      !window_point (GTK_WIDGET (heatmap), 0, 0, &x, &y))
    return;

  say ("MATRIX-PAINTED origin=%d,%d area=%d,%d,%d,%d cell=%.4f n=%u "
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
  WindowProbe *probe = probe_of (window);

  if (change == PM_HEATMAP_CHANGE_BACK)
    say ("MATRIX-BACK");
  else if (change == PM_HEATMAP_CHANGE_HOME)
    say ("MATRIX-HOME");

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
  a = word_of (model->labels[pm_corr_figure_get_index (figure, row)]);
  b = word_of (model->labels[pm_corr_figure_get_index (figure, col)]);
  say ("MATRIX-HOVER row=%d col=%d a=%s b=%s r=%.4f", row, col, a, b,
       pm_heatmap_model_get (model, row, col));
}

static void
work_started_cb (PmWindow *window,
                 guint     n_tags,
                 guint     n_snapshots)
{
  say ("MATRIX-WORK tags=%u snapshots=%u ms=%" G_GINT64_FORMAT,
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
    say ("MATRIX-READY n=%u clustered=%d ms=%.1f", pm_corr_figure_get_model (figure)->n,
         clustered, ms);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    say ("MATRIX-CANCELLED");
}

static void
bars_changed_cb (PmWindow        *window,
                 PmTotalCorrView *view)
{
  say ("TOTAL-BARS n=%u threshold=%.2f", pm_total_corr_view_get_model (view)->n_items,
       pm_total_corr_view_get_threshold (view));
}

/* The frame clock ------------------------------------------------------- */

/* The window's size and the least it can be, when either changed: a
 * window whose content needs more than its surface is drawn cut off. */
static void
say_size (WindowProbe *probe)
{
  GtkWidget *widget = GTK_WIDGET (probe->window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int min_width, min_height;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  if (width == probe->size[0] && height == probe->size[1] &&
      min_width == probe->size[2] && min_height == probe->size[3])
    return;
  probe->size[0] = width;
  probe->size[1] = height;
  probe->size[2] = min_width;
  probe->size[3] = min_height;
  say ("SIZE w=%d h=%d min_w=%d min_h=%d", width, height, min_width, min_height);
}

static void say_banner (WindowProbe *probe);

static void
after_paint_cb (PmWindow      *window,
                GdkFrameClock *clock)
{
  WindowProbe *probe = probe_of (window);

  if (!probe->chart_ready)
    {
      if (say_ready (probe))
        {
          probe->chart_pending = FALSE;
          flush (GTK_WIDGET (window));
          say ("PAINTED");
        }
    }
  else if (probe->chart_pending)
    {
      probe->chart_pending = FALSE;
      flush (GTK_WIDGET (window));
      say_legend (probe);
      say ("PAINTED");
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
      say_banner (probe);
    }

  say_size (probe);
}

static void
window_realized_cb (PmWindow *window)
{
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
    say ("LOAD-DONE ms=%" G_GINT64_FORMAT, pm_probe_elapsed_ms ());
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    say ("CANCELLED");
  else if (error != NULL)
    say ("LOAD-FAILED message=%s", error->message);
}

/* How the window is set up: what the user may have left it at last time. */
static void
say_view (PmWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  PmSession *session = pm_window_get_session (window);
  GtkPaned *paned = GTK_PANED (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW, "paned"));
  GtkStack *views = GTK_STACK (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW,
                                                              "view_stack"));
  GtkExpander *expander = GTK_EXPANDER (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW,
                                                                       "rank_expander"));
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  say ("VIEW log=%d hide_total=%d side_panel=%d default_selection=%d page=%s size=%dx%d",
       pm_session_get_log_scale (session), pm_session_get_hide_total (session),
       gtk_widget_get_visible (gtk_paned_get_start_child (paned)),
       gtk_expander_get_expanded (expander), gtk_stack_get_visible_child_name (views),
       width, height);
}

static void
loaded_cb (PmWindow     *window,
           PmDataset    *dataset,
           const GError *error)
{
  if (dataset == NULL)
    return;

  say ("LOADED snapshots=%u tags=%u problems=%u load_ms=%" G_GINT64_FORMAT
       " ms=%" G_GINT64_FORMAT,
       pm_dataset_get_n_snapshots (dataset), pm_dataset_get_n_tags (dataset),
       pm_dataset_get_n_problems (dataset), pm_window_get_load_time (window),
       pm_probe_elapsed_ms ());
  say_view (window);
}

static void
metric_cb (PmWindow  *window,
           GParamSpec *pspec,
           PmSession *session)
{
  say ("METRIC %s", pm_metric_to_string (pm_session_get_metric (session)));
}

static void
range_cb (PmWindow   *window,
          GParamSpec *pspec,
          PmSession  *session)
{
  const PmChartRange *r = pm_session_get_range (session);

  say ("ZOOM t0=%.3f t1=%.3f y0=%.6g y1=%.6g", r->t0, r->t1, r->y0, r->y1);
  chart_changed_cb (window);
}

static void
style_changed_cb (PmWindow  *window,
                  guint      tag,
                  PmSession *session)
{
  WindowProbe *probe = probe_of (window);
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
      say ("COLOR tag=%s rgba=%s", label, color);
    }
  else
    say ("STYLE tag=%s", label);
}

static void
page_cb (PmWindow   *window,
         GParamSpec *pspec,
         GtkStack   *stack)
{
  say ("PAGE %s", gtk_stack_get_visible_child_name (stack));
}

/* Tests click Details once the banner has slid in: say where it is, from
 * the first frame after that (with animations off the banner is revealed
 * before it was ever laid out, and its button is not where it will be). */
static void
banner_cb (PmWindow    *window,
           GParamSpec  *pspec,
           GtkRevealer *revealer)
{
  WindowProbe *probe = probe_of (window);

  if (gtk_revealer_get_child_revealed (revealer))
    {
      probe->banner_pending = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
}

static void
say_banner (WindowProbe *probe)
{
  GtkWidget *details = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (probe->window),
                                                                   PM_TYPE_WINDOW,
                                                                   "banner_details_button"));
  int x, y;

  if (gtk_widget_get_visible (details) && gtk_widget_get_mapped (details) &&
      window_point (details, 10, 10, &x, &y))
    say ("BANNER details=%d,%d", x, y);
}

static GtkWidget *find_column_view (GtkWidget *widget);

static void
table_scrolled_cb (GtkAdjustment *adjustment)
{
  say ("ROWS-SCROLL y=%.0f", gtk_adjustment_get_value (adjustment));
}

/* Where each column's title of the tag table is, for clicking it to sort;
 * and the table's scrolling, once. */
static void
say_table_header (PmWindow *window)
{
  GObject *table = gtk_widget_get_template_child (GTK_WIDGET (window), PM_TYPE_WINDOW,
                                                  "tag_table");
  GtkWidget *view = table != NULL ? find_column_view (GTK_WIDGET (table)) : NULL;
  GtkWidget *scrolled = view != NULL ? gtk_widget_get_parent (view) : NULL;
  GtkWidget *header = view != NULL ? gtk_widget_get_first_child (view) : NULL;
  g_autoptr(GString) titles = g_string_new (NULL);

  for (GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;
       title != NULL; title = gtk_widget_get_next_sibling (title))
    {
      int x, y;

      if (window_point (title, 10, gtk_widget_get_height (title) / 2.0, &x, &y))
        g_string_append_printf (titles, " %d,%d", x, y);
    }
  say ("COLUMNS titles=%s", titles->len > 0 ? titles->str + 1 : "");

  if (GTK_IS_SCROLLED_WINDOW (scrolled) &&
      g_object_get_data (G_OBJECT (scrolled), "pm-probe-scroll") == NULL)
    {
      g_object_set_data (G_OBJECT (scrolled), "pm-probe-scroll", GINT_TO_POINTER (1));
      g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                        "value-changed", G_CALLBACK (table_scrolled_cb), NULL);
    }
}

static void
table_cb (PmWindow   *window,
          GListModel *rows)
{
  g_autoptr(PmTagRow) first = g_list_model_get_item (rows, 0);

  say ("TABLE rows=%u first=%s", g_list_model_get_n_items (rows),
       first != NULL ? pm_tag_row_get_label (first) : "");
  say_table_header (window);
}

/* Where the keyboard is: the focused widget's type, whether it is on a
 * row of the tag table and, there, the row's tag. */
static void
focus_cb (PmWindow   *window,
          GParamSpec *pspec,
          GtkWindow  *toplevel)
{
  PmTagTableView *table = PM_TAG_TABLE_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                             PM_TYPE_WINDOW,
                                                                             "tag_table"));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  PmTagRow *row = table != NULL ? pm_tag_table_view_get_focused_row (table) : NULL;
  g_autofree char *tag = word_of (row != NULL ? pm_tag_row_get_label (row) : "-");

  say ("FOCUS widget=%s table=%d tag=%s shown=%d",
       focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none",
       row != NULL, tag,
       row != NULL && pm_tag_row_get_shown (row));
  if (row != NULL)
    say_table_header (window);
}

/* The shown tags changed: how many, and the focused row's state. */
static void
selection_cb (PmWindow *window)
{
  PmTagTableView *table = PM_TAG_TABLE_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                             PM_TYPE_WINDOW,
                                                                             "tag_table"));
  PmTagRow *row = table != NULL ? pm_tag_table_view_get_focused_row (table) : NULL;
  g_autofree char *tag = word_of (row != NULL ? pm_tag_row_get_label (row) : "-");
  guint n_shown = 0;

  pm_session_get_shown (pm_window_get_session (window), &n_shown);
  say ("SELECTION shown=%u hidden=%u focused=%s focused_shown=%d", n_shown,
       pm_session_get_n_hidden (pm_window_get_session (window)), tag,
       row != NULL && pm_session_is_shown (pm_window_get_session (window),
                                           pm_tag_row_get_tag (row)));
}

static void
export_dialog_cb (PmWindow   *window,
                  const char *page,
                  gboolean    csv)
{
  say ("EXPORT-DIALOG page=%s csv=%d", page, csv);
}

static void
exported_cb (PmWindow   *window,
             const char *path)
{
  say ("EXPORTED path=%s", path);
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
  static const char * const chart_signals[] = {
    "notify::dataset", "notify::metric", "notify::time-base", "notify::log-scale",
    "selection-changed", "stats-changed",
  };

  probe->window = window;
  probe->chart = PM_CHART_VIEW (gtk_widget_get_template_child (widget, PM_TYPE_WINDOW,
                                                               "chart_view"));
  probe->heatmap = pm_correlation_view_get_heatmap (correlation);
  probe->colors = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_object_set_data_full (G_OBJECT (window), PROBE_KEY, probe, (GDestroyNotify) probe_free);

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
  connect (window, "notify::focus-widget", G_CALLBACK (focus_cb), window, FALSE);
  connect (session, "selection-changed", G_CALLBACK (selection_cb), window, TRUE);

  connect (probe->heatmap, "view-changed", G_CALLBACK (heatmap_changed_cb), window, FALSE);
  connect (probe->heatmap, "hovered", G_CALLBACK (heatmap_hovered_cb), window, FALSE);
  connect (correlation, "work-started", G_CALLBACK (work_started_cb), window, FALSE);
  connect (correlation, "work-finished", G_CALLBACK (work_finished_cb), window, FALSE);
  connect (total, "bars-changed", G_CALLBACK (bars_changed_cb), window, FALSE);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (PM_IS_WINDOW (window))
    watch_window (PM_WINDOW (window));
}

/* Dialogs --------------------------------------------------------------- */

/* The first GtkEntry under @widget, not looking into @skip. */
static GtkWidget *
find_entry (GtkWidget *widget,
            GType      skip)
{
  if (GTK_IS_ENTRY (widget))
    return widget;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, skip))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child, skip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A style dialog on screen: where its colour entry is, for typing into. */
static void
style_dialog_painted_cb (PmStyleDialog *dialog,
                         GdkFrameClock *clock)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  PmSession *session = pm_style_dialog_get_session (dialog);
  guint tag = pm_style_dialog_get_tag (dialog);
  GtkWidget *entry = find_entry (GTK_WIDGET (dialog), GTK_TYPE_COLOR_CHOOSER_WIDGET);
  g_autofree char *label = NULL;
  PmSeriesStyle style;
  int x, y;

  g_signal_handlers_disconnect_by_func (clock, style_dialog_painted_cb, dialog);

  /* From now on a change of this tag's colour is said as COLOR. */
  pm_session_get_style (session, tag, &style);
  if (PM_IS_WINDOW (parent) && probe_of (PM_WINDOW (parent)) != NULL)
    g_hash_table_insert (probe_of (PM_WINDOW (parent))->colors, GUINT_TO_POINTER (tag),
                         g_memdup2 (&style.color, sizeof style.color));

  label = g_utf8_make_valid (pm_dataset_get_tag_name (pm_session_get_dataset (session), tag), -1);
  if (entry != NULL && window_point (entry, 20, 10, &x, &y))
    say ("STYLE-DIALOG tag=%s entry=%d,%d", label, x, y);
}

static void
dialog_mapped_cb (GtkWindow *dialog)
{
  if (PM_IS_STYLE_DIALOG (dialog))
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (dialog)), "after-paint",
                             G_CALLBACK (style_dialog_painted_cb), dialog, G_CONNECT_SWAPPED);
  else if (g_strcmp0 (gtk_window_get_title (dialog), "Loading Problems") == 0)
    {
      GtkWidget *view = find_column_view (GTK_WIDGET (dialog));

      if (view != NULL)
        say ("PROBLEMS rows=%u",
             g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)))));
    }
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!PM_IS_WINDOW (window))
        g_signal_connect (window, "map", G_CALLBACK (dialog_mapped_cb), NULL);
    }
}

/* Emission hooks: before any handler ------------------------------------ */

static gboolean
action_hook (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               user_data)
{
  GAction *action = g_value_get_object (&values[0]);
  const char *name = g_action_get_name (action);

  if (g_strcmp0 (name, "zoom-back") != 0 && g_strcmp0 (name, "zoom-home") != 0)
    return TRUE;

  /* The window's own actions, not another's of the same name. */
  for (GList *l = gtk_application_get_windows (probe_app); l != NULL; l = l->next)
    if (PM_IS_WINDOW (l->data) &&
        g_action_map_lookup_action (G_ACTION_MAP (l->data), name) == action)
      {
        say (g_str_equal (name, "zoom-back") ? "BACK" : "HOME");
        break;
      }
  return TRUE;
}

static PmSession *
session_of (gpointer widget)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (widget));

  return PM_IS_WINDOW (root) ? pm_window_get_session (PM_WINDOW (root)) : NULL;
}

/* A clicked matrix cell: the pair the chart is about to show. */
static gboolean
activated_hook (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               user_data)
{
  PmHeatmapView *heatmap = g_value_get_object (&values[0]);
  PmCorrFigure *figure = pm_heatmap_view_get_figure (heatmap);
  PmSession *session = session_of (heatmap);
  PmDataset *dataset = session != NULL ? pm_session_get_dataset (session) : NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (figure == NULL || dataset == NULL)
    return TRUE;

  a = word_of (pm_dataset_get_tag_name (dataset,
                                        pm_corr_figure_get_tag (figure,
                                                                g_value_get_uint (&values[1]))));
  b = word_of (pm_dataset_get_tag_name (dataset,
                                        pm_corr_figure_get_tag (figure,
                                                                g_value_get_uint (&values[2]))));
  say ("MATRIX-SHOW a=%s b=%s", a, b);
  return TRUE;
}

/* A clicked bar: TOTAL and that tag are the selection now. */
static gboolean
total_show_hook (GSignalInvocationHint *hint,
                 guint                  n_values,
                 const GValue          *values,
                 gpointer               user_data)
{
  PmSession *session = session_of (g_value_get_object (&values[0]));
  PmDataset *dataset = session != NULL ? pm_session_get_dataset (session) : NULL;
  const guint *shown;
  guint n = 0;

  if (dataset == NULL)
    return TRUE;

  shown = pm_session_get_shown (session, &n);
  for (guint i = 0; i < n; i++)
    if (shown[i] != pm_dataset_get_total_tag (dataset))
      say ("TOTAL-SHOW tag=%s", pm_dataset_get_tag_name (dataset, shown[i]));
  return TRUE;
}

static void
add_hook (GType               type,
          const char         *signal,
          GSignalEmissionHook hook)
{
  /* The class holds the signal: it must exist before the lookup. */
  g_type_class_ref (type);
  g_signal_add_emission_hook (g_signal_lookup (signal, type), 0, hook, NULL, NULL);
}

/**
 * pm_probe_start:
 * @app: the application, before it has windows
 *
 * Watches every window @app will have, when pm_probe_enabled().
 */
void
pm_probe_start (GtkApplication *app)
{
  if (!pm_probe_enabled () || probe_app != NULL)
    return;

  probe_app = app;
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                    G_CALLBACK (toplevels_changed_cb), NULL);

  add_hook (G_TYPE_SIMPLE_ACTION, "activate", action_hook);
  add_hook (PM_TYPE_HEATMAP_VIEW, "activated", activated_hook);
  add_hook (PM_TYPE_TOTAL_CORR_VIEW, "chart-requested", total_show_hook);
}
