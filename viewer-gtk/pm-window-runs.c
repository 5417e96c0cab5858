/* pm-window-runs.c: several runs in one window, and range figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's session shows run A; the PmRuns beside it (state/) holds
 * the other runs, which the chart draws in their line styles and the tag
 * table lists in columns of their own (pm-tag-table-runs.c). Here: the
 * bar above the pages while several runs are open (which run the
 * Correlation and Leaks pages show, elapsed or clock time, Add Run…), the
 * leak finder of the other runs, and the range figures card over the
 * chart with its actions (Measure, Measure the Visible Range, Tag Table
 * Follows the Zoom). docs/runs.md.
 */
#include "pm-correlation-view.h"
#include "pm-leaks-view.h"
#include "pm-tag-table-runs.h"
#include "pm-total-corr-view.h"
#include "pm-window-private.h"
#include "pm-window-runs.h"

#define RUNS_KEY "pm-window-runs"

typedef struct
{
  PmWindow      *window;        /* owns this: no reference */
  PmRuns        *runs;          /* the session owns it; a reference */
  PmSession     *session;       /* a reference, till the handlers are gone */
  GCancellable  *cancellable;   /* the other runs' leak finder, Add Run's load */
  GtkWidget     *bar;
  GtkLabel      *bar_label;
  GtkDropDown   *run_switch;
  GtkStringList *run_names;
  GtkDropDown   *align_switch;
  GtkWidget     *card;
  gboolean       syncing;
} WindowRuns;

static void
window_runs_free (WindowRuns *wr)
{
  if (wr->cancellable != NULL)
    g_cancellable_cancel (wr->cancellable);
  g_clear_object (&wr->cancellable);
  g_signal_handlers_disconnect_by_data (wr->runs, wr);
  g_signal_handlers_disconnect_by_data (wr->session, wr);
  g_clear_object (&wr->runs);
  g_clear_object (&wr->session);
  g_free (wr);
}

static WindowRuns *
get_wr (PmWindow *self)
{
  return g_object_get_data (G_OBJECT (self), RUNS_KEY);
}

/* The leak finder, for runs B, C, ...: run A's is pm-window-leaks.c's. */
typedef struct
{
  PmRuns     *runs;
  guint       index;
  PmSession  *session;
  PmTimeBase  base;
} LeakRun;

/* A tag that leaks in another run joins run A's chart, as run A's own
 * leaks do: "grows only in B" is what a comparison is for. A tag run A
 * lacks is shown by name (pm_runs_set_extra_shown()): drawn in the runs
 * that have it. */
static void
show_run_leaks (PmRuns       *runs,
                guint         index,
                PmLeakResult *leaks)
{
  PmSession *primary = pm_runs_get_session (runs, 0);
  PmDataset *dataset = pm_session_get_dataset (pm_runs_get_session (runs, index));

  for (guint tag = 0; tag < pm_leak_result_get_n_tags (leaks); tag++)
    {
      const char *name = pm_dataset_get_tag_name (dataset, tag);
      guint in_a;

      if (pm_leak_result_get_tag (leaks, tag)->verdict != PM_LEAK_VERDICT_LEAK)
        continue;
      if (pm_runs_lookup_tag (runs, 0, name, &in_a))
        pm_session_set_shown (primary, in_a, TRUE);
      else
        pm_runs_set_extra_shown (runs, name, TRUE);
    }
}

static void
leaks_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LeakRun *run = user_data;
  g_autoptr(PmLeakResult) leaks = pm_leak_analyse_finish (result, NULL);

  if (leaks != NULL)
    {
      pm_session_set_leaks (run->session, leaks, run->base);
      /* Still the run it was (no new load since). */
      if (pm_runs_get_session (run->runs, run->index) == run->session)
        show_run_leaks (run->runs, run->index, leaks);
    }
  g_object_unref (run->runs);
  g_object_unref (run->session);
  g_free (run);
}

static void
find_leaks (WindowRuns *wr,
            guint       index)
{
  PmSession *session = pm_runs_get_session (wr->runs, index);
  PmLeakOptions options;
  LeakRun *run;

  if (pm_session_get_dataset (session) == NULL)
    return;
  pm_leak_options_init (&options);
  options.time_base = pm_session_get_time_base (session);
  run = g_new0 (LeakRun, 1);
  run->session = g_object_ref (session);
  run->runs = g_object_ref (wr->runs);
  run->index = index;
  run->base = options.time_base;
  pm_leak_analyse_async (pm_session_get_dataset (session), &options, wr->cancellable,
                         leaks_done_cb, run);
}

static void
restart (WindowRuns *wr)
{
  if (wr->cancellable != NULL)
    g_cancellable_cancel (wr->cancellable);
  g_clear_object (&wr->cancellable);
  wr->cancellable = g_cancellable_new ();
}

/* The pages ------------------------------------------------------------- */

static void
show_run_on_pages (WindowRuns *wr)
{
  GtkStack *stack = wr->window->view_stack;
  PmSession *session = pm_runs_get_session (wr->runs, pm_runs_get_current (wr->runs));
  GtkWidget *page;

  if ((page = gtk_stack_get_child_by_name (stack, "correlation")) != NULL)
    pm_correlation_view_set_session (PM_CORRELATION_VIEW (page), session);
  if ((page = gtk_stack_get_child_by_name (stack, "total")) != NULL)
    pm_total_corr_view_set_session (PM_TOTAL_CORR_VIEW (page), session);
  if ((page = gtk_stack_get_child_by_name (stack, "leaks")) != NULL)
    pm_leaks_view_set_session (PM_LEAKS_VIEW (page), session);
}

/* A page showing another run asked for the chart (a leak or a matrix cell
 * clicked): it set that run's selection; the chart is run A's, so the same
 * tags (by name) are shown there, in every run. */
static void
chart_requested_cb (WindowRuns *wr)
{
  guint current = pm_runs_get_current (wr->runs);
  PmSession *session = pm_runs_get_session (wr->runs, current);
  PmDataset *dataset = pm_session_get_dataset (session);
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  const guint *shown;
  guint n = 0;

  if (current == 0 || dataset == NULL)
    return;

  shown = pm_session_get_shown (session, &n);
  for (guint i = 0; i < n; i++)
    {
      guint tag;

      if (pm_runs_lookup_tag (wr->runs, 0, pm_dataset_get_tag_name (dataset, shown[i]), &tag))
        g_array_append_val (tags, tag);
      else
        g_ptr_array_add (extra, (gpointer) pm_dataset_get_tag_name (dataset, shown[i]));
    }
  g_ptr_array_add (extra, NULL);
  /* Tags run A lacks are shown by name, the others no more. */
  if (tags->len == 0 && extra->len == 1)
    return;
  pm_runs_set_extra_selection (wr->runs, (const char * const *) extra->pdata);
  pm_session_set_selection (wr->window->session, (const guint *) (gpointer) tags->data,
                            tags->len);
}

static void
current_cb (WindowRuns *wr)
{
  show_run_on_pages (wr);
  wr->syncing = TRUE;
  gtk_drop_down_set_selected (wr->run_switch, pm_runs_get_current (wr->runs));
  wr->syncing = FALSE;
}

static void
run_switch_cb (WindowRuns *wr)
{
  guint selected = gtk_drop_down_get_selected (wr->run_switch);

  if (!wr->syncing && selected != GTK_INVALID_LIST_POSITION)
    pm_runs_set_current (wr->runs, selected);
}

static void
align_switch_cb (WindowRuns *wr)
{
  if (!wr->syncing)
    pm_runs_set_align (wr->runs, gtk_drop_down_get_selected (wr->align_switch) == 1
                                 ? PM_RUN_ALIGN_CLOCK : PM_RUN_ALIGN_ELAPSED);
}

/* "control vs test" rather than "2 files": again after the window wrote
 * its own title (a new time base). */
static void
update_title (WindowRuns *wr)
{
  g_autoptr(GString) title = g_string_new (NULL);
  guint n = pm_runs_get_n_runs (wr->runs);

  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    g_string_append_printf (title, "%s%s", i > 0 ? " vs " : "", pm_runs_get_name (wr->runs, i));
  gtk_label_set_text (wr->window->title_label, title->str);
  gtk_label_set_text (wr->window->summary_title, title->str);
  gtk_window_set_title (GTK_WINDOW (wr->window), title->str);
}

/* The bar: what is open, in which line styles. */
static void
runs_changed_cb (WindowRuns *wr)
{
  guint n = pm_runs_get_n_runs (wr->runs);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  for (guint i = 0; i < n && n > 1; i++)
    {
      const char *name = pm_runs_get_name (wr->runs, i);
      g_autofree char *item = g_strdup_printf ("%s: %s", pm_runs_get_letter (i), name);

      g_string_append_printf (text, "%s%s %s (%s)", i > 0 ? " · " : "",
                              pm_runs_get_letter (i), name,
                              pm_line_style_to_string (pm_runs_get_line_style (i)));
      g_strv_builder_add (names, item);
    }
  items = g_strv_builder_end (names);

  wr->syncing = TRUE;
  gtk_string_list_splice (wr->run_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (wr->run_names)),
                          (const char * const *) items);
  gtk_drop_down_set_selected (wr->run_switch, pm_runs_get_current (wr->runs));
  gtk_drop_down_set_selected (wr->align_switch,
                              pm_runs_get_align (wr->runs) == PM_RUN_ALIGN_CLOCK ? 1 : 0);
  wr->syncing = FALSE;

  update_title (wr);
  gtk_label_set_text (wr->bar_label, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (wr->bar_label), text->str);
  gtk_widget_set_visible (wr->bar, n > 1);
  show_run_on_pages (wr);
}

/* The range figures ----------------------------------------------------- */

/* In the plot's top right corner, under the legend however many rows
 * it has. */
static void
place_card (WindowRuns *wr)
{
  GtkWidget *chart = GTK_WIDGET (wr->window->chart_view);
  PmRect plot;

  if (!pm_chart_view_get_plot_area (wr->window->chart_view, &plot))
    return;
  gtk_widget_set_margin_top (wr->card, MAX (0, (int) plot.y - 4));
  gtk_widget_set_margin_end (wr->card,
                             MAX (0, gtk_widget_get_width (chart) - (int) (plot.x + plot.width)
                                     - 4));
}

static void
measure_changed_cb (WindowRuns *wr)
{
  PmSession *session = wr->window->session;
  const PmChartModel *model = pm_chart_view_get_model (wr->window->chart_view);
  double t0, t1;

  gtk_widget_queue_draw (GTK_WIDGET (wr->window->chart_view));
  if (session == NULL || !pm_runs_get_measure (wr->runs, &t0, &t1) ||
      pm_session_get_dataset (session) == NULL)
    {
      pm_measure_card_set_figures (PM_MEASURE_CARD (wr->card), NULL, FALSE, 0);
      return;
    }

  pm_measure_card_set_figures (PM_MEASURE_CARD (wr->card), pm_range_figures_new (session, t0, t1),
                               model->x_elapsed, model->x_origin);
  place_card (wr);
}

/* Figures follow what the chart shows. */
static void
shown_changed_cb (WindowRuns *wr)
{
  if (pm_runs_get_measure (wr->runs, NULL, NULL))
    measure_changed_cb (wr);
}

/* Actions --------------------------------------------------------------- */

static void
sync_states (WindowRuns *wr)
{
  GActionMap *map = G_ACTION_MAP (wr->window);

  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "measure")),
                             g_variant_new_boolean (pm_runs_get_measure_mode (wr->runs)));
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "follow-range")),
                             g_variant_new_boolean (pm_runs_get_follow_range (wr->runs)));
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "run-align")),
                             g_variant_new_string (pm_run_align_to_string (pm_runs_get_align (wr->runs))));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "add-run")),
                               pm_session_get_dataset (wr->window->session) != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "clear-measure")),
                               pm_runs_get_measure (wr->runs, NULL, NULL));
}

static void
measure_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  WindowRuns *wr = get_wr (user_data);

  pm_runs_set_measure_mode (wr->runs, !pm_runs_get_measure_mode (wr->runs));
}

static void
follow_range_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  WindowRuns *wr = get_wr (user_data);

  pm_runs_set_follow_range (wr->runs, !pm_runs_get_follow_range (wr->runs));
}

static void
run_align_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  WindowRuns *wr = get_wr (user_data);
  PmRunAlign align;

  if (pm_run_align_from_string (g_variant_get_string (param, NULL), &align))
    pm_runs_set_align (wr->runs, align);
}

/* The visible range, from the keyboard. */
static void
measure_view_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  PmWindow *self = user_data;
  const PmChartRange *range = pm_session_get_range (self->session);

  if (pm_session_get_dataset (self->session) != NULL)
    pm_runs_set_measure (get_wr (self)->runs, range->t0, range->t1);
}

static void
clear_measure_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  PmWindow *self = user_data;

  pm_runs_clear_measure (get_wr (self)->runs);
  gtk_widget_grab_focus (GTK_WIDGET (self->chart_view));
}

/* Add Run…: one more run, loaded on its own and never merged. */
typedef struct
{
  PmWindow *window;
  char    **paths;
} AddRun;

static void
add_run_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AddRun *add = user_data;
  g_autoptr(PmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  WindowRuns *wr;

  dataset = pm_loader_load_finish (PM_LOADER (object), result, &error);
  wr = add->window->session != NULL ? get_wr (add->window) : NULL;
  if (wr != NULL && dataset == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf ("The run could not be added: %s", error->message);

      _pm_window_show_banner (add->window, text, FALSE);
    }
  else if (wr != NULL && dataset != NULL && pm_session_get_dataset (add->window->session) != NULL)
    {
      guint run = pm_runs_add (wr->runs, NULL, dataset, (const char * const *) add->paths);

      find_leaks (wr, run);
      _pm_window_actions_update (add->window);
    }

  g_object_unref (add->window);
  g_strfreev (add->paths);
  g_free (add);
}

/**
 * pm_window_add_run_paths:
 * @paths: a folder or files that make one run
 *
 * Loads @paths on their own and shows them as one more run beside what
 * the window shows (nothing is merged).
 */
void
pm_window_add_run_paths (PmWindow           *self,
                         const char * const *paths)
{
  WindowRuns *wr = get_wr (self);
  g_autoptr(PmLoader) loader = NULL;
  AddRun *add;

  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  if (pm_session_get_dataset (self->session) == NULL)
    {
      pm_window_open_paths (self, paths);
      return;
    }
  if (wr->cancellable == NULL)
    wr->cancellable = g_cancellable_new ();

  loader = pm_loader_new ();
  for (guint i = 0; paths[i] != NULL; i++)
    pm_loader_add_path (loader, paths[i]);
  add = g_new0 (AddRun, 1);
  add->window = g_object_ref (self);
  add->paths = g_strdupv ((char **) paths);
  pm_loader_load_async (loader, wr->cancellable, add_run_loaded_cb, add);
}

static void
add_run_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     PmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      /* Each folder chosen is a run of its own. */
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);
          const char *paths[] = { path, NULL };

          if (path != NULL)
            pm_window_add_run_paths (self, paths);
        }
    }

  g_object_unref (dialog);
}

static void
add_run_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  _pm_window_choose_folders (user_data, "Add a Run", "_Add", G_CALLBACK (add_run_response_cb));
}

/* Building -------------------------------------------------------------- */

static GtkWidget *
labelled (GtkWidget  *box,
          const char *mnemonic,
          GtkWidget  *widget,
          const char *name)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  return widget;
}

/* Above the pages, shown while several runs are open. */
static void
build_bar (WindowRuns *wr)
{
  PmWindow *self = wr->window;
  GtkWidget *end = gtk_paned_get_end_child (self->paned);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_with_mnemonic ("_Add Run…");
  const char * const aligns[] = { "Elapsed time", "Clock time", NULL };

  wr->bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_object_set (wr->bar, "margin-start", 12, "margin-end", 12, "margin-top", 4,
                "margin-bottom", 2, NULL);
  gtk_widget_add_css_class (wr->bar, "runs-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (wr->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Runs", -1);

  wr->bar_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (wr->bar_label, 0);
  gtk_label_set_ellipsize (wr->bar_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (wr->bar_label), TRUE);
  gtk_box_append (GTK_BOX (wr->bar), GTK_WIDGET (wr->bar_label));

  wr->run_names = gtk_string_list_new (NULL);
  wr->run_switch = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (wr->run_names), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (wr->run_switch),
                               "The run the Correlation, With TOTAL and Leaks pages show");
  labelled (wr->bar, "_Pages show", GTK_WIDGET (wr->run_switch), "Run shown on the pages");

  wr->align_switch = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (aligns));
  gtk_widget_set_tooltip_text (GTK_WIDGET (wr->align_switch),
                               "Lay the runs over each other from their starts, or on the clock");
  labelled (wr->bar, "_Time axis", GTK_WIDGET (wr->align_switch), "Time axis of the runs");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.add-run");
  gtk_widget_set_tooltip_text (button, "Show one more run beside these (Ctrl+Shift+O)");
  gtk_box_append (GTK_BOX (wr->bar), button);
  gtk_widget_set_visible (wr->bar, FALSE);

  /* The pages' column: the bar, then the pages. */
  g_object_ref (end);
  gtk_paned_set_end_child (self->paned, column);
  gtk_box_append (GTK_BOX (column), wr->bar);
  gtk_box_append (GTK_BOX (column), end);
  gtk_widget_set_vexpand (end, TRUE);
  g_object_unref (end);

  g_signal_connect_swapped (wr->run_switch, "notify::selected", G_CALLBACK (run_switch_cb), wr);
  g_signal_connect_swapped (wr->align_switch, "notify::selected", G_CALLBACK (align_switch_cb), wr);
}

/* The card over the chart's top right corner. */
static void
build_card (WindowRuns *wr)
{
  GtkWidget *chart = GTK_WIDGET (wr->window->chart_view);
  GtkWidget *page = gtk_widget_get_parent (chart);
  GtkWidget *overlay = gtk_overlay_new ();

  g_object_ref (chart);
  gtk_box_remove (GTK_BOX (page), chart);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), chart);
  g_object_unref (chart);
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (page), overlay);

  wr->card = pm_measure_card_new ();
  gtk_widget_set_visible (wr->card, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), wr->card);
}

static void
notify_cb (WindowRuns *wr)
{
  sync_states (wr);
}

void
_pm_window_runs_init (PmWindow       *self,
                      GtkApplication *app)
{
  static const GActionEntry actions[] = {
    { "add-run", add_run_action },
    { "measure", measure_action, NULL, "false" },
    { "measure-view", measure_view_action },
    { "clear-measure", clear_measure_action },
    { "follow-range", follow_range_action, NULL, "false" },
    { "run-align", run_align_action, "s", "'elapsed'" },
  };
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "win.add-run", { "<Control><Shift>o", NULL } },
    { "win.measure", { "<Control>m", NULL } },
    { "win.measure-view", { "<Control><Shift>m", NULL } },
    { "win.follow-range", { "<Control><Shift>r", NULL } },
  };
  static const char * const pages[] = { "correlation", "total", "leaks" };
  WindowRuns *wr = g_new0 (WindowRuns, 1);

  wr->window = self;
  wr->runs = g_object_ref (pm_runs_new (self->session));
  wr->session = g_object_ref (self->session);
  g_object_set_data_full (G_OBJECT (self), RUNS_KEY, wr, (GDestroyNotify) window_runs_free);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  for (guint i = 0; app != NULL && i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  build_bar (wr);
  build_card (wr);
  pm_tag_table_view_set_runs (self->tag_table, wr->runs);

  g_signal_connect_swapped (wr->runs, "changed", G_CALLBACK (runs_changed_cb), wr);
  g_signal_connect_swapped (wr->runs, "changed", G_CALLBACK (notify_cb), wr);
  g_signal_connect_swapped (wr->runs, "notify::current", G_CALLBACK (current_cb), wr);
  g_signal_connect_swapped (wr->runs, "measure-changed", G_CALLBACK (measure_changed_cb), wr);
  g_signal_connect_swapped (wr->runs, "measure-changed", G_CALLBACK (notify_cb), wr);
  g_signal_connect_swapped (wr->runs, "notify", G_CALLBACK (notify_cb), wr);
  g_signal_connect_swapped (self->session, "selection-changed", G_CALLBACK (shown_changed_cb), wr);
  g_signal_connect_swapped (self->session, "style-changed", G_CALLBACK (shown_changed_cb), wr);
  g_signal_connect_swapped (self->session, "notify::metric", G_CALLBACK (shown_changed_cb), wr);
  g_signal_connect_swapped (self->session, "notify::dataset", G_CALLBACK (notify_cb), wr);
  g_signal_connect_swapped (self->session, "notify::time-base", G_CALLBACK (update_title), wr);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->view_stack, pages[i]);

      if (page != NULL)
        g_signal_connect_swapped (page, "chart-requested", G_CALLBACK (chart_requested_cb), wr);
    }
  sync_states (wr);
}

/* After a load: every run of the set beside run A, which the window's
 * session already shows. */
void
_pm_window_runs_loaded (PmWindow *self,
                        PmRunSet *set)
{
  WindowRuns *wr = get_wr (self);
  guint n = set != NULL ? pm_run_set_get_n_runs (set) : 1;

  restart (wr);
  pm_runs_set_run_set (wr->runs, set);
  for (guint i = 1; i < n; i++)
    find_leaks (wr, i);

  if (n > 1)
    {
      g_autofree char *reason = NULL;
      g_autofree char *text = NULL;
      const char *why = pm_run_set_get_reason (set, 1);

      reason = why != NULL ? g_strdup_printf (": %s.", why) : g_strdup (".");
      text = g_strdup_printf ("%u separate runs, shown side by side (solid A, dashed B), "
                              "never merged%s", n, reason);
      _pm_window_show_banner (self, text,
                              pm_dataset_get_n_problems (pm_run_set_get_dataset (set, 0)) > 0);
    }
  sync_states (wr);
}

PmRuns *
pm_window_get_runs (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return get_wr (self)->runs;
}

PmMeasureCard *
pm_window_get_measure_card (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return PM_MEASURE_CARD (get_wr (self)->card);
}

GtkDropDown *
pm_window_get_run_switch (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return get_wr (self)->run_switch;
}
