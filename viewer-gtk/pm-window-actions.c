/* pm-window-actions.c: what the window's menus, buttons and keys do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command is a "win." action, so a button, a menu item and a key
 * (accelerators are set in pm-application.c and listed in the shortcuts
 * window) all reach the same code.
 */
#include "pm-problems-dialog.h"
#include "pm-window-private.h"

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  PmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      /* Several folders: one series, or runs side by side (docs/runs.md). */
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (list);
      g_autofree GFile **files = g_new0 (GFile *, n + 1);

      for (guint i = 0; i < n; i++)
        files[i] = g_list_model_get_item (list, i);
      if (n > 0)
        pm_window_open_files (self, files, n);
      for (guint i = 0; i < n; i++)
        g_object_unref (files[i]);
    }

  g_object_unref (dialog);
}

/* A modal chooser of one or more folders, answered to @response (its
 * user data @self); the response unrefs the dialog. Open and Add Run. */
void
_pm_window_choose_folders (PmWindow   *self,
                           const char *title,
                           const char *accept,
                           GCallback   response)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        accept, "_Cancel");
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", response, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  _pm_window_choose_folders (user_data, "Open a Folder of Snapshots", "_Open",
                             G_CALLBACK (open_response_cb));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  const char *paths[] = { g_variant_get_string (param, NULL), NULL };

  pm_window_open_paths (PM_WINDOW (user_data), paths);
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static void
cancel_load_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  PmWindow *self = user_data;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
zoom_back_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  PmWindow *self = user_data;

  pm_session_zoom_back (self->session);
}

static void
zoom_home_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  PmWindow *self = user_data;

  pm_session_zoom_home (self->session);
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  pm_chart_view_zoom_by (PM_WINDOW (user_data)->chart_view, 0.5);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  pm_chart_view_zoom_by (PM_WINDOW (user_data)->chart_view, 2.0);
}

static void
pan_left_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  pm_chart_view_pan_by (PM_WINDOW (user_data)->chart_view, -0.25);
}

static void
pan_right_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  pm_chart_view_pan_by (PM_WINDOW (user_data)->chart_view, 0.25);
}

static void
log_scale_action (GSimpleAction *action,
                  GVariant      *state,
                  gpointer       user_data)
{
  g_simple_action_set_state (action, state);
  pm_session_set_log_scale (PM_WINDOW (user_data)->session, g_variant_get_boolean (state));
}

static void
total_axis_action (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  g_simple_action_set_state (action, state);
  pm_session_set_total_axis (PM_WINDOW (user_data)->session, g_variant_get_boolean (state));
}

static void
hide_total_action (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  g_simple_action_set_state (action, state);
  pm_session_set_hide_total (PM_WINDOW (user_data)->session, g_variant_get_boolean (state));
}

static void
time_base_action (GSimpleAction *action,
                  GVariant      *state,
                  gpointer       user_data)
{
  PmWindow *self = user_data;
  PmTimeBase base;

  /* The state is the time base's name, as the files and -ts spell it. */
  if (!pm_time_base_from_string (g_variant_get_string (state, NULL), &base))
    return;

  g_simple_action_set_state (action, state);
  pm_session_set_time_base (self->session, base);
  _pm_window_actions_update (self);
}

/* The activate handler of a boolean action without a parameter: flips its
 * state, which its change-state handler then applies. */
void
_pm_window_toggle_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));

  g_action_change_state (G_ACTION (action), g_variant_new_boolean (!g_variant_get_boolean (state)));
}

static void
find_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  pm_tag_table_view_focus_search (PM_WINDOW (user_data)->tag_table);
}

static void
reset_selection_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  pm_session_reset_selection (PM_WINDOW (user_data)->session);
}

static void
show_problems_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  PmWindow *self = user_data;
  PmDataset *dataset = pm_session_get_dataset (self->session);

  if (dataset != NULL)
    gtk_window_present (pm_problems_dialog_new (GTK_WINDOW (self), dataset));
}

static void
dismiss_banner_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  gtk_revealer_set_reveal_child (PM_WINDOW (user_data)->banner_revealer, FALSE);
}

static const GActionEntry win_actions[] = {
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "close", close_action },
  { "cancel-load", cancel_load_action },
  { "zoom-back", zoom_back_action },
  { "zoom-home", zoom_home_action },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "pan-left", pan_left_action },
  { "pan-right", pan_right_action },
  { "log-scale", _pm_window_toggle_action, NULL, "false", log_scale_action },
  { "hide-total", _pm_window_toggle_action, NULL, "false", hide_total_action },
  { "total-axis", _pm_window_toggle_action, NULL, "true", total_axis_action },
  { "time-base", NULL, "s", "'DateTimeUTC'", time_base_action },
  { "find", find_action },
  { "reset-selection", reset_selection_action },
  { "show-problems", show_problems_action },
  { "dismiss-banner", dismiss_banner_action },
};

static void
focus_changed_cb (PmWindow   *self,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  _pm_window_actions_update (self);
}

void
_pm_window_actions_init (PmWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  /* Which actions a key reaches depends on what has the focus (below). */
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_changed_cb), NULL);
}

static void
set_enabled (PmWindow   *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Actions follow the session: Back only with somewhere to go back to, the
 * chart's commands only with a chart. And while a text field has the focus
 * (the search, a spin button), the actions whose keys edit text there —
 * BackSpace (Back), Home, Ctrl+←/→ (pan) — are off: the application's
 * accelerators are seen before the focused widget, and an enabled action
 * would take the key from the text; a disabled one lets it through. */
void
_pm_window_actions_update (PmWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;
  PmDataset *dataset;
  gboolean have_data;
  gboolean several;
  gboolean typing;
  GAction *action;

  if (self->session == NULL || g_action_map_lookup_action (G_ACTION_MAP (self), "open") == NULL)
    return;

  dataset = pm_session_get_dataset (self->session);
  have_data = dataset != NULL;
  typing = GTK_IS_EDITABLE (gtk_root_get_focus (GTK_ROOT (self)));

  set_enabled (self, "cancel-load", self->loader != NULL);
  set_enabled (self, "zoom-back", pm_session_get_can_go_back (self->session) && !typing);
  set_enabled (self, "zoom-home", pm_session_get_zoomed (self->session) && !typing);
  set_enabled (self, "zoom-in", have_data);
  set_enabled (self, "zoom-out", have_data && pm_session_get_zoomed (self->session));
  set_enabled (self, "pan-left", have_data && !typing);
  set_enabled (self, "pan-right", have_data && !typing);
  set_enabled (self, "log-scale", have_data);
  set_enabled (self, "hide-total", have_data);
  set_enabled (self, "total-axis", have_data);
  set_enabled (self, "time-base", have_data &&
               pm_dataset_has_time_base (dataset, PM_TIME_BASE_UTC) &&
               pm_dataset_has_time_base (dataset, PM_TIME_BASE_LOCAL));
  set_enabled (self, "reset-selection", have_data);
  set_enabled (self, "show-problems", have_data && pm_dataset_get_n_problems (dataset) > 0);
  set_enabled (self, "export", have_data);
  /* Chart controls mean nothing without a chart: an empty window shows
   * only what opens data. */
  gtk_widget_set_visible (self->zoom_box, have_data);
  gtk_widget_set_visible (self->view_controls, have_data);
  /* With views beside the chart, their switcher takes the title's place
   * and what was loaded is told at the top of the side panel. */
  pages = gtk_stack_get_pages (self->view_stack);
  several = have_data && g_list_model_get_n_items (G_LIST_MODEL (pages)) > 1;
  gtk_stack_set_visible_child_name (self->title_stack, several ? "switcher" : "title");
  gtk_widget_set_visible (self->summary_box, several);

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "time-base");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (pm_time_base_to_string (
                                                     pm_session_get_time_base (self->session))));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "log-scale");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (pm_session_get_log_scale (self->session)));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "hide-total");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (pm_session_get_hide_total (self->session)));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "total-axis");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (pm_session_get_total_axis (self->session)));
}

void
_pm_window_update_recent (PmWindow *self)
{
  PmApplication *app = PM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_auto(GStrv) recent = NULL;
  g_autoptr(GMenu) section = g_menu_new ();

  if (app == NULL)
    return;

  recent = pm_user_state_get_recent (pm_application_get_user_state (app));
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = g_filename_display_name (recent[i]);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (section, item);
    }

  g_menu_remove_all (self->recent_menu);
  if (recent[0] != NULL)
    g_menu_append_section (self->recent_menu, "Recent Folders", G_MENU_MODEL (section));
  else
    g_menu_append (self->recent_menu, "No Recent Folders", "win.no-recent");
}
