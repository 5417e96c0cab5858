/* pm-window-export.c: the window's Export commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.export (Ctrl+S) saves the page in front, as the window shows it, to
 * PNG, SVG or PDF: the chart, the correlation heat map (its zoomed window)
 * or the bars of the tags that move with TOTAL. The save dialog offers the
 * size (the page's on screen or a fixed one), the theme (light by
 * default) and, for the chart, a title line (what was loaded, metric,
 * times); a name without an extension takes the chosen filter's format.
 * The same renderers draw the window and the file (pm-export.h). win.export-csv (Ctrl+Shift+S)
 * saves numbers instead: the matrix from the correlation page, the leak
 * finder's table from the Leaks page, the tag table from the others.
 */
#include <string.h>

#include "pm-a11y.h"
#include "pm-export.h"
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
 * renderer and model, in @theme; the chart with its title line if
 * @title. */
static gboolean
export_picture (PmWindow            *self,
                Page                 page,
                const char          *path,
                int                  width,
                int                  height,
                const PmChartTheme  *theme,
                gboolean             title,
                GError             **error)
{
  GtkWidget *widget = page_widget (self, page);
  g_autoptr(PmChartFigure) figure = NULL;
  PmHeatmapView *heatmap;
  const PmBarsModel *bars;
  PmLeaksFigure *leaks;

  switch (page)
    {
    case PAGE_LEAKS:
      leaks = pm_leaks_view_get_figure (PM_LEAKS_VIEW (widget));
      if (leaks == NULL)
        break;
      return pm_export_leaks (path, width, height, theme, pm_leaks_figure_get_model (leaks), error);

    case PAGE_MATRIX:
      heatmap = pm_correlation_view_get_heatmap (PM_CORRELATION_VIEW (widget));
      if (pm_heatmap_view_get_figure (heatmap) == NULL)
        break;
      return pm_export_heatmap (path, width, height, theme,
                                pm_corr_figure_get_model (pm_heatmap_view_get_figure (heatmap)),
                                pm_heatmap_view_get_window (heatmap), error);

    case PAGE_TOTAL:
      bars = pm_total_corr_view_get_model (PM_TOTAL_CORR_VIEW (widget));
      if (bars == NULL)
        break;
      return pm_export_bars (path, width, height, theme, bars, error);

    case PAGE_CHART:
    default:
      /* The window's figure has no title line: the file's own. */
      figure = pm_chart_figure_new (self->session);
      if (title)
        {
          g_autofree char *line = pm_chart_figure_describe (self->session,
                                                            (const char * const *) self->paths);

          pm_chart_figure_set_title (figure, line);
        }
      return pm_export_chart (path, width, height, theme, pm_chart_figure_get_model (figure),
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

/* What the save dialog offers beside the name (GtkFileChooser choices,
 * which a portal's dialog shows too), kept in view.ini for next time. */
static const char *size_ids[] = { "window", "1280x720", "1600x900", "1920x1080", "2560x1440",
                                  NULL };
static const char *size_labels[] = { "As in the window", "1280 × 720", "1600 × 900",
                                     "1920 × 1080", "2560 × 1440", NULL };
static const char *theme_ids[] = { "light", "dark", NULL };
static const char *theme_labels[] = { "Light", "Dark", NULL };
static const char *format_names[] = { "PNG image", "SVG image", "PDF document" };
static const char *format_ids[] = { "png", "svg", "pdf" };

typedef struct
{
  int                 width;   /* 0: the page's size on screen */
  int                 height;
  const PmChartTheme *theme;
  gboolean            title;
} ExportChoices;

static PmExportFormat
chosen_format (GtkFileChooser *chooser)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  const char *name = filter != NULL ? gtk_file_filter_get_name (filter) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      return (PmExportFormat) i;
  return PM_EXPORT_FORMAT_PNG;
}

static void
read_choices (PmWindow       *self,
              GtkFileChooser *chooser,
              Page            page,
              ExportChoices  *choices)
{
  PmUserState *state = pm_session_get_user_state (self->session);
  const char *size = gtk_file_chooser_get_choice (chooser, "size");
  const char *theme = gtk_file_chooser_get_choice (chooser, "theme");
  /* Only the chart's dialog has it (add_choices()). */
  const char *title = page == PAGE_CHART ? gtk_file_chooser_get_choice (chooser, "title") : NULL;

  choices->width = choices->height = 0;
  if (!pm_export_parse_size (size, &choices->width, &choices->height))
    choices->width = choices->height = 0;
  if (!pm_export_parse_theme (theme, &choices->theme))
    choices->theme = pm_chart_theme_get_light ();
  choices->title = g_strcmp0 (title, "false") != 0;

  if (state == NULL)
    return;
  pm_user_state_set_view_string (state, "ExportSize", size != NULL ? size : "window");
  pm_user_state_set_view_string (state, "ExportTheme", choices->theme->dark ? "dark" : "light");
  if (title != NULL)
    pm_user_state_set_view_int (state, "ExportTitle", choices->title);
  pm_user_state_set_view_string (state, "ExportFormat", format_ids[chosen_format (chooser)]);
}

/* @ids and @labels with @first (if one of them) moved to the front. */
static void
add_choice_first (GtkFileChooser  *chooser,
                  const char      *id,
                  const char      *label,
                  const char     **ids,
                  const char     **labels,
                  const char      *first)
{
  g_autoptr(GPtrArray) sorted_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) sorted_labels = g_ptr_array_new ();

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; ids[i] != NULL; i++)
      if ((g_strcmp0 (ids[i], first) == 0) == (pass == 0))
        {
          g_ptr_array_add (sorted_ids, (gpointer) ids[i]);
          g_ptr_array_add (sorted_labels, (gpointer) labels[i]);
        }
  g_ptr_array_add (sorted_ids, NULL);
  g_ptr_array_add (sorted_labels, NULL);
  gtk_file_chooser_add_choice (chooser, id, label, (const char **) sorted_ids->pdata,
                               (const char **) sorted_labels->pdata);
}

/* The choices of a picture's dialog, as the user left them last time.
 * GTK 4.8's own dialog ignores gtk_file_chooser_set_choice() for a list
 * of options (it always starts on the first), so what was chosen last
 * is listed first. */
static void
add_choices (PmWindow       *self,
             GtkFileChooser *chooser,
             Page            page)
{
  PmUserState *state = pm_session_get_user_state (self->session);
  g_autofree char *size = state != NULL ? pm_user_state_get_view_string (state, "ExportSize") : NULL;
  g_autofree char *theme = state != NULL ? pm_user_state_get_view_string (state, "ExportTheme") : NULL;
  gboolean title = state == NULL || pm_user_state_get_view_int (state, "ExportTitle", TRUE);

  add_choice_first (chooser, "size", "Size", size_ids, size_labels, size);
  add_choice_first (chooser, "theme", "Theme", theme_ids, theme_labels, theme);
  /* The other pages draw their own titles. */
  if (page == PAGE_CHART)
    {
      gtk_file_chooser_add_choice (chooser, "title", "Title line", NULL, NULL);
      gtk_file_chooser_set_choice (chooser, "title", title ? "true" : "false");
    }
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

  /* A picture's name takes the chosen format's extension when it has
   * none, before the check below. */
  if (!csv)
    {
      char *named = pm_export_path_with_format (path, chosen_format (GTK_FILE_CHOOSER (dialog)));

      g_free (path);
      path = named;
    }

  /* By default the file gets the size the page has on screen, so text
   * keeps its proportions; a tiny window still makes a readable picture.
   * Never over a file the data was loaded from. */
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
    {
      ExportChoices choices;

      read_choices (self, GTK_FILE_CHOOSER (dialog), page, &choices);
      if (choices.width <= 0)
        {
          choices.width = MAX (gtk_widget_get_width (widget), 640);
          choices.height = MAX (gtk_widget_get_height (widget), 400);
        }
      ok = export_picture (self, page, path, choices.width, choices.height, choices.theme,
                           choices.title, &error);
    }

  if (ok)
    _pm_window_exported (self, path);
  else
    {
      g_autofree char *text = g_strdup_printf ("Could not export: %s", error->message);

      _pm_window_show_banner (self, text, FALSE);
    }

  g_object_unref (dialog);
}

/* GTK 4.8 leaves the drop-downs of a dialog's choices nameless for a
 * screen reader ("GtkToggleButton"): each takes its label's text. */
static void
name_choice_drop_downs (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *before = gtk_widget_get_prev_sibling (child);

      if (GTK_IS_DROP_DOWN (child) && before != NULL && GTK_IS_LABEL (before))
        pm_a11y_label_drop_down (GTK_DROP_DOWN (child), gtk_label_get_text (GTK_LABEL (before)));
      else
        name_choice_drop_downs (child);
    }
}

/* The save dialog GTK made for @self (no portal here), if any. */
static void
name_dialog_choices (PmWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        name_choice_drop_downs (GTK_WIDGET (window));
    }
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
      PmUserState *state = pm_session_get_user_state (self->session);
      g_autofree char *format = state != NULL ? pm_user_state_get_view_string (state,
                                                                               "ExportFormat")
                                              : NULL;
      static const char *patterns[] = { "*.png", "*.svg", "*.pdf" };

      /* The name's extension picks the format; a name without one takes
       * the filter's (the one chosen last time is selected). */
      for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
        {
          add_filter (GTK_FILE_CHOOSER (dialog), format_names[i], patterns[i]);
          if (g_strcmp0 (format, format_ids[i]) == 0)
            {
              g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));
              g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

              gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
              g_free (name);
              name = g_strdup_printf ("%s-%s%s", metric, suffixes[page],
                                      pm_export_format_get_extension ((PmExportFormat) i));
            }
        }
      add_choices (self, GTK_FILE_CHOOSER (dialog), page);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "pm-page", GUINT_TO_POINTER (page));
  g_object_set_data (G_OBJECT (dialog), "pm-csv", GINT_TO_POINTER (csv));
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  if (!csv)
    name_dialog_choices (self);
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
