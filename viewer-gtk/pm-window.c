/* pm-window.c: a window showing one dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window loads a folder or files off the main thread (PmLoader), shows
 * progress with Cancel, then hands the dataset to its PmSession, which the
 * tag table and the chart follow. Problems the loader found go into a
 * banner whose Details list every file, line and message; whatever loaded
 * is shown. Actions live in pm-window-actions.c.
 */
#include <string.h>

#include "pm-a11y.h"
#include "pm-overflow-box.h"
#include "pm-problems-dialog.h"
#include "pm-style-dialog.h"
#include "pm-window-private.h"
#include "pm-window-views.h"

enum {
  LOAD_FINISHED,
  EXPORT_DIALOG_SHOWN,
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PmWindow, pm_window, GTK_TYPE_APPLICATION_WINDOW)

static const PmRanking spin_rankings[] = {
  PM_RANKING_HIGHEST_PEAK,
  PM_RANKING_HIGHEST_AVERAGE,
  PM_RANKING_BIGGEST_INCREASE_PCT,
  PM_RANKING_BIGGEST_INCREASE_ABS,
};

static GtkSpinButton *
rank_spin (PmWindow *self,
           guint     i)
{
  GtkSpinButton *spins[] = { self->top_peak, self->top_average, self->top_pct, self->top_abs };

  return spins[i];
}

static void
update_titles (PmWindow *self)
{
  PmDataset *dataset = pm_session_get_dataset (self->session);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const gint64 *times;
  guint n;

  if (self->paths == NULL || self->paths[0] == NULL)
    {
      gtk_label_set_text (self->title_label, "PoolmonViz");
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      gtk_window_set_title (GTK_WINDOW (self), "PoolmonViz");
      return;
    }

  if (self->paths[1] == NULL)
    title = g_path_get_basename (self->paths[0]);
  else
    title = g_strdup_printf ("%u files", g_strv_length (self->paths));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->summary_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (dataset == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      return;
    }

  times = pm_session_get_times (self->session, &n);
  if (n > 0)
    {
      first = pm_format_timestamp (times[0]);
      last = pm_format_timestamp (times[n - 1]);
      /* The format's "T" reads poorly in a title. */
      g_strdelimit (first, "T", ' ');
      g_strdelimit (last, "T", ' ');
    }
  subtitle = g_strdup_printf ("%u snapshots · %u tags · %s – %s %s", n,
                              pm_dataset_get_n_tags (dataset),
                              first ? first : "", last ? last : "",
                              pm_session_get_time_base (self->session) == PM_TIME_BASE_UTC
                              ? "UTC" : "local");
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_label_set_text (self->summary_label, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
}

void
_pm_window_show_banner (PmWindow   *self,
                        const char *text,
                        gboolean    with_details)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_widget_set_visible (self->banner_details_button, with_details);
  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);
}

static void
stop_progress (PmWindow *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
}

static gboolean
progress_cb (gpointer user_data)
{
  PmWindow *self = user_data;
  PmLoadProgress progress;
  g_autofree char *text = NULL;
  double fraction;

  if (self->loader == NULL)
    return G_SOURCE_CONTINUE;

  pm_loader_get_progress (self->loader, &progress);
  /* Bytes tell progress best (files differ in size); files when the
   * loader cannot know the bytes. */
  if (progress.n_bytes > 0)
    fraction = (double) progress.bytes_done / progress.n_bytes;
  else if (progress.n_files > 0)
    fraction = (double) progress.files_done / progress.n_files;
  else
    fraction = 0;
  pm_progress_card_set_fraction (self->progress_card, fraction, NULL);
  text = g_strdup_printf ("%u of %u files", progress.files_done, progress.n_files);
  pm_progress_card_set_detail (self->progress_card, text);

  return G_SOURCE_CONTINUE;
}

static void
load_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PmWindow) self = user_data;
  g_autoptr(PmDataset) dataset = NULL;
  g_autoptr(PmRunSet) runs = NULL;
  g_autoptr(GError) error = NULL;
  PmLoader *loader = PM_LOADER (object);

  /* Separate runs are shown side by side, never merged (pm-window-runs.c). */
  runs = pm_loader_load_runs_finish (loader, result, &error);
  if (runs != NULL)
    dataset = g_object_ref (pm_run_set_get_dataset (runs, 0));

  /* A newer load replaced this one: its result is of no interest. */
  if (loader != self->loader)
    return;

  stop_progress (self);
  g_clear_object (&self->loader);
  g_clear_object (&self->cancellable);
  self->load_ms = (g_get_monotonic_time () - self->load_started) / 1000;

  g_signal_emit (self, signals[LOAD_FINISHED], 0, dataset, error);
  if (dataset != NULL && pm_session_get_dataset (self->session) == dataset)
    _pm_window_runs_loaded (self, runs);
}

/* The default handler of PmWindow::load-finished: show what came. */
static void
pm_window_real_load_finished (PmWindow     *self,
                              PmDataset    *dataset,
                              const GError *error)
{
  guint n_problems;

  if (dataset == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_stack_set_visible_child_name (self->main_stack, self->last_page);
          if (strcmp (self->last_page, "empty") == 0)
            {
              g_clear_pointer (&self->paths, g_strfreev);
              update_titles (self);
            }
          return;
        }

      gtk_label_set_text (self->empty_title, "Nothing Could Be Loaded");
      gtk_label_set_text (self->empty_description, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      pm_session_set_dataset (self->session, NULL);
      _pm_window_show_banner (self, NULL, FALSE);
      _pm_window_actions_update (self);
      return;
    }

  pm_session_set_dataset (self->session, dataset);
  _pm_window_leaks_start (self);
  gtk_stack_set_visible_child_name (self->main_stack, "view");
  update_titles (self);

  n_problems = pm_dataset_get_n_problems (dataset);
  if (n_problems > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u %s in the files: the rows concerned were "
                                               "skipped, everything else is shown.",
                                               n_problems,
                                               n_problems == 1 ? "problem" : "problems");
      _pm_window_show_banner (self, text, TRUE);
    }
  else
    _pm_window_show_banner (self, NULL, FALSE);

  if (self->paths != NULL && self->paths[0] != NULL && self->paths[1] == NULL)
    pm_user_state_add_recent (pm_session_get_user_state (self->session), self->paths[0]);

  _pm_window_actions_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->chart_view));
}

/**
 * pm_window_open_paths:
 * @paths: folders or files, read together as one dataset
 *
 * Starts loading @paths in the background, replacing what the window
 * shows once the load succeeds. A load already running is cancelled.
 */
void
pm_window_open_paths (PmWindow           *self,
                      const char * const *paths)
{
  const char *page;

  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loader);
  _pm_window_leaks_cancel (self);

  page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (page, "loading") != 0)
    {
      g_free (self->last_page);
      self->last_page = g_strdup (page);
    }

  g_strfreev (self->paths);
  self->paths = g_strdupv ((char **) paths);
  self->cancellable = g_cancellable_new ();
  self->loader = pm_loader_new ();
  pm_loader_set_use_store (self->loader,
                           !PM_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))) ||
                           pm_application_get_use_store (
                             PM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))));
  self->load_started = g_get_monotonic_time ();
  for (guint i = 0; paths[i] != NULL; i++)
    pm_loader_add_path (self->loader, paths[i]);

  update_titles (self);
  pm_progress_card_set_fraction (self->progress_card, 0, NULL);
  pm_progress_card_set_detail (self->progress_card, "Looking for snapshot files…");
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  _pm_window_show_banner (self, NULL, FALSE);
  stop_progress (self);
  self->progress_source = g_timeout_add (50, progress_cb, self);

  pm_loader_load_runs_async (self->loader, self->cancellable, load_finished_cb,
                             g_object_ref (self));
  _pm_window_actions_update (self);
}

void
pm_window_open_files (PmWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  g_return_if_fail (PM_IS_WINDOW (self));

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);

  if (paths[0] == NULL)
    {
      _pm_window_show_banner (self, "Only local folders and files can be opened.", FALSE);
      return;
    }

  pm_window_open_paths (self, (const char * const *) paths);
}

static gboolean
drop_cb (PmWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *list;
  g_autofree GFile **files = NULL;
  guint n = 0;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = g_new0 (GFile *, g_slist_length (list) + 1);
  for (GSList *l = list; l != NULL; l = l->next)
    files[n++] = l->data;

  pm_window_open_files (self, files, n);
  return n > 0;
}

static void
metric_selected_cb (PmWindow    *self,
                    GParamSpec  *pspec,
                    GtkDropDown *dropdown)
{
  PmDataset *dataset = pm_session_get_dataset (self->session);
  guint metric = gtk_drop_down_get_selected (dropdown);

  if (metric >= PM_N_METRICS || metric == pm_session_get_metric (self->session))
    return;

  if (dataset != NULL && !pm_dataset_has_metric (dataset, metric))
    {
      g_autofree char *text = g_strdup_printf ("These files have no column for %s.",
                                               pm_metric_to_string (metric));

      _pm_window_show_banner (self, text, FALSE);
      gtk_drop_down_set_selected (dropdown, pm_session_get_metric (self->session));
      return;
    }

  pm_session_set_metric (self->session, metric);
}

static void
session_metric_cb (PmWindow  *self,
                   GParamSpec *pspec,
                   PmSession *session)
{
  gtk_drop_down_set_selected (self->metric_dropdown, pm_session_get_metric (session));
}

static void
session_range_cb (PmWindow   *self,
                  GParamSpec *pspec,
                  PmSession  *session)
{
  _pm_window_actions_update (self);
}

static void
session_time_base_cb (PmWindow  *self,
                      GParamSpec *pspec,
                      PmSession *session)
{
  update_titles (self);
  _pm_window_actions_update (self);
}

static void
session_stats_cb (PmWindow  *self,
                  PmSession *session)
{
  /* The spin buttons follow the session, e.g. after a new dataset. */
  for (guint i = 0; i < G_N_ELEMENTS (spin_rankings); i++)
    gtk_spin_button_set_value (rank_spin (self, i),
                               pm_session_get_top_n (session, spin_rankings[i]));
}

static void
rank_spin_cb (PmWindow      *self,
              GtkSpinButton *spin)
{
  for (guint i = 0; i < G_N_ELEMENTS (spin_rankings); i++)
    if (rank_spin (self, i) == spin)
      pm_session_set_top_n (self->session, spin_rankings[i],
                            gtk_spin_button_get_value_as_int (spin));
}

static char **
split_tags (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (text, " ,;", -1);

  /* As on the old command line: several tags separated by spaces (commas
   * also welcome). */
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != 0)
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

static void
tag_lists_changed_cb (PmWindow *self)
{
  g_auto(GStrv) include = split_tags (self->include_entry);
  g_auto(GStrv) exclude = split_tags (self->exclude_entry);
  const char * const *unmatched;
  PmRankResult *rank;

  pm_session_set_include (self->session, (const char * const *) include);
  pm_session_set_exclude (self->session, (const char * const *) exclude);

  rank = pm_session_get_rank_result (self->session);
  unmatched = rank != NULL ? pm_rank_result_get_unmatched (rank) : NULL;
  if (unmatched != NULL && unmatched[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) unmatched);
      g_autofree char *text = g_strdup_printf ("No tag matches %s.", list);

      _pm_window_show_banner (self, text, FALSE);
    }
}

static void
cancel_load_cb (PmWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.cancel-load", NULL);
}

static void
style_requested_cb (PmWindow  *self,
                    guint      tag,
                    GtkWidget *source)
{
  GtkWindow *dialog;

  if (pm_session_get_dataset (self->session) == NULL)
    return;

  dialog = pm_style_dialog_new (GTK_WINDOW (self), self->session, tag);
  gtk_window_present (dialog);
}

static void
pm_window_dispose (GObject *object)
{
  PmWindow *self = PM_WINDOW (object);

  /* Closing the window stops its load; the worker notices and ends. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  _pm_window_leaks_cancel (self);
  _pm_window_follow_dispose (self);
  stop_progress (self);

  /* The header bar is both a bound template child and the window's
   * titlebar: disposing the template unparents and frees it, and
   * GtkWindow's own dispose would then unparent it again (a
   * Gtk-CRITICAL on every close). Taking it from the window first leaves
   * one owner. */
  gtk_window_set_titlebar (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_WINDOW);
  g_clear_object (&self->loader);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pm_window_parent_class)->dispose (object);
}

static void
pm_window_finalize (GObject *object)
{
  PmWindow *self = PM_WINDOW (object);

  g_strfreev (self->paths);
  g_free (self->last_page);

  G_OBJECT_CLASS (pm_window_parent_class)->finalize (object);
}

static void
pm_window_class_init (PmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_window_dispose;
  object_class->finalize = pm_window_finalize;

  g_type_ensure (PM_TYPE_CHART_VIEW);
  g_type_ensure (PM_TYPE_OVERFLOW_BOX);
  g_type_ensure (PM_TYPE_TAG_TABLE_VIEW);
  g_type_ensure (PM_TYPE_PROGRESS_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/poolmonviz/Viewer/pm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, view_controls);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, summary_box);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, summary_title);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, banner_details_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, empty_title);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, empty_description);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, progress_card);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, tag_table);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, rank_expander);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, leak_summary_box);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, leak_summary);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, leak_summary_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, top_peak);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, top_average);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, top_pct);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, top_abs);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, include_entry);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, exclude_entry);
  gtk_widget_class_bind_template_callback (widget_class, style_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_lists_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_load_cb);

  /**
   * PmWindow::load-finished:
   * @dataset: (nullable): what was loaded, or %NULL
   * @error: (nullable): why nothing was, cancelled included
   *
   * A load came to its end; the default handler shows its result.
   */
  signals[LOAD_FINISHED] =
    g_signal_new_class_handler ("load-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (pm_window_real_load_finished), NULL, NULL, NULL,
                                G_TYPE_NONE, 2, PM_TYPE_DATASET, G_TYPE_ERROR);
  /**
   * PmWindow::export-dialog-shown:
   * @page: "chart", "correlation" or "with-total": the page to export
   * @csv: whether its numbers are exported, not a picture
   */
  signals[EXPORT_DIALOG_SHOWN] =
    g_signal_new ("export-dialog-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * PmWindow::exported:
   * @path: the file just written
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pm_window_init (PmWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->last_page = g_strdup ("empty");

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_swapped (self->metric_dropdown, "notify::selected",
                            G_CALLBACK (metric_selected_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (spin_rankings); i++)
    g_signal_connect_swapped (rank_spin (self, i), "value-changed",
                              G_CALLBACK (rank_spin_cb), self);

  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  pm_a11y_fix_mnemonic_names (GTK_WIDGET (self));
  pm_a11y_label_drop_down (self->metric_dropdown, "Metric");
  _pm_window_follow_init (self);
}

/**
 * pm_window_new:
 *
 * Returns: (transfer full): a new empty window of @app
 */
PmWindow *
pm_window_new (PmApplication *app)
{
  /* Joins @app last, complete: whoever follows the application's
   * window-added finds the session and the pages in place. */
  PmWindow *self = g_object_new (PM_TYPE_WINDOW, NULL);

  self->session = pm_session_new (pm_application_get_user_state (app));
  g_signal_connect_object (self->session, "notify::metric", G_CALLBACK (session_metric_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::range", G_CALLBACK (session_range_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::time-base", G_CALLBACK (session_time_base_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "stats-changed", G_CALLBACK (session_stats_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pm_application_get_user_state (app), "recent-changed",
                           G_CALLBACK (_pm_window_update_recent), self, G_CONNECT_SWAPPED);

  pm_chart_view_set_session (self->chart_view, self->session);
  pm_tag_table_view_set_session (self->tag_table, self->session);

  _pm_window_actions_init (self);
  /* Export and the correlation pages (pm-window-export.c, pm-window-views.c);
   * adding a page updates the actions, export among them. */
  _pm_window_export_init (self);
  _pm_window_views_init (self);
  _pm_window_leaks_init (self);
  _pm_window_keys_init (self);
  _pm_window_memory_init (self);
  _pm_window_runs_init (self, GTK_APPLICATION (app));
  _pm_window_highlight_init (self);
  gtk_window_set_application (GTK_WINDOW (self), GTK_APPLICATION (app));
  _pm_window_update_recent (self);
  _pm_window_actions_update (self);

  return self;
}

/**
 * pm_window_get_load_time:
 *
 * Returns: how long the last load took, in milliseconds
 */
gint64
pm_window_get_load_time (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), 0);

  return self->load_ms;
}

void
_pm_window_export_dialog_shown (PmWindow   *self,
                                const char *page,
                                gboolean    csv)
{
  g_signal_emit (self, signals[EXPORT_DIALOG_SHOWN], 0, page, csv);
}

void
_pm_window_exported (PmWindow   *self,
                     const char *path)
{
  g_signal_emit (self, signals[EXPORTED], 0, path);
}

PmSession *
pm_window_get_session (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * pm_window_is_empty:
 *
 * Returns: %TRUE when the window shows no data and loads none
 */
gboolean
pm_window_is_empty (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), FALSE);

  return self->loader == NULL && pm_session_get_dataset (self->session) == NULL;
}

/**
 * pm_window_add_view:
 * @view: a widget showing the window's session another way (e.g. the
 *   correlation matrix)
 * @name: its page name, for pm_window_show_view()
 * @title: its title in the header's view switcher
 *
 * Adds a page beside the chart. The switcher appears once there are two.
 */
void
pm_window_add_view (PmWindow   *self,
                    GtkWidget  *view,
                    const char *name,
                    const char *title)
{
  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (name != NULL && title != NULL);

  gtk_stack_add_titled (self->view_stack, view, name, title);
  pm_a11y_fix_mnemonic_names (view);
  _pm_window_actions_update (self);
}

/**
 * pm_window_show_view:
 * @name: "chart" or the name a view was added with
 */
void
pm_window_show_view (PmWindow   *self,
                     const char *name)
{
  g_return_if_fail (PM_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->view_stack, name);
}
