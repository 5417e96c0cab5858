/* pm-window-export.c: the window's Export commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.export (Ctrl+S) saves the page in front, as the window shows it, to
 * PNG, SVG or PDF: the chart, the correlation heat map (its zoomed window)
 * or the bars of the tags that move with TOTAL. The same renderers draw
 * the window and the file (pm-export.h). win.export-csv (Ctrl+Shift+S)
 * saves numbers instead: the matrix from the correlation page, the leak
 * finder's table from the Leaks page, the tag table from the others.
 */
#include "pm-figures.h"
#include "pm-leaks-view.h"
#include "pm-total-corr-view.h"
#include "pm-window-private.h"
#include "pm-window-views.h"

typedef enum
{
  PAGE_CHART,
  PAGE_MATRIX,
  PAGE_TOTAL,
  PAGE_LEAKS,
} Page;

static Page
visible_page (PmWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "correlation") == 0)
    return PAGE_MATRIX;
  if (g_strcmp0 (name, "total") == 0)
    return PAGE_TOTAL;
  if (g_strcmp0 (name, "leaks") == 0)
    return PAGE_LEAKS;
  return PAGE_CHART;
}

static GtkWidget *
page_widget (PmWindow *self,
             Page      page)
{
  static const char *names[] = { "chart", "correlation", "total", "leaks" };

  return gtk_stack_get_child_by_name (self->view_stack, names[page]);
}

/* The picture of @page at @width x @height into @path, by the page's own
 * renderer, model and theme. */
static gboolean
export_picture (PmWindow    *self,
                Page         page,
                const char  *path,
                int          width,
                int          height,
                GError     **error)
{
  GtkWidget *widget = page_widget (self, page);
  PmHeatmapView *heatmap;
  const PmBarsModel *bars;
  PmLeaksFigure *leaks;

  switch (page)
    {
    case PAGE_LEAKS:
      leaks = pm_leaks_view_get_figure (PM_LEAKS_VIEW (widget));
      if (leaks == NULL)
        break;
      return pm_export_leaks (path, width, height, pm_leaks_view_get_theme (PM_LEAKS_VIEW (widget)),
                              pm_leaks_figure_get_model (leaks), error);

    case PAGE_MATRIX:
      heatmap = pm_correlation_view_get_heatmap (PM_CORRELATION_VIEW (widget));
      if (pm_heatmap_view_get_figure (heatmap) == NULL)
        break;
      return pm_export_heatmap (path, width, height, pm_heatmap_view_get_theme (heatmap),
                                pm_corr_figure_get_model (pm_heatmap_view_get_figure (heatmap)),
                                pm_heatmap_view_get_window (heatmap), error);

    case PAGE_TOTAL:
      bars = pm_total_corr_view_get_model (PM_TOTAL_CORR_VIEW (widget));
      if (bars == NULL)
        break;
      return pm_export_bars (path, width, height,
                             pm_total_corr_view_get_theme (PM_TOTAL_CORR_VIEW (widget)),
                             bars, error);

    case PAGE_CHART:
    default:
      return pm_export_chart (path, width, height, pm_chart_view_get_theme (self->chart_view),
                              pm_chart_view_get_model (self->chart_view),
                              pm_session_get_range (self->session), error);
    }

  g_set_error (error, PM_ERROR, PM_ERROR_NO_DATA, "There is nothing on this page yet");
  return FALSE;
}

static gboolean
export_csv (PmWindow    *self,
            Page         page,
            const char  *path,
            GError     **error)
{
  PmHeatmapView *heatmap;

  if (page == PAGE_LEAKS)
    return pm_leaks_write_csv (self->session, path, error);
  if (page != PAGE_MATRIX)
    return pm_figures_write_tag_table_csv (self->session, path, error);

  heatmap = pm_correlation_view_get_heatmap (PM_CORRELATION_VIEW (page_widget (self, page)));
  if (pm_heatmap_view_get_figure (heatmap) == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_NO_DATA, "There is no matrix yet");
      return FALSE;
    }

  return pm_corr_figure_write_csv (pm_heatmap_view_get_figure (heatmap), path, error);
}

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             PmWindow        *self)
{
  Page page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "pm-page"));
  gboolean csv = g_object_get_data (G_OBJECT (dialog), "pm-csv") != NULL;
  /* The chart's page also holds the line above the chart: the picture
   * takes the chart's own size. */
  GtkWidget *widget = page == PAGE_CHART ? GTK_WIDGET (self->chart_view) : page_widget (self, page);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (response != GTK_RESPONSE_ACCEPT ||
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) == NULL ||
      (path = g_file_get_path (file)) == NULL)
    {
      g_object_unref (dialog);
      return;
    }

  /* The file gets the size the page has on screen, so text keeps its
   * proportions; a tiny window still makes a readable picture. Never over
   * a file the data was loaded from. */
  if (pm_session_get_dataset (self->session) != NULL &&
      pm_dataset_is_input_file (pm_session_get_dataset (self->session), path))
    {
      g_set_error (&error, PM_ERROR, PM_ERROR_INVALID,
                   "%s is one of the files loaded; choose another name", path);
      ok = FALSE;
    }
  else if (csv)
    ok = export_csv (self, page, path, &error);
  else
    ok = export_picture (self, page, path, MAX (gtk_widget_get_width (widget), 640),
                         MAX (gtk_widget_get_height (widget), 400), &error);

  if (ok)
    _pm_window_exported (self, path);
  else
    {
      g_autofree char *text = g_strdup_printf ("Could not export: %s", error->message);

      _pm_window_show_banner (self, text, FALSE);
    }

  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
run_dialog (PmWindow *self,
            gboolean  csv)
{
  static const char *titles[] = { "Export Chart", "Export Correlation Matrix",
                                  "Export Tags Correlated with TOTAL", "Export Leaks" };
  static const char *suffixes[] = { "chart", "correlation", "with-total", "leaks" };
  Page page = visible_page (self);
  const char *metric = pm_metric_to_string (pm_session_get_metric (self->session));
  GtkFileChooserNative *dialog;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (csv)
    {
      title = g_strdup (page == PAGE_MATRIX ? "Export Correlation Matrix as CSV"
                        : page == PAGE_LEAKS ? "Export Leak Table as CSV"
                        : "Export Tag Table as CSV");
      name = g_strdup_printf ("%s-%s.csv", metric, page == PAGE_MATRIX ? "correlation"
                                                  : page == PAGE_LEAKS ? "leaks" : "tags");
    }
  else
    {
      title = g_strdup (titles[page]);
      name = g_strdup_printf ("%s-%s.png", metric, suffixes[page]);
    }

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        "_Export", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (csv)
    add_filter (GTK_FILE_CHOOSER (dialog), "CSV file", "*.csv");
  else
    {
      /* The format follows the name's extension; the filters only help
       * to find files. */
      add_filter (GTK_FILE_CHOOSER (dialog), "PNG image", "*.png");
      add_filter (GTK_FILE_CHOOSER (dialog), "SVG image", "*.svg");
      add_filter (GTK_FILE_CHOOSER (dialog), "PDF document", "*.pdf");
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "pm-page", GUINT_TO_POINTER (page));
  g_object_set_data (G_OBJECT (dialog), "pm-csv", GINT_TO_POINTER (csv));
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  _pm_window_export_dialog_shown (self, suffixes[page], csv);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  run_dialog (PM_WINDOW (user_data), FALSE);
}

static void
export_csv_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  run_dialog (PM_WINDOW (user_data), TRUE);
}

static void
dataset_cb (PmWindow *self)
{
  gboolean have_data = pm_session_get_dataset (self->session) != NULL;

  for (guint i = 0; i < 2; i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self),
                                                    i == 0 ? "export" : "export-csv");

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), have_data);
    }
}

void
_pm_window_export_init (PmWindow *self)
{
  static const GActionEntry actions[] = {
    { "export", export_action },
    { "export-csv", export_csv_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_signal_connect_object (self->session, "notify::dataset", G_CALLBACK (dataset_cb),
                           self, G_CONNECT_SWAPPED);
  dataset_cb (self);
}
