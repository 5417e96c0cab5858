/* pm-window-follow.c: the Follow toggle, and the folder followed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window showing one folder can follow it while the sampler writes into
 * it (docs/follow.md): a PmFollower takes the loaded dataset and hands each
 * newer one to the session, which keeps the user's view
 * (pm_session_update_dataset()). The toggle in the header bar is on by
 * default when the newest snapshot is less than three intervals old
 * (--follow / --no-follow decide instead); a line beside it says how old
 * the newest snapshot is and warns when the sampler seems to have stopped
 * (no new snapshot for three intervals). The leak finder runs again after
 * new snapshots, one run at a time, as PmFollowSchedule says: at most every
 * two seconds and at most a tenth of the time; at once when the user turns
 * Follow off.
 */
#include "pm-window-private.h"

#define FOLLOW_KEY "pm-window-follow"

typedef struct
{
  PmWindow    *window;
  PmFollower  *follower;
  GtkWidget   *box;
  GtkWidget   *button;
  GtkWidget   *status;
  guint        timer;
  guint        leak_timer;      /* the next leak run, when the schedule allows */
  PmFollowSchedule schedule;
} Follow;

/* From the end of a leak run to the start of the next, at least. */
#define LEAK_INTERVAL (2 * G_USEC_PER_SEC)

static Follow *
get_follow (PmWindow *self)
{
  return g_object_get_data (G_OBJECT (self), FOLLOW_KEY);
}

static char *
format_age (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("from the future (the clocks differ)");
  if (seconds < 120)
    return g_strdup_printf ("%" G_GINT64_FORMAT " s old", seconds);
  if (seconds < 2 * 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT " min old", seconds / 60);
  if (seconds < 2 * 86400)
    return g_strdup_printf ("%" G_GINT64_FORMAT " h old", seconds / 3600);
  return g_strdup_printf ("%" G_GINT64_FORMAT " days old", seconds / 86400);
}

static void
update_status (Follow *f)
{
  PmDataset *dataset = f->follower != NULL ? pm_follower_get_dataset (f->follower) : NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC, newest, quiet;
  g_autofree char *age = NULL;
  g_autofree char *text = NULL;
  double interval;
  gboolean stopped;
  guint n;

  if (dataset == NULL || (n = pm_dataset_get_n_snapshots (dataset)) == 0 ||
      !pm_dataset_has_time_base (dataset, PM_TIME_BASE_UTC))
    {
      gtk_label_set_text (GTK_LABEL (f->status), "");
      return;
    }
  newest = pm_dataset_get_times (dataset, PM_TIME_BASE_UTC)[n - 1];
  interval = pm_dataset_get_recent_interval (dataset);
  age = format_age (now - newest);
  quiet = now - pm_follower_get_last_arrival (f->follower) / G_USEC_PER_SEC;
  stopped = pm_follower_get_running (f->follower) && interval > 0 && quiet > 3 * interval;
  if (stopped)
    text = g_strdup_printf ("Newest snapshot %s — no new one for %" G_GINT64_FORMAT
                            " s: the sampler seems to have stopped", age, quiet);
  else
    text = g_strdup_printf ("Newest snapshot %s", age);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (f->status)), text) != 0)
    gtk_label_set_text (GTK_LABEL (f->status), text);
  if (stopped)
    gtk_widget_add_css_class (f->status, "warning");
  else
    gtk_widget_remove_css_class (f->status, "warning");
}

static void maybe_find_leaks (Follow *f);

static gboolean
leak_timer_cb (gpointer data)
{
  Follow *f = data;

  f->leak_timer = 0;
  maybe_find_leaks (f);
  return G_SOURCE_REMOVE;
}

/* The leak finder once more, when new snapshots came (or the user asked)
 * and the schedule allows; else a timer for when it will. A run under way
 * (also the one after a load) calls back at its end. */
static void
maybe_find_leaks (Follow *f)
{
  PmWindow *self = f->window;
  gint64 wait;

  if (self->leak_cancellable != NULL)
    return;
  wait = pm_follow_schedule_wait (&f->schedule, g_get_monotonic_time ());
  if (wait < 0)
    return;
  if (wait > 0)
    {
      if (f->leak_timer == 0)
        f->leak_timer = g_timeout_add ((guint) MIN (wait / 1000 + 1, G_MAXUINT),
                                       leak_timer_cb, f);
      return;
    }
  g_clear_handle_id (&f->leak_timer, g_source_remove);
  pm_follow_schedule_started (&f->schedule);
  _pm_window_leaks_start (self);
}

static gboolean
tick_cb (gpointer data)
{
  Follow *f = data;

  update_status (f);
  maybe_find_leaks (f);
  return G_SOURCE_CONTINUE;
}

static void
changed_cb (PmFollower *follower,
            PmDataset  *dataset,
            guint       n_added,
            gboolean    reloaded,
            Follow     *f)
{
  /* Snapshots appended: the tag figures are carried on over them alone; a
   * load again in full may have changed the snapshots before. */
  if (reloaded)
    pm_session_update_dataset (f->window->session, dataset);
  else
    pm_session_append_dataset (f->window->session, dataset);
  pm_follow_schedule_data_came (&f->schedule);
  maybe_find_leaks (f);
  update_status (f);
}

static void
failed_cb (PmFollower *follower,
           const char *message,
           Follow     *f)
{
  g_autofree char *text = g_strdup_printf ("Following the folder: %s", message);

  _pm_window_show_banner (f->window, text, FALSE);
}

static void
toggled_cb (GtkToggleButton *button,
            Follow          *f)
{
  if (f->follower == NULL)
    return;
  if (gtk_toggle_button_get_active (button))
    pm_follower_start (f->follower);
  else
    {
      /* What came last is judged now, without the wait. */
      pm_follower_stop (f->follower);
      if (f->schedule.dirty)
        pm_follow_schedule_ask (&f->schedule);
      maybe_find_leaks (f);
    }
  update_status (f);
}

static void
drop_follower (Follow *f)
{
  if (f->follower == NULL)
    return;
  g_signal_handlers_disconnect_by_data (f->follower, f);
  pm_follower_stop (f->follower);
  g_clear_object (&f->follower);
}

/* Whether the data looks live: the newest snapshot less than three
 * intervals old. */
static gboolean
looks_live (PmDataset *dataset)
{
  guint n = pm_dataset_get_n_snapshots (dataset);
  double interval = pm_dataset_get_recent_interval (dataset);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return n > 0 && interval > 0 && pm_dataset_has_time_base (dataset, PM_TIME_BASE_UTC) &&
         now - pm_dataset_get_times (dataset, PM_TIME_BASE_UTC)[n - 1] < 3 * interval;
}

static void
load_finished_cb (PmWindow     *self,
                  PmDataset    *dataset,
                  const GError *error,
                  Follow       *f)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  int mode = PM_IS_APPLICATION (app) ? pm_application_get_follow_mode (PM_APPLICATION (app)) : -1;
  gboolean one_folder;
  gboolean on;

  if (dataset == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  drop_follower (f);
  g_clear_handle_id (&f->leak_timer, g_source_remove);
  pm_follow_schedule_init (&f->schedule, LEAK_INTERVAL);
  one_folder = dataset != NULL && self->paths != NULL && self->paths[0] != NULL &&
               self->paths[1] == NULL && g_file_test (self->paths[0], G_FILE_TEST_IS_DIR);
  gtk_widget_set_visible (f->box, one_folder);
  if (!one_folder)
    return;

  f->follower = pm_follower_new (self->paths[0]);
  pm_follower_set_use_store (f->follower,
                             !PM_IS_APPLICATION (app) ||
                             pm_application_get_use_store (PM_APPLICATION (app)));
  pm_follower_set_loaded (f->follower, dataset);
  g_signal_connect (f->follower, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->follower, "failed", G_CALLBACK (failed_cb), f);

  on = mode >= 0 ? mode == 1 : looks_live (dataset);
  g_signal_handlers_block_by_func (f->button, toggled_cb, f);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (f->button), on);
  g_signal_handlers_unblock_by_func (f->button, toggled_cb, f);
  if (on)
    pm_follower_start (f->follower);
  update_status (f);
}

static void
follow_free (Follow *f)
{
  g_clear_handle_id (&f->timer, g_source_remove);
  g_clear_handle_id (&f->leak_timer, g_source_remove);
  drop_follower (f);
  g_free (f);
}

/**
 * _pm_window_follow_init:
 *
 * Puts the Follow toggle and its status line in the header bar.
 */
void
_pm_window_follow_init (PmWindow *self)
{
  Follow *f = g_new0 (Follow, 1);

  f->window = self;
  pm_follow_schedule_init (&f->schedule, LEAK_INTERVAL);
  f->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  f->status = gtk_label_new ("");
  gtk_widget_add_css_class (f->status, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (f->status), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (f->status), 48);
  f->button = gtk_toggle_button_new_with_mnemonic ("_Follow");
  gtk_widget_set_tooltip_text (f->button,
                               "Follow the folder: show new snapshots as the sampler writes them");
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Follow the folder",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "Show new snapshot files as the sampler writes them",
                                  -1);
  gtk_box_append (GTK_BOX (f->box), f->status);
  gtk_box_append (GTK_BOX (f->box), f->button);
  gtk_widget_set_visible (f->box, FALSE);
  gtk_header_bar_pack_end (self->header_bar, f->box);
  g_signal_connect (f->button, "toggled", G_CALLBACK (toggled_cb), f);
  g_signal_connect_after (self, "load-finished", G_CALLBACK (load_finished_cb), f);
  f->timer = g_timeout_add_seconds (1, tick_cb, f);
  g_object_set_data_full (G_OBJECT (self), FOLLOW_KEY, f, (GDestroyNotify) follow_free);
}

/**
 * _pm_window_follow_dispose:
 *
 * Stops following (before the session goes).
 */
void
_pm_window_follow_dispose (PmWindow *self)
{
  Follow *f = get_follow (self);

  if (f == NULL)
    return;
  g_clear_handle_id (&f->timer, g_source_remove);
  g_clear_handle_id (&f->leak_timer, g_source_remove);
  drop_follower (f);
}

/**
 * _pm_window_follow_leaks_done:
 *
 * A leak run of the window ended (not cancelled): what it took spaces the
 * next run while following.
 */
void
_pm_window_follow_leaks_done (PmWindow *self)
{
  Follow *f = get_follow (self);
  gint64 now = g_get_monotonic_time ();

  if (f == NULL)
    return;
  pm_follow_schedule_finished (&f->schedule, now, now - self->leak_started);
  if (f->follower != NULL)
    maybe_find_leaks (f);
}

/**
 * pm_window_get_follow_button:
 *
 * Returns: (transfer none): the Follow toggle (for the test probe)
 */
GtkWidget *
pm_window_get_follow_button (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return get_follow (self)->button;
}

/**
 * pm_window_get_follow_status:
 *
 * Returns: (transfer none): the line saying how old the newest snapshot is
 */
GtkWidget *
pm_window_get_follow_status (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return get_follow (self)->status;
}
