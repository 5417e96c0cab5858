/* pm-window-leaks.c: the leak finder's run, the summary above the chart
 * and the Leaks page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After each load the window runs the leak finder in a worker thread
 * (pm_leak_analyse_async()); a new load or closing the window cancels it.
 * Its answer goes into the session, which every view follows: the line
 * above the chart ("1 leak: QdrC, +14 KiB/h since 10:00, both boots"), the
 * tag table's Leak column, the chart's trend lines and the Leaks page.
 */
#include "pm-leaks-view.h"
#include "pm-window-private.h"

static PmLeaksView *
get_leaks_view (PmWindow *self)
{
  return PM_LEAKS_VIEW (gtk_stack_get_child_by_name (self->view_stack, "leaks"));
}

/* The Show Leaks button keeps its room while it has nothing to show, so
 * the chart under it does not move when the answer comes. */
static void
show_button (PmWindow *self,
             gboolean  shown)
{
  gtk_widget_set_opacity (self->leak_summary_button, shown ? 1 : 0);
  gtk_widget_set_sensitive (self->leak_summary_button, shown);
  gtk_widget_set_can_target (self->leak_summary_button, shown);
}

/* What a run needs back: the result does not say its time base. */
typedef struct
{
  PmWindow   *window;
  PmTimeBase  time_base;
} Run;

static void
run_free (Run *run)
{
  g_object_unref (run->window);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
analysed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  PmWindow *self = run->window;
  PmTimeBase base = run->time_base;
  g_autoptr(PmLeakResult) leaks = NULL;
  g_autoptr(GError) error = NULL;

  leaks = pm_leak_analyse_finish (result, &error);
  /* Cancelled: a new load, or the window closed (and let go of its
   * session and widgets). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    return;

  g_clear_object (&self->leak_cancellable);
  if (leaks == NULL)
    {
      g_autofree char *text = g_strdup_printf ("The leak finder failed: %s", error->message);

      gtk_label_set_text (self->leak_summary, text);
      _pm_window_follow_leaks_done (self);
      return;
    }

  /* The session ignores an answer about a dataset it no longer shows. */
  pm_session_set_leaks (self->session, leaks, base);
  /* While following, what the run took spaces the next one. */
  _pm_window_follow_leaks_done (self);
}

/**
 * _pm_window_leaks_start:
 *
 * Runs the leak finder on the session's dataset, in the session's time
 * base, cancelling a run still going.
 */
void
_pm_window_leaks_start (PmWindow *self)
{
  PmDataset *dataset = pm_session_get_dataset (self->session);
  PmLeakOptions options;
  Run *run;

  _pm_window_leaks_cancel (self);
  if (dataset == NULL)
    return;

  pm_leak_options_init (&options);
  options.time_base = pm_session_get_time_base (self->session);
  self->leak_cancellable = g_cancellable_new ();
  self->leak_started = g_get_monotonic_time ();

  gtk_label_set_text (self->leak_summary, "Looking for leaks…");
  gtk_widget_set_visible (self->leak_summary_box, TRUE);
  show_button (self, FALSE);

  run = g_new0 (Run, 1);
  run->window = g_object_ref (self);
  run->time_base = options.time_base;
  pm_leak_analyse_async (dataset, &options, self->leak_cancellable, analysed_cb, run);
}

/**
 * _pm_window_leaks_cancel:
 *
 * Stops the leak finder's run, if one is going (a new load, the window
 * closing). Its callback sees the cancellation and does nothing.
 */
void
_pm_window_leaks_cancel (PmWindow *self)
{
  if (self->leak_cancellable != NULL)
    g_cancellable_cancel (self->leak_cancellable);
  g_clear_object (&self->leak_cancellable);
}

/* A closed window is unrealized by gtk_window_destroy(), but is disposed
 * (which cancels too) only once its last reference goes, and a run holds
 * one until its callback: the close itself must stop the run. */
static void
unrealize_cb (PmWindow *self)
{
  _pm_window_leaks_cancel (self);
}

static void
leaks_changed_cb (PmWindow   *self,
                  GParamSpec *pspec,
                  PmSession  *session)
{
  g_autofree char *summary = pm_session_describe_leaks (session);
  PmLeakResult *leaks = pm_session_get_leaks (session);

  if (summary == NULL)
    {
      /* No answer: still looking, or nothing loaded. */
      if (self->leak_cancellable == NULL)
        gtk_widget_set_visible (self->leak_summary_box, FALSE);
      return;
    }

  gtk_label_set_text (self->leak_summary, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->leak_summary), summary);
  gtk_widget_set_visible (self->leak_summary_box, TRUE);
  show_button (self, leaks != NULL && (pm_leak_result_count (leaks, PM_LEAK_VERDICT_LEAK) +
                                       pm_leak_result_count (leaks, PM_LEAK_VERDICT_SUSPECT)) > 0);
}

static void
chart_requested_cb (PmWindow *self)
{
  pm_window_show_view (self, "chart");
  gtk_widget_grab_focus (GTK_WIDGET (self->chart_view));
}

static void
show_leaks_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  PmWindow *self = user_data;

  pm_window_show_view (self, "leaks");
  gtk_widget_child_focus (GTK_WIDGET (get_leaks_view (self)), GTK_DIR_TAB_FORWARD);
}

/* The Leaks page's few rules, once per display. */
static void
load_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "pm-leaks-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/poolmonviz/Viewer/pm-leaks-view.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "pm-leaks-css", g_object_ref (provider),
                          g_object_unref);
}

void
_pm_window_leaks_init (PmWindow *self)
{
  static const GActionEntry actions[] = {
    { "show-leaks", show_leaks_action },
  };
  GtkWidget *view = pm_leaks_view_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  pm_leaks_view_set_session (PM_LEAKS_VIEW (view), self->session);
  g_signal_connect_object (view, "chart-requested", G_CALLBACK (chart_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::leaks", G_CALLBACK (leaks_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* "since 10:00" is in the time base the window shows. */
  g_signal_connect_object (self->session, "notify::time-base", G_CALLBACK (leaks_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "unrealize", G_CALLBACK (unrealize_cb), NULL);

  pm_window_add_view (self, view, "leaks", "Leaks");

  /* A fourth page would widen the window by a switcher button: the
   * buttons take the width of their titles instead (pm-leaks-view.css). */
  gtk_widget_add_css_class (self->view_switcher, "view-switcher");
  load_css (GTK_WIDGET (self));
}

/**
 * pm_window_get_finding_leaks:
 *
 * Returns: %TRUE while the leak finder runs on the loaded dataset: the
 *   first view is complete once it answered
 */
gboolean
pm_window_get_finding_leaks (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), FALSE);

  return self->leak_cancellable != NULL;
}
